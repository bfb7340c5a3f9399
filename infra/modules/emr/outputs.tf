output "service_role_arn" {
  description = "EMR service role (RunJobFlow ServiceRole)."
  value       = aws_iam_role.service.arn
}

output "service_role_name" {
  description = "Name of the EMR service role."
  value       = aws_iam_role.service.name
}

output "instance_role_arn" {
  description = "Role of cluster nodes."
  value       = aws_iam_role.instance.arn
}

output "instance_profile_name" {
  description = "Instance profile of cluster nodes (RunJobFlow JobFlowRole)."
  value       = aws_iam_instance_profile.instance.name
}

output "primary_security_group_id" {
  description = "EmrManagedMasterSecurityGroup."
  value       = aws_security_group.primary.id
}

output "core_security_group_id" {
  description = "EmrManagedSlaveSecurityGroup."
  value       = aws_security_group.core.id
}

output "service_access_security_group_id" {
  description = "ServiceAccessSecurityGroup (required in private subnets)."
  value       = aws_security_group.service_access.id
}

output "security_configuration_name" {
  description = "Security configuration with encryption at rest and in transit."
  value       = aws_emr_security_configuration.this.name
}

output "log_uri" {
  description = "Where clusters write their logs (RunJobFlow LogUri)."
  value       = "s3://${var.lake_bucket_name}/logs/emr/"
}
