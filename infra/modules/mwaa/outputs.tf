output "environment_name" {
  description = "MWAA environment name (the portal's MWAA_ENVIRONMENT)."
  value       = aws_mwaa_environment.this.name
}

output "environment_arn" {
  description = "MWAA environment ARN."
  value       = aws_mwaa_environment.this.arn
}

output "webserver_url" {
  description = "Private web server host name, reachable over the VPN."
  value       = aws_mwaa_environment.this.webserver_url
}

output "execution_role_arn" {
  description = "Execution role of the environment."
  value       = aws_iam_role.execution.arn
}

output "security_group_id" {
  description = "Security group of the environment."
  value       = aws_security_group.this.id
}

output "airflow_version" {
  description = "Airflow version of the environment."
  value       = aws_mwaa_environment.this.airflow_version
}

output "airflow_variables_prefix" {
  description = "SSM Parameter Store path holding the Airflow Variables."
  value       = local.variables_prefix
}
