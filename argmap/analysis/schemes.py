"""Argumentation schemes and their critical questions, as data a map can name.

A relation says which scheme it instantiates with ``scheme: expert-opinion``; lint then
asks each critical question of the scheme of that relation, and reports those the map
leaves unanswered (see :mod:`argmap.analysis.lint`). The schemes are the common ones of
Walton, Reed and Macagno, *Argumentation Schemes* (Cambridge University Press, 2008),
ch. 9 and the compendium of ch. 9; the questions are theirs, shortened. Each question has
an id unique within its scheme (``expertise``); its full id is ``scheme.question``
(``expert-opinion.expertise``).

>>> scheme = SCHEMES["expert-opinion"]
>>> scheme.name, [q.id for q in scheme.questions][:3]
('Argument from expert opinion', ['expertise', 'field', 'opinion'])
>>> scheme.questions[0].full_id
'expert-opinion.expertise'
"""

from __future__ import annotations

import attrs

__all__ = ["SCHEMES", "CriticalQuestion", "Scheme"]


@attrs.frozen
class CriticalQuestion:
    """A question that, answered badly, defeats an instance of its scheme."""

    scheme: str
    id: str
    text: str

    @property
    def full_id(self) -> str:
        """The id unique among all schemes: ``expert-opinion.expertise``."""
        return f"{self.scheme}.{self.id}"


@attrs.frozen
class Scheme:
    """A stereotyped pattern of defeasible reasoning, and the questions that test it."""

    id: str
    name: str
    questions: tuple[CriticalQuestion, ...]


def _scheme(scheme_id: str, name: str, *questions: tuple[str, str]) -> Scheme:
    return Scheme(
        scheme_id, name, tuple(CriticalQuestion(scheme_id, q, text) for q, text in questions)
    )


_ALL = (
    _scheme(
        "expert-opinion",
        "Argument from expert opinion",
        ("expertise", "How credible is the source as an expert?"),
        ("field", "Is the source an expert in the field the claim is in?"),
        ("opinion", "What did the source assert that implies the claim?"),
        ("trustworthiness", "Is the source personally reliable as a source?"),
        ("consistency", "Is the claim consistent with what other experts assert?"),
        ("backup", "Is the source's assertion based on evidence?"),
    ),
    _scheme(
        "position-to-know",
        "Argument from position to know",
        ("position", "Is the source in a position to know whether the claim is true?"),
        ("honesty", "Is the source an honest (trustworthy, reliable) source?"),
        ("asserted", "Did the source assert that the claim is true?"),
    ),
    _scheme(
        "popular-opinion",
        "Argument from popular opinion",
        ("evidence", "What evidence supports that the claim is generally accepted?"),
        ("doubt", "Even if it is generally accepted, are there good reasons to doubt it?"),
    ),
    _scheme(
        "example",
        "Argument from example",
        ("true", "Is the proposition claimed in the premise in fact true?"),
        ("supports", "Does the example cited support the generalization it is offered for?"),
        ("typical", "Is the example typical of the kind of cases the generalization covers?"),
        ("strength", "How strong is the generalization?"),
        ("special", "Do special circumstances of the example impair its generalizability?"),
    ),
    _scheme(
        "analogy",
        "Argument from analogy",
        ("differences", "Are there differences between the two cases that undermine it?"),
        ("holds", "Is the claim true (false) in the case it is compared with?"),
        ("other-case", "Is there another similar case in which the claim is false (true)?"),
    ),
    _scheme(
        "verbal-classification",
        "Argument from verbal classification",
        (
            "has-property",
            "Does the thing definitely have the property, or is there room for doubt?",
        ),
        (
            "classification",
            "Is the classification only an assumption, or is it based on a definition or source?",
        ),
    ),
    _scheme(
        "sign",
        "Argument from sign",
        ("correlation", "What is the strength of the correlation of the sign with the event?"),
        ("other-events", "Are there other events that would more reliably account for the sign?"),
    ),
    _scheme(
        "cause-to-effect",
        "Argument from cause to effect",
        ("causal-link", "How strong is the causal generalization?"),
        ("evidence", "Is the evidence cited strong enough to warrant the causal generalization?"),
        ("interference", "Are there other causal factors that could interfere with the effect?"),
    ),
    _scheme(
        "consequences",
        "Argument from consequences",
        ("likelihood", "How strong is the likelihood that the consequences will occur?"),
        ("evidence", "What evidence supports the claim that they will occur?"),
        ("opposite", "Are there consequences of the opposite value that should be weighed?"),
    ),
    _scheme(
        "practical-reasoning",
        "Practical reasoning",
        (
            "other-goals",
            "What other goals that might conflict with this one should be considered?",
        ),
        ("alternatives", "What alternative actions to bring about the goal should be considered?"),
        ("best", "Among the alternatives, which is the most efficient?"),
        ("possible", "What grounds are there for arguing that it is practically possible?"),
        ("side-effects", "What consequences of the action should also be taken into account?"),
    ),
)

#: The shipped schemes by id.
SCHEMES: dict[str, Scheme] = {scheme.id: scheme for scheme in _ALL}
