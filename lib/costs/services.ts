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

/** AWS/Billing's ServiceName values and the dashboard's service each falls under. */
export const BILLING_SERVICES = {
  ElasticMapReduce: "emr",
  AmazonEC2: "emr",
  AmazonS3: "s3",
  AmazonMWAA: "mwaa",
  AmazonRDS: "rds",
  AmazonVPC: "network",
  AWSDataTransfer: "transfer",
} as const;

/** The lake's top-level prefixes (ARCHITECTURE.md), sized one by one where the source can. */
export const LAKE_PREFIXES = ["raw/", "curated/", "marts/", "quality/", "etl/", "dags/", "logs/"] as const;
