// Fetches Amazon RDS's global CA bundle for the production image (Dockerfile, build stage), where
// NODE_EXTRA_CA_CERTS points at it so sslmode=verify-full succeeds (infra/modules/portal,
// database_ca_bundle_path). Refuses anything that is not a list of PEM certificates.
// Usage: node scripts/build/rds-ca-bundle.mjs <out.pem>
import { X509Certificate } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

const URL_ = "https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem";
const out = process.argv[2];
if (!out || process.argv.length > 3) throw new Error("usage: node scripts/build/rds-ca-bundle.mjs <out.pem>");

const res = await fetch(URL_, { signal: AbortSignal.timeout(30_000) });
if (!res.ok) throw new Error(`${URL_} answered ${res.status}`);
const text = await res.text();
const pems = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
if (pems.length === 0) throw new Error(`${URL_} held no certificate`);
const cas = pems.map((p) => new X509Certificate(p)).filter((c) => c.ca);
if (cas.length !== pems.length) throw new Error("the RDS bundle holds a certificate that is not a CA");
await mkdir(path.dirname(out), { recursive: true });
await writeFile(out, `${pems.join("\n")}\n`, { mode: 0o644 });
console.log(`[rds-ca-bundle] ${pems.length} CA certificates → ${out}`);
