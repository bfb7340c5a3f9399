import pytest

from infra.tests.estate import TfDir, load


@pytest.fixture(scope="session")
def estate() -> dict[str, TfDir]:
    return load()


@pytest.fixture(scope="session")
def modules(estate) -> dict[str, TfDir]:
    return {name.removeprefix("modules/"): tf for name, tf in estate.items() if name.startswith("modules/")}
