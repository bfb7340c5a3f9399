# What the portal, the DAGs and the CI workflow need; README.md maps them to environment variables.

output "region" {
  description = "AWS region of the estate (AWS_REGION)."
  value       = data.aws_region.current.region
}

output "lake_bucket_name" {
  description = "Lake bucket (LAKE_BUCKETS; the DAGs' lake URI s3://<bucket>/)."
  value       = module.lake.bucket_name
}

output "mwaa_environment_name" {
  description = "MWAA environment (MWAA_ENVIRONMENT)."
  value       = module.mwaa.environment_name
}

output "mwaa_webserver_url" {
  description = "Private Airflow UI, reachable over the VPN."
  value       = module.mwaa.webserver_url
}

output "airflow_version" {
  description = "Airflow version MWAA runs."
  value       = module.mwaa.airflow_version
}

output "rds_endpoint" {
  description = "Portal database host (in DATABASE_URL)."
  value       = module.rds.endpoint
}

output "rds_master_user_secret_arn" {
  description = "RDS-managed secret whose username/password become PGUSER/PGPASSWORD."
  value       = module.rds.master_user_secret_arn
}

output "portal_url" {
  description = "Portal URL (NEXTAUTH_URL)."
  value       = module.portal.url
}

output "portal_load_balancer_dns_name" {
  description = "Internal load balancer; alias portal_domain_name to it in a private hosted zone."
  value       = module.portal.load_balancer_dns_name
}

output "portal_ecr_repository_url" {
  description = "Where to push portal images."
  value       = module.portal.ecr_repository_url
}

output "portal_environment" {
  description = "Plain environment of the portal container."
  value       = module.portal.environment
}

output "portal_secret_environment" {
  description = "Secret environment of the portal container and where each value comes from."
  value       = module.portal.secret_environment
}

output "portal_secret_arns" {
  description = "Secrets the portal reads: NEXTAUTH_SECRET, OIDC_CLIENT_SECRET, the database credentials."
  value = {
    nextauth_secret    = module.portal.nextauth_secret_arn
    oidc_client_secret = module.portal.oidc_client_secret_arn
    database           = module.rds.master_user_secret_arn
  }
}

output "vpn_endpoint_id" {
  description = "Client VPN endpoint (export the client configuration with it)."
  value       = module.vpn.endpoint_id
}

output "emr" {
  description = "What the pipeline DAG passes to RunJobFlow (release emr-7.8.0 is the DAG's choice)."
  value = {
    service_role                     = module.emr.service_role_name
    instance_profile                 = module.emr.instance_profile_name
    security_configuration           = module.emr.security_configuration_name
    primary_security_group_id        = module.emr.primary_security_group_id
    core_security_group_id           = module.emr.core_security_group_id
    service_access_security_group_id = module.emr.service_access_security_group_id
    subnet_ids                       = module.network.private_subnet_ids
    log_uri                          = module.emr.log_uri
  }
}

output "ci_role_arn" {
  description = "Role the GitHub workflow assumes (GitHub repository variable AWS_SYNC_ROLE_ARN_<ENV>)."
  value       = module.ci.role_arn
}

output "alerts_topic_arn" {
  description = "SNS topic of alarms and budget alerts."
  value       = module.monitoring.alerts_topic_arn
}

output "portal_deploy" {
  description = "What .github/workflows/deploy.yml needs to run the migration task and roll the service (repository variables, docs/deploy.md)."
  value = {
    cluster                = module.portal.cluster_name
    service                = module.portal.service_name
    task_definition_family = module.portal.task_definition_family
    subnet_ids             = join(",", module.portal.subnet_ids)
    security_group_id      = module.portal.security_group_id
    migrate_command        = module.portal.migrate_command
    ci_deploy_role_arn     = module.ci.deploy_role_arn
  }
}
