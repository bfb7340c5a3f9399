data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_elb_service_account" "current" {}

locals {
  tags       = merge(var.tags, { Module = "lake" })
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  logs_name  = "${var.bucket_name}-access-logs"
  logs_arn   = "arn:${local.partition}:s3:::${local.logs_name}"
}

# ---- the lake bucket ---------------------------------------------------------------------------

module "bucket" {
  source = "../bucket"

  name              = var.bucket_name
  access_log_bucket = module.access_logs.id
  force_destroy     = var.force_destroy
  tags              = local.tags
}

resource "aws_s3_bucket_lifecycle_configuration" "this" {
  bucket = module.bucket.id

  rule {
    id     = "raw-to-colder-storage"
    status = "Enabled"
    filter {
      prefix = "raw/"
    }
    transition {
      days          = var.raw_to_infrequent_access_days
      storage_class = "STANDARD_IA"
    }
    transition {
      days          = var.raw_to_glacier_days
      storage_class = "GLACIER"
    }
  }

  rule {
    id     = "expire-old-logs"
    status = "Enabled"
    filter {
      prefix = "logs/"
    }
    expiration {
      days = var.logs_expiration_days
    }
  }

  rule {
    id     = "expire-noncurrent-and-abort-uploads"
    status = "Enabled"
    filter {}
    noncurrent_version_expiration {
      noncurrent_days = var.noncurrent_version_expiration_days
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  depends_on = [module.bucket] # versioning first, so noncurrent-version rules apply from the start
}

# Empty folder markers, so the layout shows in the console and the portal from day one.
resource "aws_s3_object" "prefix" {
  for_each = var.prefixes

  bucket       = module.bucket.id
  key          = "${each.key}/"
  content      = ""
  content_type = "application/x-directory"
  kms_key_id   = module.bucket.kms_key_arn

  tags = local.tags
}

# ---- access-log bucket: S3 server access logs under s3/, load balancer logs under alb/ ---------

data "aws_iam_policy_document" "log_delivery" {
  # Regions older than August 2022 deliver ALB logs from a regional ELB account, newer ones from
  # the log-delivery service principal; both may write, only under alb/.
  statement {
    sid       = "LoadBalancerLogsRegionalAccount"
    actions   = ["s3:PutObject"]
    resources = ["${local.logs_arn}/alb/AWSLogs/${local.account_id}/*"]
    principals {
      type        = "AWS"
      identifiers = [data.aws_elb_service_account.current.arn]
    }
  }

  statement {
    sid       = "LoadBalancerLogsDeliveryService"
    actions   = ["s3:PutObject"]
    resources = ["${local.logs_arn}/alb/AWSLogs/${local.account_id}/*"]
    principals {
      type        = "Service"
      identifiers = ["logdelivery.elasticloadbalancing.amazonaws.com"]
    }
  }
}

module "access_logs" {
  source = "../bucket"

  name                   = local.logs_name
  access_log_target      = true
  log_expiration_days    = var.access_log_expiration_days
  policy_statements_json = data.aws_iam_policy_document.log_delivery.json
  force_destroy          = var.force_destroy
  tags                   = local.tags
}
