/** The dashboard's split of the platform's cost, by AWS service. */
export const SERVICES = ["emr", "s3", "mwaa", "rds", "network", "portal", "transfer"] as const;
export type Service = (typeof SERVICES)[number];
export const SERVICE_LABELS: Record<Service, string> = {
  emr: "EMR compute",
  s3: "S3 storage",
  mwaa: "MWAA",
  rds: "RDS",
  network: "NAT, endpoints and VPN",
  portal: "Portal, keys and alarms",
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

/** How each service bills: the estate whether or not anything runs, the pipeline's runs, or what is stored and moved. */
export const SERVICE_KIND: Record<Service, "fixed" | "perRun" | "usage"> = {
  emr: "perRun",
  s3: "usage",
  mwaa: "fixed",
  rds: "fixed",
  network: "fixed",
  portal: "fixed",
  transfer: "usage",
};
