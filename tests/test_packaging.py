"""The wheel and the sdist: what each holds, their license metadata, and an sdist whose
own tests run.

The distributions are built once per module, offline, the way ``make dist`` builds them
(``python -m build --no-isolation``: the sdist first, then the wheel from the unpacked
sdist, with this venv's pinned setuptools). The source is a scratch copy of this tree,
so the build never writes into the checkout, a stale ``build/`` or ``*.egg-info`` cannot
leak into it, and nothing depends on git; into the copy go files that a machine makes
(caches, a venv, fuzz corpora), which neither distribution may carry.
"""

from __future__ import annotations

import email.parser
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
NAME_VERSION = "argmap-" + (ROOT / "argmap" / "_version.py").read_text("utf-8").split('"')[1]

# Never copied from this tree: what git ignores (a venv, builds, caches) and the checkout
# itself. The sdist's exclusions are proved by the junk planted below instead.
_NOT_SOURCE_AT_ROOT = {".git", ".venv", ".venv-constraints", "build", "dist", "out"}
_NOT_SOURCE = {
    "__pycache__",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    ".hypothesis",
    "node_modules",  # tests/node's reference tools, installed by make
}
_FUZZ_OUTPUT = {"corpus", "findings", "crashes"}

# What a machine made, planted in the copy: no distribution may carry any of it.
JUNK = [
    ".venv/lib/python3.11/site-packages/junk.py",
    ".hypothesis/examples/0123/abcd",
    ".pytest_cache/v/cache/lastfailed",
    "build/lib/argmap/stale.py",
    "argmap/__pycache__/model.cpython-311.pyc",
    "argmap/rendering/__pycache__/svg.cpython-311.pyc",
    "tests/__pycache__/conftest.cpython-311-pytest-9.2.0.pyc",
    "tests/.hypothesis/examples/0123/abcd",
    "tests/data/bad/__pycache__/generate.cpython-311.pyc",
    "docs/.DS_Store",
    "fuzz/corpus/yaml/0123456789abcdef",
    "fuzz/findings/yaml-crash-0123",
    "fuzz/crashes/yaml-crash-0123",
    "tests/node/node_modules/mermaid/package.json",
]
# A stale manifest of an earlier build, naming junk: the build must make its own.
STALE_MANIFEST = "argmap.egg-info/SOURCES.txt"

# Files the sdist's build adds to what its source holds.
SDIST_MADE = {
    "PKG-INFO",
    "setup.cfg",
    *(
        f"argmap.egg-info/{name}"
        for name in [
            "PKG-INFO",
            "SOURCES.txt",
            "dependency_links.txt",
            "entry_points.txt",
            "requires.txt",
            "top_level.txt",
        ]
    ),
}
# The folders and top-level files the sdist carries whole: what `make test` reads.
SDIST_FOLDERS = ("argmap", "tests", "examples", "docs", "fuzz")
SDIST_FILES = {
    "LICENSE",
    "README.md",
    "CHANGELOG.md",
    "Makefile",
    "constraints.txt",
    "pyproject.toml",
    "MANIFEST.in",
    ".ci/run",
}
LICENSE_FILES = ["LICENSE", "argmap/rendering/fonts/OFL.txt"]
# A smoke subset of the sdist's own tests: each needs files only the full sdist holds
# (conftest.py and its helpers, README, examples, docs/img, golden files, data/bad).
SMOKE_TESTS = [
    "tests/test_readme.py",
    "tests/test_examples.py",
    "tests/test_render_dot.py",
    "tests/test_builder.py",
    "tests/test_bad_inputs.py::test_every_expected_output_has_its_file",
    "tests/test_bad_inputs.py::test_kept_files_are_small",
    "tests/test_bad_inputs.py::test_validate_gives_the_expected_output[alias-bomb-small.yaml]",
    "tests/test_bad_inputs.py::test_validate_gives_the_expected_output[dev-zero.yaml]",
]


@dataclass(frozen=True)
class Built:
    source: Path  # the scratch copy the distributions were built from
    sdist: Path
    wheel: Path
    unpacked: Path  # the sdist, unpacked


def _is_source(path: Path) -> bool:
    relative = path.relative_to(ROOT)
    parts = relative.parts
    if len(parts) == 1 and parts[0] in _NOT_SOURCE_AT_ROOT:
        return False
    if len(parts) == 2 and parts[0] == "fuzz" and parts[1] in _FUZZ_OUTPUT:
        return False
    return parts[-1] not in _NOT_SOURCE and not parts[-1].endswith(".egg-info")


