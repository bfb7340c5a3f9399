data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  tags           = merge(var.tags, { Module = "portal" })
  account_id     = data.aws_caller_identity.current.account_id
  region         = data.aws_region.current.region
  partition      = data.aws_partition.current.partition
  container_name = "portal"
  container_port = 3000
  # These agree with the Dockerfile's runtime stage (USER, CMD, HEALTHCHECK, the migrate-command
  # label); infra/tests/test_image.py reads both and fails when they drift apart.
  container_user  = "1000:1000"
  server_command  = ["node", "server.js"]
  migrate_command = ["node", "dist/db/migrate.mjs"]
  health_command  = ["CMD", "node", "-e", "fetch('http://127.0.0.1:3000/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
  lake_arns       = [for b in var.lake_bucket_names : "arn:${local.partition}:s3:::${b}"]
  mwaa_arn        = "arn:${local.partition}:airflow:${local.region}:${local.account_id}:environment/${var.mwaa_environment_name}"
  volumes         = { for i, path in var.writable_paths : "scratch-${i}" => path }

  # Mapping from the estate to the portal's configuration (lib/env.ts). The database URL carries
  # no credentials: node-postgres reads PGUSER and PGPASSWORD, injected from the RDS-managed
  # secret, so a rotated password needs only a task restart.
  environment = {
    NODE_ENV            = "production"
    PLATFORM_MODE       = "aws"
    AWS_REGION          = local.region
    LAKE_BUCKETS        = join(",", var.lake_bucket_names)
    MWAA_ENVIRONMENT    = var.mwaa_environment_name
    DATABASE_URL        = "postgresql://${var.database.host}:${var.database.port}/${var.database.name}?sslmode=verify-full"
    NODE_EXTRA_CA_CERTS = var.database_ca_bundle_path
    NEXTAUTH_URL        = "https://${var.domain_name}"
    OIDC_ISSUER         = var.oidc_issuer
    OIDC_CLIENT_ID      = var.oidc_client_id
    OIDC_GROUPS_CLAIM   = var.oidc_groups_claim
    OIDC_ROLE_MAP       = var.oidc_role_map
    PORT                = tostring(local.container_port)
    ALARM_NAME_PREFIX   = var.alarm_name_prefix
    BUDGET_NAME         = var.budget_name
    AWS_ACCOUNT_ID      = local.account_id
    ESTATE_ENVIRONMENT  = var.environment
  }
  secrets = {
    NEXTAUTH_SECRET    = aws_secretsmanager_secret.nextauth.arn
    OIDC_CLIENT_SECRET = aws_secretsmanager_secret.oidc_client.arn
    LINEAGE_API_KEY    = aws_secretsmanager_secret.lineage_api_key.arn
    PGUSER             = "${var.database.secret_arn}:username::"
    PGPASSWORD         = "${var.database.secret_arn}:password::"
  }
}

# ---- image, secrets, logs ----------------------------------------------------------------------

resource "aws_ecr_repository" "this" {
  name                 = "${var.name}/portal"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = var.kms_key_arn
  }

  tags = local.tags
}

resource "random_password" "nextauth" {
  length  = 48
  special = false
}

resource "aws_secretsmanager_secret" "nextauth" {
  #checkov:skip=CKV2_AWS_57:Rotating the session-signing key signs every user out; it is rotated by tainting random_password.nextauth in a maintenance window (README).
  name                    = "${var.name}/portal/nextauth-secret"
  description             = "NEXTAUTH_SECRET of the portal (signs session tokens)"
  kms_key_id              = var.kms_key_arn
  recovery_window_in_days = 7

  tags = local.tags
}

resource "aws_secretsmanager_secret_version" "nextauth" {
  secret_id     = aws_secretsmanager_secret.nextauth.id
  secret_string = random_password.nextauth.result
}

resource "random_password" "lineage_api_key" {
  length  = 48
  special = false
}

