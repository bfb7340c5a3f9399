data "aws_partition" "current" {}

locals {
  tags              = merge(var.tags, { Module = "ci" })
  partition         = data.aws_partition.current.partition
  lake_arn          = "arn:${local.partition}:s3:::${var.lake_bucket_name}"
  issuer            = "token.actions.githubusercontent.com"
  oidc_provider_arn = var.create_oidc_provider ? aws_iam_openid_connect_provider.github[0].arn : var.oidc_provider_arn
}

# AWS trusts GitHub's issuer through its own certificate store, so no thumbprint is pinned.
resource "aws_iam_openid_connect_provider" "github" {
  count = var.create_oidc_provider ? 1 : 0

  url            = "https://${local.issuer}"
  client_id_list = ["sts.amazonaws.com"]

  tags = local.tags
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [local.oidc_provider_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.issuer}:sub"
      values   = [for ref in var.allowed_refs : "repo:${var.github_repository}:ref:${ref}"]
    }
  }
}

resource "aws_iam_role" "sync" {
  name                 = "${var.name}-ci-sync"
  description          = "GitHub Actions on ${var.github_repository}: sync dags/ and etl/ to the lake"
  assume_role_policy   = data.aws_iam_policy_document.assume.json
  max_session_duration = 3600

  tags = local.tags
}

data "aws_iam_policy_document" "sync" {
  statement {
    sid       = "ListSyncedPrefixes"
    actions   = ["s3:ListBucket"]
    resources = [local.lake_arn]
    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = flatten([for p in var.sync_prefixes : [p, "${p}/*"]])
    }
  }

  statement {
    sid       = "WriteSyncedPrefixes"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"]
    resources = [for p in var.sync_prefixes : "${local.lake_arn}/${p}/*"]
  }

  statement {
    sid       = "EncryptWithLakeKey"
    actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
    resources = [var.lake_kms_key_arn]
  }
}

resource "aws_iam_role_policy" "sync" {
  name   = "sync-dags-and-etl"
  role   = aws_iam_role.sync.id
  policy = data.aws_iam_policy_document.sync.json
}

# ---- portal deploy (.github/workflows/deploy.yml) ---------------------------------------------

resource "aws_iam_role" "deploy" {
  name                 = "${var.name}-ci-deploy"
  description          = "GitHub Actions on ${var.github_repository}: push the portal image, migrate, roll the service"
  assume_role_policy   = data.aws_iam_policy_document.assume.json
  max_session_duration = 3600

  tags = local.tags
}

locals {
  task_definition_arns = "arn:${local.partition}:ecs:*:*:task-definition/${var.portal.task_definition_family}:*"
}

data "aws_iam_policy_document" "deploy" {
  statement {
    sid       = "EcrLogin"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"] # the action has no resource-level permissions
  }

  statement {
    sid = "PushPortalImage"
    actions = [
      "ecr:BatchCheckLayerAvailability",
      "ecr:InitiateLayerUpload",
      "ecr:UploadLayerPart",
      "ecr:CompleteLayerUpload",
      "ecr:PutImage",
    ]
    resources = [var.portal.ecr_repository_arn]
  }

  statement {
    sid       = "EncryptImageLayers"
    actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
    resources = [var.portal.kms_key_arn]
  }

  statement {
    sid       = "ReadAndRegisterTaskDefinition"
    actions   = ["ecs:DescribeTaskDefinition", "ecs:RegisterTaskDefinition"]
    resources = ["*"] # neither action has resource-level permissions
  }

  statement {
    sid       = "RunMigrationTask"
    actions   = ["ecs:RunTask"]
    resources = [local.task_definition_arns]
    condition {
      test     = "ArnEquals"
      variable = "ecs:cluster"
      values   = [var.portal.cluster_arn]
    }
  }

  statement {
    sid       = "WaitForMigrationTask"
    actions   = ["ecs:DescribeTasks"]
    resources = ["arn:${local.partition}:ecs:*:*:task/*"]
    condition {
      test     = "ArnEquals"
      variable = "ecs:cluster"
      values   = [var.portal.cluster_arn]
    }
  }

  statement {
    sid       = "RollService"
    actions   = ["ecs:UpdateService", "ecs:DescribeServices"]
    resources = [var.portal.service_arn]
  }

  statement {
    sid       = "PassPortalRoles"
    actions   = ["iam:PassRole"]
    resources = var.portal.pass_role_arns
    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "deploy" {
  name   = "deploy-portal"
  role   = aws_iam_role.deploy.id
  policy = data.aws_iam_policy_document.deploy.json
}
