"""The estate's monthly cost, priced from the Terraform and the repository's one price table.

Walks every module instance of envs/dev and envs/prod (module calls, nested ones included), takes
each resource's multiplicity and sizes from the parsed HCL and the env's settings, and prices every
billable resource type with lib/costs/prices.json, the table the portal's cost model reads. A
resource type that is neither priced here nor listed as free stops the estimate, so nothing billable
goes unpriced. Lines are `fixed` (charged by the hour or month whether or not anything runs) or
`usage` (driven by activity, priced on the USAGE assumptions below).

    python -m infra.tests.cost_estimate                  # print both envs
    python -m infra.tests.cost_estimate --write          # rewrite README.md's block and lib/costs/estate.json
    python -m infra.tests.cost_estimate --compare <rev>  # before (the infra/ of a git revision) → after
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

from infra.tests.estate import INFRA, REPO, TfDir, load

PRICE_TABLE = REPO / "lib/costs/prices.json"
README = INFRA / "README.md"
# The estimate as the portal reads it (lib/costs/estate.ts): the fixed cost of each env by module.
ESTATE_JSON = REPO / "lib/costs/estate.json"
EMR_ADAPTER = REPO / "dags/builditall/emr.py"
ENVS = ("dev", "prod")
# Issue 21: the fixed monthly cost each environment must stay under.
CEILINGS_USD = {"dev": 500, "prod": 1100}
BLOCK = re.compile(r"(<!-- cost estimate: generated -->\n)(.*?)(<!-- /cost estimate -->)", re.DOTALL)

# What the usage lines assume, per environment and month.
USAGE = {
    "nat_gb": 50,  # processed by the NAT gateways (PyPI, SSM, EMR node agents)
    "endpoint_gb": 20,  # processed by the interface endpoints (logs, metrics, queue, API calls)
    "vpn_connection_hours": 5 * 8 * 21,  # 5 engineers × 8 h × 21 working days
    "alb_lcu": 0.2,  # average load balancer capacity units (a handful of engineers)
    "runs_per_month": 30,  # the daily pipeline
    "cluster_hours_per_run": 1,
    "mwaa_extra_worker_hours": 30,  # one extra worker for an hour a day, where the class scales out
    "lake_gb": 100,
    "access_logs_gb": 5,
    "ecr_gb": 2,
    "container_insights_metrics": 25,  # cluster, service and task-family metrics of one service
    # CloudWatch Logs ingested per month, by log group (MWAA's groups are its own, not in Terraform).
    "logs_gb": {"vpc-flow-logs": 5, "client-vpn": 0.1, "portal": 1, "mwaa": 3},
}


# The Terraform as it is on disk, parsed once per process.
current_estate = cache(load)


class EstimateError(Exception):
    """The estimate met something it cannot price: teach it (a rule below) rather than skip it."""


@dataclass(frozen=True)
class Line:
    module: str
    item: str
    monthly: float
    kind: str  # fixed | usage


@dataclass
class Instance:
    """One module instance of an environment: the module's code and how its caller calls it."""

    address: str
    tf: TfDir
    call: dict[str, Any]
    caller: Instance | None
    settings: dict[str, Any]
    children: dict[str, Instance] = field(default_factory=dict)

    @property
    def top(self) -> str:
        return self.address.split(".")[1] if self.address.startswith("module.") else self.address

    @property
    def module_name(self) -> str:
        return self.tf.name.removeprefix("modules/")

    def input(self, name: str, default: Any = None) -> Any:
        if name in self.call:
            return resolve(self.call[name], self.caller)
        declared = self.tf.variables.get(name)
        if declared is None or "default" not in declared:
            if default is not None:
                return default
            raise EstimateError(f"{self.address}: no value for var.{name}")
        return resolve(declared["default"], self)


