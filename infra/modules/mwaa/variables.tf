variable "name" {
  description = "Name prefix of every resource, e.g. builditall-dev; the environment is called <name>-airflow."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}[a-z0-9]$", var.name))
    error_message = "name must be 4-32 lower-case letters, digits or hyphens, starting with a letter."
  }
}

variable "airflow_version" {
  description = "Airflow version MWAA runs; must equal apache-airflow in requirements.lock (a test compares them)."
  type        = string
  default     = "3.0.6"

  validation {
    condition     = can(regex("^[0-9]+\\.[0-9]+\\.[0-9]+$", var.airflow_version))
    error_message = "airflow_version must look like 3.0.6."
  }
}

variable "environment_class" {
  description = "MWAA environment class (mw1.micro: 25 DAGs, 3 concurrent tasks, one worker sharing the scheduler's container, no scaling out)."
  type        = string
  default     = "mw1.small"

  validation {
    condition     = contains(["mw1.micro", "mw1.small", "mw1.medium", "mw1.large", "mw1.xlarge", "mw1.2xlarge"], var.environment_class)
    error_message = "environment_class must be one of mw1.micro, mw1.small, mw1.medium, mw1.large, mw1.xlarge, mw1.2xlarge."
  }
}

variable "min_workers" {
  description = "Workers always running."
  type        = number
  default     = 1
}

variable "max_workers" {
  description = "Workers MWAA may scale out to."
  type        = number
  default     = 3

  validation {
    condition     = var.max_workers >= 1 && var.max_workers <= 25
    error_message = "max_workers must be between 1 and 25."
  }

  # mw1.micro runs its one worker inside the scheduler's container and does not scale out.
  validation {
    condition     = var.environment_class != "mw1.micro" || (var.max_workers == 1 && var.min_workers == 1)
    error_message = "mw1.micro has exactly one worker: min_workers and max_workers must be 1."
  }
}

variable "vpc_id" {
  description = "VPC of the environment."
  type        = string
}

variable "subnet_ids" {
  description = "Exactly two private subnets in different zones (an MWAA requirement)."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) == 2
    error_message = "MWAA needs exactly two private subnets."
  }
}

variable "web_client_security_group_ids" {
  description = "Security groups admitted to the private web server and CLI endpoint on 443 (the VPN, the portal)."
  type        = list(string)
  default     = []
}

variable "lake_bucket_name" {
  description = "Lake bucket holding dags/ (and dags/requirements.txt)."
  type        = string
}

variable "lake_kms_key_arn" {
  description = "Key of the lake bucket."
  type        = string
}

variable "requirements_txt" {
  description = "Content of dags/requirements.txt. MWAA applies the Airflow constraints file itself (which pins the version); besides preinstalled providers, `airflow dags show` needs graphviz for the portal's DAG graph."
  type        = string
  default     = "# Extra PyPI packages. MWAA installs these under the constraints of its Airflow version.\ngraphviz\n"
}

variable "emr_role_arns" {
  description = "EMR service role and instance role the DAGs pass to RunJobFlow."
  type        = list(string)
}

variable "dag_readable_prefixes" {
  description = "Lake prefixes DAG tasks read besides dags/ (raw/_manifest.json for the records count, quality reports, cluster logs)."
  type        = list(string)
  default     = ["raw", "quality", "logs"]
}

variable "airflow_variables" {
  description = "Airflow Variables the DAGs read at run time (settings.py: platform_target, lake_bucket, emr_*), served from SSM Parameter Store by the secrets backend."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k in keys(var.airflow_variables) : can(regex("^[a-z][a-z0-9_]*$", k))])
    error_message = "airflow_variables keys must be lower-case snake_case names."
  }
}

variable "log_level" {
  description = "Level of the scheduler, worker, web server and DAG processing logs."
  type        = string
  default     = "INFO"

  validation {
    condition     = contains(["CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG"], var.log_level)
    error_message = "log_level must be CRITICAL, ERROR, WARNING, INFO or DEBUG."
  }
}

variable "tags" {
  description = "Tags added to every taggable resource of the module."
  type        = map(string)
  default     = {}
}
