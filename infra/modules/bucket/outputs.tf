output "id" {
  description = "Bucket name, available once the bucket policy is in place (log delivery and MWAA need it)."
  value       = aws_s3_bucket.this.id

  depends_on = [aws_s3_bucket_policy.this, aws_s3_bucket_server_side_encryption_configuration.this]
}

output "arn" {
  description = "Bucket ARN."
  value       = aws_s3_bucket.this.arn
}

output "kms_key_arn" {
  description = "Key of the bucket's objects (null on an access-log target); readers and writers need kms:Decrypt/GenerateDataKey on it."
  value       = local.encrypt_with_kms ? aws_kms_key.this[0].arn : null
}