def resolve(value: Any, ctx: Instance | None) -> Any:
    """The value of an HCL expression as far as the estimate needs it (references, literals)."""
    if isinstance(value, list):
        return [resolve(v, ctx) for v in value]
    if not (isinstance(value, str) and value.startswith("${") and value.endswith("}")):
        return value
    expr = value[2:-1].strip()
    if ctx is None:
        raise EstimateError(f"cannot resolve {expr}")
    if m := re.fullmatch(r"local\.settings\.(\w+)", expr):
        return ctx.settings[m.group(1)]
    if m := re.fullmatch(r"var\.(\w+)", expr):
        return ctx.input(m.group(1))
    if m := re.fullmatch(r"module\.(\w+)\.(\w+)", expr):
        sibling = ctx.children[m.group(1)]
        rule = OUTPUTS.get((sibling.module_name, m.group(2)))
        if rule is None:
            raise EstimateError(f"{ctx.address}: teach the estimate module.{m.group(1)}.{m.group(2)}")
        return rule(sibling)
    if m := re.fullmatch(r"local\.(\w+)", expr):
        return resolve(ctx.tf.locals[m.group(1)], ctx)
    raise EstimateError(f"{ctx.address}: teach the estimate the expression {expr}")


def zones(network: Instance) -> list[str]:
    return network.input("availability_zones")


def egress_zones(network: Instance) -> list[str]:
    # Before zone_redundancy existed every zone had its NAT gateway and endpoints.
    return zones(network) if network.input("zone_redundancy", True) else zones(network)[:1]


OUTPUTS: dict[tuple[str, str], Callable[[Instance], Any]] = {
    ("network", "private_subnet_ids"): lambda n: [f"private-{az}" for az in zones(n)],
    ("network", "egress_subnet_ids"): lambda n: [f"private-{az}" for az in egress_zones(n)],
    ("network", "nat_gateway_ids"): lambda n: {az: f"nat-{az}" for az in egress_zones(n)},
}

# count / for_each expressions the estimate evaluates, by module; others must resolve as references.
MULTIPLICITY: dict[tuple[str, str], Callable[[Instance], int]] = {
    ("network", "local.zones"): lambda n: len(zones(n)),
    ("network", "local.egress_zones"): lambda n: len(egress_zones(n)),
    ("vpn", "length(var.subnet_ids)"): lambda v: len(v.input("subnet_ids")),
    # nat_alarms makes one alarm per "${zone}-<what>" key for each NAT gateway.
    ("monitoring", "local.nat_alarms"): lambda m: (
        m.tf.locals["nat_alarms"].count('"${zone}-') * len(m.input("nat_gateway_ids"))
    ),
    ("bucket", "local.encrypt_with_kms ? 1 : 0"): lambda b: 0 if b.input("access_log_target") else 1,
}

# The zones an interface endpoint has a network interface in, by its subnet_ids expression.
ENDPOINT_SUBNETS: dict[str, Callable[[Instance], int]] = {
    "[for s in aws_subnet.private : s.id]": lambda n: len(zones(n)),
    "[for az, s in aws_subnet.private : s.id if contains(keys(local.egress_zones), az)]": lambda n: len(
        egress_zones(n)
    ),
}


def multiplicity(inst: Instance, body: dict[str, Any]) -> int:
    raw = body.get("count", body.get("for_each"))
    if raw is None:
        return 1
    expr = raw[2:-1].strip() if isinstance(raw, str) and raw.startswith("${") else None
    if expr is not None and (inst.module_name, expr) in MULTIPLICITY:
        return MULTIPLICITY[(inst.module_name, expr)](inst)
    value = resolve(raw, inst)
    return int(value) if isinstance(value, bool | int) else len(value)


def attribute(inst: Instance, body: dict[str, Any], name: str) -> Any:
    return resolve(body[name], inst)


