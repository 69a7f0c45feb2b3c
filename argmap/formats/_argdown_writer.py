"""Writing a map as Argdown that argmap reads back into an equal map.

The mapping is documented in :mod:`argmap.formats.argdown`.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from argmap.errors import ValidationError
from argmap.formats._argdown_reader import slug
from argmap.formats._argdown_text import escape, read_inline, starts_comment
from argmap.formats._plain import plain
from argmap.formats.yaml import _Dumper, serialize
from argmap.model import ArgumentMap, Claim, ClaimKind, Inference, Relation, RelationKind, Target
from argmap.validation import inference_depth_problems

__all__ = ["dumps"]

# What the reader makes of an argument's relations and its structure, in metadata.
_SIMPLE = {"from", "to", "contradiction", "undercut"}
_STRUCTURE = {"argument", "description", "rules", "data", "inference_data", "step"}
_BREAKS = re.compile("[\r\n\x85\u2028\u2029]")


class _FlowDumper(_Dumper):
    """One line of YAML flow style: strings with any break in double quotes."""


def _flow_str(dumper: _FlowDumper, data: str) -> yaml.Node:
    quoted = _BREAKS.search(data) or data != data.strip() or not data.isprintable()
    style = '"' if quoted else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_FlowDumper.add_representer(str, _flow_str)


def _flow(value: dict[str, Any]) -> str:
    text: str = yaml.dump(
        value,
        Dumper=_FlowDumper,
        default_flow_style=True,
        sort_keys=False,
        allow_unicode=True,
        width=float("inf"),
    )
    return text.strip()


def _valid_title(title: str, argument: bool) -> bool:
    closing = ">" if argument else "]"
    return bool(
        title
        and title == title.strip()
        and not title.startswith(("-", ">"))
        and not re.search(r"[\[\]<>{}\n\r\\]", title)
        and closing not in title
        and escape(title) == title
    )


def _target_key(target: Target) -> Any:
    key: list[Any] = []
    while isinstance(target, Inference):
        key.append(tuple(sorted(target.sources)))
        target = target.target
    key.append(target)
    return tuple(key)


def _inference_data(target: Target) -> Any:
    levels: list[tuple[str, ...]] = []
    while isinstance(target, Inference):
        levels.append(target.sources)
        target = target.target
    written: Any = target
    for sources in reversed(levels):
        written = {"from": list(sources), "to": written}
    return written


class _Writer:
    def __init__(self, argmap: ArgumentMap) -> None:
        self.map = argmap
        self.claims = {c.id: c for c in argmap.claims}
        self.titles: dict[str, str] = {}
        self.used: set[tuple[bool, str]] = set()
        self.out: list[str] = []

    def is_argument(self, claim: Claim) -> bool:
        return bool(_argdown(claim.metadata).get("argument") is True)

    def title(self, claim: Claim) -> str:
        argument = self.is_argument(claim)
        wanted = _argdown(claim.metadata).get("title")
        for candidate in (wanted, claim.id):
            if (
                isinstance(candidate, str)
                and _valid_title(candidate, argument)
                and (argument, candidate) not in self.used
                and not re.fullmatch(r"Untitled( argument)? \d+", candidate)
            ):
                return candidate
        base = slug(claim.id) or "statement"
        candidate, number = base, 1
        while (argument, candidate) in self.used or not _valid_title(candidate, argument):
            number += 1
            candidate = f"{base}-{number}"
        return candidate

    def ref(self, claim_id: str) -> str:
        claim = self.claims[claim_id]
        title = self.titles[claim_id]
        return f"<{title}>" if self.is_argument(claim) else f"[{title}]"

    def run(self) -> str:
        for claim in self.map.claims:
            title = self.title(claim)
            self.titles[claim.id] = title
            self.used.add((self.is_argument(claim), title))
        self.classify()
        self.front_matter()
        grouped = {m for g in self.map.groups for m in g.members}
        for claim in self.map.claims:
            if claim.id not in grouped:
                self.claim(claim)
        for group in self.map.groups:
            self.group(group)
            for member in group.members:
                if member in self.claims:
                    self.claim(self.claims[member])
        for index in self.pcs_order:
            self.pcs(index)
        return "\n".join(self.out).rstrip("\n") + "\n"

    # Which relation is written how.

    def classify(self) -> None:
        relations = self.map.relations
        undercut_targets = {
            _target_key(r.target)
            for r in relations
            if r.kind is RelationKind.UNDERCUTS and isinstance(r.target, Inference)
        }
        self.pcs_order: list[int] = []
        self.pcs_titles: dict[int, str | None] = {}
        self.incoming: dict[str, list[tuple[str, str]]] = {}
        self.on_argument: dict[int, list[tuple[str, str]]] = {}
        self.fallback: list[Relation] = []
        generated = 0
        by_conclusion: dict[str, int] = {}
        for index, relation in enumerate(relations):
            own = {k: v for k, v in relation.metadata.items() if k != "argdown"}
            argdown = _argdown(relation.metadata)
            inference_key = _target_key(Inference(relation.sources, relation.target))
            if (
                relation.kind is RelationKind.SUPPORTS
                and relation.scheme is None
                and isinstance(relation.target, str)
                and set(argdown) <= _STRUCTURE
                and (
                    len(relation.sources) > 1
                    or inference_key in undercut_targets
                    or own
                    or argdown
                )
            ):
                title = argdown.get("argument")
                needs_title = bool(
                    inference_key in undercut_targets
                    or "description" in argdown
                    or own
                    or argdown.get("data")
                )
                if (
                    not (isinstance(title, str) and _valid_title(title, True))
                    or (
                        True,
                        title,
                    )
                    in self.used
                    or "step" in argdown
                ):
                    title = None
                if title is None and needs_title:
                    generated += 1
                    title = f"argmap inference {generated}"
                    while (True, title) in self.used:
                        generated += 1
                        title = f"argmap inference {generated}"
                if title is not None:
                    self.used.add((True, title))
                    by_conclusion.setdefault(relation.target, index)
                self.pcs_titles[index] = title
                self.pcs_order.append(index)
        self.inference_index = {
            _target_key(Inference(relations[i].sources, relations[i].target)): i
            for i in self.pcs_order
            if self.pcs_titles[i] is not None
        }
        contradictions: set[tuple[str, str]] = set()
        for index, relation in enumerate(relations):
            if index in self.pcs_titles:
                continue
            own = {k: v for k, v in relation.metadata.items() if k != "argdown"}
            argdown = _argdown(relation.metadata)
            # Argdown has no place for a scheme that argmap reads back: the front
            # matter's relations list holds it.
            if (
                own
                or relation.scheme is not None
                or not set(argdown) <= _SIMPLE
                or len(relation.sources) != 1
            ):
                self.fallback.append(relation)
                continue
            source = relation.sources[0]
            symbol = {"supports": "+", "attacks": "-", "undercuts": "_"}[relation.kind.value]
            if argdown.get("undercut") is True:
                if relation.kind is not RelationKind.ATTACKS:
                    self.fallback.append(relation)
                    continue
                symbol = "_"
            source_ref = self.ref(source) if source in self.claims else None
            if argdown.get("from") == "argument":
                argument = by_conclusion.get(source)
                source_ref = None if argument is None else f"<{self.pcs_titles[argument]}>"
            if source_ref is None:
                self.fallback.append(relation)
                continue
            if relation.kind is RelationKind.UNDERCUTS:
                argument_index = self.inference_index.get(_target_key(relation.target))
                if argument_index is None or argdown.get("to") or argdown.get("undercut"):
                    self.fallback.append(relation)
                    continue
                self.on_argument.setdefault(argument_index, []).append((symbol, source_ref))
                continue
            target = relation.target
            assert isinstance(target, str)
            if target not in self.claims:
                self.fallback.append(relation)
                continue
            if argdown.get("contradiction") is True and relation.kind is RelationKind.ATTACKS:
                pair = (target, source)
                mirror = any(
                    r.kind is RelationKind.ATTACKS
                    and r.sources == (target,)
                    and r.target == source
                    and r.metadata == relation.metadata
                    for r in relations
                )
                if mirror and argdown.get("from") is None:
                    if pair in contradictions:
                        continue
                    contradictions.add((source, target))
                    self.incoming.setdefault(target, []).append(("><", source_ref))
                    continue
                self.fallback.append(relation)
                continue
            if argdown.get("to") == "argument":
                argument = by_conclusion.get(target)
                if argument is None:
                    self.fallback.append(relation)
                    continue
                self.on_argument.setdefault(argument, []).append((symbol, source_ref))
                continue
            self.incoming.setdefault(target, []).append((symbol, source_ref))

    # The parts of the file.

    def front_matter(self) -> None:
        front: dict[str, Any] = {}
        if self.map.title is not None:
            front["title"] = self.map.title
        if self.map.source is not None:
            source = {
                key: getattr(self.map.source, key)
                for key in ("title", "author", "url", "date")
                if getattr(self.map.source, key) is not None
            }
            if self.map.source.metadata:
                source["metadata"] = dict(self.map.source.metadata)
            front["source"] = source
        if self.map.actors:
            front["actors"] = {
                actor.id: {
                    "name": actor.name,
                    **({"metadata": dict(actor.metadata)} if actor.metadata else {}),
                }
                for actor in self.map.actors
            }
        style = self.map.style
        if style.tags or style.fonts:
            front["style"] = {
                **({"tags": dict(style.tags)} if style.tags else {}),
                **({"fonts": list(style.fonts)} if style.fonts else {}),
            }
        metadata = dict(self.map.metadata)
        argdown = dict(_argdown(metadata))
        extra = argdown.pop("front_matter", None)
        if isinstance(extra, dict) and not set(extra) & {
            "title",
            "source",
            "actors",
            "style",
            "metadata",
            "relations",
        }:
            if argdown:
                metadata["argdown"] = argdown
            else:
                metadata.pop("argdown")
        else:
            extra = {}
        if metadata:
            front["metadata"] = metadata
        if self.fallback:
            front["relations"] = [
                {
                    "from": list(r.sources),
                    "to": _inference_data(r.target),
                    "kind": r.kind.value,
                    **({"scheme": r.scheme} if r.scheme is not None else {}),
                    **({"metadata": dict(r.metadata)} if r.metadata else {}),
                }
                for r in self.fallback
            ]
        front.update(extra)
        if front:
            self.out += ["===", serialize(plain(front)).rstrip("\n"), "===", ""]

    def claim(self, claim: Claim) -> None:
        argdown = dict(_argdown(claim.metadata))
        metadata = {k: v for k, v in claim.metadata.items() if k != "argdown"}
        title = self.titles[claim.id]
        argument = self.is_argument(claim)
        data: dict[str, Any] = {}
        reader_id = slug(title) or ("argument" if argument else "statement")
        if reader_id != claim.id:
            data["id"] = claim.id
        if claim.kind is not ClaimKind.PREMISE:
            data["kind"] = claim.kind.value
        markup = argdown.get("markup")
        candidates: list[str | None] = []
        if (
            isinstance(markup, str)
            and read_inline(markup).text == claim.text
            and not read_inline(markup).data
        ):
            candidates.append(markup)
        candidates += [escape(claim.text), None]
        head = f"<{title}>: " if argument else f"[{title}]: "
        # The first text that reads back whole with its data block after it; the last
        # candidate, a stand-in with the exact text in the data, always does.
        body = next(
            found
            for written in candidates
            if (
                found := self._statement_body(claim, written, dict(data), metadata, argdown, title)
            )
            is not None
        )
        line = head + body
        self.out.append(line)
        for symbol, ref in self.incoming.get(claim.id, []):
            self.out.append(f"  {symbol} {ref}")
        self.out.append("")

    def _statement_body(
        self,
        claim: Claim,
        written: str | None,
        data: dict[str, Any],
        metadata: dict[str, Any],
        argdown: dict[str, Any],
        title: str,
    ) -> str | None:
        """The text and data block of ``claim``'s definition, with ``written`` as its
        text (None: a stand-in, the exact text in the data); None if what follows the
        text would change how it reads (a trailing backslash, an open emphasis)."""
        data, metadata, argdown = dict(data), dict(metadata), dict(argdown)
        if written is None:
            written = escape(" ".join(claim.text.split())) or "…"
            data["text"] = claim.text
        if claim.quote is not None:
            data["quote"] = claim.quote
        if claim.actor is not None:
            data["actor"] = claim.actor
        if claim.weight is not None:
            data["weight"] = claim.weight
        if sorted(read_inline(written).tags) != sorted(claim.tags) or len(set(claim.tags)) != len(
            claim.tags
        ):
            data["tags"] = list(claim.tags)
        own_data = argdown.pop("data", None)
        honoured = {"argument", "markup"}
        if title == argdown.get("title"):
            honoured.add("title")
        rest = {k: v for k, v in argdown.items() if k not in honoured}
        if rest:
            metadata["argdown"] = rest
        if metadata:
            data["metadata"] = metadata
        if (
            isinstance(own_data, dict)
            and not set(own_data) & set(data)
            and not set(own_data)
            & {"id", "kind", "text", "quote", "actor", "weight", "tags", "metadata"}
        ):
            data.update(own_data)
        elif own_data is not None:
            data.setdefault("metadata", {}).setdefault("argdown", {})["data"] = own_data
        block = _flow(plain(data)) if data else ""
        body = written + (" " + block if block else "")
        alone, together = read_inline(written), read_inline(body)
        if "text" not in data and (
            together.text != alone.text
            or [b for _, b in together.data] != ([block] if block else [])
            or starts_comment(written)  # a data block may hold "//": Argdown reads it whole
        ):
            return None
        return body

    def group(self, group: Any) -> None:
        argdown = dict(_argdown(group.metadata))
        metadata = {k: v for k, v in group.metadata.items() if k != "argdown"}
        level = argdown.pop("level", 1)
        if not isinstance(level, int) or isinstance(level, bool) or not 1 <= level <= 6:
            argdown["level"] = level
            level = 1
        own_data = argdown.pop("data", None)
        if argdown:
            metadata["argdown"] = argdown
        data: dict[str, Any] = {}
        label = escape(group.label)
        if label is None or not label:
            label = escape(" ".join(group.label.split())) or "Group"
            data["label"] = group.label
        if (slug(read_inline(label).text) or "group") != group.id:
            data["id"] = group.id
        if metadata:
            data["metadata"] = metadata
        if isinstance(own_data, dict) and not set(own_data) & {"id", "label", "metadata"}:
            data.update(own_data)
        elif own_data is not None:
            data.setdefault("metadata", {}).setdefault("argdown", {})["data"] = own_data
        self.out.append("#" * level + " " + label + (" " + _flow(plain(data)) if data else ""))
        self.out.append("")

    def pcs(self, index: int) -> None:
        relation = self.map.relations[index]
        argdown = dict(_argdown(relation.metadata))
        own = {k: v for k, v in relation.metadata.items() if k != "argdown"}
        title = self.pcs_titles[index]
        data: dict[str, Any] = {}
        if own:
            data["metadata"] = own
        extra = argdown.get("data")
        if isinstance(extra, dict) and "metadata" not in extra:
            data.update(extra)
        description = argdown.get("description")
        if title is not None:
            head = f"<{title}>"
            if isinstance(description, str) and escape(description):
                head += f": {escape(description)}"
            elif data:
                head += ":"
            if data:
                head += " " + _flow(plain(data))
            self.out.append(head)
            for symbol, ref in self.on_argument.get(index, []):
                self.out.append(f"  {symbol} {ref}")
            self.out.append("")
        number = 0
        for source in relation.sources:
            number += 1
            self.out.append(f"({number}) {self.ref(source)}")
        rules = argdown.get("rules")
        rule_text = ""
        if isinstance(rules, list) and all(isinstance(r, str) and escape(r) for r in rules):
            rule_text = ", ".join(escape(r) or "" for r in rules)
        inference_data = argdown.get("inference_data")
        if isinstance(inference_data, dict):
            rule_text += (" " if rule_text else "") + _flow(plain(inference_data))
        self.out.append(f"-- {rule_text} --" if rule_text else "----")
        assert isinstance(relation.target, str)
        self.out.append(f"({number + 1}) {self.ref(relation.target)}")
        self.out.append("")


def _argdown(metadata: Any) -> dict[str, Any]:
    value = metadata.get("argdown") if hasattr(metadata, "get") else None
    return value if isinstance(value, dict) else {}


def dumps(argmap: ArgumentMap) -> str:
    """The Argdown text of ``argmap``."""
    too_deep = inference_depth_problems(argmap)
    if too_deep:
        raise ValidationError(too_deep.values())
    return _Writer(argmap).run()
