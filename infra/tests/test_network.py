"""The address plan of the issue, and the network pieces every private service depends on."""

from ipaddress import ip_network
from itertools import combinations

import pytest


@pytest.fixture(scope="module")
def plan(modules, estate):
    network = modules["network"].variables
    call = estate["envs/dev"].module_calls["network"].body
    # The envs keep the module's defaults (they share one composition, envs/shared/main.tf).
    overridden = {"vpc_cidr", "public_subnet_cidrs", "private_subnet_cidrs"} & set(call)
    assert not overridden, f"the envs override {overridden}; update the plan in README and here"
    return {
        "vpc": ip_network(network["vpc_cidr"]["default"]),
        "public": [ip_network(c) for c in network["public_subnet_cidrs"]["default"]],
        "private": [ip_network(c) for c in network["private_subnet_cidrs"]["default"]],
        "vpn_clients": ip_network(modules["vpn"].variables["client_cidr"]["default"]),
    }


def test_address_plan_is_the_one_agreed(plan):
    assert plan["vpc"] == ip_network("10.100.0.0/16")
    assert plan["public"] == [ip_network("10.100.0.0/24"), ip_network("10.100.1.0/24")]
    assert plan["private"] == [ip_network("10.100.3.0/24"), ip_network("10.100.4.0/24")]
    assert plan["vpn_clients"] == ip_network("10.0.0.0/16")


def test_subnets_sit_inside_the_vpc_and_never_overlap(plan):
    subnets = plan["public"] + plan["private"]
    assert all(s.subnet_of(plan["vpc"]) for s in subnets)
    for a, b in combinations(subnets, 2):
        assert not a.overlaps(b), f"{a} overlaps {b}"


def test_vpn_client_range_stays_clear_of_the_vpc(plan):
    assert not plan["vpn_clients"].overlaps(plan["vpc"])
    assert 12 <= plan["vpn_clients"].prefixlen <= 22  # what Client VPN accepts


def test_each_egress_zone_has_a_nat_gateway_and_every_zone_a_way_out(modules):
    network = modules["network"]
    for type_, name in [("aws_nat_gateway", "this"), ("aws_eip", "nat")]:
        assert network.resource(type_, name).body["for_each"] == "${local.egress_zones}"
    assert network.resource("aws_route_table", "private").body["for_each"] == "${local.zones}"
    assert network.locals["zones"] == "${{for i, az in var.availability_zones : az => i}}"
    # Every zone without zone_redundancy routes through the first zone's NAT gateway.
    assert network.locals["egress_zones"] == (
        "${var.zone_redundancy ? local.zones : {(var.availability_zones[0]) = 0}}"
    )
    route = network.resource("aws_route", "private_nat").body
    assert route["for_each"] == "${local.zones}"
    assert route["nat_gateway_id"] == "${aws_nat_gateway.this[local.nat_zone_of[each.key]].id}"
    own_or_first = "contains(keys(local.egress_zones), az) ? az : var.availability_zones[0]"
    assert own_or_first in network.locals["nat_zone_of"]
    assert network.variables["zone_redundancy"]["default"] is True


def test_endpoints_and_vpn_sit_in_the_egress_zones(modules, estate):
    network = modules["network"]
    endpoints = network.resource("aws_vpc_endpoint", "interface").body
    assert "if contains(keys(local.egress_zones), az)" in endpoints["subnet_ids"]
    assert "if contains(keys(local.egress_zones), az)" in network.outputs["egress_subnet_ids"]["value"]
    composition = estate["envs/shared"]
    assert composition.module_calls["vpn"].body["subnet_ids"] == "${module.network.egress_subnet_ids}"
    assert composition.module_calls["network"].body["zone_redundancy"] == "${local.settings.zone_redundancy}"


def test_public_subnets_give_no_public_addresses(modules):
    assert modules["network"].resource("aws_subnet", "public").body["map_public_ip_on_launch"] is False


def test_endpoints_cover_what_private_services_call(modules):
    network = modules["network"]
    services = set(network.variables["interface_endpoint_services"]["default"])
    assert {
        "logs",
        "secretsmanager",
        "sqs",
        "elasticmapreduce",
        "monitoring",
        "airflow.api",
        "airflow.env",
    } <= services
    assert "sts" not in services  # nothing in the VPC calls STS (variables.tf says why)
    assert network.resource("aws_vpc_endpoint", "s3").body["vpc_endpoint_type"] == "Gateway"
    assert network.resource("aws_vpc_endpoint", "interface").body["private_dns_enabled"] is True


def test_vpc_traffic_is_logged(modules):
    flow = modules["network"].resource("aws_flow_log", "this").body
    assert flow["traffic_type"] == "ALL" and flow["vpc_id"] == "${aws_vpc.this.id}"


def test_vpn_is_split_tunnel_certificate_only_and_limited_to_the_vpc(modules):
    vpn = modules["vpn"]
    endpoint = vpn.resource("aws_ec2_client_vpn_endpoint", "this").body
    assert endpoint["split_tunnel"] is True
    assert [a["type"] for a in endpoint["authentication_options"]] == ["certificate-authentication"]
    assert endpoint["connection_log_options"][0]["enabled"] is True
    (rule,) = vpn.resources("aws_ec2_client_vpn_authorization_rule")
    assert rule.body["target_network_cidr"] == "${var.vpc_cidr}"


def test_no_configuration_reads_files(estate):
    """Certificates and keys come from variables or ACM, so none can sit committed beside the code."""
    for name, tf in estate.items():
        for function in ("file(", "filebase64(", "templatefile("):
            assert function not in tf.text(), f"{name} calls {function})"
