"""The outline: its shape (roots, nesting, linked premises, undercuts, repeats, cycles),
its Markdown (exact, and never read as markup), and ``argmap outline``."""

from __future__ import annotations

from pathlib import Path

import markdown_it
from hypothesis import example, given
from hypothesis import strategies as st
from typer.testing import CliRunner

import argmap
from argmap.cli import app
from argmap.model import ArgumentMap, Claim, Inference, Relation
from argmap.outline import OutlineEntry, markdown_text, outline, outline_markdown, walk

FLAGSHIP = Path(__file__).resolve().parents[1] / "examples" / "second-occupation" / "map.yaml"


def _map() -> ArgumentMap:
    """A thesis with a linked pair, an attack, an undercut of the pair's inference, a
    premise that supports two claims, and a claim that bears on nothing."""
    claims = [
        Claim(id="t", text="T", kind="thesis"),
        Claim(id="a", text="A"),
        Claim(id="b", text="B"),
        Claim(id="o", text="O", kind="objection"),
        Claim(id="u", text="U", kind="objection", quote="q"),
        Claim(id="shared", text="S"),
        Claim(id="alone", text="L", kind="question"),
    ]
    relations = [
        Relation(sources=["a", "b"], target="t"),
        Relation(sources="o", target="t", kind="attacks"),
        Relation(sources="u", target=Inference(["a", "b"], "t"), kind="undercuts"),
        Relation(sources="shared", target="a"),
        Relation(sources="shared", target="o"),
    ]
    return ArgumentMap(claims=claims, relations=relations, title="A map")


def _shape(entries: tuple[OutlineEntry, ...]) -> list[tuple[int, str, str, bool]]:
    return [(depth, e.claim.id, e.word, e.repeated) for depth, e in walk(entries)]


def test_outline_nests_reasons_objections_and_undercuts_in_map_order() -> None:
    entries = outline(_map())
    assert _shape(entries) == [
        (0, "t", "", False),
        (1, "a", "supports", False),
        (2, "shared", "supports", False),
        (1, "b", "supports", False),
        (1, "o", "attacks", False),
        (2, "shared", "supports", True),
        (1, "u", "undercuts", False),
        (0, "alone", "", False),
    ]
    a, b, o, u = entries[0].children
    assert (a.relation, a.together_with, b.together_with) == (0, ("b",), ("a",))
    assert (o.relation, o.together_with, o.inference) == (1, (), None)
    assert (u.relation, u.inference) == (2, 0)
    assert o.children[0].children == ()


def test_markdown_of_a_small_map_is_exact() -> None:
    assert outline_markdown(_map()) == (
        "# A map\n"
        "\n"
        "- **Thesis** (t): T\n"
        "  - *supports, with b:* **Premise** (a): A\n"
        "    - *supports:* **Premise** (shared): S\n"
        "  - *supports, with a:* **Premise** (b): B\n"
        "  - *attacks:* **Objection** (o): O\n"
        "    - *supports:* **Premise** (shared), as above\n"
        "  - *undercuts the inference from a and b:* **Objection** (u): U\n"
        "    > “q”\n"
        "- **Question** (alone): L\n"
    )


def test_a_cycle_with_no_root_is_still_outlined_once() -> None:
    m = ArgumentMap(
        claims=[Claim(id="x", text="X"), Claim(id="y", text="Y")],
        relations=[Relation(sources="x", target="y"), Relation(sources="y", target="x")],
    )
    assert _shape(outline(m)) == [
        (0, "x", "", False),
        (1, "y", "supports", False),
        (2, "x", "supports", True),
    ]


def test_a_chain_far_deeper_than_the_recursion_limit_has_an_outline() -> None:
    n = 5000
    claims = [Claim(id=f"c{i}", text=str(i)) for i in range(n)]
    relations = [Relation(sources=f"c{i + 1}", target=f"c{i}") for i in range(n - 1)]
    shape = _shape(outline(ArgumentMap(claims=claims, relations=relations)))
    assert shape[-1] == (n - 1, f"c{n - 1}", "supports", False)
    assert len(shape) == n


def test_every_claim_of_the_flagship_is_shown_in_full_exactly_once() -> None:
    m = argmap.load(FLAGSHIP)
    full = [e.claim.id for _, e in walk(outline(m)) if not e.repeated]
    assert sorted(full) == sorted(c.id for c in m.claims)
    markdown = outline_markdown(m)
    assert markdown.count("\n- ") + markdown.startswith("- ") == 3  # thesis, war-risk, question
    assert "*supports:* **Motive of United States** (motive-warn-iran): Warn Iran" in markdown


def _item_texts(markdown: str) -> list[str]:
    """The plain text of each list item's own paragraph, as a Markdown reader sees it."""
    tokens = markdown_it.MarkdownIt("commonmark").parse(markdown)
    texts = []
    for token in tokens:
        if token.type == "inline" and token.children is not None:
            texts.append("".join(c.content for c in token.children if c.type == "text"))
    return texts


# Map text as people write it: no control characters (CommonMark reads NUL as U+FFFD).
_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=40).filter(
    str.strip
)


@given(_TEXT, _TEXT)
@example("*a* <b>x</b> [l](javascript:x) `c` & # | ~ \\", "_i_ ![i](x)")
@example("&amp; &#60;", "<!-- c -->")
def test_markdown_is_never_read_as_markup(text: str, claim_id: str) -> None:
    m = ArgumentMap(claims=[Claim(id=claim_id, text=text, kind="thesis")], title=text)
    tokens = markdown_it.MarkdownIt("commonmark").parse(outline_markdown(m))
    kinds = {c.type for t in tokens if t.children for c in t.children}
    # Only argmap's own emphasis: no links, images, code, html or entities of the map's.
    assert kinds <= {"text", "strong_open", "strong_close", "softbreak"}
    shown = " ".join(text.split())
    assert _item_texts(outline_markdown(m)) == [
        shown,
        f"Thesis ({' '.join(claim_id.split())}): {shown}",
    ]


def test_markdown_text_escapes_what_markdown_reads() -> None:
    assert markdown_text("a*b _c_ `d` [e] <f> g|h ~i &j !k #l \\m\nn") == (
        "a\\*b \\_c\\_ \\`d\\` \\[e\\] \\<f\\> g\\|h \\~i \\&j \\!k \\#l \\\\m n"
    )


def test_cli_writes_the_outline_to_stdout_and_to_a_file(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["outline", str(FLAGSHIP)])
    assert result.exit_code == 0, result.output
    assert result.stdout == outline_markdown(argmap.load(FLAGSHIP))
    target = tmp_path / "outline.md"
    result = runner.invoke(app, ["outline", str(FLAGSHIP), "-o", str(target)])
    assert result.exit_code == 0
    assert result.stderr == f"wrote {target}\n"
    assert target.read_text(encoding="utf-8") == outline_markdown(argmap.load(FLAGSHIP))


def test_cli_refuses_a_map_with_errors_and_keeps_the_output(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "claims:\n  a:\n    kind: thesis\n    text: A\n    supports: nowhere\n",
        encoding="utf-8",
    )
    target = tmp_path / "outline.md"
    target.write_text("kept", encoding="utf-8")
    result = CliRunner().invoke(app, ["outline", str(bad), "-o", str(target)])
    assert result.exit_code == 1
    assert result.stderr == f"{bad}:5:15: error: unknown claim 'nowhere'; did you mean 'a'?\n"
    assert target.read_text(encoding="utf-8") == "kept"
