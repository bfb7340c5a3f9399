data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  tags             = merge(var.tags, { Module = "mwaa" })
  environment_name = "${var.name}-airflow"
  account_id       = data.aws_caller_identity.current.account_id
  region           = data.aws_region.current.region
  partition        = data.aws_partition.current.partition
  lake_arn         = "arn:${local.partition}:s3:::${var.lake_bucket_name}"
  environment_arn  = "arn:${local.partition}:airflow:${local.region}:${local.account_id}:environment/${local.environment_name}"
  variables_prefix = "/${var.name}/airflow/variables"
}

# Airflow Variables as parameters: apply once and the DAGs find their settings, with no manual
# step in the UI. Identifiers rather than secrets, but encrypted all the same: it costs nothing
# (the backend asks for decryption) and the execution role already holds the key.
resource "aws_ssm_parameter" "airflow_variable" {
  for_each = var.airflow_variables

  name   = "${local.variables_prefix}/${each.key}"
  type   = "SecureString"
  key_id = var.lake_kms_key_arn
  value  = each.value

  tags = local.tags
}

resource "aws_s3_object" "requirements" {
  bucket       = var.lake_bucket_name
  key          = "dags/requirements.txt"
  content      = var.requirements_txt
  content_type = "text/plain"
  kms_key_id   = var.lake_kms_key_arn

  tags = local.tags
}

# ---- execution role, scoped to this environment ------------------------------------------------

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["airflow.amazonaws.com", "airflow-env.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = [local.environment_arn]
    }
  }
}

resource "aws_iam_role" "execution" {
  name               = "${local.environment_name}-execution"
  assume_role_policy = data.aws_iam_policy_document.assume.json
  tags               = local.tags
}

