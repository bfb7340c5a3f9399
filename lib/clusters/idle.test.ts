import { describe, expect, it } from "vitest";
import { idleSeconds, isIdleTooLong } from "./idle";

const t = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 0, minutes));

describe("idle seconds", () => {
  it("counts ready time not covered by steps", () => {
    const steps = [
      { startedAt: t(10), endedAt: t(20) },
      { startedAt: t(25), endedAt: t(40) },
    ];
    // ready 5 → end 50: 45 min, steps busy 25 min
    expect(idleSeconds({ readyAt: t(5), endedAt: t(50) }, steps, t(99))).toBe(20 * 60);
  });
  it("counts a running step up to now and a live cluster up to now", () => {
    expect(idleSeconds({ readyAt: t(0), endedAt: null }, [{ startedAt: t(10), endedAt: null }], t(30))).toBe(10 * 60);
  });
  it("is zero for a cluster that never became ready", () => {
    expect(idleSeconds({ readyAt: null, endedAt: t(9) }, [], t(30))).toBe(0);
  });
});

describe("idle flag", () => {
  it("flags a cluster idle beyond the threshold, not one within it nor a busy one", () => {
    expect(isIdleTooLong({ idleSince: t(0) }, 30, t(31))).toBe(true);
    expect(isIdleTooLong({ idleSince: t(0) }, 30, t(29))).toBe(false);
    expect(isIdleTooLong({ idleSince: null }, 30, t(999))).toBe(false);
  });
});
