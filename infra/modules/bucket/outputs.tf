output "id" {
  description = "Bucket name."
  value       = aws_s3_bucket.this.id
}

output "arn" {
  description = "Bucket ARN."
  value       = aws_s3_bucket.this.arn
}

output "kms_key_arn" {
  description = "Key of the bucket's objects (null on an access-log target); readers and writers need kms:Decrypt/GenerateDataKey on it."
  value       = local.encrypt_with_kms ? aws_kms_key.this[0].arn : null
}
