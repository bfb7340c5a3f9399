"""The runtime stage of the Dockerfile, as JSON: what the smoke test assembles and the infra test compares.

Parsed with the `dockerfile` package (Docker's own Go parser, buildkit's), never with regular
expressions, so what is read is what `docker build` reads. The runtime stage is the last one.

Usage: python scripts/smoke/dockerfile_runtime.py [Dockerfile]
"""

import json
import sys

import dockerfile


def runtime_stage(path: str) -> dict:
    commands = dockerfile.parse_file(path)
    starts = [i for i, c in enumerate(commands) if c.cmd == "FROM"]
    stage = commands[starts[-1] :]
    out = {"name": None, "workdir": "/", "user": None, "env": {}, "copies": [], "labels": {}}
    out.update(cmd=None, healthcheck=None)
    frm = stage[0].value
    out["name"] = frm[2] if len(frm) == 3 and frm[1].upper() == "AS" else None
    for c in stage[1:]:
        if c.cmd == "WORKDIR":
            out["workdir"] = c.value[0]
        elif c.cmd == "USER":
            out["user"] = c.value[0]
        elif c.cmd == "ENV":
            out["env"].update(dict(zip(c.value[0::2], c.value[1::2], strict=True)))
        elif c.cmd == "LABEL":
            # The parser keeps a quoted value's quotes and escapes: a double-quoted value is a JSON string.
            pairs = zip(c.value[0::2], c.value[1::2], strict=True)
            out["labels"].update({k: json.loads(v) if v.startswith('"') else v for k, v in pairs})
        elif c.cmd in ("COPY", "ADD"):
            flags = dict(f.lstrip("-").split("=", 1) for f in c.flags)
            if c.cmd == "ADD" or "from" not in flags:
                where = f"line {c.start_line}"
                raise SystemExit(
                    f"{where}: the runtime stage copies only from the build stage (COPY --from=…)"
                )
            *sources, dest = c.value
            copy = {"from": flags["from"], "sources": sources, "dest": dest, "chown": flags.get("chown")}
            out["copies"].append(copy)
        elif c.cmd == "CMD":
            if not c.json:
                raise SystemExit(f"line {c.start_line}: CMD must be in exec (JSON) form")
            out["cmd"] = list(c.value)
        elif c.cmd == "HEALTHCHECK":
            flags = dict(f.lstrip("-").split("=", 1) for f in c.flags)
            out["healthcheck"] = {"test": list(c.value), **flags}
    out["migrate"] = json.loads(out["labels"]["org.builditall.migrate-command"])
    return out


if __name__ == "__main__":
    print(json.dumps(runtime_stage(sys.argv[1] if len(sys.argv) > 1 else "Dockerfile"), indent=2))
