"""Conformance with the reference implementation: what argmap writes, Argdown reads.

Every Argdown file argmap writes here is exported by the Argdown command line
(``@argdown/cli``, ``argdown json``), and must hold the same statements (by text) and the
same relations as the map it was written from: explicit relations between statements,
each argument's inference from its premises to its conclusion, and each undercut of an
inference. Argdown files written in the style of the Argdown guide's examples
(``tests/data/argdown/styled``: front matter, comments, premise-conclusion structures,
relation trees, headings) must load with the same statement texts and at least the
relations Argdown sees.

The command is looked for at ``$ARGMAP_ARGDOWN_CLI``, by default
``tests/node/node_modules/.bin/argdown``, which ``make test`` installs from
``tests/node/package.json`` (``npm ci``; that file overrides
``@argdown/markdown-it-plugin`` to 1.7.7, the newest on npm: 2.0.0 asks for a version
of it that was never published).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap.model import ArgumentMap, Claim, Group, Inference, Relation, RelationKind, Source

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data" / "argdown"
CLI = Path(
    os.environ.get(
        "ARGMAP_ARGDOWN_CLI", ROOT / "tests" / "node" / "node_modules" / ".bin" / "argdown"
    )
)

pytestmark = [
    pytest.mark.filterwarnings("ignore::argmap.ArgmapWarning"),
    pytest.mark.skipif(
        shutil.which("node") is None or not CLI.exists(),
        reason=f"the Argdown CLI is not installed at {CLI} (or node is missing): "
        "run make node-tools (npm ci in tests/node), or set ARGMAP_ARGDOWN_CLI",
    ),
]

Relations = set[tuple[str, frozenset[str], Any]]


def _maps() -> dict[str, ArgumentMap]:
    tricky = ArgumentMap(
        # Comment markers where Argdown reads none: in front matter and in data blocks.
        title="To charge // or not: https://example.org/debate",
        source=Source(url="https://example.org/a", title="/* not a comment */"),
        claims=[
            Claim(
                id="t",
                text="1 * 2 = [two], a_b and <c> {d} #tag :+1: e.g. .y. // no",
                kind="thesis",
            ),
            Claim(id="Free Speech", text="Speech should be free.", tags=["liberty"]),
            Claim(
                id="p",
                text="A premise (with brackets); and a - dash.",
                quote="see https://example.org/x /* and */ <!-- c -->",
                metadata={"link": "http://a.b/c"},
            ),
            Claim(id="q", text="Another premise: of two."),
            Claim(id="u", text="An undercut.", kind="objection"),
            Claim(id="x", text="Contradiction one."),
            Claim(id="y", text="Contradiction two."),
        ],
        relations=[
            Relation(sources=["p", "q"], target="t"),
            Relation(sources=["u"], target=Inference(["p", "q"], "t"), kind="undercuts"),
            Relation(sources=["Free Speech"], target="t", kind="attacks"),
            Relation(
                sources=["x"],
                target="y",
                kind="attacks",
                metadata={"argdown": {"contradiction": True}},
            ),
            Relation(
                sources=["y"],
                target="x",
                kind="attacks",
                metadata={"argdown": {"contradiction": True}},
            ),
        ],
        groups=[Group("g", "A group", ["x", "y"])],
    )
    return {
        "flagship": argmap.load(ROOT / "examples" / "second-occupation" / "map.yaml"),
        "core": argmap.load(DATA / "core.argdown"),
        "tricky": tricky,
    }


def _export(files: list[Path], out: Path) -> dict[str, Any]:
    """``argdown json`` of each file, by file stem."""
    exported: dict[str, Any] = {}
    for path in files:
        result = subprocess.run(
            [str(CLI), "json", str(path), str(out)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        target = out / f"{path.stem}.json"
        assert target.exists(), (
            f"argdown json refused {path.name}:\n{result.stdout}{result.stderr}"
        )
        exported[path.stem] = json.loads(target.read_text("utf-8"))
    return exported


def _canonical(members: list[dict[str, Any]]) -> str:
    # Argdown's canonical member: the last one that is not a reference.
    for member in reversed(members):
        if not member.get("isReference") and member.get("text", "").strip():
            return str(member["text"]).strip()
    return ""


def _reference_view(data: dict[str, Any]) -> tuple[list[str], Relations]:
    """Statements (by text) and relations as Argdown sees them, in argmap's terms.

    An argument without a premise-conclusion structure is a claim; one with it is its
    inferences, and a relation to or from it is one to or from its conclusion (an
    undercut: of its last inference).
    """
    texts = {title: _canonical(ec["members"]) for title, ec in data["statements"].items()}
    claims = list(texts.values())
    relations: Relations = set()
    arguments: dict[str, Any] = {}
    for title, argument in data["arguments"].items():
        pcs = argument.get("pcs") or []
        if not pcs:
            arguments[title] = _canonical(argument["members"])
            claims.append(arguments[title])
            continue
        start = 0
        for index, statement in enumerate(pcs):
            if "inference" in statement:
                premises = frozenset(texts[s["title"]] for s in pcs[start:index])
                conclusion = texts[statement["title"]]
                relations.add(("supports", premises, conclusion))
                arguments[title] = (premises, conclusion)
                start = index

    def end(name: str, kind: str) -> Any:
        if kind == "equivalence-class":
            return texts[name]
        found = arguments[name]
        return found[1] if isinstance(found, tuple) else found

    for relation in data["relations"]:
        kind = relation["relationType"]
        source = end(relation["from"], relation["fromType"])
        target = end(relation["to"], relation["toType"])
        if kind == "undercut" and isinstance(arguments.get(relation["to"]), tuple):
            relations.add(("undercuts", frozenset([source]), arguments[relation["to"]]))
            continue
        if kind == "contradictory":
            relations.add(("attacks", frozenset([source]), target))
            relations.add(("attacks", frozenset([target]), source))
        elif source != target:
            relations.add(
                ({"support": "supports"}.get(kind, "attacks"), frozenset([source]), target)
            )
    return sorted(claims), relations


def _argmap_view(m: ArgumentMap) -> tuple[list[str], Relations]:
    texts = {c.id: c.text for c in m.claims}
    relations: Relations = set()
    for relation in m.relations:
        sources = frozenset(texts[s] for s in relation.sources)
        target = relation.target
        if isinstance(target, Inference):
            assert isinstance(target.target, str)
            written: Any = (frozenset(texts[s] for s in target.sources), texts[target.target])
        else:
            written = texts[target]
        relations.add((relation.kind.value, sources, written))
    return sorted(texts.values()), relations


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("argdown")
    files = []
    for name, m in _maps().items():
        path = folder / f"{name}.argdown"
        path.write_text(argmap.dumps(m, "argdown"), "utf-8")
        files.append(path)
    styled = sorted((DATA / "styled").glob("*.argdown"))
    return _export(files + styled, folder / "json")


@pytest.mark.parametrize("name", ["flagship", "core", "tricky"])
def test_argdown_reads_what_argmap_writes(exported: dict[str, Any], name: str) -> None:
    m = _maps()[name]
    assert all(
        r.kind is not RelationKind.UNDERCUTS or isinstance(r.target, Inference)
        for r in m.relations
    )
    assert _reference_view(exported[name]) == _argmap_view(m)


@pytest.mark.parametrize("path", sorted((DATA / "styled").glob("*.argdown")), ids=lambda p: p.name)
def test_styled_files_load_as_argdown_reads_them(exported: dict[str, Any], path: Path) -> None:
    reference_texts, reference_relations = _reference_view(exported[path.stem])
    m = argmap.load(path)
    texts, relations = _argmap_view(m)
    assert sorted(set(texts)) == sorted(set(reference_texts))
    assert len(m.relations) >= len(reference_relations)
    assert reference_relations <= relations
