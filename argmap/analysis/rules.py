"""The lint rules: each one's stable code, name and one-line rationale, as data.

Apart from :mod:`argmap.analysis.lint` so that ``argmap lint --help`` can list them
without loading the linter (the command line imports every command's help at start).

>>> RULES["AM104"].name
'unsupported-premise'
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["RULES", "Rule"]


class Rule(NamedTuple):
    """A lint rule: its stable code, its name, and why it matters."""

    code: str
    name: str
    rationale: str


#: Every rule, by code.
RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule("AM101", "no-thesis", "a map argues for something: without a thesis it has no point"),
        Rule(
            "AM102",
            "not-connected-to-thesis",
            "a claim that bears on no thesis is not part of the argument",
        ),
        Rule("AM103", "support-cycle", "claims that support each other in a circle prove nothing"),
        Rule(
            "AM104",
            "unsupported-premise",
            "a premise taken as given should say so (evidence, assumption) or be supported",
        ),
        Rule("AM105", "duplicate-text", "one claim said twice splits what bears on it"),
        Rule("AM106", "near-duplicate-text", "two wordings of one claim split what bears on it"),
        Rule("AM107", "single-member-group", "a group of one claim gathers nothing"),
        Rule(
            "AM108",
            "unanswered-attack",
            "an objection to the thesis' side left standing defeats the part it attacks",
        ),
        Rule(
            "AM109",
            "quote-not-in-source",
            "a quote the source does not hold misrepresents the text",
        ),
        Rule("AM110", "unknown-scheme", "a scheme argmap does not know asks no questions"),
        Rule(
            "AM111",
            "unanswered-critical-question",
            "an argument from a scheme holds only as well as it answers the scheme's questions",
        ),
        Rule("AM112", "unknown-noqa", "a noqa that names no rule silences nothing on purpose"),
    )
}
