variable "name" {
  description = "Name prefix of every resource, e.g. builditall-dev."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}[a-z0-9]$", var.name))
    error_message = "name must be 4-32 lower-case letters, digits or hyphens, starting with a letter."
  }
}

variable "vpc_id" {
  description = "VPC the endpoint gives access to."
  type        = string
}

variable "vpc_cidr" {
  description = "IPv4 range of the VPC: the only network clients are authorised to reach."
  type        = string

  validation {
    condition     = can(cidrnetmask(var.vpc_cidr))
    error_message = "vpc_cidr must be an IPv4 CIDR block."
  }
}

variable "subnet_ids" {
  description = "Private subnets the endpoint is associated with: one per zone for availability, or one ($0.10/h each)."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 1 && length(var.subnet_ids) <= 2
    error_message = "subnet_ids must hold one or two subnet IDs."
  }
}

variable "dns_server" {
  description = "DNS resolver pushed to clients (the VPC resolver, so private names such as the portal's resolve)."
  type        = string
}

variable "client_cidr" {
  description = "Range client addresses are taken from; must not overlap the VPC (AWS allows /12 to /22)."
  type        = string
  default     = "10.0.0.0/16"

  validation {
    condition     = can(cidrnetmask(var.client_cidr)) && tonumber(split("/", var.client_cidr)[1]) >= 12 && tonumber(split("/", var.client_cidr)[1]) <= 22
    error_message = "client_cidr must be an IPv4 CIDR block between /12 and /22."
  }
}

variable "server_certificate_arn" {
  description = "ACM ARN of the server certificate. Null: import server_certificate instead."
  type        = string
  default     = null

  validation {
    condition     = var.server_certificate_arn == null || can(regex("^arn:aws[a-z-]*:acm:", var.server_certificate_arn))
    error_message = "server_certificate_arn must be an ACM certificate ARN."
  }
}

variable "server_certificate" {
  description = "PEM server certificate, its private key and the CA chain, imported into ACM when server_certificate_arn is null (made by infra/scripts/dev-pki.sh for dev). The key ends up in the encrypted state."
  type = object({
    certificate = string
    private_key = string
    chain       = string
  })
  default   = null
  sensitive = true

  validation {
    condition     = var.server_certificate != null || var.server_certificate_arn != null
    error_message = "Give server_certificate_arn or server_certificate."
  }
}

variable "client_root_certificate_arn" {
  description = "ACM ARN of the CA that signs client certificates. Null: the server certificate's, valid when one CA signs both (as dev-pki.sh does)."
  type        = string
  default     = null

  validation {
    condition     = var.client_root_certificate_arn == null || can(regex("^arn:aws[a-z-]*:acm:", var.client_root_certificate_arn))
    error_message = "client_root_certificate_arn must be an ACM certificate ARN."
  }
}

variable "session_timeout_hours" {
  description = "Hours before a client session is ended."
  type        = number
  default     = 12

  validation {
    condition     = contains([8, 10, 12, 24], var.session_timeout_hours)
    error_message = "session_timeout_hours must be 8, 10, 12 or 24."
  }
}

variable "log_retention_days" {
  description = "Days connection logs are kept."
  type        = number
  default     = 365

  validation {
    condition     = var.log_retention_days >= 365
    error_message = "log_retention_days must be at least 365."
  }
}

variable "kms_key_arn" {
  description = "KMS key that encrypts the connection log group (the platform key)."
  type        = string
}

variable "tags" {
  description = "Tags added to every taggable resource of the module."
  type        = map(string)
  default     = {}
}
