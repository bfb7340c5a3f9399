output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.this.id
}

output "vpc_cidr" {
  description = "IPv4 range of the VPC."
  value       = aws_vpc.this.cidr_block
}

output "public_subnet_ids" {
  description = "Public subnet IDs, in zone order."
  value       = [for az in var.availability_zones : aws_subnet.public[az].id]
}

output "private_subnet_ids" {
  description = "Private subnet IDs, in zone order."
  value       = [for az in var.availability_zones : aws_subnet.private[az].id]
}

output "egress_subnet_ids" {
  description = "Private subnets of the zones holding the NAT gateway and interface endpoints (both zones, or the first without zone_redundancy): where shared entry points such as the VPN associations go."
  value       = [for az in var.availability_zones : aws_subnet.private[az].id if contains(keys(local.egress_zones), az)]
}

output "private_route_table_ids" {
  description = "Route tables of the private subnets."
  value       = [for az in var.availability_zones : aws_route_table.private[az].id]
}

output "nat_gateway_ids" {
  description = "NAT gateway IDs keyed by availability zone (the monitoring module alarms on each)."
  value       = { for az, nat in aws_nat_gateway.this : az => nat.id }
}

output "s3_prefix_list_id" {
  description = "Prefix list of the S3 gateway endpoint, for security group egress to S3."
  value       = aws_vpc_endpoint.s3.prefix_list_id
}

output "dns_server" {
  description = "The VPC's Amazon-provided DNS resolver (base of the VPC range plus two)."
  value       = cidrhost(var.vpc_cidr, 2)
}
