import { describe, expect, it } from "vitest";
import { recentResults } from "./recent";

describe("recent results", () => {
  it("calls the source once per key and interval, sharing the call in flight", async () => {
    let calls = 0;
    const recent = recentResults<number>(1000);
    const source = () => new Promise<number>((r) => setTimeout(() => r(++calls), 5));
    const answers = await Promise.all(Array.from({ length: 10 }, () => recent("a", source, 0)));
    expect(answers).toEqual(Array(10).fill(1));
    expect(await recent("a", source, 999)).toBe(1);
    expect(await recent("b", source, 999)).toBe(2);
    expect(await recent("a", source, 1000)).toBe(3);
  });

  it("keeps at most maxKeys keys", async () => {
    let calls = 0;
    const recent = recentResults<number>(1000, 2);
    const source = async () => ++calls;
    await recent("a", source, 0);
    await recent("b", source, 0);
    await recent("c", source, 0);
    expect(await recent("a", source, 1)).toBe(4);
  });
});
