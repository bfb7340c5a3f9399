variable "bucket_name" {
  description = "Name of the lake bucket (globally unique)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,48}[a-z0-9]$", var.bucket_name)) && !strcontains(var.bucket_name, "..")
    error_message = "bucket_name must be 3-50 lower-case letters, digits, dots or hyphens (room is left for the -access-logs suffix)."
  }
}

variable "prefixes" {
  description = "Top-level prefixes of the lake, created as empty folder markers."
  type        = set(string)
  default     = ["raw", "curated", "marts", "quality", "etl", "dags", "logs"]

  validation {
    condition     = alltrue([for p in var.prefixes : can(regex("^[a-z][a-z0-9_-]*$", p))])
    error_message = "prefixes must be bare folder names such as raw, without slashes."
  }
}

variable "raw_to_infrequent_access_days" {
  description = "Days after which raw/ objects move to STANDARD_IA (S3 requires at least 30)."
  type        = number
  default     = 30

  validation {
    condition     = var.raw_to_infrequent_access_days >= 30
    error_message = "raw_to_infrequent_access_days must be at least 30."
  }
}

variable "raw_to_glacier_days" {
  description = "Days after which raw/ objects move to Glacier Flexible Retrieval."
  type        = number
  default     = 90
}

variable "noncurrent_version_expiration_days" {
  description = "Days a replaced or deleted object version is kept before it expires."
  type        = number
  default     = 90

  validation {
    condition     = var.noncurrent_version_expiration_days >= 1
    error_message = "noncurrent_version_expiration_days must be at least 1."
  }
}

variable "logs_expiration_days" {
  description = "Days objects under logs/ (Spark and cluster logs) are kept."
  type        = number
  default     = 365
}

variable "access_log_expiration_days" {
  description = "Days S3 and load balancer access logs are kept in the access-log bucket."
  type        = number
  default     = 365
}

variable "force_destroy" {
  description = "Allow destroying non-empty buckets (dev only)."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags added to every taggable resource of the module."
  type        = map(string)
  default     = {}
}
