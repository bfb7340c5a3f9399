output "estate" {
  description = "Every output of the estate (README: Outputs to portal configuration)."
  value       = module.estate
}
