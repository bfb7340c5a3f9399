locals {
  tags = merge(var.tags, { Module = "vpn" })

  import_server_certificate = var.server_certificate_arn == null
  server_certificate_arn    = local.import_server_certificate ? aws_acm_certificate.server[0].arn : var.server_certificate_arn
}

resource "aws_acm_certificate" "server" {
  count = local.import_server_certificate ? 1 : 0

  certificate_body  = var.server_certificate.certificate
  private_key       = var.server_certificate.private_key
  certificate_chain = var.server_certificate.chain

  tags = merge(local.tags, { Name = "${var.name}-vpn-server" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_cloudwatch_log_group" "connections" {
  name              = "/builditall/${var.name}/client-vpn"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn

  tags = local.tags
}

resource "aws_cloudwatch_log_stream" "connections" {
  name           = "connections"
  log_group_name = aws_cloudwatch_log_group.connections.name
}

# Applied to the endpoint's network interfaces. Client VPN source-NATs client traffic to these
# interfaces, so services inside the VPC admit VPN users by referencing this group.
resource "aws_security_group" "this" {
  name        = "${var.name}-client-vpn"
  description = "Client VPN endpoint: VPN users reach the VPC only"
  vpc_id      = var.vpc_id

  tags = merge(local.tags, { Name = "${var.name}-client-vpn" })
}

resource "aws_vpc_security_group_egress_rule" "to_vpc" {
  security_group_id = aws_security_group.this.id
  description       = "VPN users to services in the VPC"
  cidr_ipv4         = var.vpc_cidr
  ip_protocol       = "-1"

  tags = local.tags
}

resource "aws_ec2_client_vpn_endpoint" "this" {
  description            = "${var.name} engineers"
  client_cidr_block      = var.client_cidr
  server_certificate_arn = local.server_certificate_arn
  split_tunnel           = true
  transport_protocol     = "udp"
  session_timeout_hours  = var.session_timeout_hours
  dns_servers            = [var.dns_server]
  vpc_id                 = var.vpc_id
  security_group_ids     = [aws_security_group.this.id]

  authentication_options {
    type                       = "certificate-authentication"
    root_certificate_chain_arn = coalesce(var.client_root_certificate_arn, local.server_certificate_arn)
  }

  connection_log_options {
    enabled               = true
    cloudwatch_log_group  = aws_cloudwatch_log_group.connections.name
    cloudwatch_log_stream = aws_cloudwatch_log_stream.connections.name
  }

  client_login_banner_options {
    enabled     = true
    banner_text = "BuildItAll data platform (${var.name}). Access is logged."
  }

  tags = merge(local.tags, { Name = "${var.name}-client-vpn" })
}

resource "aws_ec2_client_vpn_network_association" "this" {
  # count, not for_each: subnet IDs are unknown until the network is applied.
  count = length(var.subnet_ids)

  client_vpn_endpoint_id = aws_ec2_client_vpn_endpoint.this.id
  subnet_id              = var.subnet_ids[count.index]
}

# Split tunnel plus this single rule: clients reach the VPC and nothing else through the VPN.
resource "aws_ec2_client_vpn_authorization_rule" "vpc" {
  client_vpn_endpoint_id = aws_ec2_client_vpn_endpoint.this.id
  target_network_cidr    = var.vpc_cidr
  authorize_all_groups   = true
  description            = "The platform VPC only"
}
