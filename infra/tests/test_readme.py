"""infra/README.md documents every module, with tables that match the code."""

from infra.tests.readme_modules import BLOCK, README, render


def test_every_module_has_a_readme_section(modules):
    readme = README.read_text()
    documented = {m.group(2) for m in BLOCK.finditer(readme)}
    assert documented == set(modules)
    for name in modules:
        assert f"\n### {name}\n" in readme


def test_generated_tables_match_the_code():
    readme = README.read_text()
    assert render(readme) == readme, "run: .venv/bin/python -m infra.tests.readme_modules --write"


def test_portal_variables_are_mapped(modules):
    readme = README.read_text()
    for variable in [*modules["portal"].locals["environment"], *modules["portal"].locals["secrets"]]:
        assert f"`{variable}`" in readme, variable
