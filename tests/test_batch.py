"""``argmap.render_many``: many maps on any executor (a process pool, threads, a Dask
cluster), results in the order given, a failed map reported and the others drawn."""

from __future__ import annotations

import concurrent.futures
from pathlib import Path

import pytest

import argmap
from argmap.batch import Rendered, render_many

ROOT = Path(__file__).resolve().parents[1]
FLAGSHIP = ROOT / "examples" / "second-occupation" / "map.yaml"
WATCHMAKER = ROOT / "examples" / "watchmaker" / "map.yaml"


@pytest.fixture
def corpus(tmp_path: Path) -> list[Path]:
    """Two good maps, one with an error, one that is not YAML, and a third good one."""
    maps = tmp_path / "maps"
    maps.mkdir()
    (maps / "flagship.yaml").write_bytes(FLAGSHIP.read_bytes())
    (maps / "watchmaker.yaml").write_bytes(WATCHMAKER.read_bytes())
    (maps / "unknown.yaml").write_text("claims:\n  a: {text: A, supports: x}\n", "utf-8")
    (maps / "broken.yaml").write_text("claims: [", "utf-8")
    (maps / "small.json").write_text('{"claims": {"t": {"text": "T", "kind": "thesis"}}}', "utf-8")
    names = ["flagship.yaml", "unknown.yaml", "watchmaker.yaml", "broken.yaml", "small.json"]
    return [maps / name for name in names]


def _expected(path: Path, format: str = "dot") -> bytes:
    return argmap.render(argmap.load(path), format)


def _summary(results: list[Rendered]) -> list[tuple[str, bool]]:
    return [(Path(r.source).name, r.ok) for r in results]


def _check(results: list[Rendered], corpus: list[Path]) -> None:
    assert _summary(results) == [
        ("flagship.yaml", True),
        ("unknown.yaml", False),
        ("watchmaker.yaml", True),
        ("broken.yaml", False),
        ("small.json", True),
    ]
    for result, path in zip(results, corpus, strict=True):
        if result.ok:
            assert result.picture == _expected(path)
    unknown = results[1]
    assert [(p.message, p.location.line) for p in unknown.problems] == [  # type: ignore[union-attr]
        ("unknown claim 'x'; did you mean 'a'?", 2)
    ]
    assert (unknown.picture, unknown.error) == (None, None)
    assert (results[0].claims, results[0].relations) == (26, 23)


def test_a_process_pool_draws_every_map_and_reports_the_failures_in_order(
    corpus: list[Path],
) -> None:
    _check(render_many(corpus, "dot", jobs=2), corpus)


def test_one_job_draws_in_this_process_and_any_executor_will_do(corpus: list[Path]) -> None:
    _check(render_many(corpus, "dot", jobs=1), corpus)
    with concurrent.futures.ThreadPoolExecutor(max_workers=3) as threads:
        _check(render_many(corpus, "dot", executor=threads), corpus)


def test_pictures_go_into_a_folder_and_progress_hears_of_each(
    corpus: list[Path], tmp_path: Path
) -> None:
    seen: list[str] = []
    out = tmp_path / "out" / "deeper"
    results = render_many(
        corpus, "svg", out_dir=out, jobs=2, progress=lambda r: seen.append(Path(r.source).name)
    )
    assert sorted(seen) == sorted(p.name for p in corpus)
    assert [r.output for r in results] == [
        str(out / "flagship.svg"),
        None,
        str(out / "watchmaker.svg"),
        None,
        str(out / "small.svg"),
    ]
    assert all(r.picture is None for r in results)
    assert (out / "watchmaker.svg").read_bytes() == _expected(WATCHMAKER, "svg")
    assert sorted(p.name for p in out.iterdir()) == ["flagship.svg", "small.svg", "watchmaker.svg"]


def test_a_picture_that_cannot_be_written_is_a_failure_of_that_map_only(
    corpus: list[Path], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    (out / "watchmaker.dot").mkdir(parents=True)  # a folder where the picture would go
    results = render_many(corpus[:3], "dot", out_dir=out, jobs=1)
    assert _summary(results) == [
        ("flagship.yaml", True),
        ("unknown.yaml", False),
        ("watchmaker.yaml", False),
    ]
    assert results[2].error == f"{out / 'watchmaker.dot'}: cannot write: Is a directory"
    assert (out / "flagship.dot").read_bytes() == _expected(FLAGSHIP)


def test_a_map_that_cannot_be_drawn_says_why(tmp_path: Path) -> None:
    [result] = render_many([WATCHMAKER], "svg", jobs=1, theme="sepia")
    assert (result.ok, result.picture) == (False, None)
    assert result.error == "unknown theme 'sepia' (known: default, dark, print, colorblind)"


def test_what_cannot_work_at_all_is_refused_before_any_map(corpus: list[Path]) -> None:
    with pytest.raises(argmap.RenderError) as raised:
        render_many(corpus, "gif")
    assert str(raised.value) == "no format 'gif': choose one of svg, png, pdf, dot" + (
        ", html" if "html" in argmap.rendering.FORMATS else ""
    )
    with pytest.raises(argmap.RenderError) as raised:
        render_many(corpus, jobs=0)
    assert str(raised.value) == "jobs must be a whole number from 1, not 0"
    twin = corpus[0].parent / "sub"
    twin.mkdir()
    (twin / "flagship.yaml").write_bytes(FLAGSHIP.read_bytes())
    with pytest.raises(argmap.RenderError) as raised:
        render_many([corpus[0], twin / "flagship.yaml"], out_dir=corpus[0].parent / "out")
    assert str(raised.value) == (
        f"{corpus[0]} and {twin / 'flagship.yaml'} would both be drawn to "
        f"{corpus[0].parent / 'out' / 'flagship.svg'}: render them into different folders"
    )


def test_a_dask_cluster_draws_the_same_pictures(corpus: list[Path]) -> None:
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        _check(render_many(corpus, "dot", executor=client.get_executor()), corpus)


def test_the_fonts_a_map_names_are_found_beside_it_as_argmap_render_finds_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "maps"
    folder.mkdir()
    font = ROOT / "tests" / "data" / "fonts" / "NotoSansThai-Regular-scripts.ttf"
    (folder / font.name).write_bytes(font.read_bytes())
    (folder / "thai.yaml").write_text(
        f"style:\n  fonts: [{font.name}]\n"
        "claims:\n  thai: {text: ภาษาไทยมีห้าวรรณยุกต์, kind: thesis}\n",
        "utf-8",
    )
    monkeypatch.chdir(tmp_path)  # not the map's folder: the font is found from the map's
    [result] = render_many([folder / "thai.yaml"], "svg", jobs=1)
    assert (result.ok, result.error, result.warnings) == (True, None, ())
    assert result.picture == argmap.render(
        argmap.load(folder / "thai.yaml"), fonts=[folder / font.name]
    )