resource "aws_secretsmanager_secret" "lineage_api_key" {
  #checkov:skip=CKV2_AWS_57:OpenLineage clients hold this key; it is rotated by tainting random_password.lineage_api_key and giving the clients the new value (docs/lineage.md).
  name                    = "${var.name}/portal/lineage-api-key"
  description             = "LINEAGE_API_KEY of the portal: OpenLineage clients send it as a Bearer token to POST /api/v1/lineage"
  kms_key_id              = var.kms_key_arn
  recovery_window_in_days = 7

  tags = local.tags
}

resource "aws_secretsmanager_secret_version" "lineage_api_key" {
  secret_id     = aws_secretsmanager_secret.lineage_api_key.id
  secret_string = random_password.lineage_api_key.result
}

resource "aws_secretsmanager_secret" "oidc_client" {
  #checkov:skip=CKV2_AWS_57:The client secret is issued and rotated by the identity provider; the new value is put here by hand (README).
  name                    = "${var.name}/portal/oidc-client-secret"
  description             = "OIDC_CLIENT_SECRET of the portal; value put out of band (README, apply step 3)"
  kms_key_id              = var.kms_key_arn
  recovery_window_in_days = 7

  tags = local.tags
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/builditall/${var.name}/portal"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn

  tags = local.tags
}

# ---- roles -------------------------------------------------------------------------------------

data "aws_iam_policy_document" "tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "execution" {
  name               = "${var.name}-portal-execution"
  assume_role_policy = data.aws_iam_policy_document.tasks_assume.json
  tags               = local.tags
}

