variable "name" {
  description = "Name prefix of every resource, e.g. builditall-dev."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}[a-z0-9]$", var.name))
    error_message = "name must be 4-32 lower-case letters, digits or hyphens, starting with a letter."
  }
}

variable "vpc_cidr" {
  description = "IPv4 range of the VPC."
  type        = string
  default     = "10.100.0.0/16"

  validation {
    condition     = can(cidrnetmask(var.vpc_cidr))
    error_message = "vpc_cidr must be an IPv4 CIDR block such as 10.100.0.0/16."
  }
}

variable "availability_zones" {
  description = "The two availability zones, in order; subnet i of each tier lives in zone i."
  type        = list(string)

  validation {
    condition     = length(var.availability_zones) == 2 && length(distinct(var.availability_zones)) == 2
    error_message = "availability_zones must name two distinct zones."
  }
}

variable "zone_redundancy" {
  description = "A NAT gateway and every interface endpoint in each zone. False: one NAT gateway and the endpoints in the first zone only, serving both zones (dev: cheaper, and down with that zone)."
  type        = bool
  default     = true
}

variable "public_subnet_cidrs" {
  description = "Public subnets (NAT gateways only), one per zone."
  type        = list(string)
  default     = ["10.100.0.0/24", "10.100.1.0/24"]

  validation {
    condition     = length(var.public_subnet_cidrs) == 2 && alltrue([for c in var.public_subnet_cidrs : can(cidrnetmask(c))])
    error_message = "public_subnet_cidrs must hold two IPv4 CIDR blocks."
  }
}

variable "private_subnet_cidrs" {
  description = "Private subnets (EMR, MWAA, RDS, portal, endpoints, VPN associations), one per zone."
  type        = list(string)
  default     = ["10.100.3.0/24", "10.100.4.0/24"]

  validation {
    condition     = length(var.private_subnet_cidrs) == 2 && alltrue([for c in var.private_subnet_cidrs : can(cidrnetmask(c))])
    error_message = "private_subnet_cidrs must hold two IPv4 CIDR blocks."
  }
}

variable "interface_endpoint_services" {
  description = "Services reached through interface endpoints in the private subnets (the suffix after com.amazonaws.<region>.): each one a service something inside the VPC calls, so its traffic stays off the NAT gateway."
  type        = set(string)
  # No sts: nothing in the VPC calls it (ECS and MWAA hand their tasks role credentials, EMR nodes
  # read theirs from instance metadata, and no client assumes a role).
  default = [
    "logs",             # CloudWatch Logs
    "monitoring",       # CloudWatch metrics (MWAA, the pipeline's own namespace)
    "secretsmanager",   # portal secrets, RDS credentials
    "sqs",              # MWAA's Celery queue
    "elasticmapreduce", # EMR API from MWAA and the portal
    "kms",              # MWAA and EMR encryption
    "ecr.api",          # portal image and MWAA worker images
    "ecr.dkr",
    "airflow.api", # MWAA in private mode
    "airflow.env", # and the portal's CreateCliToken
  ]
}

variable "flow_log_retention_days" {
  description = "Days VPC flow logs are kept in CloudWatch Logs."
  type        = number
  default     = 365

  validation {
    condition     = contains([365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.flow_log_retention_days)
    error_message = "flow_log_retention_days must be a CloudWatch retention value of at least 365."
  }
}

variable "kms_key_arn" {
  description = "KMS key that encrypts the flow log group (the platform key)."
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
