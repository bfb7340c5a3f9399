variable "name" {
  description = "Name prefix of every resource, e.g. builditall-dev; the instance is <name>-portal."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}[a-z0-9]$", var.name))
    error_message = "name must be 4-32 lower-case letters, digits or hyphens, starting with a letter."
  }
}

variable "vpc_id" {
  description = "VPC of the database."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets of the DB subnet group (two zones)."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "RDS needs subnets in at least two zones."
  }
}

variable "client_security_group_ids" {
  description = "Security groups admitted on the Postgres port (the portal tasks)."
  type        = list(string)
}

variable "engine_version" {
  description = "PostgreSQL major version; minor versions are upgraded automatically."
  type        = string
  default     = "17"

  validation {
    condition     = can(regex("^1[4-9]$", var.engine_version))
    error_message = "engine_version must be a PostgreSQL major version from 14 up."
  }
}

variable "instance_class" {
  description = "Instance class."
  type        = string
  default     = "db.t4g.micro"

  validation {
    condition     = startswith(var.instance_class, "db.")
    error_message = "instance_class must be an RDS class such as db.t4g.micro."
  }
}

variable "allocated_storage_gb" {
  description = "Initial gp3 storage in GiB."
  type        = number
  default     = 20

  validation {
    condition     = var.allocated_storage_gb >= 20
    error_message = "allocated_storage_gb must be at least 20."
  }
}

variable "max_allocated_storage_gb" {
  description = "Storage autoscaling ceiling in GiB."
  type        = number
  default     = 100
}

variable "database_name" {
  description = "Database the portal uses."
  type        = string
  default     = "portal"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,62}$", var.database_name))
    error_message = "database_name must be a lower-case Postgres identifier."
  }
}

variable "master_username" {
  description = "Master user; its password is generated and rotated by RDS in Secrets Manager."
  type        = string
  default     = "portal_admin"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,15}$", var.master_username)) && var.master_username != "postgres"
    error_message = "master_username must be a lower-case identifier of up to 16 characters, not postgres."
  }
}

variable "multi_az" {
  description = "Standby in the second zone."
  type        = bool
  default     = false
}

variable "deletion_protection" {
  description = "Refuse deletion of the instance (on in prod)."
  type        = bool
  default     = true
}

variable "backup_retention_days" {
  description = "Days automated backups are kept."
  type        = number
  default     = 7

  validation {
    condition     = var.backup_retention_days >= 1 && var.backup_retention_days <= 35
    error_message = "backup_retention_days must be between 1 and 35."
  }
}

variable "kms_key_arn" {
  description = "Key encrypting storage, Performance Insights and the master secret (the platform key)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN."
  }
}

variable "tags" {
  description = "Tags added to every taggable resource of the module."
  type        = map(string)
  default     = {}
}
