variable "name" {
  description = "Name prefix of every resource, e.g. builditall-dev."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}[a-z0-9]$", var.name))
    error_message = "name must be 4-32 lower-case letters, digits or hyphens, starting with a letter."
  }
}

variable "alert_emails" {
  description = "Addresses subscribed to the alert topic (each must confirm) and told by the budget."
  type        = list(string)

  validation {
    condition     = length(var.alert_emails) >= 1 && alltrue([for e in var.alert_emails : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", e))])
    error_message = "alert_emails must hold at least one e-mail address."
  }
}

variable "metrics_namespace" {
  description = "Namespace the pipeline publishes its metrics to."
  type        = string
  default     = "BuildItAll/Platform"
}

variable "dag_run_failed_metric" {
  description = "Metric (dimension DagId, unit Count, 1 per failed run) the pipeline publishes for each failed DAG run."
  type        = string
  default     = "DagRunFailed"
}

variable "emr_idle_minutes" {
  description = "Minutes a cluster may sit idle before the alarm fires (multiple of 5)."
  type        = number
  default     = 30

  validation {
    condition     = var.emr_idle_minutes >= 5 && var.emr_idle_minutes % 5 == 0
    error_message = "emr_idle_minutes must be a positive multiple of 5."
  }
}

variable "rds_instance_identifier" {
  description = "RDS instance watched for CPU and free storage."
  type        = string
}

variable "rds_cpu_percent_threshold" {
  description = "Average CPU over 15 minutes above which the database alarm fires."
  type        = number
  default     = 80

  validation {
    condition     = var.rds_cpu_percent_threshold > 0 && var.rds_cpu_percent_threshold <= 100
    error_message = "rds_cpu_percent_threshold must be between 0 and 100."
  }
}

variable "rds_free_storage_bytes_threshold" {
  description = "Free storage below which the database alarm fires."
  type        = number
  default     = 2147483648 # 2 GiB
}

variable "nat_gateway_ids" {
  description = "NAT gateways watched for port-allocation errors and dropped packets, keyed by zone."
  type        = map(string)
}

variable "nat_dropped_packets_threshold" {
  description = "Packets dropped by a NAT gateway in 5 minutes above which the alarm fires."
  type        = number
  default     = 100
}

variable "monthly_budget_usd" {
  description = "Monthly cost budget in USD."
  type        = number

  validation {
    condition     = var.monthly_budget_usd > 0
    error_message = "monthly_budget_usd must be positive."
  }
}

variable "budget_cost_filter" {
  description = "Optional cost filter of the budget, e.g. { name = \"TagKeyValue\", values = [\"user:Environment$prod\"] } once the tag is activated for cost allocation. Null: the whole account."
  type = object({
    name   = string
    values = list(string)
  })
  default = null
}

variable "kms_key_arn" {
  description = "Key encrypting the alert topic (the platform key, which admits CloudWatch and Budgets)."
  type        = string
}

variable "tags" {
  description = "Tags added to every taggable resource of the module."
  type        = map(string)
  default     = {}
}
