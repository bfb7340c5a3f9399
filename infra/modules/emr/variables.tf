variable "name" {
  description = "Name prefix of every resource, e.g. builditall-dev."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}[a-z0-9]$", var.name))
    error_message = "name must be 4-32 lower-case letters, digits or hyphens, starting with a letter."
  }
}

variable "vpc_id" {
  description = "VPC the clusters run in (private subnets, chosen by the DAG)."
  type        = string
}

variable "lake_bucket_name" {
  description = "Lake bucket the jobs read and write."
  type        = string
}

variable "lake_kms_key_arn" {
  description = "Key of the lake bucket; also encrypts cluster local disks."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:", var.lake_kms_key_arn))
    error_message = "lake_kms_key_arn must be a KMS key ARN."
  }
}

variable "read_prefixes" {
  description = "Lake prefixes cluster nodes may read."
  type        = list(string)
  default     = ["raw", "curated", "marts", "quality", "etl"]
}

variable "write_prefixes" {
  description = "Lake prefixes cluster nodes may write and delete in (generate writes raw/, transform curated/ and marts/, quality quality/, Spark logs/)."
  type        = list(string)
  default     = ["raw", "curated", "marts", "quality", "logs"]
}

variable "in_transit_certificate_key" {
  description = "Key, in the lake bucket, of the zip of PEM files EMR uses for in-transit TLS (privateKey.pem, certificateChain.pem, trustedCertificates.pem; infra/scripts/dev-pki.sh emr makes one)."
  type        = string
  default     = "etl/emr-tls/certs.zip"

  validation {
    condition     = can(regex("^etl/.+\\.zip$", var.in_transit_certificate_key))
    error_message = "in_transit_certificate_key must be a .zip under etl/ (the prefix nodes can read)."
  }
}

variable "metrics_namespace" {
  description = "CloudWatch namespace jobs may publish metrics to."
  type        = string
  default     = "BuildItAll/Platform"
}

variable "tags" {
  description = "Tags added to every taggable resource of the module."
  type        = map(string)
  default     = {}
}
