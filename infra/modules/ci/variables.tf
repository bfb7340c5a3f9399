variable "name" {
  description = "Name prefix of every resource, e.g. builditall-dev."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}[a-z0-9]$", var.name))
    error_message = "name must be 4-32 lower-case letters, digits or hyphens, starting with a letter."
  }
}

variable "github_repository" {
  description = "GitHub repository, owner/name, whose workflows may assume the sync role."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}$", var.github_repository))
    error_message = "github_repository must look like owner/name."
  }
}

variable "allowed_refs" {
  description = "Git refs whose workflow runs may assume the role (the OIDC sub claim's ref part)."
  type        = list(string)
  default     = ["refs/heads/main"]

  validation {
    condition     = length(var.allowed_refs) >= 1 && alltrue([for r in var.allowed_refs : startswith(r, "refs/")])
    error_message = "allowed_refs must hold full refs such as refs/heads/main."
  }
}

variable "create_oidc_provider" {
  description = "Create the account's GitHub OIDC provider (one per account: false in the second env of a shared account)."
  type        = bool
  default     = true
}

variable "oidc_provider_arn" {
  description = "Existing GitHub OIDC provider ARN, used when create_oidc_provider is false."
  type        = string
  default     = null

  validation {
    condition     = var.create_oidc_provider || can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:oidc-provider/", var.oidc_provider_arn))
    error_message = "Set oidc_provider_arn to the account's GitHub OIDC provider when create_oidc_provider is false."
  }
}

variable "lake_bucket_name" {
  description = "Lake bucket the workflow syncs to."
  type        = string
}

variable "lake_kms_key_arn" {
  description = "Key of the lake bucket."
  type        = string
}

variable "sync_prefixes" {
  description = "The only lake prefixes CI may write."
  type        = list(string)
  default     = ["dags", "etl"]
}

variable "tags" {
  description = "Tags added to every taggable resource of the module."
  type        = map(string)
  default     = {}
}

variable "portal" {
  description = "The portal's deploy targets (modules/portal outputs): the deploy role pushes to its repository, registers task definitions of its family, runs the migration task and rolls its service, nothing else."
  type = object({
    ecr_repository_arn     = string
    kms_key_arn            = string
    cluster_arn            = string
    service_arn            = string
    task_definition_family = string
    pass_role_arns         = list(string)
  })
}
