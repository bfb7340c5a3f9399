import type { Probe } from "../probe";

/** CloudWatch's three alarm states, in its own words. */
export const ALARM_STATES = ["OK", "ALARM", "INSUFFICIENT_DATA"] as const;
export type AlarmState = (typeof ALARM_STATES)[number];

export interface Alarm {
  name: string;
  description: string | null;
  state: AlarmState;
  /** Why the alarm is in its state, as its source words it. */
  reason: string;
  /**
   * When the alarm entered its state (CloudWatch's StateUpdatedTimestamp); null when the source has
   * no such moment (a local alarm that has never fired).
   */
  since: Date | null;
  /** What it watches: `namespace metric (dimensions)`, or the Metrics Insights query. */
  metric: string;
  /** The rule: comparison, threshold and evaluation window, e.g. `≥ 1 over 1 × 300 s`. */
  condition: string;
}

/** The estate's alarms: CloudWatch DescribeAlarms, or the alarms the local estate can evaluate itself. */
export interface Alarms extends Probe {
  /** Every alarm of the estate, by name. */
  list(): Promise<Alarm[]>;
}
