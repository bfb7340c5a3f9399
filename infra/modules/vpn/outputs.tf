output "endpoint_id" {
  description = "Client VPN endpoint ID (download the client configuration with it)."
  value       = aws_ec2_client_vpn_endpoint.this.id
}

output "dns_name" {
  description = "DNS name of the Client VPN endpoint."
  value       = aws_ec2_client_vpn_endpoint.this.dns_name
}

output "security_group_id" {
  description = "Security group of VPN traffic inside the VPC: reference it to admit VPN users."
  value       = aws_security_group.this.id
}

output "client_cidr" {
  description = "Range client addresses are taken from."
  value       = var.client_cidr
}
