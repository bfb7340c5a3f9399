# ---- identity of the estate --------------------------------------------------------------------

variable "project" {
  description = "Project name, first part of every resource name."
  type        = string
  default     = "builditall"

  validation {
    condition     = can(regex("^[a-z][a-z0-9]{2,15}$", var.project))
    error_message = "project must be 3-16 lower-case letters or digits."
  }
}

variable "environment" {
  description = "Environment name (dev, prod)."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be dev, staging or prod."
  }
}

variable "availability_zones" {
  description = "Two availability zones of the region."
  type        = list(string)
}

# ---- lake --------------------------------------------------------------------------------------

variable "lake_bucket_name" {
  description = "Globally unique name of the lake bucket."
  type        = string
}

variable "force_destroy_buckets" {
  description = "Allow destroying non-empty buckets (dev only)."
  type        = bool
  default     = false
}

# ---- sizes that differ per environment ---------------------------------------------------------

variable "mwaa_environment_class" {
  description = "MWAA environment class."
  type        = string
  default     = "mw1.small"
}

variable "mwaa_max_workers" {
  description = "MWAA worker ceiling."
  type        = number
  default     = 3
}

variable "rds_instance_class" {
  description = "Instance class of the portal database."
  type        = string
  default     = "db.t4g.micro"
}

variable "rds_multi_az" {
  description = "Standby database in the second zone."
  type        = bool
  default     = false
}

variable "deletion_protection" {
  description = "Deletion protection of the database and the load balancer."
  type        = bool
  default     = true
}

variable "portal_desired_count" {
  description = "Portal tasks running."
  type        = number
  default     = 2
}

variable "monthly_budget_usd" {
  description = "Monthly cost budget in USD."
  type        = number
}

# ---- values only the account owner knows -------------------------------------------------------

variable "vpn_server_certificate_arn" {
  description = "ACM ARN of the Client VPN server certificate; null to import vpn_server_certificate."
  type        = string
  default     = null
}

variable "vpn_server_certificate" {
  description = "PEM server certificate, key and chain for the Client VPN (see infra/scripts/dev-pki.sh)."
  type = object({
    certificate = string
    private_key = string
    chain       = string
  })
  default   = null
  sensitive = true
}

variable "vpn_client_root_certificate_arn" {
  description = "ACM ARN of the CA of client certificates; null when the server certificate's CA signs them."
  type        = string
  default     = null
}

variable "portal_domain_name" {
  description = "Host name of the portal."
  type        = string
}

variable "portal_certificate_arn" {
  description = "ACM certificate of portal_domain_name."
  type        = string
}

variable "portal_image_tag" {
  description = "Portal image tag to run."
  type        = string
}

variable "oidc_issuer" {
  description = "OIDC issuer URL of the portal's sign-in."
  type        = string
}

variable "oidc_client_id" {
  description = "OIDC client ID of the portal."
  type        = string
}

variable "alert_emails" {
  description = "Addresses receiving alarms and budget alerts."
  type        = list(string)
}

variable "github_repository" {
  description = "GitHub repository (owner/name) whose main branch syncs dags/ and etl/."
  type        = string
}

variable "create_github_oidc_provider" {
  description = "Create the account's GitHub OIDC provider (false when another env in the account owns it)."
  type        = bool
  default     = true
}

variable "github_oidc_provider_arn" {
  description = "Existing GitHub OIDC provider, when create_github_oidc_provider is false."
  type        = string
  default     = null
}
