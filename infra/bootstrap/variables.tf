variable "region" {
  description = "Region of the state bucket (the backend blocks of envs/ name eu-west-1)."
  type        = string
  default     = "eu-west-1"
}

variable "state_bucket_name" {
  description = "Name of the state bucket, e.g. builditall-tfstate-<account id>."
  type        = string
}
