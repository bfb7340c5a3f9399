# The state bucket is made once by infra/bootstrap; its name is account-specific, so it is given
# at init: terraform init -backend-config="bucket=<state bucket>" (README).
terraform {
  backend "s3" {
    key          = "builditall/dev/terraform.tfstate"
    region       = "eu-west-1"
    encrypt      = true
    use_lockfile = true
  }
}
