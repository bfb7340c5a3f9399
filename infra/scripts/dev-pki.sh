#!/usr/bin/env bash
# A development certificate authority and the certificates the estate needs, made locally with
# openssl. Private keys stay in the output folder (infra/.pki/, git-ignored), mode 0600.
#
#   dev-pki.sh all                 CA (if missing), VPN server, client "dev", EMR zip for eu-west-1
#   dev-pki.sh ca                  the CA, unless it exists
#   dev-pki.sh server              a new VPN server certificate (rotation: run again, re-import)
#   dev-pki.sh client <name>       a client certificate and its .ovpn-ready key pair
#   dev-pki.sh emr <region>        certs.zip for EMR in-transit encryption
#
# Environment: PKI_DIR (default infra/.pki), PKI_DOMAIN (default builditall.internal),
# PKI_DAYS (default 825).
set -euo pipefail

PKI_DIR=${PKI_DIR:-"$(cd "$(dirname "$0")/.." && pwd)/.pki"}
PKI_DOMAIN=${PKI_DOMAIN:-builditall.internal}
PKI_DAYS=${PKI_DAYS:-825}

die() { echo "dev-pki: $*" >&2; exit 2; }
say() { echo "dev-pki: $*" >&2; }

[[ $PKI_DOMAIN =~ ^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$ ]] || die "PKI_DOMAIN must be a DNS name, got '$PKI_DOMAIN'"
[[ $PKI_DAYS =~ ^[1-9][0-9]{0,3}$ ]] || die "PKI_DAYS must be a number of days (1-9999), got '$PKI_DAYS'"
command -v openssl >/dev/null || die "openssl is not installed"

umask 077
mkdir -p "$PKI_DIR"

ca() {
  if [[ -f $PKI_DIR/ca.crt ]]; then
    say "CA exists: $PKI_DIR/ca.crt"
    return
  fi
  openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days "$PKI_DAYS" \
    -keyout "$PKI_DIR/ca.key" -out "$PKI_DIR/ca.crt" \
    -subj "/CN=BuildItAll dev CA" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  say "CA: $PKI_DIR/ca.crt"
}

# issue <file stem> <common name> <extendedKeyUsage> [<subjectAltName>]
issue() {
  local stem=$1 cn=$2 eku=$3 san=${4:-DNS:$2} ext
  [[ -f $PKI_DIR/ca.crt ]] || die "no CA yet: run '$0 ca' first"
  ext=$(mktemp)
  printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=%s\nsubjectAltName=%s\n' \
    "$eku" "$san" >"$ext"
  openssl req -new -newkey rsa:2048 -nodes -sha256 -keyout "$PKI_DIR/$stem.key" \
    -out "$PKI_DIR/$stem.csr" -subj "/CN=$cn" 2>/dev/null
  openssl x509 -req -sha256 -days "$PKI_DAYS" -in "$PKI_DIR/$stem.csr" \
    -CA "$PKI_DIR/ca.crt" -CAkey "$PKI_DIR/ca.key" -CAcreateserial -CAserial "$PKI_DIR/ca.srl" \
    -extfile "$ext" -out "$PKI_DIR/$stem.crt" 2>/dev/null
  rm -f "$PKI_DIR/$stem.csr" "$ext"
  say "$stem: $PKI_DIR/$stem.crt"
}

server() {
  issue server "vpn.$PKI_DOMAIN" serverAuth
  # The value of TF_VAR_vpn_server_certificate (an HCL object written as JSON).
  python3 - "$PKI_DIR" >"$PKI_DIR/vpn_server_certificate.json" <<'PY'
import json, pathlib, sys
d = pathlib.Path(sys.argv[1])
print(json.dumps({"certificate": (d / "server.crt").read_text(), "private_key": (d / "server.key").read_text(),
                  "chain": (d / "ca.crt").read_text()}))
PY
  say "export TF_VAR_vpn_server_certificate=\"\$(cat $PKI_DIR/vpn_server_certificate.json)\""
}

client() {
  local name=${1:-}
  [[ $name =~ ^[a-z0-9][a-z0-9-]{0,62}$ ]] || die "client name must be lower-case letters, digits and hyphens, got '$name'"
  issue "client-$name" "$name.$PKI_DOMAIN" clientAuth
}

emr() {
  local region=${1:-} wildcard
  [[ $region =~ ^[a-z]{2}(-[a-z]+)+-[0-9]$ ]] || die "region must look like eu-west-1, got '$region'"
  # EMR checks node certificates against the nodes' private DNS names.
  if [[ $region == us-east-1 ]]; then wildcard="*.ec2.internal"; else wildcard="*.$region.compute.internal"; fi
  issue emr "$wildcard" "serverAuth,clientAuth" "DNS:$wildcard"
  local stage
  stage=$(mktemp -d)
  cp "$PKI_DIR/emr.key" "$stage/privateKey.pem"
  cp "$PKI_DIR/emr.crt" "$stage/certificateChain.pem"
  cp "$PKI_DIR/ca.crt" "$stage/trustedCertificates.pem"
  python3 -m zipfile -c "$PKI_DIR/emr-certs.zip" "$stage/privateKey.pem" "$stage/certificateChain.pem" "$stage/trustedCertificates.pem"
  rm -rf "$stage"
  say "EMR: $PKI_DIR/emr-certs.zip (upload to s3://<lake>/etl/emr-tls/certs.zip)"
}

case ${1:-} in
  ca) ca ;;
  server) server ;;
  client) client "${2:-}" ;;
  emr) emr "${2:-}" ;;
  all) ca && server && client dev && emr eu-west-1 ;;
  *) die "usage: $0 all | ca | server | client <name> | emr <region>" ;;
esac
