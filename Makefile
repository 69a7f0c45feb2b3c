# The few commands a contributor needs. Each target sets up .venv when it is missing
# or older than pyproject.toml or constraints.txt, so a fresh clone needs nothing but Python 3.11+.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit explore golden constraints dist clean fuzz node-tools bench

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "argmap needs Python 3.11 or newer; set PYTHON=python3.11")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
		--constraint constraints.txt --editable '.[dev]'
	@touch $(STAMP)

# The reference tools the interop tests compare with (tests/node/package.json): the Argdown
# CLI and Mermaid. Without npm their tests are skipped, each saying why; in CI
# (CI=true) a failed install fails the run, elsewhere it only warns.
NODE_TOOLS := tests/node/node_modules/.package-lock.json

$(NODE_TOOLS): tests/node/package.json tests/node/package-lock.json
	@if ! command -v npm >/dev/null 2>&1; then \
		echo "npm not found: the Argdown CLI and Mermaid conformance tests will be skipped"; \
	elif ! (cd tests/node && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund \
			--loglevel=error); then \
		echo "npm ci failed in tests/node: the conformance tests will be skipped"; \
		test "$${CI:-}" != true; \
	fi

node-tools: $(NODE_TOOLS)

FLAGSHIP := examples/second-occupation/map.yaml

demo: $(STAMP)
	$(BIN)/argmap validate $(FLAGSHIP)
	$(BIN)/argmap render $(FLAGSHIP) -o docs/img/second-occupation.svg
	$(BIN)/argmap render $(FLAGSHIP) -o docs/img/second-occupation.png
	$(BIN)/argmap render $(FLAGSHIP) --status grounded -o docs/img/second-occupation-status.svg
	$(BIN)/argmap render $(FLAGSHIP) -o docs/img/second-occupation.html
	$(BIN)/argmap render examples/watchmaker/map.yaml -o docs/img/watchmaker.svg
	$(BIN)/argmap render examples/watchmaker/map.yaml -o docs/img/watchmaker.png
	@echo "Rendered docs/img/second-occupation.svg, .png and .html"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy --strict argmap

unit: $(STAMP) $(NODE_TOOLS)
	$(BIN)/pytest

# Property tests at random, with more examples and a local database of what they found
# (make test runs them derandomized). Keep each failure found as an @example.
explore: $(STAMP)
	ARGMAP_HYPOTHESIS=explore $(BIN)/pytest -q -p no:cacheprovider $$(grep -l '@given' tests/test_*.py)

# Rewrite the golden DOT files after an intended change to the picture; review the diff.
golden: $(STAMP)
	ARGMAP_REGENERATE_GOLDEN=1 $(BIN)/pytest -q tests/test_render_dot.py

test: lint typecheck unit

# The benchmark suite (benchmarks/run.py, issue 21): maps of 10 to 100,000 claims, each
# work in a fresh process with its peak memory, the Argdown CLI beside argmap where
# make node-tools installed it; writes benchmarks/results/bench-DATE.json and .png.
# BENCH_ARGS passes options, e.g. make bench BENCH_ARGS='--quick --out /tmp/bench'.
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

# Re-pin constraints.txt to the newest versions pyproject.toml allows, from a scratch venv
# (--all keeps setuptools, which builds the wheel and sdist, pinned too).
constraints:
	rm -rf .venv-constraints
	$(PYTHON) -m venv .venv-constraints
	.venv-constraints/bin/python -m pip install --quiet --disable-pip-version-check '.[dev]'
	{ sed -n '/^#/p' constraints.txt; .venv-constraints/bin/python -m pip freeze --all \
		--exclude pip --exclude-editable | grep -v '^argmap'; } > constraints.txt.new
	mv constraints.txt.new constraints.txt
	rm -rf .venv-constraints

# The wheel and the sdist in dist/, as PyPI would get them: built offline by the pinned
# setuptools (--no-isolation, as tests/test_packaging.py builds them), the sdist first and
# the wheel from the unpacked sdist, then both checked by twine (metadata, README).
dist: $(STAMP)
	rm -rf dist build argmap.egg-info
	$(BIN)/python -m build --no-isolation --quiet --outdir dist .
	rm -rf build argmap.egg-info
	$(BIN)/twine check --strict dist/*
	@ls -1 dist/*

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis dist build argmap.egg-info \
		tests/node/node_modules

# Fuzz each loader with atheris for FUZZ_SECONDS, one process at a time (never part of
# `make test`: atheris has wheels for Linux x86-64 only). Distinct failures are kept in
# fuzz/findings/; see fuzz/README.md for running one target longer and for turning a
# finding into a regression test.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= yaml json bytes
FUZZ_MAX_LEN ?= 8192
FUZZ_RSS_MB ?= 1024
FUZZ_TIMEOUT ?= 10
FUZZ_STAMP := $(VENV)/.fuzz-installed
PY := $(abspath $(BIN))/python

$(FUZZ_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
		--constraint constraints.txt --editable '.[fuzz]' || { \
		echo "make fuzz needs atheris: PyPI has wheels for Linux x86-64 (old ones for macOS);"; \
		echo "elsewhere pip builds it, which needs clang with libFuzzer."; exit 1; }
	@touch $@

fuzz: $(FUZZ_STAMP)
	cd fuzz && $(PY) seed.py
	@for target in $(FUZZ_TARGETS); do \
		echo "== fuzz_$$target.py for $(FUZZ_SECONDS) s"; \
		mkdir -p fuzz/crashes; \
		(cd fuzz && $(PY) fuzz_$$target.py corpus/$$target -dict=map.dict \
			-max_total_time=$(FUZZ_SECONDS) -max_len=$(FUZZ_MAX_LEN) \
			-rss_limit_mb=$(FUZZ_RSS_MB) -timeout=$(FUZZ_TIMEOUT) \
			-artifact_prefix=crashes/$$target- -print_final_stats=1 2>&1 \
			| grep -v -e '^#[0-9]' -e '^INFO: ') || true; \
	done
	@found=$$(find fuzz/findings fuzz/crashes -type f -not -name '*.txt' 2>/dev/null); \
	if [ -n "$$found" ]; then \
		echo "Findings (each a distinct failure; see fuzz/README.md):"; \
		echo "$$found"; exit 1; \
	else echo "No findings."; fi