def _copy_source(target: Path) -> None:
    def ignore(directory: str, names: list[str]) -> list[str]:
        return [name for name in names if not _is_source(Path(directory) / name)]

    shutil.copytree(ROOT, target, ignore=ignore)


def _files(root: Path) -> set[str]:
    """Every file under ``root``, as a path relative to it with forward slashes."""
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if not p.is_dir()}


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, f"{' '.join(args)}\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    scratch = tmp_path_factory.mktemp("packaging")
    source = scratch / "source"
    _copy_source(source)
    for junk in JUNK:
        (source / junk).parent.mkdir(parents=True, exist_ok=True)
        (source / junk).write_bytes(b"junk\n")
    (source / STALE_MANIFEST).parent.mkdir()
    (source / STALE_MANIFEST).write_text("\n".join([*JUNK, ""]), encoding="utf-8")
    dist = scratch / "dist"
    _run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), "."], source)
    sdist, wheel = dist / f"{NAME_VERSION}.tar.gz", dist / f"{NAME_VERSION}-py3-none-any.whl"
    assert sorted(p.name for p in dist.iterdir()) == [wheel.name, sdist.name]
    with tarfile.open(sdist) as archive:
        archive.extractall(scratch / "unpacked", filter="data")
    return Built(source, sdist, wheel, scratch / "unpacked" / NAME_VERSION)


def _sdist_names(built: Built) -> set[str]:
    with tarfile.open(built.sdist) as archive:
        members = archive.getmembers()
    assert all(m.isfile() or m.isdir() for m in members), "links or devices in the sdist"
    prefix = f"{NAME_VERSION}/"
    assert all(m.name.startswith(prefix) or m.name == NAME_VERSION for m in members)
    return {m.name.removeprefix(prefix) for m in members if m.isfile()}


def _wheel_names(built: Built) -> set[str]:
    with zipfile.ZipFile(built.wheel) as archive:
        return set(archive.namelist())


def _metadata(text: str) -> Message:
    return email.parser.Parser().parsestr(text)


def test_the_sdist_holds_the_source_tree_and_nothing_a_machine_made(built: Built) -> None:
    source = _files(built.source) - set(JUNK)
    expected = {
        name for name in source if name in SDIST_FILES or name.split("/")[0] in SDIST_FOLDERS
    } | SDIST_MADE
    names = _sdist_names(built)
    assert sorted(names - expected) == []
    assert sorted(expected - names) == []
    for required in [
        "tests/conftest.py",
        "tests/render_support.py",
        "tests/stack_support.py",
        "tests/data/bad/generate.py",
        "tests/data/bad/alias-bomb-small.yaml.expected",
        "tests/golden/kinds.dot",
        "examples/second-occupation/map.yaml",
        "docs/img/second-occupation.png",
        "argmap/rendering/fonts/OFL.txt",
        "argmap/rendering/fonts/README.md",
        *SDIST_FILES,
    ]:
        assert required in names


def test_the_sdists_own_tests_pass_against_its_own_sources(built: Built) -> None:
    environment = {k: v for k, v in os.environ.items() if k != "PYTEST_ADDOPTS"}
    environment |= {"PYTHONPATH": str(built.unpacked), "PYTHONDONTWRITEBYTECODE": "1"}
    # From elsewhere, as the tests' own child processes run: PYTHONPATH must win over the
    # editable install of this checkout.
    which = [sys.executable, "-c", "import argmap; print(argmap.__file__)"]
    where = _run(which, built.unpacked.parent, environment)
    assert Path(where.strip()) == built.unpacked / "argmap" / "__init__.py"
    pytest_ = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *SMOKE_TESTS]
    summary = _run(pytest_, built.unpacked, environment).splitlines()[-1]
    assert " passed" in summary
    assert not any(word in summary for word in ("failed", "error", "skipped", "xfail"))


