"""Many maps at once: :func:`render_many` draws a corpus on any
:class:`concurrent.futures.Executor`, a pool of processes on one machine by default, or a
Dask cluster handed in as ``dask.distributed.Client(...).get_executor()``.

Each map is read, checked and drawn where the work runs; its picture comes back to the
caller, which writes it (atomically, as ``argmap render`` does) or keeps it. So the maps
must be readable by the workers (on a cluster: a shared file system), and the folder the
pictures go to need only exist where :func:`render_many` is called. A map that cannot be
read, has errors or cannot be drawn is reported in its :class:`Rendered` and the others
go on.

>>> import tempfile, pathlib, argmap
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> b = argmap.MapBuilder("Socrates")
>>> b.premise("men", "All men are mortal.", supports=b.thesis("mortal", "Socrates is mortal."))
'men'
>>> argmap.dump(b.build(), folder / "socrates.yaml")
>>> _ = (folder / "broken.yaml").write_text("claims: [")
>>> done = render_many([folder / "socrates.yaml", folder / "broken.yaml"], "dot", jobs=1)
>>> [(pathlib.Path(r.source).name, r.ok, r.picture[:7] if r.picture else None) for r in done]
[('socrates.yaml', True, b'digraph'), ('broken.yaml', False, None)]
>>> print(done[1].problems[0].message)
invalid YAML: did not find expected node content (while parsing a flow node)
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
import warnings
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from argmap.errors import ArgmapError, Problem, Severity

__all__ = ["Rendered", "render_many"]


@attrs.frozen
class Rendered:
    """What became of one map of :func:`render_many`.

    ``picture``: the picture's bytes (None when it was written to ``output``, or when
    there is none); ``problems``: what reading and checking the map found (warnings
    too), located in the file; ``warnings``: what drawing it warned of (fonts, small
    text); ``error``: why there is no picture, when the map was read but could not be
    drawn or written; ``claims`` and ``relations``: the map's size.
    """

    source: str
    output: str | None = None
    picture: bytes | None = None
    problems: tuple[Problem, ...] = ()
    warnings: tuple[str, ...] = ()
    error: str | None = None
    claims: int = 0
    relations: int = 0

    @property
    def ok(self) -> bool:
        """Whether the map was drawn (and written, with an ``out_dir``)."""
        failed = any(p.severity is Severity.ERROR for p in self.problems)
        return self.error is None and not failed and (self.picture or self.output) is not None


def render_many(
    paths: Iterable[str | os.PathLike[str]],
    format: str = "svg",
    *,
    out_dir: str | os.PathLike[str] | None = None,
    executor: concurrent.futures.Executor | None = None,
    jobs: int | None = None,
    progress: Callable[[Rendered], None] | None = None,
    **options: Any,
) -> list[Rendered]:
    """Draw every map of ``paths`` in ``format`` with ``options`` (those of
    :func:`argmap.render`), on ``executor``; one :class:`Rendered` per map, in the order
    of ``paths``, whatever the order the maps were done in.

    ``executor``: any :class:`concurrent.futures.Executor` (a process pool, a thread pool,
    ``dask.distributed.Client(...).get_executor()``); it is used, not shut down. Without
    one, a pool of ``jobs`` processes (default: one a CPU, no more than there are maps)
    is made for the call; ``jobs=1`` draws the maps one after another in this process.

    The fonts a map file's ``style:`` names are found beside it, after any ``fonts`` in
    ``options``, as ``argmap render`` finds them.

    ``out_dir``: the folder (made if missing) to write each picture into, named after
    its map (``essay.yaml`` gives ``essay.svg``); without it each picture stays in its
    :class:`Rendered`. ``progress`` is called (in the calling thread) with each
    :class:`Rendered` as it is done, for a progress bar.

    Raises :class:`~argmap.RenderError` before drawing anything for an unknown format,
    ``jobs`` under 1, or two maps whose pictures would have the same name in
    ``out_dir``; a map's own failure never raises: it is in its :class:`Rendered`.
    """
    from argmap.errors import RenderError
    from argmap.rendering import FORMATS

    sources = [os.fspath(path) for path in paths]
    if format not in FORMATS:
        raise RenderError(f"no format {format!r}: choose one of {', '.join(FORMATS)}")
    if jobs is not None and (not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1):
        raise RenderError(f"jobs must be a whole number from 1, not {jobs!r}")
    outputs = _outputs(sources, format, out_dir)
    results: dict[int, Rendered] = {}

    def finished(index: int, done: Rendered) -> None:
        if outputs is not None:
            done = _write(done, outputs[index])
        results[index] = done
        if progress is not None:
            progress(done)

    if executor is None and (jobs == 1 or len(sources) <= 1):
        for index, source in enumerate(sources):
            finished(index, draw_one(source, format, options))
        return [results[i] for i in range(len(sources))]
    pool = executor or concurrent.futures.ProcessPoolExecutor(
        max_workers=min(jobs or os.cpu_count() or 1, len(sources)),
        # A fresh interpreter a worker: forking a process that runs threads (a notebook,
        # a progress bar) can deadlock the child.
        mp_context=multiprocessing.get_context("spawn"),
    )
    try:
        futures = {
            pool.submit(draw_one, source, format, options): index
            for index, source in enumerate(sources)
        }
        for future in concurrent.futures.as_completed(futures):
            finished(futures[future], future.result())
    finally:
        if executor is None:
            pool.shutdown(cancel_futures=True)
    return [results[i] for i in range(len(sources))]


def _outputs(
    sources: list[str], format: str, out_dir: str | os.PathLike[str] | None
) -> list[str] | None:
    """Where each picture goes in ``out_dir``, refusing two maps that would share a name."""
    from argmap.errors import RenderError

    if out_dir is None:
        return None
    folder = Path(out_dir)
    outputs = [str(folder / f"{Path(source).stem}.{format}") for source in sources]
    seen: dict[str, str] = {}
    for source, output in zip(sources, outputs, strict=True):
        if output in seen:
            raise RenderError(
                f"{seen[output]} and {source} would both be drawn to {output}: "
                "render them into different folders"
            )
        seen[output] = source
    return outputs


def _write(done: Rendered, output: str) -> Rendered:
    """``done`` with its picture written to ``output`` (atomically), or why it was not."""
    from argmap._io import write_output

    if done.picture is None:
        return done
    try:
        os.makedirs(os.path.dirname(output) or ".", exist_ok=True)
        write_output(output, done.picture)
    except OSError as error:
        return attrs.evolve(done, picture=None, error=f"{output}: cannot write: {error.strerror}")
    except ArgmapError as error:
        return attrs.evolve(done, picture=None, error=str(error))
    return attrs.evolve(done, picture=None, output=output)


def draw_one(source: str, format: str, options: Mapping[str, Any]) -> Rendered:
    """Read, check and draw one map (where the work runs: in a worker process, or on a
    Dask worker); never raises for the map's own faults."""
    from argmap.formats import check_file
    from argmap.rendering import render
    from argmap.rendering.fontfiles import map_fonts

    argmap, problems = check_file(source)
    found = tuple(problems)
    if argmap is None or any(p.severity is Severity.ERROR for p in found):
        return Rendered(source, problems=found)
    claims, relations = len(argmap.claims), len(argmap.relations)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            # As argmap render does: the fonts given, then those the map file names,
            # from its own folder (render() alone would look in the working directory).
            fonts = [*options.get("fonts", ()), *map_fonts(argmap, source)]
            picture = render(argmap, format, **{**options, "fonts": fonts})
    except ArgmapError as error:
        located = getattr(error, "problems", None)
        if located:
            return Rendered(
                source, problems=found + tuple(located), claims=claims, relations=relations
            )
        return Rendered(
            source, problems=found, error=str(error), claims=claims, relations=relations
        )
    except (TypeError, ValueError) as error:  # an option of the wrong type or value
        return Rendered(
            source, problems=found, error=str(error), claims=claims, relations=relations
        )
    said = tuple(str(warning.message) for warning in caught)
    return Rendered(
        source, picture=picture, problems=found, warnings=said, claims=claims, relations=relations
    )
