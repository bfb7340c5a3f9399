# What EMR clusters need; the clusters themselves are started and stopped by the
# big_data_pipeline DAG (RunJobFlow with release emr-7.8.0), which names these roles,
# security groups and this security configuration.
data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  tags            = merge(var.tags, { Module = "emr" })
  account_id      = data.aws_caller_identity.current.account_id
  partition       = data.aws_partition.current.partition
  lake_arn        = "arn:${local.partition}:s3:::${var.lake_bucket_name}"
  emr_managed_tag = { "for-use-with-amazon-emr-managed-policies" = "true" }
}

# ---- service role ------------------------------------------------------------------------------

data "aws_iam_policy_document" "service_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["elasticmapreduce.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "service" {
  name               = "${var.name}-emr-service"
  assume_role_policy = data.aws_iam_policy_document.service_assume.json
  tags               = local.tags
}

# The v2 managed policy only touches resources tagged for-use-with-amazon-emr-managed-policies.
resource "aws_iam_role_policy_attachment" "service_managed" {
  role       = aws_iam_role.service.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/service-role/AmazonEMRServicePolicy_v2"
}

data "aws_iam_policy_document" "service_extra" {
  statement {
    sid       = "PassTheInstanceRole"
    actions   = ["iam:PassRole"]
    resources = [aws_iam_role.instance.arn]
    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["ec2.amazonaws.com"]
    }
  }

  statement {
    sid       = "EncryptClusterVolumes"
    actions   = ["kms:CreateGrant", "kms:DescribeKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:ReEncrypt*", "kms:Decrypt"]
    resources = [var.lake_kms_key_arn]
  }
}

resource "aws_iam_role_policy" "service_extra" {
  name   = "pass-instance-role-and-encrypt-volumes"
  role   = aws_iam_role.service.id
  policy = data.aws_iam_policy_document.service_extra.json
}

# ---- instance profile of cluster nodes -----------------------------------------------------------

data "aws_iam_policy_document" "instance_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "instance" {
  name               = "${var.name}-emr-instance"
  assume_role_policy = data.aws_iam_policy_document.instance_assume.json
  tags               = local.tags
}

resource "aws_iam_instance_profile" "instance" {
  name = "${var.name}-emr-instance"
  role = aws_iam_role.instance.name
  tags = local.tags
}

data "aws_iam_policy_document" "instance_lake" {
  statement {
    sid       = "ListLakePrefixes"
    actions   = ["s3:ListBucket", "s3:GetBucketLocation"]
    resources = [local.lake_arn]
    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = flatten([for p in distinct(concat(var.read_prefixes, var.write_prefixes)) : [p, "${p}/*"]])
    }
  }

  statement {
    sid       = "ReadLakePrefixes"
    actions   = ["s3:GetObject", "s3:GetObjectVersion"]
    resources = [for p in distinct(concat(var.read_prefixes, var.write_prefixes)) : "${local.lake_arn}/${p}/*"]
  }

  statement {
    sid       = "WriteLakePrefixes"
    actions   = ["s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"]
    resources = [for p in var.write_prefixes : "${local.lake_arn}/${p}/*"]
  }

  statement {
    sid       = "UseLakeKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"]
    resources = [var.lake_kms_key_arn]
  }

  statement {
    sid       = "PublishPlatformMetrics"
    actions   = ["cloudwatch:PutMetricData"]
    resources = ["*"] # PutMetricData has no resource type; the namespace condition scopes it.
    condition {
      test     = "StringEquals"
      variable = "cloudwatch:namespace"
      values   = [var.metrics_namespace]
    }
  }
}

resource "aws_iam_role_policy" "instance_lake" {
  name   = "lake-prefixes"
  role   = aws_iam_role.instance.id
  policy = data.aws_iam_policy_document.instance_lake.json
}

# ---- security groups ---------------------------------------------------------------------------
# EMR-managed groups: EMR adds the rules it needs between primary, core and service access when a
# cluster starts, so no rules are declared here; revoke_rules_on_delete lets destroy untangle them.

resource "aws_security_group" "primary" {
  #checkov:skip=CKV2_AWS_5:Attached by the DAG's RunJobFlow call (EmrManagedMasterSecurityGroup), not by Terraform.
  name                   = "${var.name}-emr-primary"
  description            = "EMR primary node (EMR-managed rules)"
  vpc_id                 = var.vpc_id
  revoke_rules_on_delete = true

  tags = merge(local.tags, local.emr_managed_tag, { Name = "${var.name}-emr-primary" })
}

resource "aws_security_group" "core" {
  #checkov:skip=CKV2_AWS_5:Attached by the DAG's RunJobFlow call (EmrManagedSlaveSecurityGroup), not by Terraform.
  name                   = "${var.name}-emr-core"
  description            = "EMR core and task nodes (EMR-managed rules)"
  vpc_id                 = var.vpc_id
  revoke_rules_on_delete = true

  tags = merge(local.tags, local.emr_managed_tag, { Name = "${var.name}-emr-core" })
}

resource "aws_security_group" "service_access" {
  #checkov:skip=CKV2_AWS_5:Attached by the DAG's RunJobFlow call (ServiceAccessSecurityGroup), not by Terraform.
  name                   = "${var.name}-emr-service-access"
  description            = "EMR service access in private subnets (EMR-managed rules)"
  vpc_id                 = var.vpc_id
  revoke_rules_on_delete = true

  tags = merge(local.tags, local.emr_managed_tag, { Name = "${var.name}-emr-service-access" })
}

# ---- security configuration --------------------------------------------------------------------

resource "aws_emr_security_configuration" "this" {
  name = "${var.name}-encrypted"

  configuration = jsonencode({
    EncryptionConfiguration = {
      EnableAtRestEncryption    = true
      EnableInTransitEncryption = true
      AtRestEncryptionConfiguration = {
        S3EncryptionConfiguration = {
          EncryptionMode = "SSE-KMS"
          AwsKmsKey      = var.lake_kms_key_arn
        }
        LocalDiskEncryptionConfiguration = {
          EncryptionKeyProviderType = "AwsKms"
          AwsKmsKey                 = var.lake_kms_key_arn
          EnableEbsEncryption       = true
        }
      }
      InTransitEncryptionConfiguration = {
        TLSCertificateConfiguration = {
          CertificateProviderType = "PEM"
          S3Object                = "s3://${var.lake_bucket_name}/${var.in_transit_certificate_key}"
        }
      }
    }
    InstanceMetadataServiceConfiguration = {
      MinimumInstanceMetadataServiceVersion = 2
      HttpPutResponseHopLimit               = 2
    }
  })
}
