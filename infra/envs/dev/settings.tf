# What makes this environment dev; the composition itself is envs/shared/main.tf.
locals {
  environment = "dev"

  # Small and disposable: no standby, no deletion protection, buckets destroyable. One zone carries
  # the NAT gateway, the interface endpoints and the VPN association (zone_redundancy = false):
  # losing eu-west-1a takes dev's way out and the VPN down until it is back. MWAA mw1.micro runs
  # 3 tasks at once on one worker, enough for the daily pipeline; one portal task, so a restart
  # or a task failure is a short outage and the syncs have no second task to fail over to.
  # Sizes and their monthly cost: infra/README.md ("Monthly cost"), priced by infra/tests/cost_estimate.py.
  settings = {
    zone_redundancy          = false
    mwaa_environment_class   = "mw1.micro"
    mwaa_max_workers         = 1
    rds_instance_class       = "db.t4g.micro"
    rds_multi_az             = false
    deletion_protection      = false
    force_destroy_buckets    = true
    kms_deletion_window_days = 7
    portal_desired_count     = 1
    monthly_budget_usd       = 700
  }
}
