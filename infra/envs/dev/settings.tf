# What makes this environment dev; the composition itself is envs/shared/main.tf.
locals {
  environment = "dev"

  # Small and disposable: no standby, no deletion protection, buckets destroyable.
  settings = {
    mwaa_environment_class   = "mw1.small"
    mwaa_max_workers         = 2
    rds_instance_class       = "db.t4g.micro"
    rds_multi_az             = false
    deletion_protection      = false
    force_destroy_buckets    = true
    kms_deletion_window_days = 7
    portal_desired_count     = 2
    monthly_budget_usd       = 1200
  }
}
