output "state_bucket_name" {
  description = "Give it to every env: terraform init -backend-config=\"bucket=<this>\"."
  value       = module.state.id
}
