const COMPARISONS: Record<string, string> = {
  GreaterThanOrEqualToThreshold: "≥",
  GreaterThanThreshold: ">",
  LessThanThreshold: "<",
  LessThanOrEqualToThreshold: "≤",
};

/** An alarm's rule in one line, as both adapters word it: `≥ 1 over 6 × 300 s`. */
export function describeCondition(comparison: string, threshold: number | undefined, periods: number | undefined, periodSeconds: number | undefined): string {
  const op = COMPARISONS[comparison] ?? comparison;
  const window = periods && periodSeconds ? ` over ${periods} × ${periodSeconds} s` : "";
  return `${op} ${threshold ?? "?"}${window}`;
}
