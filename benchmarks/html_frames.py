"""Frame times of the interactive HTML page of a generated map while a reader pans and zooms.

    .venv/bin/python benchmarks/html_frames.py                 # 1,000 claims, 4 s of each
    .venv/bin/python benchmarks/html_frames.py --claims 300 --seconds 2

Renders ``load.py``'s generated map to HTML (both pictures: light and dark), opens it in
Debian's Chromium (headless, through Playwright, no network), then drags the picture
around and zooms it with the wheel, each for a few seconds, while the page records the
interval between animation frames. Prints the time to render and to open the page, for
each gesture the median and 95th percentile frame interval and the frames dropped (an
interval of more than 1.5 frames of 60 Hz counts as the frames it spans, less one), and
the longest frame around the one redraw of the vectors once a drag, and a zoom, rests.

Not a test: nothing asserts a number. Numbers depend on the machine; headless Chromium
here draws in software (no GPU).
"""

from __future__ import annotations

import argparse
import itertools
import math
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import argmap

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import write

CHROMIUM = "/usr/bin/chromium"
FRAME = 1000 / 60

# Records every animation frame's timestamp from now on, in window.frames.
_RECORD = """() => {
  window.frames = [];
  const tick = (t) => { window.frames.push(t); window.recording = requestAnimationFrame(tick); };
  window.recording = requestAnimationFrame(tick);
}"""
_STOP = "() => { cancelAnimationFrame(window.recording); return window.frames; }"


def _summary(stamps: list[float]) -> dict[str, float]:
    intervals = [b - a for a, b in itertools.pairwise(stamps)]
    if not intervals:
        return {"frames": 0, "median": math.nan, "p95": math.nan, "dropped": 0}
    ordered = sorted(intervals)
    p95 = ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]
    dropped = sum(round(i / FRAME) - 1 for i in intervals if i > 1.5 * FRAME)
    return {
        "frames": len(intervals),
        "median": statistics.median(intervals),
        "p95": p95,
        "dropped": dropped,
    }


def _drag(page: Any, seconds: float, box: dict[str, float]) -> None:
    """Drags the picture in a slow circle, a small step each 16 ms, for ``seconds``."""
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(cx, cy)
    page.mouse.down()
    end, angle = time.monotonic() + seconds, 0.0
    while time.monotonic() < end:
        angle += 0.08
        page.mouse.move(cx + 150 * math.cos(angle), cy + 150 * math.sin(angle))
        page.wait_for_timeout(16)
    page.mouse.up()


def _wheel(page: Any, seconds: float, box: dict[str, float]) -> None:
    """Zooms in and out around the middle of the picture with the wheel for ``seconds``."""
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    end, step = time.monotonic() + seconds, 0
    while time.monotonic() < end:
        page.mouse.wheel(0, -40 if (step // 30) % 2 == 0 else 40)
        step += 1
        page.wait_for_timeout(16)


def _short_drag(page: Any, box: dict[str, float]) -> None:
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 120, y + 60, steps=10)
    page.mouse.up()


def _click_zoom(page: Any, box: dict[str, float]) -> None:
    page.click("#zoom-out")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--out", type=Path, help="keep the maps and the page in this folder")
    parser.add_argument("--screenshot", type=Path, help="save the page once opened")
    arguments = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch:
        folder = arguments.out or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        _, json_path = write(arguments.claims, folder)
        started = time.perf_counter()
        page_bytes = argmap.render(argmap.load(json_path), "html")
        rendered = time.perf_counter() - started
        html = folder / f"map-{arguments.claims}.html"
        html.write_bytes(page_bytes)
        print(f"{arguments.claims:,} claims: rendered to HTML in {rendered:.1f} s, ", end="")
        print(f"{len(page_bytes) / 2**20:.1f} MiB")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.route(
                "**/*",
                lambda route: (
                    route.continue_()
                    if route.request.url == html.resolve().as_uri()
                    else route.abort()
                ),
            )
            started = time.perf_counter()
            page.goto(html.resolve().as_uri())
            page.wait_for_function("document.documentElement.classList.contains('ready')")
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => r()))")
            opened = time.perf_counter() - started
            print(f"opened (parsed, script run, first frame) in {opened:.2f} s")
            if arguments.screenshot:
                page.screenshot(path=str(arguments.screenshot))
            box = page.locator("#view").bounding_box()
            page.click("#zoom-in")  # start from a readable zoom, as a reader would pan
            page.click("#zoom-in")
            print("gesture  frames  median ms  p95 ms  dropped")
            for name, gesture in (("drag", _drag), ("wheel", _wheel)):
                page.evaluate(_RECORD)
                gesture(page, arguments.seconds, box)
                result = _summary(page.evaluate(_STOP))
                print(
                    f"{name:<8} {result['frames']:>6}  {result['median']:>9.1f}  "
                    f"{result['p95']:>6.1f}  {result['dropped']:>7}"
                )
            # The one redraw of the vectors once a gesture rests: the longest frame.
            for name, gesture in (("drag", _short_drag), ("zoom", _click_zoom)):
                page.wait_for_timeout(1500)  # the last gesture's redraw is done
                page.evaluate(_RECORD)
                gesture(page, box)
                page.wait_for_timeout(1200)
                stamps = page.evaluate(_STOP)
                longest = max(b - a for a, b in itertools.pairwise(stamps))
                print(f"redraw after a {name}: longest frame {longest:.0f} ms")
            timing = page.evaluate(
                "() => { const t = performance.getEntriesByType('navigation')[0];"
                " return [t.responseEnd, t.domInteractive, t.domContentLoadedEventEnd]; }"
            )
            read, parsed, done = timing
            print(
                f"page timing (ms): read {read:.0f}, parsed {parsed:.0f}, script done {done:.0f}"
            )
            browser.close()


if __name__ == "__main__":
    main()
