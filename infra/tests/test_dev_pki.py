"""infra/scripts/dev-pki.sh, run for real with openssl in a temporary folder."""

import json
import os
import stat
import subprocess
import zipfile

import pytest

from infra.tests.estate import INFRA, REPO

SCRIPT = INFRA / "scripts" / "dev-pki.sh"


def run(pki, *args):
    env = {**os.environ, "PKI_DIR": str(pki), "PKI_DAYS": "30"}
    return subprocess.run(["bash", str(SCRIPT), *args], env=env, capture_output=True, text=True, check=False)


def openssl(*args) -> str:
    return subprocess.run(["openssl", *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pki")
    result = run(folder, "all")
    assert result.returncode == 0, result.stderr
    return folder


@pytest.mark.parametrize("cert", ["server.crt", "client-dev.crt", "emr.crt"])
def test_certificates_chain_to_the_dev_ca(pki, cert):
    assert openssl("verify", "-CAfile", str(pki / "ca.crt"), str(pki / cert)).strip().endswith("OK")


def test_private_keys_are_readable_by_their_owner_only(pki):
    keys = list(pki.glob("*.key"))
    assert len(keys) == 4
    for key in keys:
        assert stat.S_IMODE(key.stat().st_mode) == 0o600, key.name


def test_server_certificate_is_named_and_made_for_servers(pki):
    text = openssl(
        "x509", "-in", str(pki / "server.crt"), "-noout", "-ext", "subjectAltName,extendedKeyUsage"
    )
    assert "DNS:vpn.builditall.internal" in text and "TLS Web Server Authentication" in text


def test_terraform_variable_holds_certificate_key_and_chain(pki):
    value = json.loads((pki / "vpn_server_certificate.json").read_text())
    assert set(value) == {"certificate", "private_key", "chain"}
    assert value["chain"] == (pki / "ca.crt").read_text()
    assert "PRIVATE KEY" in value["private_key"]


def test_emr_zip_has_the_files_emr_expects(pki):
    with zipfile.ZipFile(pki / "emr-certs.zip") as archive:
        assert sorted(archive.namelist()) == [
            "certificateChain.pem",
            "privateKey.pem",
            "trustedCertificates.pem",
        ]


def test_rerun_keeps_the_ca(pki):
    before = (pki / "ca.crt").read_bytes()
    assert run(pki, "ca").returncode == 0
    assert (pki / "ca.crt").read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"), [(["client", "x;rm -rf"], "client name"), (["emr", "mars"], "region"), ([], "usage")]
)
def test_refuses_bad_input_and_writes_nothing(tmp_path, args, message):
    result = run(tmp_path, *args)
    assert result.returncode == 2 and message in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_default_folder_is_ignored_by_git():
    for path in ("infra/.pki/ca.key", "infra/.pki/vpn_server_certificate.json"):
        assert subprocess.run(["git", "check-ignore", "-q", path], cwd=REPO, check=False).returncode == 0, (
            path
        )