# Resource types that cost nothing by themselves (their traffic or storage is priced elsewhere).
FREE = {
    "aws_vpc", "aws_subnet", "aws_route_table", "aws_route", "aws_route_table_association",
    "aws_internet_gateway", "aws_default_security_group", "aws_security_group",
    "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule",
    "aws_iam_role", "aws_iam_role_policy", "aws_iam_role_policy_attachment", "aws_iam_instance_profile",
    "aws_iam_openid_connect_provider", "aws_kms_alias", "aws_acm_certificate",  # imported: free
    "aws_cloudwatch_log_stream", "aws_flow_log",  # flow logs are priced as their log group's ingestion
    "aws_ec2_client_vpn_authorization_rule", "aws_lb_listener", "aws_lb_target_group",
    "aws_ecs_task_definition", "aws_db_subnet_group", "aws_db_parameter_group",
    "aws_emr_security_configuration", "aws_secretsmanager_secret_version", "random_password",
    "aws_s3_bucket_ownership_controls", "aws_s3_bucket_public_access_block", "aws_s3_bucket_versioning",
    "aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_logging",
    "aws_s3_bucket_policy", "aws_s3_bucket_lifecycle_configuration",
    "aws_s3_object",  # a few folder markers and requirements.txt
    "aws_ssm_parameter",  # standard tier
    "aws_sns_topic", "aws_sns_topic_policy", "aws_sns_topic_subscription",  # e-mail: first 1,000 free
    "aws_budgets_budget",  # budgets without actions
}  # fmt: skip


