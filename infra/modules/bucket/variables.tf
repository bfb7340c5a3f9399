variable "name" {
  description = "Bucket name (globally unique)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.name)) && !strcontains(var.name, "..")
    error_message = "name must be 3-63 lower-case letters, digits, dots or hyphens."
  }
}

variable "access_log_target" {
  description = "The bucket receives access logs: SSE-S3 instead of its own KMS key (log delivery accepts no KMS key), not logged itself, S3 log delivery allowed under s3/, logs expired after log_expiration_days."
  type        = bool
  default     = false
}

variable "access_log_bucket" {
  description = "Bucket receiving this bucket's server access logs; required unless access_log_target."
  type        = string
  default     = null

  validation {
    condition     = var.access_log_target == (var.access_log_bucket == null)
    error_message = "access_log_bucket must be set, and null only on an access-log target."
  }
}

variable "log_expiration_days" {
  description = "Days an access-log target keeps logs."
  type        = number
  default     = 365

  validation {
    condition     = var.log_expiration_days >= 1
    error_message = "log_expiration_days must be at least 1."
  }
}

variable "policy_statements_json" {
  description = "Extra bucket policy statements (an IAM policy document JSON); the TLS-only statement is always added."
  type        = string
  default     = null
}

variable "force_destroy" {
  description = "Allow destroying the bucket while it still holds objects (dev only)."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags added to every taggable resource of the module."
  type        = map(string)
  default     = {}
}
