"""The Terraform under infra/, parsed with python-hcl2 into plain dicts the tests can walk.

`python -m infra.tests.estate` parses every .tf and .tfvars.example file and exits non-zero naming
each file that does not parse (the first step of infra/scripts/check.sh).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import hcl2
from hcl2 import SerializationOptions

INFRA = Path(__file__).resolve().parents[1]
REPO = INFRA.parent
SKIPPED_DIRS = {".terraform", ".tools", ".pki"}
OPTIONS = SerializationOptions(with_comments=False, explicit_blocks=False, strip_string_quotes=True)


def tf_files(root: Path = INFRA) -> list[Path]:
    return sorted(p for p in root.rglob("*.tf") if not SKIPPED_DIRS.intersection(p.relative_to(root).parts))


def parse(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as f:
        return hcl2.load(f, serialization_options=OPTIONS)


@dataclass(frozen=True)
class Block:
    """One labelled block (resource, data, module, variable, output) with the file it is in."""

    kind: str
    labels: tuple[str, ...]
    body: dict[str, Any]
    path: Path

    @property
    def address(self) -> str:
        return ".".join(self.labels)


@dataclass
class TfDir:
    """A Terraform module or root: every .tf file of one directory."""

    path: Path
    files: dict[Path, dict[str, Any]] = field(default_factory=dict)
    texts: dict[Path, str] = field(default_factory=dict)
    root: Path = INFRA

    @property
    def name(self) -> str:
        return self.path.relative_to(self.root).as_posix()

    def blocks(self, kind: str) -> list[Block]:
        depth = {"resource": 2, "data": 2}.get(kind, 1)
        found = []
        for path, doc in self.files.items():
            for entry in doc.get(kind, []):
                found.extend(Block(kind, labels, body, path) for labels, body in _unnest(entry, depth))
        return found

    def resources(self, type_: str | None = None) -> list[Block]:
        return [b for b in self.blocks("resource") if type_ is None or b.labels[0] == type_]

    def resource(self, type_: str, name: str) -> Block:
        (match,) = [b for b in self.resources(type_) if b.labels[1] == name]
        return match

    @cached_property
    def variables(self) -> dict[str, dict[str, Any]]:
        return {b.labels[0]: b.body for b in self.blocks("variable")}

    @cached_property
    def outputs(self) -> dict[str, dict[str, Any]]:
        return {b.labels[0]: b.body for b in self.blocks("output")}

    @cached_property
    def locals(self) -> dict[str, Any]:
        merged: dict[str, Any] = {}
        for doc in self.files.values():
            for entry in doc.get("locals", []):
                merged.update(entry)
        return merged

    @cached_property
    def module_calls(self) -> dict[str, Block]:
        return {b.labels[0]: b for b in self.blocks("module")}

    @property
    def terraform_blocks(self) -> list[dict[str, Any]]:
        return [entry for doc in self.files.values() for entry in doc.get("terraform", [])]

    @property
    def providers(self) -> list[tuple[str, dict[str, Any]]]:
        return [
            (n, body) for doc in self.files.values() for e in doc.get("provider", []) for n, body in e.items()
        ]

    def text(self) -> str:
        return "\n".join(self.texts.values())


def _unnest(entry: dict[str, Any], depth: int):
    for label, body in entry.items():
        if depth == 1:
            yield (label,), body
        else:
            for labels, inner in _unnest(body, depth - 1):
                yield (label, *labels), inner


def load(root: Path = INFRA) -> dict[str, TfDir]:
    """Every directory holding .tf files, keyed by its path under infra/ (e.g. modules/network)."""
    dirs: dict[Path, TfDir] = {}
    for path in tf_files(root):
        tf = dirs.setdefault(path.parent, TfDir(path.parent, root=root))
        tf.files[path] = parse(path)
        tf.texts[path] = path.read_text(encoding="utf-8")
    return {tf.name: tf for tf in dirs.values()}


def main() -> int:
    files = tf_files() + sorted(INFRA.rglob("*.tfvars.example"))
    failures = []
    for path in files:
        try:
            parse(path)
        except Exception as error:  # python-hcl2 raises lark errors of several classes
            failures.append(f"{path.relative_to(REPO)}: {error}")
    for failure in failures:
        print(f"does not parse: {failure}", file=sys.stderr)
    print(f"parsed {len(files) - len(failures)} of {len(files)} .tf and .tfvars.example files")
    return 1 if failures or not files else 0


if __name__ == "__main__":
    sys.exit(main())
