# What makes this environment prod; the composition itself is envs/shared/main.tf.
locals {
  environment = "prod"

  # Two zones for everything (NAT gateways, interface endpoints, VPN associations, the database
  # standby, two portal tasks), and nothing deletable by accident. mw1.small (50 DAGs, 5 tasks per
  # worker) scales out to 3 workers for backfills; the portal's database needs no more than a
  # db.t4g.small. Monthly cost: infra/README.md ("Monthly cost"), priced by infra/tests/cost_estimate.py.
  settings = {
    zone_redundancy          = true
    mwaa_environment_class   = "mw1.small"
    mwaa_max_workers         = 3
    rds_instance_class       = "db.t4g.small"
    rds_multi_az             = true
    deletion_protection      = true
    force_destroy_buckets    = false
    kms_deletion_window_days = 30
    portal_desired_count     = 2
    monthly_budget_usd       = 1300
  }
}