def test_the_wheel_holds_the_package_its_licenses_and_no_tests(built: Built) -> None:
    package = {
        name
        for name in _files(built.source) - set(JUNK)
        if name.startswith("argmap/") and not name.startswith("argmap.egg-info/")
    }
    dist_info = f"{NAME_VERSION}.dist-info"
    expected = package | {
        f"{dist_info}/{name}"
        for name in ["METADATA", "WHEEL", "RECORD", "entry_points.txt", "top_level.txt"]
    }
    expected |= {f"{dist_info}/licenses/{name}" for name in LICENSE_FILES}
    names = _wheel_names(built)
    assert sorted(names - expected) == []
    assert sorted(expected - names) == []
    for required in [
        "argmap/py.typed",
        "argmap/rendering/fonts/OFL.txt",
        "argmap/rendering/fonts/README.md",
        "argmap/examples/maps/second-occupation.yaml",
        "argmap/rendering/html/page.js",
        "argmap/rendering/html/page.css",
    ]:
        assert required in names
    assert not [name for name in names if name.startswith("tests/") or "/tests/" in name]
    with zipfile.ZipFile(built.wheel) as archive:
        for name in LICENSE_FILES:
            shipped = archive.read(f"{dist_info}/licenses/{name}")
            assert shipped == (ROOT / name).read_bytes()
        entry_points = archive.read(f"{dist_info}/entry_points.txt").decode()
    assert "[console_scripts]\nargmap = argmap.cli:main\n" in entry_points


def test_both_distributions_declare_mit_and_both_license_files(built: Built) -> None:
    with zipfile.ZipFile(built.wheel) as archive:
        wheel = _metadata(archive.read(f"{NAME_VERSION}.dist-info/METADATA").decode())
    sdist = _metadata((built.unpacked / "PKG-INFO").read_text("utf-8"))
    for metadata in (wheel, sdist):
        assert metadata["License-Expression"] == "MIT"
        assert metadata.get_all("License-File") == LICENSE_FILES
        assert metadata["License"] is None  # the expression replaces the old field
        assert not [c for c in metadata.get_all("Classifier", []) if c.startswith("License")]
        assert metadata["Requires-Python"] == ">=3.11"
    assert (
        (ROOT / "LICENSE")
        .read_text("utf-8")
        .startswith("MIT License\n\nCopyright (c) 2026 The argmap developers\n")
    )


def test_the_sat_extra_requires_python_sat_and_the_base_install_does_not(built: Built) -> None:
    # Every python-sat release is a .dev one: the pre-release in the specifier is what lets
    # pip take one (pip install 'argmap[sat]' resolves 1.9.dev24 without --pre).
    with zipfile.ZipFile(built.wheel) as archive:
        wheel = _metadata(archive.read(f"{NAME_VERSION}.dist-info/METADATA").decode())
    requires = wheel.get_all("Requires-Dist", [])
    assert "sat" in wheel.get_all("Provides-Extra", [])
    assert 'python-sat>=1.9.dev24; extra == "sat"' in requires
    assert [r for r in requires if r.startswith("python-sat") and "extra ==" not in r] == []


def test_the_pdf_extra_requires_typst_and_the_base_install_does_not(built: Built) -> None:
    # typst is about 80 MB installed: PDF is opt-in (argmap.rendering.pdf says so when
    # it is missing), and dev has it so that the PDF tests run.
    with zipfile.ZipFile(built.wheel) as archive:
        wheel = _metadata(archive.read(f"{NAME_VERSION}.dist-info/METADATA").decode())
    requires = wheel.get_all("Requires-Dist", [])
    assert "pdf" in wheel.get_all("Provides-Extra", [])
    assert [r for r in requires if r.startswith("typst")] == [
        'typst>=0.15; extra == "dev"',
        'typst>=0.15; extra == "pdf"',
    ]


def test_the_wheels_example_maps_are_the_repository_maps(built: Built) -> None:
    maps = sorted((ROOT / "examples").glob("*/map.yaml"))
    assert maps
    with zipfile.ZipFile(built.wheel) as archive:
        for path in maps:
            shipped = archive.read(f"argmap/examples/maps/{path.parent.name}.yaml")
            assert shipped == path.read_bytes()


def test_the_package_example_maps_are_copies_not_links() -> None:
    # A checkout without symbolic links (Git for Windows by default) writes a link as a
    # file holding its target's path, which would then ship as the example map.
    for path in sorted((ROOT / "examples").glob("*/map.yaml")):
        shipped = ROOT / "argmap" / "examples" / "maps" / f"{path.parent.name}.yaml"
        assert not shipped.is_symlink(), f"{shipped} is a link: make it a copy of {path}"
        assert shipped.read_bytes() == path.read_bytes(), (
            f"{shipped.relative_to(ROOT)} differs from {path.relative_to(ROOT)}: copy the "
            "example map over the package's copy"
        )


def test_twine_check_passes_for_both(built: Built) -> None:
    output = _run(
        [sys.executable, "-m", "twine", "check", "--strict", str(built.sdist), str(built.wheel)],
        ROOT,
    )
    assert output.count("PASSED") == 2
