output "alerts_topic_arn" {
  description = "SNS topic every alarm and the budget notify."
  value       = aws_sns_topic.alerts.arn
}

output "alarm_names" {
  description = "Names of the alarms."
  value = concat(
    [
      aws_cloudwatch_metric_alarm.emr_idle.alarm_name,
      aws_cloudwatch_metric_alarm.dag_run_failed.alarm_name,
      aws_cloudwatch_metric_alarm.rds_cpu.alarm_name,
      aws_cloudwatch_metric_alarm.rds_storage.alarm_name,
    ],
    [for a in aws_cloudwatch_metric_alarm.nat : a.alarm_name],
  )
}

output "budget_name" {
  description = "Name of the monthly budget."
  value       = aws_budgets_budget.monthly.name
}

output "alarm_name_prefix" {
  description = "Prefix every alarm's name starts with (the portal's ALARM_NAME_PREFIX)."
  value       = local.alarm_prefix
}
