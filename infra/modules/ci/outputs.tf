output "role_arn" {
  description = "Role the GitHub workflow assumes (GitHub repository variable AWS_SYNC_ROLE_ARN_<ENV>)."
  value       = aws_iam_role.sync.arn
}

output "oidc_provider_arn" {
  description = "GitHub OIDC provider of the account."
  value       = local.oidc_provider_arn
}

output "deploy_role_arn" {
  description = "Role the deploy workflow assumes (GitHub repository variable AWS_DEPLOY_ROLE_ARN_<ENV>)."
  value       = aws_iam_role.deploy.arn
}
