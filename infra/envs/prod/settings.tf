# What makes this environment prod; the composition itself is envs/shared/main.tf.
locals {
  environment = "prod"

  # A standby database, MWAA headroom, and nothing deletable by accident.
  settings = {
    mwaa_environment_class   = "mw1.medium"
    mwaa_max_workers         = 5
    rds_instance_class       = "db.t4g.medium"
    rds_multi_az             = true
    deletion_protection      = true
    force_destroy_buckets    = false
    kms_deletion_window_days = 30
    portal_desired_count     = 2
    monthly_budget_usd       = 2000
  }
}
