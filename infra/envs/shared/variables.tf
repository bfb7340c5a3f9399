# Inputs every environment takes (values in terraform.tfvars); linked into each envs/<env>/.

variable "region" {
  description = "AWS region of the environment."
  type        = string
  default     = "eu-west-1"
}

variable "availability_zones" {
  description = "Two availability zones of the region."
  type        = list(string)
  default     = ["eu-west-1a", "eu-west-1b"]
}

variable "lake_bucket_name" {
  description = "Globally unique name of the lake bucket."
  type        = string
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

variable "oidc_groups_claim" {
  description = "ID token claim listing a person's groups: cognito:groups (Cognito) or roles (Entra ID app roles)."
  type        = string
  default     = "cognito:groups"
}

variable "oidc_role_map" {
  description = "IdP group → portal role, group=role,group=role; the group mapped to admin designates the admins (docs/deploy.md)."
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

variable "vpn_server_certificate_arn" {
  description = "ACM ARN of the Client VPN server certificate; null to import vpn_server_certificate."
  type        = string
  default     = null
}

variable "vpn_client_root_certificate_arn" {
  description = "ACM ARN of the CA of client certificates; null when the server certificate's CA signs them."
  type        = string
  default     = null
}

variable "vpn_server_certificate" {
  description = "PEM server certificate, key and chain (infra/scripts/dev-pki.sh); pass with TF_VAR_vpn_server_certificate, never in a file in git."
  type = object({
    certificate = string
    private_key = string
    chain       = string
  })
  default   = null
  sensitive = true
}