@dataclass
class Pricer:
    services: dict[str, Any]
    instances: dict[str, Any]
    hours: float
    spot_share: float
    lines: list[Line] = field(default_factory=list)

    def add(self, inst: Instance, item: str, monthly: float, kind: str = "fixed") -> None:
        self.lines.append(Line(inst.top, item, round(monthly, 2), kind))

    def hourly(self, inst: Instance, item: str, per_hour: float, kind: str = "fixed") -> None:
        self.add(inst, item, per_hour * self.hours, kind)

    def price(self, inst: Instance, type_: str, name: str, body: dict[str, Any]) -> None:
        if type_ in FREE:
            return
        s, n = self.services, multiplicity(inst, body)
        if n == 0:
            return
        if type_ == "aws_nat_gateway":
            self.hourly(inst, f"{n} NAT gateway(s)", n * s["natGatewayHour"])
            self.add(
                inst, f"NAT processing, {USAGE['nat_gb']} GB", USAGE["nat_gb"] * s["natGatewayGb"], "usage"
            )
        elif type_ == "aws_eip":
            self.hourly(inst, f"{n} public IPv4 address(es)", n * s["publicIpv4Hour"])
        elif type_ == "aws_vpc_endpoint":
            if attribute(inst, body, "vpc_endpoint_type") == "Gateway":
                return
            subnets = body["subnet_ids"][2:-1].strip()
            if subnets not in ENDPOINT_SUBNETS:
                raise EstimateError(f"{inst.address}: teach the estimate the endpoint subnets {subnets}")
            azs = ENDPOINT_SUBNETS[subnets](inst)
            self.hourly(
                inst, f"{n} interface endpoints × {azs} zone(s)", n * azs * s["interfaceEndpointAzHour"]
            )
            gb = USAGE["endpoint_gb"]
            self.add(inst, f"endpoint processing, {gb} GB", gb * s["interfaceEndpointGb"], "usage")
        elif type_ == "aws_ec2_client_vpn_network_association":
            self.hourly(inst, f"{n} VPN subnet association(s)", n * s["clientVpnAssociationHour"])
        elif type_ == "aws_ec2_client_vpn_endpoint":
            h = USAGE["vpn_connection_hours"]
            self.add(inst, f"VPN connections, {h} h", h * s["clientVpnConnectionHour"], "usage")
        elif type_ == "aws_mwaa_environment":
            self.price_mwaa(inst, body)
        elif type_ == "aws_db_instance":
            self.price_database(inst, body)
        elif type_ == "aws_ecs_service":
            count = attribute(inst, body, "desired_count")
            vcpu, gb = inst.input("cpu") / 1024, inst.input("memory") / 1024
            per_task = vcpu * s["fargateVcpuHour"] + gb * s["fargateGbHour"]
            self.hourly(inst, f"{count} Fargate task(s) of {vcpu:g} vCPU, {gb:g} GB", count * per_task)
        elif type_ == "aws_ecs_cluster":
            insights = {x["name"]: x["value"] for x in body.get("setting", [])}.get("containerInsights")
            if insights == "enabled":
                metrics = USAGE["container_insights_metrics"]
                self.add(inst, f"Container Insights, ~{metrics} metrics", metrics * s["customMetricMonth"])
        elif type_ == "aws_lb":
            self.hourly(inst, "load balancer", s["albHour"])
            self.hourly(
                inst, f"load balancer, {USAGE['alb_lcu']} LCU", USAGE["alb_lcu"] * s["albLcuHour"], "usage"
            )
        elif type_ == "aws_secretsmanager_secret":
            self.add(inst, f"secret {name}", n * s["secretMonth"])
        elif type_ == "aws_kms_key":
            self.add(inst, f"{n} KMS key(s)", n * s["kmsKeyMonth"])
        elif type_ == "aws_cloudwatch_metric_alarm":
            self.add(inst, f"alarm {name} × {n}", n * s["alarmMetricMonth"])
        elif type_ == "aws_cloudwatch_log_group":
            self.price_log_group(
                inst, attribute(inst, body, "name"), attribute(inst, body, "retention_in_days")
            )
        elif type_ == "aws_ecr_repository":
            self.add(inst, f"images, {USAGE['ecr_gb']} GB", USAGE["ecr_gb"] * s["ecrGbMonth"], "usage")
        elif type_ == "aws_s3_bucket":
            logs = inst.input("access_log_target", False)
            gb = USAGE["access_logs_gb"] if logs else USAGE["lake_gb"]
            label = "access logs" if logs else "lake"
            self.add(inst, f"S3 {label}, {gb} GB", gb * s["s3StandardGbMonth"], "usage")
        else:
            raise EstimateError(f"{inst.address}: {type_}.{name} is neither priced nor listed as free")

    def price_mwaa(self, inst: Instance, body: dict[str, Any]) -> None:
        s = self.services
        cls = attribute(inst, body, "environment_class")
        if cls not in s["mwaaEnvironmentHour"]:
            raise EstimateError(f"no MWAA price for {cls} in {PRICE_TABLE.name}")
        self.hourly(inst, f"MWAA {cls}", s["mwaaEnvironmentHour"][cls])
        extra = attribute(inst, body, "max_workers") - attribute(inst, body, "min_workers")
        if extra > 0:
            h = USAGE["mwaa_extra_worker_hours"]
            self.add(inst, f"extra workers, {h} worker-hours", h * s["mwaaExtraWorkerHour"][cls], "usage")
        # MWAA makes its log groups (airflow-<environment>-*) itself, outside Terraform: priced as if
        # kept a year, like the estate's own.
        self.price_log_group(inst, "mwaa", 365, USAGE["logs_gb"]["mwaa"])

    def price_database(self, inst: Instance, body: dict[str, Any]) -> None:
        s = self.services
        cls, multi_az = attribute(inst, body, "instance_class"), attribute(inst, body, "multi_az")
        copies = 2 if multi_az else 1
        where = "Multi-AZ" if multi_az else "single-AZ"
        self.hourly(inst, f"RDS {cls} {where}", copies * s["rdsInstanceHour"][cls])
        gb = attribute(inst, body, "allocated_storage")
        self.add(inst, f"gp3 {gb} GB {where}", copies * gb * s["rdsGp3GbMonth"])
        if attribute(inst, body, "manage_master_user_password"):
            self.add(inst, "master password secret", s["secretMonth"])

    def price_log_group(
        self, inst: Instance, name: str, retention_days: int, gb: float | None = None
    ) -> None:
        """Ingestion, and storage once the retention window is full (what retention costs)."""
        key = next((k for k in USAGE["logs_gb"] if str(name).endswith(k)), None)
        if gb is None:
            if key is None:
                raise EstimateError(f"{inst.address}: no ingestion assumption for log group {name}")
            gb = USAGE["logs_gb"][key]
        s, label = self.services, key or name
        self.add(inst, f"logs {label}: {gb:g} GB in", gb * s["logsIngestGb"], "usage")
        stored = round(gb * retention_days / 30, 1)
        self.add(
            inst,
            f"logs {label}: {stored:g} GB kept {retention_days} d",
            stored * s["logsStoredGbMonth"],
            "usage",
        )


