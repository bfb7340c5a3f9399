"""Who may reach what: nothing from the internet, the portal only through the VPN."""

import pytest

OPEN = {"0.0.0.0/0", "::/0"}


def all_rules(estate, direction):
    for name, tf in estate.items():
        for block in tf.resources(f"aws_vpc_security_group_{direction}_rule"):
            yield name, block


def test_no_security_group_admits_the_internet(estate):
    checked = 0
    for name, rule in all_rules(estate, "ingress"):
        checked += 1
        assert rule.body.get("cidr_ipv4") not in OPEN and rule.body.get("cidr_ipv6") not in OPEN, (
            f"{name}: {rule.address} admits the internet"
        )
    assert checked >= 5


def test_rules_live_in_rule_resources_only(estate):
    """Inline rules would fight the standalone ones (and EMR's own), and hide from the test above."""
    for name, tf in estate.items():
        for sg in tf.resources("aws_security_group") + tf.resources("aws_default_security_group"):
            assert "ingress" not in sg.body and "egress" not in sg.body, f"{name}: {sg.address}"
        assert not tf.resources("aws_security_group_rule"), name


def test_every_rule_is_described(estate):
    for direction in ("ingress", "egress"):
        for name, rule in all_rules(estate, direction):
            assert rule.body.get("description"), f"{name}: {rule.address}"


def test_portal_load_balancer_admits_only_vpn_users_on_https(modules):
    portal = modules["portal"]
    rules = portal.resources("aws_vpc_security_group_ingress_rule")
    (ingress,) = [r for r in rules if r.body["security_group_id"] == "${aws_security_group.alb.id}"]
    assert ingress.body["referenced_security_group_id"] == "${var.vpn_security_group_id}"
    assert (ingress.body["from_port"], ingress.body["to_port"]) == (443, 443)
    assert portal.resource("aws_lb", "this").body["internal"] is True


def test_the_portal_gets_the_vpn_group_that_vpn_traffic_carries(estate):
    call = estate["envs/dev"].module_calls["portal"].body
    assert call["vpn_security_group_id"] == "${module.vpn.security_group_id}"
    endpoint = estate["modules/vpn"].resource("aws_ec2_client_vpn_endpoint", "this").body
    assert endpoint["security_group_ids"] == ["${aws_security_group.this.id}"]


@pytest.mark.parametrize(
    ("module", "rule", "source"),
    [
        ("rds", "clients", "${var.client_security_group_ids[count.index]}"),
        ("mwaa", "web_clients", "${var.web_client_security_group_ids[count.index]}"),
        ("portal", "tasks_from_alb", "${aws_security_group.alb.id}"),
    ],
)
def test_private_services_admit_named_groups_only(modules, module, rule, source):
    body = modules[module].resource("aws_vpc_security_group_ingress_rule", rule).body
    assert body["referenced_security_group_id"] == source
    assert "cidr_ipv4" not in body


def test_wide_egress_is_https_only(estate):
    for name, rule in all_rules(estate, "egress"):
        if rule.body.get("cidr_ipv4") in OPEN:
            assert (rule.body["ip_protocol"], rule.body["from_port"], rule.body["to_port"]) == (
                "tcp",
                443,
                443,
            ), f"{name}: {rule.address}"
