"""What `terraform validate` would catch, checked offline: layout, declarations and references."""

import re

import pytest

from infra.tests.estate import INFRA, load

ESTATE = load()
MODULES = sorted(n for n in ESTATE if n.startswith("modules/"))
# Fragments linked into every env (envs/shared/*.tf): checked through envs/dev and envs/prod.
CONFIGS = sorted(n for n in ESTATE if n != "envs/shared")

REFERENCE = {
    "var": re.compile(r"(?<![\w.])var\.(\w+)"),
    "local": re.compile(r"(?<![\w.])local\.(\w+)"),
    "module": re.compile(r"(?<![\w.])module\.(\w+)(?:\.(\w+))?"),
    "data": re.compile(r"(?<![\w.])data\.(\w+)\.(\w+)"),
    "resource": re.compile(r"(?<![\w.\-/:])((?:aws|random)_\w+)\.(\w+)"),
}


def expressions(tf) -> str:
    """The source without comments, where references are looked for."""
    return re.sub(r"(?m)^\s*#.*$|\s#[^\n\"]*$", "", tf.text())


@pytest.mark.parametrize("name", MODULES)
def test_module_has_the_standard_files(name):
    present = {p.name for p in (INFRA / name).glob("*.tf")}
    assert {"main.tf", "variables.tf", "outputs.tf", "versions.tf"} <= present


@pytest.mark.parametrize("name", CONFIGS)
def test_every_variable_is_typed_and_described(name):
    for var, body in ESTATE[name].variables.items():
        assert body.get("type"), f"{name}: variable {var} has no type"
        assert len(str(body.get("description", ""))) >= 10, f"{name}: variable {var} is not described"


@pytest.mark.parametrize("name", CONFIGS)
def test_every_output_is_described(name):
    for out, body in ESTATE[name].outputs.items():
        assert body.get("description"), f"{name}: output {out} is not described"


@pytest.mark.parametrize("name", CONFIGS)
def test_references_name_declared_things(name):
    tf = ESTATE[name]
    text = expressions(tf)
    resources = {b.labels[:2] for b in tf.resources()}
    data = {b.labels[:2] for b in tf.blocks("data")}
    missing = set()
    missing |= {f"var.{v}" for v in REFERENCE["var"].findall(text) if v not in tf.variables}
    missing |= {f"local.{v}" for v in REFERENCE["local"].findall(text) if v not in tf.locals}
    missing |= {f"data.{t}.{n}" for t, n in REFERENCE["data"].findall(text) if (t, n) not in data}
    for type_, label in REFERENCE["resource"].findall(text):
        if (type_, label) not in resources:
            missing.add(f"{type_}.{label}")
    for call, output in REFERENCE["module"].findall(text):
        if call not in tf.module_calls:
            missing.add(f"module.{call}")
        elif output and output not in module_outputs(tf, call):
            missing.add(f"module.{call}.{output}")
    assert not missing, f"{name} refers to undeclared {sorted(missing)}"


def module_outputs(tf, call: str) -> set[str]:
    source = tf.module_calls[call].body["source"]
    target = (tf.path / source).resolve().relative_to(INFRA).as_posix()
    return set(ESTATE[target].outputs)


@pytest.mark.parametrize("name", CONFIGS)
def test_module_calls_pass_declared_and_required_inputs(name):
    meta = {"source", "version", "providers", "depends_on", "count", "for_each"}
    tf = ESTATE[name]
    for call, block in tf.module_calls.items():
        target = ESTATE[(tf.path / block.body["source"]).resolve().relative_to(INFRA).as_posix()]
        given = set(block.body) - meta
        unknown = given - set(target.variables)
        required = {v for v, body in target.variables.items() if "default" not in body}
        assert not unknown, f"{name}: module {call} passes undeclared {sorted(unknown)}"
        assert required <= given, f"{name}: module {call} misses {sorted(required - given)}"


@pytest.mark.parametrize("name", CONFIGS)
def test_provider_versions_are_lower_bounds(name):
    versions = [b for b in ESTATE[name].terraform_blocks if "required_version" in b]
    assert versions, f"{name} states no required_version"
    for block in versions:
        assert block["required_version"].startswith(">="), name
        for provider in block.get("required_providers", [{}])[0].values():
            assert provider["version"].startswith(">="), f"{name}: {provider}"


def test_only_roots_configure_providers_and_backends(estate):
    for name, tf in estate.items():
        has_backend = any("backend" in b for b in tf.terraform_blocks)
        if name.startswith("modules/"):
            assert not tf.providers and not has_backend, f"{name} must inherit providers from its caller"
    for env in ("envs/dev", "envs/prod"):
        (backend,) = [b["backend"] for b in estate[env].terraform_blocks if "backend" in b]
        s3 = backend[0]["s3"]
        assert s3["use_lockfile"] is True and s3["encrypt"] is True
        assert s3["key"] == f"builditall/{env.removeprefix('envs/')}/terraform.tfstate"


def test_envs_set_every_setting_the_composition_reads(estate):
    read = set(re.findall(r"local\.settings\.(\w+)", expressions(estate["envs/shared"])))
    assert read
    for env in ("envs/dev", "envs/prod"):
        assert set(estate[env].locals["settings"]) == read, env
