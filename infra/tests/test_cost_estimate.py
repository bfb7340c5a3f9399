"""The estate's monthly cost, priced from the Terraform with the repository's one price table."""

import copy
import json
import re

import pytest

from infra.tests.cost_estimate import (
    CEILINGS_USD,
    ENVS,
    ESTATE_JSON,
    PRICE_TABLE,
    README,
    EstimateError,
    Instance,
    Pricer,
    current_estate,
    estate_json,
    estimate,
    render,
    totals,
)
from infra.tests.estate import REPO

ESTATE = current_estate()


def with_settings(env: str, **changes):
    """The estate with some of an environment's settings changed, the Terraform otherwise as is."""
    estate = dict(ESTATE)
    root = copy.copy(ESTATE[f"envs/{env}"])
    root.__dict__["locals"] = {**root.locals, "settings": {**root.locals["settings"], **changes}}
    estate[f"envs/{env}"] = root
    return estate


def line(lines, text):
    (found,) = [x for x in lines if text in x.item]
    return found


@pytest.mark.parametrize("env", ENVS)
def test_fixed_cost_stays_under_the_ceiling(env):
    t = totals(estimate(env))
    print(f"{env}: fixed ${t['fixed']:,.2f} + usage ${t['usage']:,.2f} = ${t['total']:,.2f}")
    assert t["fixed"] <= CEILINGS_USD[env]


@pytest.mark.parametrize("env", ENVS)
def test_the_budget_alerts_only_on_an_unusual_month(env):
    budget = ESTATE[f"envs/{env}"].locals["settings"]["monthly_budget_usd"]
    assert 0.8 * budget > totals(estimate(env))["total"], "the 80 % actual alert would fire every month"


def test_readme_cost_table_is_current():
    readme = README.read_text()
    assert render(readme) == readme, "run: .venv/bin/python -m infra.tests.cost_estimate --write"


def test_the_portals_estate_estimate_is_current():
    """lib/costs/estate.json (the portal's fixed-cost estimate) is this estimate's fixed lines."""
    stale = "run: .venv/bin/python -m infra.tests.cost_estimate --write"
    assert ESTATE_JSON.read_text() == estate_json(), stale
    doc = json.loads(ESTATE_JSON.read_text())
    for env in ENVS:
        assert doc["envs"][env]["fixedUsdPerMonth"] == totals(estimate(env))["fixed"]


def test_zone_redundancy_is_read_from_the_terraform():
    dev, redundant = estimate("dev"), estimate("dev", with_settings("dev", zone_redundancy=True))
    assert line(dev, "NAT gateway").item == "1 NAT gateway(s)"
    assert line(redundant, "NAT gateway").item == "2 NAT gateway(s)"
    assert line(dev, "interface endpoints").item == "10 interface endpoints × 1 zone(s)"
    assert line(redundant, "interface endpoints").item == "10 interface endpoints × 2 zone(s)"
    assert line(redundant, "VPN subnet").monthly == 2 * line(dev, "VPN subnet").monthly
    assert totals(redundant)["fixed"] - totals(dev)["fixed"] == pytest.approx(192, abs=1)


def test_prod_pays_for_two_zones_everywhere():
    prod = estimate("prod")
    assert line(prod, "NAT gateway").item == "2 NAT gateway(s)"
    assert line(prod, "public IPv4").item == "2 public IPv4 address(es)"
    assert line(prod, "interface endpoints").item.endswith("× 2 zone(s)")
    assert line(prod, "VPN subnet").item == "2 VPN subnet association(s)"
    assert "Multi-AZ" in line(prod, "RDS").item
    assert line(prod, "Fargate").item.startswith("2 Fargate task(s)")


def test_sizes_come_from_the_env_settings():
    table = json.loads(PRICE_TABLE.read_text())["regions"]["eu-west-1"]["services"]
    bigger = estimate(
        "dev",
        with_settings(
            "dev",
            mwaa_environment_class="mw1.small",
            mwaa_max_workers=2,
            rds_instance_class="db.t4g.small",
            portal_desired_count=3,
        ),
    )
    assert line(bigger, "MWAA").monthly == pytest.approx(table["mwaaEnvironmentHour"]["mw1.small"] * 730)
    assert line(bigger, "extra workers").kind == "usage"
    assert line(bigger, "RDS").monthly == pytest.approx(table["rdsInstanceHour"]["db.t4g.small"] * 730)
    assert line(bigger, "Fargate").item.startswith("3 Fargate task(s)")
    assert not [x for x in estimate("dev") if "extra workers" in x.item], "mw1.micro does not scale out"


def test_an_unpriced_resource_type_stops_the_estimate():
    pricer = Pricer({}, {}, 730, 0.35)
    inst = Instance("module.x", ESTATE["modules/network"], {}, None, {})
    with pytest.raises(EstimateError, match="neither priced nor listed as free"):
        pricer.price(inst, "aws_elasticache_cluster", "cache", {})


def test_an_unknown_expression_stops_the_estimate():
    pricer = Pricer({"natGatewayHour": 1, "natGatewayGb": 1}, {}, 730, 0.35)
    network = Instance("module.network", ESTATE["modules/network"], {}, None, {})
    with pytest.raises(EstimateError, match="teach the estimate"):
        pricer.price(network, "aws_nat_gateway", "this", {"for_each": "${toset(var.something_new)}"})


def test_the_portal_reads_the_same_table():
    """prices.ts imports prices.json and prices the regions it lists: one table, one date."""
    source = (REPO / "lib/costs/prices.ts").read_text()
    assert 'import table from "./prices.json";' in source
    assert "table.takenOn" in source
    regions = re.search(r"PRICE_REGIONS = \[(.*?)\] as const", source).group(1)
    assert {r.strip(' "') for r in regions.split(",")} == set(json.loads(PRICE_TABLE.read_text())["regions"])
    assert not re.search(r"\d\.\d{2,}", source), "prices belong in prices.json, not prices.ts"
