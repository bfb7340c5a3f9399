# The whole estate of one environment. Linked into every envs/<env>/, which adds its backend
# (backend.tf) and what makes it that environment: its name and sizes (settings.tf).
data "aws_region" "current" {}

locals {
  name              = "builditall-${local.environment}"
  metrics_namespace = "BuildItAll/Platform"
}

module "kms" {
  source = "../../modules/kms"

  name                    = local.name
  deletion_window_in_days = local.settings.kms_deletion_window_days
}

module "network" {
  source = "../../modules/network"

  name               = local.name
  availability_zones = var.availability_zones
  zone_redundancy    = local.settings.zone_redundancy
  kms_key_arn        = module.kms.key_arn
}

module "vpn" {
  source = "../../modules/vpn"

  name                        = local.name
  vpc_id                      = module.network.vpc_id
  vpc_cidr                    = module.network.vpc_cidr
  subnet_ids                  = module.network.egress_subnet_ids
  dns_server                  = module.network.dns_server
  server_certificate_arn      = var.vpn_server_certificate_arn
  server_certificate          = var.vpn_server_certificate
  client_root_certificate_arn = var.vpn_client_root_certificate_arn
  kms_key_arn                 = module.kms.key_arn
}

module "lake" {
  source = "../../modules/lake"

  bucket_name   = var.lake_bucket_name
  force_destroy = local.settings.force_destroy_buckets
}

module "emr" {
  source = "../../modules/emr"

  name              = local.name
  vpc_id            = module.network.vpc_id
  lake_bucket_name  = module.lake.bucket_name
  lake_kms_key_arn  = module.lake.kms_key_arn
  metrics_namespace = local.metrics_namespace
}

module "mwaa" {
  source = "../../modules/mwaa"

  name                          = local.name
  environment_class             = local.settings.mwaa_environment_class
  max_workers                   = local.settings.mwaa_max_workers
  vpc_id                        = module.network.vpc_id
  subnet_ids                    = module.network.private_subnet_ids
  web_client_security_group_ids = [module.vpn.security_group_id, module.portal.security_group_id]
  lake_bucket_name              = module.lake.bucket_name
  lake_kms_key_arn              = module.lake.kms_key_arn
  emr_role_arns                 = [module.emr.service_role_arn, module.emr.instance_role_arn]

  # Names the DAGs read (dags/builditall/settings.py, notify.py).
  airflow_variables = {
    platform_target                      = "aws"
    lake_bucket                          = module.lake.bucket_name
    emr_subnet_ids                       = join(",", module.network.private_subnet_ids)
    emr_service_role                     = module.emr.service_role_name
    emr_instance_profile                 = module.emr.instance_profile_name
    emr_security_configuration           = module.emr.security_configuration_name
    emr_primary_security_group_id        = module.emr.primary_security_group_id
    emr_core_security_group_id           = module.emr.core_security_group_id
    emr_service_access_security_group_id = module.emr.service_access_security_group_id
    alert_emails                         = join(",", var.alert_emails)
  }

  # MWAA reaches S3, SQS, CloudWatch and ECR through the endpoints while it is being created.
  depends_on = [module.network]
}

module "rds" {
  source = "../../modules/rds"

  name                      = local.name
  vpc_id                    = module.network.vpc_id
  subnet_ids                = module.network.private_subnet_ids
  client_security_group_ids = [module.portal.security_group_id]
  instance_class            = local.settings.rds_instance_class
  multi_az                  = local.settings.rds_multi_az
  deletion_protection       = local.settings.deletion_protection
  kms_key_arn               = module.kms.key_arn
}

module "portal" {
  source = "../../modules/portal"

  name                       = local.name
  vpc_id                     = module.network.vpc_id
  subnet_ids                 = module.network.private_subnet_ids
  vpn_security_group_id      = module.vpn.security_group_id
  database_security_group_id = module.rds.security_group_id
  domain_name                = var.portal_domain_name
  certificate_arn            = var.portal_certificate_arn
  image_tag                  = var.portal_image_tag
  desired_count              = local.settings.portal_desired_count
  deletion_protection        = local.settings.deletion_protection
  lake_bucket_names          = [module.lake.bucket_name]
  lake_kms_key_arn           = module.lake.kms_key_arn
  mwaa_environment_name      = module.mwaa.environment_name
  environment                = local.environment
  alarm_name_prefix          = module.monitoring.alarm_name_prefix
  budget_name                = module.monitoring.budget_name
  oidc_issuer                = var.oidc_issuer
  oidc_client_id             = var.oidc_client_id
  oidc_groups_claim          = var.oidc_groups_claim
  oidc_role_map              = var.oidc_role_map
  kms_key_arn                = module.kms.key_arn
  access_logs_bucket_name    = module.lake.access_logs_bucket_name

  database = {
    host       = module.rds.endpoint
    port       = module.rds.port
    name       = module.rds.database_name
    secret_arn = module.rds.master_user_secret_arn
  }
}

module "monitoring" {
  source = "../../modules/monitoring"

  name                    = local.name
  alert_emails            = var.alert_emails
  metrics_namespace       = local.metrics_namespace
  rds_instance_identifier = module.rds.instance_identifier
  nat_gateway_ids         = module.network.nat_gateway_ids
  monthly_budget_usd      = local.settings.monthly_budget_usd
  kms_key_arn             = module.kms.key_arn
}

module "ci" {
  source = "../../modules/ci"

  name                 = local.name
  github_repository    = var.github_repository
  create_oidc_provider = var.create_github_oidc_provider
  oidc_provider_arn    = var.github_oidc_provider_arn
  lake_bucket_name     = module.lake.bucket_name
  lake_kms_key_arn     = module.lake.kms_key_arn
  portal               = module.portal.deploy_targets
}
