"""Layout engines: errors that leave the process sound, nothing on stdout, warnings as
Python warnings, timeouts, PDF from the system engine, the embedded one with a bare PATH.
(The PDF typst makes from the embedded engine's SVG: test_render_pdf.py.)"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal as signal_module
import subprocess
import sys
import threading
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from render_support import DATA, Renders, load_map, parse_svg, requires

from argmap import MapBuilder, RenderError, limits
from argmap.rendering import engines as engines_module
from argmap.rendering import render
from argmap.rendering.engines import (
    ENGINES,
    EmbeddedEngine,
    Engine,
    EngineWarning,
    SystemEngine,
    get_engine,
)

BROKEN_DOT = "digraph { a -> ; ]]] "
SIMPLE_DOT = "digraph { a -> b }"


def need_dot() -> None:
    requires(shutil.which("dot"), "Graphviz's dot is not on PATH: no system engine")


def fake_engine(tmp_path: Path, body: str) -> Path:
    """An executable shell script to stand in for graphviz-pure."""
    script = tmp_path / "fake-graphviz-pure"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(0o755)
    return script


def sleeper(tmp_path: Path) -> Path:
    """A stand-in engine that writes its process id and then hangs."""
    return fake_engine(tmp_path, f'echo $$ > "{tmp_path}/pid"\nexec sleep 60')


# Ways a render can fail; each is followed by a good render in the same process.
def fail_broken_dot_embedded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    get_engine("embedded").run(BROKEN_DOT, "svg")


def fail_broken_dot_system(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    need_dot()
    get_engine("system").run(BROKEN_DOT, "svg")


def fail_bogus_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    render(load_map("plain"), "gif")


def fail_engine_asked_for_unknown_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    get_engine("embedded").run(SIMPLE_DOT, "bogus")


def fail_pdf_without_typst(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as patch:
        patch.setitem(sys.modules, "typst", None)  # as if argmap[pdf] were not installed
        render(load_map("plain"), "pdf")


def fail_timeout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(engines_module, "_embedded_executable", lambda: sleeper(tmp_path))
        render(load_map("plain"), timeout=0.3)


def fail_engine_that_crashes_after_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = fake_engine(tmp_path, "echo '<svg>partial'\necho 'Error: out of memory' >&2\nexit 3")
    with monkeypatch.context() as patch:
        patch.setattr(engines_module, "_embedded_executable", lambda: script)
        render(load_map("plain"))


FAILURES: dict[str, Callable[[Path, pytest.MonkeyPatch], None]] = {
    "broken-dot-embedded": fail_broken_dot_embedded,
    "broken-dot-system": fail_broken_dot_system,
    "bogus-format": fail_bogus_format,
    "engine-unknown-format": fail_engine_asked_for_unknown_format,
    "pdf-without-typst": fail_pdf_without_typst,
    "timeout": fail_timeout,
    "engine-crash": fail_engine_that_crashes_after_writing,
}


@pytest.mark.parametrize("failure", sorted(FAILURES))
@pytest.mark.parametrize("engine", ["embedded", "system"])
def test_a_failed_render_raises_render_error_and_the_next_render_is_unaffected(
    failure: str,
    engine: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
    rendered: Renders,
) -> None:
    if engine == "system":
        need_dot()
    expected = rendered("plain", engine=engine)
    capfd.readouterr()
    for _ in range(2):  # and again: a failure never leaves anything behind
        with pytest.raises(RenderError):
            FAILURES[failure](tmp_path, monkeypatch)
        assert render(load_map("plain"), engine=engine) == expected
    out, err = capfd.readouterr()
    assert out == ""
    assert err == ""


def test_rendering_many_maps_in_a_loop_after_failures_writes_nothing_to_stdout(
    capfd: pytest.CaptureFixture[str], rendered: Renders
) -> None:
    names = ["plain", "kinds", "linked", "undercut", "groups"]
    expected = {name: rendered(name) for name in names}
    capfd.readouterr()
    for name in names:
        with pytest.raises(RenderError):
            get_engine("embedded").run(BROKEN_DOT, "svg")
        assert render(load_map(name)) == expected[name]
    assert capfd.readouterr() == ("", "")


def test_graphviz_syntax_error_is_reported_in_the_render_error() -> None:
    with pytest.raises(RenderError, match=r"(?i)syntax error"):
        get_engine("embedded").run(BROKEN_DOT, "svg")


def test_an_engine_that_fails_after_writing_output_is_a_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = fake_engine(tmp_path, "echo '<svg/>'\necho 'Error: out of memory' >&2\nexit 3")
    monkeypatch.setattr(engines_module, "_embedded_executable", lambda: script)
    with pytest.raises(RenderError, match="out of memory"):
        get_engine("embedded").run(SIMPLE_DOT, "svg")


# --- PDF ---------------------------------------------------------------------------------


def test_system_engine_renders_pdf(rendered: Renders) -> None:
    need_dot()
    pdf = rendered("twenty", "pdf", engine="system")
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")


def test_noncharacters_and_c1_controls_never_reach_the_system_engines_pdf() -> None:
    # U+10FFFF made cairo fail ("cairo: out of memory"): a PDF with its text missing.
    need_dot()
    b = MapBuilder("Title \ufdd0")
    b.thesis("t", "Visible words \U0010ffff and more \ufffe words \x9b[31m end")
    b.premise("p", "A reason \x85 with \x80 controls.", supports="t")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pdf = render(b.build(), "pdf", engine="system")
    assert pdf.startswith(b"%PDF-")


# --- timeouts ----------------------------------------------------------------------------


def test_a_layout_past_the_timeout_is_stopped_with_a_render_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engines_module, "_embedded_executable", lambda: sleeper(tmp_path))
    started = time.monotonic()
    with pytest.raises(RenderError) as error:
        render(load_map("plain"), timeout=0.5)
    assert time.monotonic() - started < 10  # the engine would sleep for 60 s
    message = str(error.value)
    assert "0.5 s" in message
    assert "timeout" in message
    # The stuck engine was killed, not left running.
    pid = int((tmp_path / "pid").read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_a_real_layout_too_big_for_its_timeout_is_stopped() -> None:
    # Graphviz needs far more than a second for this dense cyclic graph.
    n = 300
    edges = " ".join(f"n{i} -> n{i * 7 % n}; n{i} -> n{(i * 13 + 1) % n};" for i in range(n))
    started = time.monotonic()
    with pytest.raises(RenderError, match=r"longer than 0\.5 s"):
        get_engine("embedded").run(f"digraph {{ {edges} }}", "svg", timeout=0.5)
    assert time.monotonic() - started < 10


def test_the_default_timeout_is_sixty_seconds() -> None:
    assert engines_module.DEFAULT_TIMEOUT == 60


# --- warnings ----------------------------------------------------------------------------


def test_system_engine_warnings_come_back_as_python_warnings_not_output(
    capfd: pytest.CaptureFixture[str],
) -> None:
    need_dot()
    with pytest.warns(EngineWarning, match="nosuchshape"):
        svg = get_engine("system").run('digraph { a [shape="nosuchshape"] }', "svg")
    parse_svg(svg)
    assert capfd.readouterr() == ("", "")


def test_embedded_engine_warnings_come_back_as_python_warnings_not_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    real = engines_module._embedded_executable()
    assert real is not None
    script = fake_engine(tmp_path, f'echo "Warning: a flat edge" >&2\nexec "{real}" "$@"')
    monkeypatch.setattr(engines_module, "_embedded_executable", lambda: script)
    with pytest.warns(EngineWarning) as caught:
        svg = render(load_map("plain"))
    parse_svg(svg)
    assert [str(w.message) for w in caught] == ["a flat edge"]
    assert capfd.readouterr() == ("", "")


def test_a_clean_layout_gives_no_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        render(load_map("plain"))


# --- finding and choosing engines --------------------------------------------------------


def test_engines_say_what_they_draw() -> None:
    assert set(ENGINES) == {"embedded", "system"}
    assert {"svg", "dot"} <= set(EmbeddedEngine.formats)
    assert "pdf" not in EmbeddedEngine.formats
    assert {"svg", "pdf", "dot"} <= set(SystemEngine.formats)
    assert isinstance(get_engine("embedded"), EmbeddedEngine)
    assert isinstance(get_engine("system"), SystemEngine)
    engine = SystemEngine()
    assert get_engine(engine) is engine


def test_an_unknown_engine_is_a_render_error_naming_the_known_ones() -> None:
    with pytest.raises(RenderError, match=r"embedded.*system"):
        render(load_map("plain"), engine="wasm")


def test_a_missing_embedded_engine_is_a_render_error_that_says_how_to_fix_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(engines_module, "_embedded_executable", lambda: None)
    with pytest.raises(RenderError, match="install"):
        render(load_map("plain"))


def test_no_dot_on_path_is_a_render_error_that_says_how_to_get_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(RenderError) as error:
        render(load_map("plain"), engine="system")
    message = str(error.value)
    assert "install" in message.lower()
    assert "graphviz" in message.lower()


def test_embedded_engine_is_found_whatever_path_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    engines_module._embedded_executable.cache_clear()
    try:
        executable = engines_module._embedded_executable()
    finally:
        engines_module._embedded_executable.cache_clear()
    assert executable is not None
    assert executable.is_absolute()
    assert executable.exists()


def test_embedded_engine_renders_through_the_cli_with_a_bare_path(
    tmp_path: Path, rendered: Renders
) -> None:
    """``env -i PATH=/nonexistent .venv/bin/argmap render ...``: no venv activated."""
    argmap_command = Path(sys.executable).parent / "argmap"
    requires(argmap_command.exists(), f"no {argmap_command}: argmap is not installed here")
    output = tmp_path / "plain.svg"
    png = tmp_path / "plain.png"
    env = {"PATH": "/nonexistent"}
    for target in (output, png):
        result = subprocess.run(
            [str(argmap_command), "render", str(DATA / "plain.yaml"), "-o", str(target)],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            timeout=120,
            check=False,
        )
        said = f"wrote {target} (5 claims, 4 relations)\n".encode()
        assert (result.returncode, result.stdout, result.stderr) == (0, b"", said)
    assert output.read_bytes() == rendered("plain")
    assert png.read_bytes() == rendered("plain", "png")


# --- the engine's process: bounded, and stopped with everything it started ---------------

LINUX = sys.platform == "linux"


def alive(pid: int) -> bool:
    """Whether ``pid`` is a running process (not a zombie waiting to be reaped)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(") ")[-1].startswith("Z"))