def instances(estate: dict[str, TfDir], env: str) -> list[Instance]:
    root_tf = estate[f"envs/{env}"]
    settings = root_tf.locals["settings"]
    root = Instance(f"envs/{env}", root_tf, {}, None, settings)
    found: list[Instance] = []

    def walk(parent: Instance) -> None:
        for call_name, block in parent.tf.module_calls.items():
            target = (parent.tf.path / block.body["source"]).resolve().relative_to(parent.tf.root).as_posix()
            prefix = "" if parent.caller is None else parent.address + "."
            parent.children[call_name] = Instance(
                f"{prefix}module.{call_name}", estate[target], block.body, parent, settings
            )
        for child in parent.children.values():
            found.append(child)
            walk(child)

    walk(root)
    return found


def emr_runs(pricer: Pricer, inst: Instance) -> None:
    """The daily clusters the DAG starts: the shape dags/builditall/emr.py asks EMR for."""
    source = EMR_ADAPTER.read_text()
    instance_type = re.search(r'^INSTANCE_TYPE = "([\w.]+)"', source, re.M).group(1)
    core = int(re.search(r"^CORE_NODES = (\d+)", source, re.M).group(1))
    p = pricer.instances[instance_type]
    spot = round(p["onDemand"] * pricer.spot_share, 4)
    per_hour = (p["onDemand"] + p["emr"]) + core * (spot + p["emr"])
    runs, hours = USAGE["runs_per_month"], USAGE["cluster_hours_per_run"]
    item = f"clusters: {runs} runs × {hours} h of 1 on-demand + {core} spot {instance_type}"
    pricer.add(inst, item, runs * hours * per_hour, "usage")


def estimate(
    env: str, estate: dict[str, TfDir] | None = None, table: dict[str, Any] | None = None
) -> list[Line]:
    estate = estate or current_estate()
    table = table or json.loads(PRICE_TABLE.read_text())
    region = resolve(estate[f"envs/{env}"].variables["region"]["default"], None)
    prices = table["regions"][region]
    pricer = Pricer(prices["services"], prices["instances"], table["hoursPerMonth"], table["spotShare"])
    for inst in instances(estate, env):
        for block in inst.tf.resources():
            pricer.price(inst, block.labels[0], block.labels[1], block.body)
        if inst.module_name == "emr":
            emr_runs(pricer, inst)
    return pricer.lines


def totals(lines: list[Line]) -> dict[str, float]:
    fixed = round(sum(line.monthly for line in lines if line.kind == "fixed"), 2)
    usage = round(sum(line.monthly for line in lines if line.kind == "usage"), 2)
    return {"fixed": fixed, "usage": usage, "total": round(fixed + usage, 2)}


def by_module(lines: list[Line]) -> dict[str, dict[str, float]]:
    modules: dict[str, dict[str, float]] = {}
    for line in lines:
        row = modules.setdefault(line.module, {"fixed": 0.0, "usage": 0.0})
        row[line.kind] += line.monthly
    return modules


def usd(value: float) -> str:
    return f"${value:,.0f}"


