module "estate" {
  source = "../../modules/estate"

  environment        = "prod"
  availability_zones = var.availability_zones
  lake_bucket_name   = var.lake_bucket_name

  # Standby database, more MWAA headroom, nothing deletable by accident.
  mwaa_environment_class = "mw1.medium"
  mwaa_max_workers       = 5
  rds_instance_class     = "db.t4g.medium"
  rds_multi_az           = true
  deletion_protection    = true
  portal_desired_count   = 2
  monthly_budget_usd     = 2000

  vpn_server_certificate_arn  = var.vpn_server_certificate_arn
  vpn_server_certificate      = var.vpn_server_certificate
  portal_domain_name          = var.portal_domain_name
  portal_certificate_arn      = var.portal_certificate_arn
  portal_image_tag            = var.portal_image_tag
  oidc_issuer                 = var.oidc_issuer
  oidc_client_id              = var.oidc_client_id
  alert_emails                = var.alert_emails
  github_repository           = var.github_repository
  create_github_oidc_provider = var.create_github_oidc_provider
  github_oidc_provider_arn    = var.github_oidc_provider_arn
}
