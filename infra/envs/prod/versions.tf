terraform {
  required_version = ">= 1.10" # S3 native state locking (use_lockfile)

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.0"
    }
    random = {
      source  = "hashicorp/random"
      version = ">= 3.6"
    }
  }

  # The state bucket is made once by infra/bootstrap; its name is account-specific, so it is given
  # at init: terraform init -backend-config="bucket=<state bucket>" (README).
  backend "s3" {
    key          = "builditall/prod/terraform.tfstate"
    region       = "eu-west-1"
    encrypt      = true
    use_lockfile = true
  }
}