def render_block(estate: dict[str, TfDir] | None = None) -> str:
    estate = estate or current_estate()
    table = json.loads(PRICE_TABLE.read_text())
    lines = {env: estimate(env, estate, table) for env in ENVS}
    rows = {env: by_module(lines[env]) for env in ENVS}
    out = [
        f"Priced by `infra/tests/cost_estimate.py` from the Terraform and `lib/costs/prices.json` "
        f"(AWS list prices as known on **{table['takenOn']}**, {table['hoursPerMonth']} h/month, USD, "
        "before tax and free tier; regenerate with `.venv/bin/python -m infra.tests.cost_estimate --write`). "
        "*Fixed* is charged whether or not anything runs; *usage* follows activity, on the assumptions "
        "below.",
        "",
        "| module | dev fixed | dev usage | prod fixed | prod usage |",
        "|---|---:|---:|---:|---:|",
    ]
    for module in sorted(set(rows["dev"]) | set(rows["prod"])):
        cells = [usd(rows[env].get(module, {}).get(kind, 0)) for env in ENVS for kind in ("fixed", "usage")]
        out.append(f"| {module} | " + " | ".join(cells) + " |")
    t = {env: totals(lines[env]) for env in ENVS}
    out.append(
        f"| **total** | **{usd(t['dev']['fixed'])}** | {usd(t['dev']['usage'])} "
        f"| **{usd(t['prod']['fixed'])}** | {usd(t['prod']['usage'])} |"
    )
    out += [
        "",
        f"Per month: dev {usd(t['dev']['total'])}, prod {usd(t['prod']['total'])} (fixed plus usage). "
        f"Ceilings of the fixed cost (a test holds them): dev {usd(CEILINGS_USD['dev'])}, prod "
        f"{usd(CEILINGS_USD['prod'])}.",
        "",
        "Usage assumptions: "
        + "; ".join(f"`{k}` {v}" for k, v in USAGE.items() if k != "logs_gb")
        + "; CloudWatch Logs in, GB/month: "
        + ", ".join(f"{k} {v}" for k, v in USAGE["logs_gb"].items())
        + ".",
        "",
    ]
    for env in ENVS:
        out += [
            f"<details><summary>{env}: every priced line</summary>",
            "",
            "| module | line | kind | USD/month |",
        ]
        out.append("|---|---|---|---:|")
        out += [f"| {x.module} | {x.item} | {x.kind} | {x.monthly:,.2f} |" for x in lines[env]]
        out += ["", "</details>", ""]
    return "\n".join(out)


def estate_json(estate: dict[str, TfDir] | None = None) -> str:
    """Each environment's fixed lines and budget, for the portal's estimate of the always-on estate."""
    estate = estate or current_estate()
    table = json.loads(PRICE_TABLE.read_text())
    envs = {}
    for env in ENVS:
        root = estate[f"envs/{env}"]
        fixed = [x for x in estimate(env, estate, table) if x.kind == "fixed"]
        envs[env] = {
            "region": resolve(root.variables["region"]["default"], None),
            "budgetUsd": root.locals["settings"]["monthly_budget_usd"],
            "fixedUsdPerMonth": round(sum(x.monthly for x in fixed), 2),
            "fixed": [{"module": x.module, "item": x.item, "usdPerMonth": x.monthly} for x in fixed],
        }
    doc = {
        "about": "Generated by infra/tests/cost_estimate.py --write from the Terraform and prices.json.",
        "takenOn": table["takenOn"],
        "hoursPerMonth": table["hoursPerMonth"],
        "envs": envs,
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def render(readme: str) -> str:
    if not BLOCK.search(readme):
        raise EstimateError(f"{README} has no <!-- cost estimate: generated --> block")
    return BLOCK.sub(lambda m: m.group(1) + render_block() + m.group(3), readme)


def infra_at(revision: str, into: Path) -> dict[str, TfDir]:
    """The estate as committed at a git revision (for the before → after comparison)."""
    archive = subprocess.run(["git", "archive", revision, "infra"], cwd=REPO, capture_output=True, check=True)
    with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="tar")
    return load(into / "infra")


def summary(label: str, lines: list[Line]) -> str:
    t = totals(lines)
    return f"{label}: fixed {usd(t['fixed'])} + usage {usd(t['usage'])} = {usd(t['total'])}"


def main() -> int:
    if "--write" in sys.argv:
        README.write_text(render(README.read_text()))
        ESTATE_JSON.write_text(estate_json())
    if "--compare" in sys.argv:
        revision = sys.argv[sys.argv.index("--compare") + 1]
        with tempfile.TemporaryDirectory() as tmp:
            before = infra_at(revision, Path(tmp))
            for env in ENVS:
                old, new = totals(estimate(env, before)), totals(estimate(env))
                print(
                    f"{env}: fixed {usd(old['fixed'])} → {usd(new['fixed'])}, "
                    f"total {usd(old['total'])} → {usd(new['total'])} (before: {revision})"
                )
        return 0
    for env in ENVS:
        print(summary(env, estimate(env)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