def family_engine(tmp_path: Path) -> Path:
    """A stand-in engine that starts a child of its own, writes both ids, and hangs."""
    return fake_engine(
        tmp_path,
        f'sleep 60 &\necho $! > "{tmp_path}/child"\necho $$ > "{tmp_path}/pid"\nexec sleep 60',
    )


# Generous bounds: on a loaded machine a shell may take seconds to start, and init a
# while to reap what was killed. Only a broken engine runs into them.
_PATIENCE = 30.0


def wait_for(path: Path) -> int:
    deadline = time.monotonic() + _PATIENCE
    while time.monotonic() < deadline:
        if path.exists() and path.read_text().strip():
            return int(path.read_text())
        time.sleep(0.01)
    raise AssertionError(f"{path} was never written")


def assert_gone(*pids: int) -> None:
    deadline = time.monotonic() + _PATIENCE
    while time.monotonic() < deadline:  # killed processes are reaped by init a moment later
        if not any(alive(pid) for pid in pids):
            return
        time.sleep(0.01)
    raise AssertionError(f"still running: {[pid for pid in pids if alive(pid)]}")


def test_a_timeout_kills_the_engine_and_every_process_it_started(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engines_module, "_embedded_executable", lambda: family_engine(tmp_path))
    with pytest.raises(RenderError, match=r"longer than 0\.3 s"):
        render(load_map("plain"), timeout=0.3)
    assert_gone(wait_for(tmp_path / "pid"), wait_for(tmp_path / "child"))


