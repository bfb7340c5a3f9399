locals {
  tags = { Module = "bootstrap" }
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
