/** What every adapter offers the Status page: a cheap call that proves its source answers. */
export interface Probe {
  /** Which implementation answers: "local" or "aws". */
  readonly adapter: "local" | "aws";
  /** Resolves when the source answers; the message says what was reached. */
  probe(): Promise<string>;
}
