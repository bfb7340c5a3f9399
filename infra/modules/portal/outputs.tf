output "url" {
  description = "Portal URL (NEXTAUTH_URL); point domain_name at load_balancer_dns_name in a private zone."
  value       = "https://${var.domain_name}"
}

output "load_balancer_dns_name" {
  description = "DNS name of the internal load balancer."
  value       = aws_lb.this.dns_name
}

output "load_balancer_zone_id" {
  description = "Hosted zone of the load balancer, for an alias record."
  value       = aws_lb.this.zone_id
}

output "ecr_repository_url" {
  description = "Push portal images here, tagged with image_tag."
  value       = aws_ecr_repository.this.repository_url
}

output "cluster_name" {
  description = "ECS cluster of the portal."
  value       = aws_ecs_cluster.this.name
}

output "service_name" {
  description = "ECS service of the portal."
  value       = aws_ecs_service.this.name
}

output "security_group_id" {
  description = "Security group of the portal tasks (admitted by the database and MWAA)."
  value       = aws_security_group.tasks.id
}

output "task_role_arn" {
  description = "Role the portal's AWS SDK clients run as."
  value       = aws_iam_role.task.arn
}

output "nextauth_secret_arn" {
  description = "Secret holding NEXTAUTH_SECRET."
  value       = aws_secretsmanager_secret.nextauth.arn
}

output "oidc_client_secret_arn" {
  description = "Secret holding OIDC_CLIENT_SECRET (put its value after the first apply)."
  value       = aws_secretsmanager_secret.oidc_client.arn
}

output "environment" {
  description = "Plain environment variables given to the portal container."
  value       = local.environment
}

output "secret_environment" {
  description = "Environment variables injected from Secrets Manager, with the secret (and JSON key) each comes from."
  value       = local.secrets
}

output "task_definition_family" {
  description = "Family of the portal's task definition; the deploy workflow registers each new image as a revision of it."
  value       = aws_ecs_task_definition.this.family
}

output "migrate_command" {
  description = "Command of the one-off migration task (the image's migrate-command label)."
  value       = local.migrate_command
}

output "subnet_ids" {
  description = "Subnets the portal tasks (and the one-off migration task) run in."
  value       = var.subnet_ids
}

output "deploy_targets" {
  description = "What the CI deploy role may act on (the portal input of modules/ci)."
  value = {
    ecr_repository_arn     = aws_ecr_repository.this.arn
    kms_key_arn            = var.kms_key_arn
    cluster_arn            = aws_ecs_cluster.this.arn
    service_arn            = aws_ecs_service.this.id
    task_definition_family = aws_ecs_task_definition.this.family
    pass_role_arns         = [aws_iam_role.execution.arn, aws_iam_role.task.arn]
  }
}
