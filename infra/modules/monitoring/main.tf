data "aws_caller_identity" "current" {}

locals {
  tags = merge(var.tags, { Module = "monitoring" })
  # Every alarm's name starts with this: the portal lists the estate's alarms by it.
  alarm_prefix = "${var.name}-"
  account_id   = data.aws_caller_identity.current.account_id
  # Alarms notify both when they fire and when they clear.
  notify = [aws_sns_topic.alerts.arn]
  nat_alarms = merge([
    for zone, id in var.nat_gateway_ids : {
      "${zone}-port-allocation-errors" = {
        zone = zone, nat_gateway_id = id, metric = "ErrorPortAllocation", threshold = 0
        what = "could not allocate a source port"
      }
      "${zone}-packets-dropped" = {
        zone = zone, nat_gateway_id = id, metric = "PacketsDropCount", threshold = var.nat_dropped_packets_threshold
        what = "dropped more than ${var.nat_dropped_packets_threshold} packets in 5 minutes"
      }
    }
  ]...)
}

resource "aws_sns_topic" "alerts" {
  name              = "${var.name}-alerts"
  kms_master_key_id = var.kms_key_arn
  tags              = local.tags
}

data "aws_iam_policy_document" "alerts" {
  statement {
    sid       = "AlarmsAndBudgetsOfThisAccount"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.alerts.arn]
    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com", "budgets.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_sns_topic_policy" "alerts" {
  arn    = aws_sns_topic.alerts.arn
  policy = data.aws_iam_policy_document.alerts.json
}

resource "aws_sns_topic_subscription" "email" {
  for_each = toset(var.alert_emails)

  topic_arn = aws_sns_topic.alerts.arn
  protocol  = "email"
  endpoint  = each.value
}

# Clusters come and go with each DAG run, so no alarm can name one: a Metrics Insights query
# takes the largest IsIdle over every cluster of the account.
resource "aws_cloudwatch_metric_alarm" "emr_idle" {
  alarm_name          = "${local.alarm_prefix}emr-cluster-idle"
  alarm_description   = "An EMR cluster has been idle for ${var.emr_idle_minutes} minutes: a DAG probably failed to terminate it."
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 1
  evaluation_periods  = var.emr_idle_minutes / 5
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.notify
  ok_actions          = local.notify

  metric_query {
    id          = "idle"
    expression  = "SELECT MAX(IsIdle) FROM SCHEMA(\"AWS/ElasticMapReduce\", JobFlowId)"
    period      = 300
    return_data = true
  }

  tags = local.tags
}

resource "aws_cloudwatch_metric_alarm" "dag_run_failed" {
  alarm_name          = "${local.alarm_prefix}dag-run-failed"
  alarm_description   = "A DAG run failed (metric ${var.metrics_namespace}/${var.dag_run_failed_metric}, published by the pipeline)."
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 1
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.notify
  ok_actions          = local.notify

  metric_query {
    id          = "failed"
    expression  = "SELECT SUM(${var.dag_run_failed_metric}) FROM SCHEMA(\"${var.metrics_namespace}\", DagId)"
    period      = 300
    return_data = true
  }

  tags = local.tags
}

resource "aws_cloudwatch_metric_alarm" "rds_cpu" {
  alarm_name          = "${local.alarm_prefix}rds-cpu-high"
  alarm_description   = "Portal database CPU above ${var.rds_cpu_percent_threshold}% for 15 minutes."
  namespace           = "AWS/RDS"
  metric_name         = "CPUUtilization"
  dimensions          = { DBInstanceIdentifier = var.rds_instance_identifier }
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 3
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.rds_cpu_percent_threshold
  alarm_actions       = local.notify
  ok_actions          = local.notify

  tags = local.tags
}

resource "aws_cloudwatch_metric_alarm" "rds_storage" {
  alarm_name          = "${local.alarm_prefix}rds-storage-low"
  alarm_description   = "Portal database has less than ${var.rds_free_storage_bytes_threshold} bytes free."
  namespace           = "AWS/RDS"
  metric_name         = "FreeStorageSpace"
  dimensions          = { DBInstanceIdentifier = var.rds_instance_identifier }
  statistic           = "Minimum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "LessThanThreshold"
  threshold           = var.rds_free_storage_bytes_threshold
  alarm_actions       = local.notify
  ok_actions          = local.notify

  tags = local.tags
}

# Two alarms per NAT gateway: source ports exhausted, and packets dropped.
resource "aws_cloudwatch_metric_alarm" "nat" {
  for_each = local.nat_alarms

  alarm_name          = "${local.alarm_prefix}nat-${each.key}"
  alarm_description   = "NAT gateway in ${each.value.zone}: ${each.value.what}."
  namespace           = "AWS/NATGateway"
  metric_name         = each.value.metric
  dimensions          = { NatGatewayId = each.value.nat_gateway_id }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = each.value.threshold
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.notify
  ok_actions          = local.notify

  tags = local.tags
}

resource "aws_budgets_budget" "monthly" {
  name         = "${var.name}-monthly"
  budget_type  = "COST"
  limit_amount = tostring(var.monthly_budget_usd)
  limit_unit   = "USD"
  time_unit    = "MONTHLY"

  dynamic "cost_filter" {
    for_each = var.budget_cost_filter == null ? [] : [var.budget_cost_filter]
    content {
      name   = cost_filter.value.name
      values = cost_filter.value.values
    }
  }

  notification {
    notification_type          = "ACTUAL"
    comparison_operator        = "GREATER_THAN"
    threshold                  = 80
    threshold_type             = "PERCENTAGE"
    subscriber_email_addresses = var.alert_emails
    subscriber_sns_topic_arns  = [aws_sns_topic.alerts.arn]
  }

  notification {
    notification_type          = "FORECASTED"
    comparison_operator        = "GREATER_THAN"
    threshold                  = 100
    threshold_type             = "PERCENTAGE"
    subscriber_email_addresses = var.alert_emails
    subscriber_sns_topic_arns  = [aws_sns_topic.alerts.arn]
  }

  tags = local.tags
}