data "aws_iam_policy_document" "execution" {
  statement {
    sid       = "PublishEnvironmentMetrics"
    actions   = ["airflow:PublishMetrics"]
    resources = [local.environment_arn]
  }

  statement {
    sid       = "ReadDagsAndRequirements"
    actions   = ["s3:GetObject*", "s3:GetBucket*", "s3:List*"]
    resources = [local.lake_arn, "${local.lake_arn}/dags/*"]
  }

  statement {
    sid       = "ReadPipelineOutputs"
    actions   = ["s3:GetObject"]
    resources = [for p in var.dag_readable_prefixes : "${local.lake_arn}/${p}/*"]
  }

  statement {
    sid       = "ReadAirflowVariables"
    actions   = ["ssm:GetParameter"]
    resources = ["arn:${local.partition}:ssm:${local.region}:${local.account_id}:parameter${local.variables_prefix}/*"]
  }

  statement {
    sid       = "CheckBucketIsPrivate"
    actions   = ["s3:GetAccountPublicAccessBlock"]
    resources = ["*"] # account-level call, no resource type
  }

  statement {
    sid = "WriteEnvironmentLogs"
    actions = [
      "logs:CreateLogStream", "logs:CreateLogGroup", "logs:PutLogEvents", "logs:GetLogEvents",
      "logs:GetLogRecord", "logs:GetLogGroupFields", "logs:GetQueryResults",
    ]
    resources = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:airflow-${local.environment_name}-*"]
  }

  statement {
    sid       = "ListLogGroupsAndPublishMetrics"
    actions   = ["logs:DescribeLogGroups", "cloudwatch:PutMetricData"]
    resources = ["*"] # neither action has a resource type
  }

  statement {
    sid = "CeleryQueue"
    actions = [
      "sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes",
      "sqs:GetQueueUrl", "sqs:ReceiveMessage", "sqs:SendMessage",
    ]
    resources = ["arn:${local.partition}:sqs:${local.region}:*:airflow-celery-*"]
  }

  statement {
    sid       = "UseLakeKey"
    actions   = ["kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey*", "kms:Encrypt"]
    resources = [var.lake_kms_key_arn]
  }

  # The Celery queue is encrypted with an AWS-owned key outside this account.
  statement {
    sid           = "CeleryQueueKey"
    actions       = ["kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey*", "kms:Encrypt"]
    not_resources = ["arn:${local.partition}:kms:*:${local.account_id}:key/*"]
    condition {
      test     = "StringLike"
      variable = "kms:ViaService"
      values   = ["sqs.${local.region}.amazonaws.com"]
    }
  }

  statement {
    sid       = "StartClusters"
    actions   = ["elasticmapreduce:RunJobFlow"]
    resources = ["*"] # RunJobFlow creates the cluster, so there is no resource to name yet
  }

  statement {
    sid = "DriveClusters"
    actions = [
      "elasticmapreduce:DescribeCluster", "elasticmapreduce:ListSteps", "elasticmapreduce:DescribeStep",
      "elasticmapreduce:AddJobFlowSteps", "elasticmapreduce:TerminateJobFlows", "elasticmapreduce:AddTags",
      "elasticmapreduce:ListInstanceGroups",
    ]
    resources = ["arn:${local.partition}:elasticmapreduce:${local.region}:${local.account_id}:cluster/*"]
  }

  statement {
    sid       = "PassEmrRoles"
    actions   = ["iam:PassRole"]
    resources = var.emr_role_arns
    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["elasticmapreduce.amazonaws.com", "ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "execution" {
  name   = "environment"
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.execution.json
}

# ---- network -----------------------------------------------------------------------------------

resource "aws_security_group" "this" {
  name        = local.environment_name
  description = "MWAA workers, scheduler, metadata database and private web server"
  vpc_id      = var.vpc_id

  tags = merge(local.tags, { Name = local.environment_name })
}

# MWAA requires its components to reach each other through this group.
resource "aws_vpc_security_group_ingress_rule" "self" {
  security_group_id            = aws_security_group.this.id
  description                  = "MWAA components among themselves"
  referenced_security_group_id = aws_security_group.this.id
  ip_protocol                  = "-1"

  tags = local.tags
}

resource "aws_vpc_security_group_ingress_rule" "web_clients" {
  count = length(var.web_client_security_group_ids)

  security_group_id            = aws_security_group.this.id
  description                  = "Private web server and CLI endpoint (VPN users, portal)"
  referenced_security_group_id = var.web_client_security_group_ids[count.index]
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443

  tags = local.tags
}

resource "aws_vpc_security_group_egress_rule" "self" {
  security_group_id            = aws_security_group.this.id
  description                  = "MWAA components among themselves (metadata database, web server)"
  referenced_security_group_id = aws_security_group.this.id
  ip_protocol                  = "-1"

  tags = local.tags
}

resource "aws_vpc_security_group_egress_rule" "https" {
  security_group_id = aws_security_group.this.id
  description       = "AWS APIs (endpoints, S3, EMR) and PyPI through NAT"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443

  tags = local.tags
}

# ---- the environment ---------------------------------------------------------------------------

resource "aws_mwaa_environment" "this" {
  name                  = local.environment_name
  airflow_version       = var.airflow_version
  environment_class     = var.environment_class
  min_workers           = var.min_workers
  max_workers           = var.max_workers
  execution_role_arn    = aws_iam_role.execution.arn
  source_bucket_arn     = local.lake_arn
  dag_s3_path           = "dags/"
  webserver_access_mode = "PRIVATE_ONLY"

  requirements_s3_path           = aws_s3_object.requirements.key
  requirements_s3_object_version = aws_s3_object.requirements.version_id

  airflow_configuration_options = {
    "core.load_examples" = "false"
    "secrets.backend"    = "airflow.providers.amazon.aws.secrets.systems_manager.SystemsManagerParameterStoreBackend"
    # Variables only; connections stay in the metadata database (aws_default is the execution role).
    "secrets.backend_kwargs" = jsonencode({
      variables_prefix   = local.variables_prefix
      connections_prefix = null
      config_prefix      = null
    })
  }

  network_configuration {
    security_group_ids = [aws_security_group.this.id]
    subnet_ids         = var.subnet_ids
  }

  logging_configuration {
    dag_processing_logs {
      enabled   = true
      log_level = var.log_level
    }
    scheduler_logs {
      enabled   = true
      log_level = var.log_level
    }
    task_logs {
      enabled   = true
      log_level = var.log_level
    }
    webserver_logs {
      enabled   = true
      log_level = var.log_level
    }
    worker_logs {
      enabled   = true
      log_level = var.log_level
    }
  }

  tags = local.tags

  depends_on = [aws_iam_role_policy.execution]
}
