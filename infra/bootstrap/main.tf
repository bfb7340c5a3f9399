data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  tags = { Module = "bootstrap" }
}

resource "aws_kms_key" "state" {
  description             = "Terraform state of the BuildItAll estate"
  enable_key_rotation     = true
  deletion_window_in_days = 30

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AccountDelegatesToIam"
      Effect    = "Allow"
      Principal = { AWS = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })

  tags = local.tags
}

module "access_logs" {
  source = "../modules/bucket"

  name              = "${var.state_bucket_name}-access-logs"
  access_log_target = true
  tags              = local.tags
}

module "state" {
  source = "../modules/bucket"

  name              = var.state_bucket_name
  kms_key_arn       = aws_kms_key.state.arn
  access_log_bucket = module.access_logs.id
  tags              = local.tags
}

# Old state versions are the undo history of every apply: kept a year, then dropped.
resource "aws_s3_bucket_lifecycle_configuration" "state" {
  bucket = module.state.id

  rule {
    id     = "expire-old-state-versions"
    status = "Enabled"
    filter {}
    noncurrent_version_expiration {
      noncurrent_days = 365
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  depends_on = [module.state]
}

resource "aws_s3_bucket_lifecycle_configuration" "access_logs" {
  bucket = module.access_logs.id

  rule {
    id     = "expire-access-logs"
    status = "Enabled"
    filter {}
    expiration {
      days = 365
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  depends_on = [module.access_logs]
}
