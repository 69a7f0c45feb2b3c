"""Drawing a map does work in proportion to the map: the limits are read from the
environment a fixed number of times a render, not per claim, and the inferences an
undercut attacks are found once a drawing, not once per relation (counts of calls,
never timings)."""

from __future__ import annotations

import pytest

from argmap import MapBuilder
from argmap.limits import Limits
from argmap.model import ArgumentMap, Inference
from argmap.rendering import dot, render


def _map(claims: int) -> ArgumentMap:
    """A binary tree of reasons under one thesis: every third claim an objection that
    undercuts the inference of the claim before it, every tenth reason linked with the
    claim before it."""
    builder = MapBuilder(f"{claims} claims")
    builder.thesis("c0", "The thesis.")
    inferences: dict[str, Inference] = {}
    for index in range(1, claims):
        name, before = f"c{index}", f"c{index - 1}"
        if index % 3 == 0 and before in inferences:
            builder.objection(name, f"Objection {index}.")
            builder.undercuts(name, inferences[before])
            continue
        builder.premise(name, f"Reason {index}.")
        linked = index % 10 == 1 and index > 1
        sources = [name, before] if linked else [name]
        inferences[name] = builder.supports(sources, f"c{(index - 1) // 2}")
    return builder.build()


@pytest.mark.parametrize("claims", [30, 300])
def test_the_limits_are_read_from_the_environment_a_fixed_number_of_times_a_render(
    monkeypatch: pytest.MonkeyPatch, claims: int
) -> None:
    m = _map(claims)
    reads = 0
    from_env = Limits.from_env.__func__  # type: ignore[attr-defined]

    def counted(cls: type[Limits], environ: object = None) -> Limits:
        nonlocal reads
        reads += 1
        return from_env(cls, environ)  # type: ignore[no-any-return]

    monkeypatch.setattr(Limits, "from_env", classmethod(counted))
    render(m, "dot")
    # Validation, the size check and the drawing read them once each; wrapping the
    # labels reads the drawing's, however many claims there are.
    assert reads == 3


@pytest.mark.parametrize("claims", [30, 300, 3000])
def test_inference_keys_are_made_a_bounded_number_of_times_a_relation(
    monkeypatch: pytest.MonkeyPatch, claims: int
) -> None:
    m = _map(claims)
    undercuts = sum(1 for r in m.relations if isinstance(r.target, Inference))
    assert undercuts >= claims // 4
    made = 0
    key = dot._inference_key

    def counted(sources: tuple[str, ...], target: object) -> tuple[object, ...]:
        nonlocal made
        made += 1
        return key(sources, target)  # type: ignore[arg-type]

    monkeypatch.setattr(dot, "_inference_key", counted)
    dot.draw(m)
    # Once a relation for the first inference each names and once to find its
    # junction (not for a linked one, which has one anyway), once an undercut for the
    # set of undercut inferences and once to find the mark it ends on: linear, where
    # finding that set once a relation made 3,000 claims cost some 3 million keys.
    linked = sum(1 for r in m.relations if r.linked)
    assert made == 2 * len(m.relations) - linked + 2 * undercuts