@pytest.mark.parametrize("interruption", [KeyboardInterrupt, SystemExit])
def test_an_interrupted_render_kills_the_engine_and_every_process_it_started(
    interruption: type[BaseException], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Ctrl-C, or the CLI's SIGTERM handler raising SystemExit, while the engine runs.
    import signal

    monkeypatch.setattr(engines_module, "_embedded_executable", lambda: family_engine(tmp_path))

    def interrupt(signum: int, frame: object) -> None:
        raise interruption

    previous = signal.signal(signal.SIGALRM, interrupt)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        with pytest.raises(interruption):
            render(load_map("plain"), timeout=30)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert_gone(wait_for(tmp_path / "pid"), wait_for(tmp_path / "child"))


@pytest.mark.skipif(not LINUX, reason="the kernel's limits are set on Linux only")
def test_the_engine_runs_with_its_memory_and_cpu_bounded_by_the_kernel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Limits the engine has itself still hold if argmap is killed with SIGKILL. The
    # engine reads its input first: the limits are set before the input is written.
    script = fake_engine(
        tmp_path, f'cat > /dev/null\ncat /proc/$$/limits > "{tmp_path}/limits"\necho "<svg/>"'
    )
    monkeypatch.setattr(engines_module, "_embedded_executable", lambda: script)
    with limits.override(engine_memory=300 << 20), contextlib.suppress(RenderError):
        get_engine("embedded").run(SIMPLE_DOT, "svg", timeout=7.5)
    rows = {
        line[:26].strip(): line[26:].split()[:2]
        for line in (tmp_path / "limits").read_text().splitlines()
    }
    assert rows["Max address space"] == [str(300 << 20)] * 2
    assert rows["Max cpu time"] == ["13", "14"]  # the timeout, rounded up, and 5 s more


@pytest.mark.skipif(not LINUX, reason="the kernel's limits are set on Linux only")
@pytest.mark.parametrize("engine", ["embedded", "system"])
def test_an_engine_out_of_memory_is_a_render_error_naming_the_limit(engine: str) -> None:
    if engine == "system":
        need_dot()
    many_nodes = "digraph {" + " ".join(f"n{i};" for i in range(300_000)) + "}"
    with limits.override(engine_memory=64 << 20), pytest.raises(RenderError) as caught:
        get_engine(engine).run(many_nodes, "svg")
    assert str(caught.value).endswith(
        "the limit is 64 MiB; set ARGMAP_MAX_ENGINE_MEMORY to raise it"
    )


@pytest.mark.parametrize(
    ("format", "output", "message"),
    [
        ("pdf", "garbage", "Graphviz's PDF is not a whole PDF file"),
        ("pdf", "%PDF-1.7 cut short", "Graphviz's PDF is not a whole PDF file"),
        # Header and trailer alone: no objects, no page (the verifier's fake dot).
        ("pdf", "%PDF-1.5\ngarbage\n%%EOF", "Graphviz's PDF is not a whole PDF file"),
        (
            "svg",
            "<svg><g></svg>",
            "Graphviz's SVG cannot be read: mismatched tag: line 1, column 10",
        ),
        ("svg", "garbage", "Graphviz's SVG cannot be read: syntax error: line 1, column 0"),
        ("svg", "<html/>", "Graphviz's drawing is not an SVG"),
        ("json", "{", "Graphviz's JSON cannot be read: "),
    ],
)
def test_an_engine_that_writes_garbage_is_a_render_error(
    format: str, output: str, message: str, tmp_path: Path
) -> None:
    script = fake_engine(tmp_path, f"cat > /dev/null\nprintf '%s\\n' '{output}'")
    with pytest.raises(RenderError) as caught:
        SystemEngine(str(script)).run(SIMPLE_DOT, format)
    assert str(caught.value).startswith(message)


def test_a_cairo_error_is_a_failure_though_graphviz_exits_0(tmp_path: Path) -> None:
    # Cairo stops drawing after an error: the PDF came back with its text missing.
    script = fake_engine(
        tmp_path,
        "cat > /dev/null\necho 'cairo: out of memory' >&2\nprintf '%%PDF-1.5\\n%%%%EOF\\n'",
    )
    with pytest.raises(RenderError, match=r"^Graphviz failed: cairo: out of memory$"):
        SystemEngine(str(script)).run(SIMPLE_DOT, "pdf")


def test_engine_warnings_name_claims_as_the_map_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = engines_module._embedded_executable()
    assert real is not None
    script = fake_engine(
        tmp_path,
        'echo "Warning: cell size too small for content" >&2\n'
        'echo "in label of node c1" >&2\n'
        'echo "Warning: node c9 and graph cluster_g0 and node panels" >&2\n'
        f'exec "{real}" "$@"',
    )
    monkeypatch.setattr(engines_module, "_embedded_executable", lambda: script)
    with pytest.warns(EngineWarning) as caught:
        render(load_map("groups"))
    assert [str(w.message) for w in caught] == [
        "cell size too small for content (in label of claim 'reading')",
        "node c9 and group 'people' and the legend",
    ]


# What Graphviz 2.43 (the system engine on Debian 12) says about nodes, edges and
# clusters, from the format strings in its libraries, with argmap's DOT names in them.
GRAPHVIZ_SAYS = {
    'Unable to reclaim box space in spline routing for edge "c1" -> "c0". Something is '
    "probably seriously wrong.": "Unable to reclaim box space in spline routing for edge "
    "claim 'reading' -> claim 'library'. Something is probably seriously wrong.",
    "c3 -> c2: head not inside head cluster cluster_g1": (
        "claim 'cost' -> claim 'meeting': head not inside head group 'money'"
    ),
    "node 'c4', graph 'argmap' size too small for label": (
        "claim 'donations', the map size too small for label"
    ),
    "c0 was already in a rankset, deleted from cluster argmap": (
        "claim 'library' was already in a rankset, deleted from the map"
    ),
    "cannot read /tmp/argmap-fonts-x/fonts.conf": "cannot read /tmp/argmap-fonts-x/fonts.conf",
    "node c9, port n unrecognized": "node c9, port n unrecognized",
}


@pytest.mark.parametrize("engine", ["embedded", "system"])
def test_engine_warnings_name_no_dot_name_of_argmap_s_own(
    engine: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said = tmp_path / "said.txt"
    said.write_text("".join(f"Warning: {message}\n" for message in GRAPHVIZ_SAYS))
    real = engines_module._embedded_executable()
    assert real is not None
    script = fake_engine(tmp_path, f'cat "{said}" >&2\nexec "{real}" -q "$@"')
    chosen: str | Engine = SystemEngine(str(script))
    if engine == "embedded":
        monkeypatch.setattr(engines_module, "_embedded_executable", lambda: script)
        chosen = "embedded"
    with pytest.warns(EngineWarning) as caught:
        render(load_map("groups"), engine=chosen)
    assert [str(w.message) for w in caught] == list(GRAPHVIZ_SAYS.values())


def test_an_engine_that_writes_without_end_is_stopped_before_memory_fills(
    tmp_path: Path,
) -> None:
    # Before, argmap read all of it: 3 GB written gave 5.9 GB of RSS before exit 1.
    script = fake_engine(tmp_path, "cat > /dev/null\nexec yes 0123456789abcdef")
    with pytest.raises(RenderError) as caught:
        SystemEngine(str(script)).run(SIMPLE_DOT, "svg")
    assert str(caught.value) == (
        "Graphviz wrote more than 32 MiB for a graph of 0 KiB, and was stopped: that is "
        "not a drawing"
    )


def test_an_engine_that_warns_without_end_still_draws(tmp_path: Path) -> None:
    # Its messages beyond the first MiB are read and dropped, never left to block it.
    script = fake_engine(
        tmp_path,
        "cat > /dev/null\nhead -c 3000000 /dev/zero | tr '\\0' w >&2\n"
        "printf '<svg xmlns=\"http://www.w3.org/2000/svg\"/>'",
    )
    with pytest.warns(EngineWarning):
        assert SystemEngine(str(script)).run(SIMPLE_DOT, "svg").startswith(b"<svg")


@pytest.mark.parametrize("timeout", [86_401, 1e300, 2**63])
def test_a_timeout_past_a_day_is_refused_before_anything_runs(timeout: float) -> None:
    # Before, 1e300 or 2**63 raised a raw OverflowError from setting the CPU limit.
    with pytest.raises(RenderError, match=r"^timeout must be at most 86,400 s \(a day\)"):
        get_engine("embedded").run(SIMPLE_DOT, "svg", timeout)


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell")
@pytest.mark.parametrize("closed", ["stdin", "stdout", "stderr"])
def test_pipes_closed_under_the_exchange_print_no_thread_traceback(
    closed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What a run given up (a timeout, Ctrl-C, SIGTERM) does to the threads that feed the
    # engine and collect its output: the pipes are closed under them.
    failures: list[BaseException | None] = []
    monkeypatch.setattr("threading.excepthook", lambda args: failures.append(args.exc_value))
    process = subprocess.Popen(
        ["sh", "-c", "cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    with process:
        getattr(process, closed).close()
        engines_module._exchange(process, b"digraph {}\n" * 10_000, 20, 2**20)
    assert failures == []


class _Stopped(Exception):
    """What the test's SIGINT handler raises."""


@pytest.mark.skipif(not hasattr(signal_module, "pthread_sigmask"), reason="POSIX signal masks")
def test_an_interrupt_just_after_the_engine_starts_still_kills_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The signal comes while the engine has started but its run is not yet guarded: it
    # must wait for the guard, not leave an orphan (a fresh-clone CI run caught one).
    monkeypatch.setattr(engines_module, "_embedded_executable", lambda: family_engine(tmp_path))
    started: list[subprocess.Popen[bytes]] = []
    real_popen = subprocess.Popen

    def popen_then_interrupted(*args: Any, **kwargs: Any) -> subprocess.Popen[bytes]:
        process = real_popen(*args, **kwargs)
        started.append(process)
        wait_for(tmp_path / "pid")  # the engine and its child both run
        # To this thread, as the kernel sends Ctrl-C to the CLI's only thread (to the
        # process, any thread of the test runner's that does not hold it could take it).
        signal_module.pthread_kill(threading.main_thread().ident or 0, signal_module.SIGINT)
        return process

    def stop(signum: int, frame: object) -> None:
        raise _Stopped

    monkeypatch.setattr(engines_module.subprocess, "Popen", popen_then_interrupted)
    previous = signal_module.signal(signal_module.SIGINT, stop)
    try:
        with pytest.raises(_Stopped):
            render(load_map("plain"), timeout=30)
    finally:
        signal_module.signal(signal_module.SIGINT, previous)
    assert started[0].returncode is not None
    assert_gone(wait_for(tmp_path / "pid"), wait_for(tmp_path / "child"))
