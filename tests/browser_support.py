"""The browser the browser tests share: Debian's chromium (never a downloaded browser)
driven by Playwright, seeing DejaVu and no other font. One for the whole session, for
every module (conftest registers these fixtures): Playwright's sync API cannot start a
second one while the first runs. Skipped when chromium, DejaVu or Playwright is missing,
except on CI (env CI set), where it fails instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from render_support import requires

CHROMIUM = Path("/usr/bin/chromium")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def dejavu_only(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fontconfig file that shows the browser DejaVu and nothing else."""
    requires(DEJAVU.is_dir(), f"no {DEJAVU} (apt install fonts-dejavu-core)")
    directory = tmp_path_factory.mktemp("fontconfig")
    config = directory / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><dir>{DEJAVU}</dir><cachedir>{directory / 'cache'}</cachedir>"
        "</fontconfig>\n"
    )
    return config


@pytest.fixture(scope="session")
def browser(dejavu_only: Path) -> Iterator[Any]:
    requires(CHROMIUM.exists(), f"no {CHROMIUM} (apt install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        requires(False, "playwright is not installed (pip install playwright)")
        raise
    env = {**os.environ, "FONTCONFIG_FILE": str(dejavu_only)}
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, env=env)
        try:
            yield chromium
        finally:
            chromium.close()
