# Run once per account, with local state, before any env: it makes the bucket that holds every
# env's state (README, "Bootstrap"). Its own state file stays with whoever ran it (git-ignored).
terraform {
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.0"
    }
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Project     = "builditall"
      Environment = "shared"
      ManagedBy   = "terraform"
    }
  }
}
