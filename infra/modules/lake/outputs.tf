output "bucket_name" {
  description = "Name of the lake bucket."
  value       = module.bucket.id
}

output "bucket_arn" {
  description = "ARN of the lake bucket."
  value       = module.bucket.arn
}

output "kms_key_arn" {
  description = "ARN of the key that encrypts lake objects; readers and writers need kms:Decrypt/GenerateDataKey on it."
  value       = module.bucket.kms_key_arn
}

output "access_logs_bucket_name" {
  description = "Bucket receiving S3 server access logs (s3/) and load balancer logs (alb/)."
  value       = module.access_logs.id
}

output "prefixes" {
  description = "Top-level prefixes of the lake."
  value       = sort(tolist(var.prefixes))
}
