# A private bucket as every bucket of the estate must be: owner-enforced, public access blocked,
# versioned, encrypted with a key of its own, TLS only, access-logged. An access-log target instead
# uses SSE-S3 and expires its logs; other callers add lifecycle rules of their own.

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  encrypt_with_kms = !var.access_log_target
}

resource "aws_kms_key" "this" {
  count = local.encrypt_with_kms ? 1 : 0

  description             = "Objects of s3://${var.name}"
  enable_key_rotation     = true
  deletion_window_in_days = 30

  # Who may use the data is decided by IAM policies (EMR, MWAA, portal, CI roles).
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

  tags = var.tags
}

resource "aws_kms_alias" "this" {
  count = local.encrypt_with_kms ? 1 : 0

  name          = "alias/s3-${var.name}"
  target_key_id = aws_kms_key.this[0].key_id
}

resource "aws_s3_bucket" "this" {
  #checkov:skip=CKV_AWS_144:Single-region platform; raw/ is re-ingestable and versioning plus lifecycle cover recovery, so replication would double storage cost for little.
  #checkov:skip=CKV2_AWS_62:No consumer of object events; the pipeline is scheduled by MWAA.
  bucket        = var.name
  force_destroy = var.force_destroy

  tags = merge(var.tags, { Name = var.name })
}

resource "aws_s3_bucket_ownership_controls" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = aws_s3_bucket.this.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = local.encrypt_with_kms ? "aws:kms" : "AES256"
      kms_master_key_id = local.encrypt_with_kms ? aws_kms_key.this[0].arn : null
    }
    # One data key per bucket instead of per object: far fewer KMS calls from Spark.
    bucket_key_enabled = local.encrypt_with_kms
  }
}

resource "aws_s3_bucket_logging" "this" {
  count = var.access_log_target ? 0 : 1

  bucket        = aws_s3_bucket.this.id
  target_bucket = var.access_log_bucket
  target_prefix = "s3/${var.name}/"
}

resource "aws_s3_bucket_lifecycle_configuration" "logs" {
  count = var.access_log_target ? 1 : 0

  bucket = aws_s3_bucket.this.id

  rule {
    id     = "expire-logs"
    status = "Enabled"
    filter {}
    expiration {
      days = var.log_expiration_days
    }
    noncurrent_version_expiration {
      noncurrent_days = 30
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  depends_on = [aws_s3_bucket_versioning.this]
}

data "aws_iam_policy_document" "this" {
  source_policy_documents = var.policy_statements_json == null ? [] : [var.policy_statements_json]

  dynamic "statement" {
    for_each = var.access_log_target ? [1] : []
    content {
      sid       = "S3ServerAccessLogDelivery"
      actions   = ["s3:PutObject"]
      resources = ["${aws_s3_bucket.this.arn}/s3/*"]
      principals {
        type        = "Service"
        identifiers = ["logging.s3.amazonaws.com"]
      }
      condition {
        test     = "StringEquals"
        variable = "aws:SourceAccount"
        values   = [data.aws_caller_identity.current.account_id]
      }
    }
  }

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.this.arn, "${aws_s3_bucket.this.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "this" {
  bucket = aws_s3_bucket.this.id
  policy = data.aws_iam_policy_document.this.json

  depends_on = [aws_s3_bucket_public_access_block.this]
}
