/** The dashboard's split of the platform's cost, by AWS service. */
export const SERVICES = ["emr", "s3", "mwaa", "rds", "network", "transfer"] as const;
export type Service = (typeof SERVICES)[number];
export const SERVICE_LABELS: Record<Service, string> = {
  emr: "EMR compute",
  s3: "S3 storage",
  mwaa: "MWAA",
  rds: "RDS",
  network: "NAT and VPN",
  transfer: "Data transfer",
};
