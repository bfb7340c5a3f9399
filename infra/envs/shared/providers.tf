provider "aws" {
  region = var.region

  # Every taggable resource gets these; modules add Module (cost per module in Cost Explorer).
  default_tags {
    tags = {
      Project     = "builditall"
      Environment = local.environment
      ManagedBy   = "terraform"
    }
  }
}