resource "aws_iam_role_policy_attachment" "execution_managed" {
  role       = aws_iam_role.execution.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

data "aws_iam_policy_document" "execution_secrets" {
  statement {
    sid     = "ReadPortalSecrets"
    actions = ["secretsmanager:GetSecretValue"]
    resources = [
      aws_secretsmanager_secret.nextauth.arn,
      aws_secretsmanager_secret.oidc_client.arn,
      aws_secretsmanager_secret.lineage_api_key.arn,
      var.database.secret_arn,
    ]
  }

  statement {
    sid       = "DecryptPortalSecrets"
    actions   = ["kms:Decrypt"]
    resources = [var.kms_key_arn]
  }
}

resource "aws_iam_role_policy" "execution_secrets" {
  name   = "portal-secrets"
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.execution_secrets.json
}

resource "aws_iam_role" "task" {
  name               = "${var.name}-portal-task"
  assume_role_policy = data.aws_iam_policy_document.tasks_assume.json
  tags               = local.tags
}

# Exactly the calls the portal's AWS adapters make (lib/platform/*/aws.ts, orchestrator/mwaa-cli.ts;
# infra/tests/test_portal_permissions.py keeps the two in step).
data "aws_iam_policy_document" "task" {
  statement {
    sid       = "LakeListAndVersions"
    actions   = ["s3:ListBucket", "s3:ListBucketVersions", "s3:GetBucketVersioning"]
    resources = local.lake_arns
  }

  statement {
    sid       = "LakeReadPreviewDownload"
    actions   = ["s3:GetObject"]
    resources = [for arn in local.lake_arns : "${arn}/*"]
  }

  statement {
    sid       = "LakeUploadToRaw"
    actions   = ["s3:PutObject", "s3:AbortMultipartUpload"]
    resources = [for arn in local.lake_arns : "${arn}/raw/*"]
  }

  statement {
    sid       = "LakeDeleteByAdmins"
    actions   = ["s3:DeleteObject"]
    resources = [for arn in local.lake_arns : "${arn}/*"]
  }

  statement {
    sid       = "LakeKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [var.lake_kms_key_arn]
  }

  statement {
    sid       = "ListClusters"
    actions   = ["elasticmapreduce:ListClusters"]
    resources = ["*"] # no resource type
  }

  # Only the platform's clusters (the tag dags/builditall/clusters.py puts on each; the portal's
  # adapter filters on it too): another team's cluster in the account is neither seen nor stopped.
  statement {
    sid = "WatchAndTerminateClusters"
    actions = [
      "elasticmapreduce:DescribeCluster", "elasticmapreduce:ListSteps", "elasticmapreduce:ListInstanceGroups",
      "elasticmapreduce:ListInstanceFleets", "elasticmapreduce:TerminateJobFlows",
    ]
    resources = ["arn:${local.partition}:elasticmapreduce:${local.region}:${local.account_id}:cluster/*"]
    condition {
      test     = "StringEquals"
      variable = "aws:ResourceTag/project"
      values   = ["builditall"]
    }
  }

  statement {
    sid       = "AirflowCli"
    actions   = ["airflow:CreateCliToken"]
    resources = [local.mwaa_arn]
  }

  # The Status page's alarms and the Costs page's budget. DescribeAlarms takes alarm ARNs (this
  # account and region; composite alarms would need "*"); a budget's ARN has no region.
  # Task logs read in place on the run page: MWAA's task log group of this environment only.
  # DescribeLogGroups (the probe) has no narrower resource than the account's log groups.
  statement {
    sid       = "AirflowTaskLogs"
    actions   = ["logs:GetLogEvents"]
    resources = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:airflow-${var.mwaa_environment_name}-Task:*"]
  }

  statement {
    sid       = "FindAirflowTaskLogGroup"
    actions   = ["logs:DescribeLogGroups"]
    resources = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:*"]
  }

  statement {
    sid       = "EstateAlarms"
    actions   = ["cloudwatch:DescribeAlarms"]
    resources = ["arn:${local.partition}:cloudwatch:${local.region}:${local.account_id}:alarm:*"]
  }

  statement {
    sid       = "EstateBudget"
    actions   = ["budgets:ViewBudget"]
    resources = ["arn:${local.partition}:budgets::${local.account_id}:budget/${var.budget_name}"]
  }

  # Cost Explorer for the cost dashboards (the issue's list); the metrics adapter reads
  # CloudWatch today, so GetCostAndUsage is granted ahead of its first caller.
  statement {
    sid       = "MetricsAndCosts"
    actions   = ["cloudwatch:GetMetricData", "cloudwatch:ListMetrics", "ce:GetCostAndUsage"]
    resources = ["*"] # none of these has a resource type
  }
}

resource "aws_iam_role_policy" "task" {
  name   = "portal-calls"
  role   = aws_iam_role.task.id
  policy = data.aws_iam_policy_document.task.json
}

# ---- network -----------------------------------------------------------------------------------

resource "aws_security_group" "alb" {
  name        = "${var.name}-portal-alb"
  description = "Portal load balancer: HTTPS from the Client VPN only"
  vpc_id      = var.vpc_id

  tags = merge(local.tags, { Name = "${var.name}-portal-alb" })
}

# Client VPN source-NATs client addresses to its own interfaces in the VPC, so a rule on the
# client range would never match; the VPN's security group is what identifies VPN traffic.
resource "aws_vpc_security_group_ingress_rule" "alb_from_vpn" {
  security_group_id            = aws_security_group.alb.id
  description                  = "HTTPS from Client VPN users"
  referenced_security_group_id = var.vpn_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443

  tags = local.tags
}

resource "aws_vpc_security_group_egress_rule" "alb_to_tasks" {
  security_group_id            = aws_security_group.alb.id
  description                  = "To the portal tasks"
  referenced_security_group_id = aws_security_group.tasks.id
  ip_protocol                  = "tcp"
  from_port                    = local.container_port
  to_port                      = local.container_port

  tags = local.tags
}

resource "aws_security_group" "tasks" {
  name        = "${var.name}-portal-tasks"
  description = "Portal tasks: from the load balancer; to AWS APIs, the IdP and the database"
  vpc_id      = var.vpc_id

  tags = merge(local.tags, { Name = "${var.name}-portal-tasks" })
}

resource "aws_vpc_security_group_ingress_rule" "tasks_from_alb" {
  security_group_id            = aws_security_group.tasks.id
  description                  = "From the load balancer"
  referenced_security_group_id = aws_security_group.alb.id
  ip_protocol                  = "tcp"
  from_port                    = local.container_port
  to_port                      = local.container_port

  tags = local.tags
}

resource "aws_vpc_security_group_egress_rule" "tasks_https" {
  security_group_id = aws_security_group.tasks.id
  description       = "AWS APIs, the MWAA CLI endpoint, the OIDC issuer"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443

  tags = local.tags
}

resource "aws_vpc_security_group_egress_rule" "tasks_database" {
  security_group_id            = aws_security_group.tasks.id
  description                  = "Postgres"
  referenced_security_group_id = var.database_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = var.database.port
  to_port                      = var.database.port

  tags = local.tags
}

# ---- load balancer -----------------------------------------------------------------------------

resource "aws_lb" "this" {
  #checkov:skip=CKV_AWS_150:Set by var.deletion_protection: true in prod (a structural test asserts it), false in dev so the estate can be torn down.
  name                       = "${var.name}-portal"
  internal                   = true
  load_balancer_type         = "application"
  subnets                    = var.subnet_ids
  security_groups            = [aws_security_group.alb.id]
  drop_invalid_header_fields = true
  deletion_protection        = var.deletion_protection

  access_logs {
    bucket  = var.access_logs_bucket_name
    prefix  = "alb"
    enabled = true
  }

  tags = local.tags
}

resource "aws_lb_target_group" "this" {
  name                 = "${var.name}-portal"
  vpc_id               = var.vpc_id
  target_type          = "ip"
  protocol             = "HTTP"
  port                 = local.container_port
  deregistration_delay = 30

  health_check {
    path                = "/api/health"
    matcher             = "200"
    interval            = 15
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  tags = local.tags
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.this.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.this.arn
  }

  tags = local.tags
}

# ---- service -----------------------------------------------------------------------------------

resource "aws_ecs_cluster" "this" {
  name = "${var.name}-portal"

  setting {
    name  = "containerInsights"
    value = "enabled"
  }

  tags = local.tags
}

resource "aws_ecs_task_definition" "this" {
  family                   = "${var.name}-portal"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.cpu
  memory                   = var.memory
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  dynamic "volume" {
    for_each = local.volumes
    content {
      name = volume.key
    }
  }

  container_definitions = jsonencode([{
    name                   = local.container_name
    image                  = "${aws_ecr_repository.this.repository_url}:${var.image_tag}"
    essential              = true
    readonlyRootFilesystem = true
    user                   = local.container_user
    command                = local.server_command
    healthCheck = {
      command     = local.health_command
      interval    = 30
      timeout     = 5
      startPeriod = 60
      retries     = 3
    }
    portMappings = [{ containerPort = local.container_port, protocol = "tcp" }]
    environment  = [for k, v in local.environment : { name = k, value = v }]
    secrets      = [for k, v in local.secrets : { name = k, valueFrom = v }]
    mountPoints  = [for v, path in local.volumes : { sourceVolume = v, containerPath = path, readOnly = false }]
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.this.name
        awslogs-region        = local.region
        awslogs-stream-prefix = "portal"
      }
    }
  }])

  tags = local.tags
}

resource "aws_ecs_service" "this" {
  name                              = "portal"
  cluster                           = aws_ecs_cluster.this.id
  task_definition                   = aws_ecs_task_definition.this.arn
  desired_count                     = var.desired_count
  launch_type                       = "FARGATE"
  platform_version                  = "LATEST"
  health_check_grace_period_seconds = 60
  enable_ecs_managed_tags           = true
  propagate_tags                    = "SERVICE"

  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = [aws_security_group.tasks.id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.this.arn
    container_name   = local.container_name
    container_port   = local.container_port
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  # After the first apply, .github/workflows/deploy.yml registers each image as a new revision of
  # this family and rolls the service to it; an apply must not roll it back to image_tag's revision.
  lifecycle {
    ignore_changes = [task_definition]
  }

  tags = local.tags

  depends_on = [aws_lb_listener.https, aws_iam_role_policy.execution_secrets]
}
