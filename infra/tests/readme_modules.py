"""The input and output tables of each module in infra/README.md, generated from the code.

`python -m infra.tests.readme_modules --write` rewrites every block between
`<!-- generated: <module> -->` and `<!-- /generated: <module> -->`; test_readme checks they are current.
"""

from __future__ import annotations

import json
import re
import sys

from infra.tests.estate import INFRA, load

README = INFRA / "README.md"
BLOCK = re.compile(r"(<!-- generated: (\w+) -->\n)(.*?)(<!-- /generated: \2 -->)", re.DOTALL)


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _expression(value) -> str:
    return value[2:-1] if isinstance(value, str) and value.startswith("${") else json.dumps(value)


def _type(value: str) -> str:
    return value[2:-1] if value.startswith("${") else value


def tables(tf) -> str:
    lines = ["| input | type | default | description |", "|---|---|---|---|"]
    for name, body in tf.variables.items():
        default = "required" if "default" not in body else f"`{_cell(_expression(body['default']))}`"
        if len(default) > 60:
            default = "see variables.tf"
        lines.append(
            f"| `{name}` | `{_cell(_type(body['type']))}` | {default} | {_cell(body['description'])} |"
        )
    lines += ["", "| output | description |", "|---|---|"]
    lines += [f"| `{name}` | {_cell(body['description'])} |" for name, body in tf.outputs.items()]
    return "\n".join(lines) + "\n"


def render(readme: str) -> str:
    estate = load()
    return BLOCK.sub(lambda m: m.group(1) + tables(estate[f"modules/{m.group(2)}"]) + m.group(4), readme)


def main() -> int:
    current = README.read_text()
    wanted = render(current)
    if "--write" in sys.argv:
        README.write_text(wanted)
        return 0
    print(wanted)
    return 0


if __name__ == "__main__":
    sys.exit(main())
