variable "name" {
  description = "Name prefix of every resource, e.g. builditall-dev."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}[a-z0-9]$", var.name))
    error_message = "name must be 4-32 lower-case letters, digits or hyphens, starting with a letter."
  }
}

# ---- network -----------------------------------------------------------------------------------

variable "vpc_id" {
  description = "VPC of the service."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets of the load balancer and the tasks (two zones)."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "An application load balancer needs subnets in two zones."
  }
}

variable "vpn_security_group_id" {
  description = "Security group of the Client VPN: the only source admitted by the load balancer."
  type        = string
}

variable "database_security_group_id" {
  description = "Security group of the database, the tasks' only Postgres destination."
  type        = string
}

# ---- service -----------------------------------------------------------------------------------

variable "domain_name" {
  description = "Host name engineers use for the portal (resolves to the internal load balancer); NEXTAUTH_URL is https://<domain_name>."
  type        = string

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,}$", var.domain_name))
    error_message = "domain_name must be a lower-case DNS name such as portal.dev.example.com."
  }
}

variable "certificate_arn" {
  description = "ACM certificate for domain_name, served by the HTTPS listener."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:acm:", var.certificate_arn))
    error_message = "certificate_arn must be an ACM certificate ARN."
  }
}

variable "image_tag" {
  description = "Tag of the portal image in the module's ECR repository (tags are immutable)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.image_tag)) && var.image_tag != "latest"
    error_message = "image_tag must be a valid image tag other than latest."
  }
}

variable "cpu" {
  description = "Fargate CPU units per task."
  type        = number
  default     = 512

  validation {
    condition     = contains([256, 512, 1024, 2048, 4096], var.cpu)
    error_message = "cpu must be 256, 512, 1024, 2048 or 4096."
  }
}

variable "memory" {
  description = "Fargate memory per task, MiB (must suit cpu)."
  type        = number
  default     = 1024
}

variable "desired_count" {
  description = "Tasks running; two or more so the syncs fail over (see ARCHITECTURE.md)."
  type        = number
  default     = 2

  validation {
    condition     = var.desired_count >= 1
    error_message = "desired_count must be at least 1."
  }
}

variable "writable_paths" {
  description = "Paths mounted as task-local scratch volumes; the root file system is read-only."
  type        = list(string)
  default     = ["/tmp", "/app/.next/cache"]
}

variable "database_ca_bundle_path" {
  description = "Path, inside the image, of the Amazon RDS CA bundle, given to Node as NODE_EXTRA_CA_CERTS so sslmode=verify-full succeeds."
  type        = string
  default     = "/app/certs/rds-global-bundle.pem"
}

variable "deletion_protection" {
  description = "Refuse deletion of the load balancer."
  type        = bool
  default     = true
}

# ---- what the portal talks to ------------------------------------------------------------------

variable "lake_bucket_names" {
  description = "Buckets shown in the portal (LAKE_BUCKETS)."
  type        = list(string)

  validation {
    condition     = length(var.lake_bucket_names) >= 1
    error_message = "lake_bucket_names must name at least one bucket."
  }
}

variable "lake_kms_key_arn" {
  description = "Key of the lake bucket."
  type        = string
}

variable "mwaa_environment_name" {
  description = "MWAA environment the portal drives (MWAA_ENVIRONMENT)."
  type        = string
}

variable "environment" {
  description = "dev or prod: whose always-on estate the cost dashboards estimate when AWS/Billing does not measure it (ESTATE_ENVIRONMENT)."
  type        = string

  validation {
    condition     = contains(["dev", "prod"], var.environment)
    error_message = "environment is dev or prod (lib/costs/estate.json has those two)."
  }
}

variable "alarm_name_prefix" {
  description = "Prefix of the estate's CloudWatch alarms (the monitoring module's <name>-), listed on the Status page (ALARM_NAME_PREFIX)."
  type        = string
}

variable "budget_name" {
  description = "The environment's monthly budget (the monitoring module's budget_name), shown to leads on the Costs page (BUDGET_NAME)."
  type        = string
}

variable "database" {
  description = "Portal database: endpoint host, port, database name and the RDS-managed secret (JSON username/password)."
  type = object({
    host       = string
    port       = number
    name       = string
    secret_arn = string
  })
}

variable "oidc_issuer" {
  description = "OIDC issuer URL (Cognito user pool or Entra ID tenant)."
  type        = string

  validation {
    condition     = startswith(var.oidc_issuer, "https://")
    error_message = "oidc_issuer must be an https URL."
  }
}

variable "oidc_client_id" {
  description = "OIDC client ID of the portal."
  type        = string
}

variable "oidc_groups_claim" {
  description = "ID token claim listing a person's groups (OIDC_GROUPS_CLAIM): cognito:groups for Cognito, roles for Entra ID app roles."
  type        = string
  default     = "cognito:groups"
}

variable "oidc_role_map" {
  description = "Which IdP group gives which portal role, group=role,group=role (OIDC_ROLE_MAP; roles: viewer, engineer, lead, admin). The first admin is a member of the group mapped to admin (docs/deploy.md)."
  type        = string

  validation {
    condition     = can(regex("^\\s*[^=,]+=(viewer|engineer|lead|admin)\\s*(,\\s*[^=,]+=(viewer|engineer|lead|admin)\\s*)*$", var.oidc_role_map))
    error_message = "oidc_role_map must be group=role,group=role with roles among viewer, engineer, lead, admin."
  }
}

variable "kms_key_arn" {
  description = "Platform key: encrypts the secrets, the log group and the image repository."
  type        = string
}

variable "access_logs_bucket_name" {
  description = "Bucket receiving the load balancer's access logs under alb/."
  type        = string
}

variable "log_retention_days" {
  description = "Days container logs are kept."
  type        = number
  default     = 365

  validation {
    condition     = var.log_retention_days >= 365
    error_message = "log_retention_days must be at least 365."
  }
}

variable "tags" {
  description = "Tags added to every taggable resource of the module."
  type        = map(string)
  default     = {}
}
