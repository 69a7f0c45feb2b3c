# The few commands a contributor needs. Each target sets up .venv when it is missing
# or older than pyproject.toml or constraints.txt, so a fresh clone needs nothing but Python 3.11+.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit explore golden constraints clean

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "argmap needs Python 3.11 or newer; set PYTHON=python3.11")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
		--constraint constraints.txt --editable '.[dev]'
	@touch $(STAMP)

FLAGSHIP := examples/second-occupation/map.yaml

demo: $(STAMP)
	$(BIN)/argmap validate $(FLAGSHIP)
	$(BIN)/argmap render $(FLAGSHIP) -o docs/img/second-occupation.svg
	$(BIN)/argmap render $(FLAGSHIP) -o docs/img/second-occupation.png
	$(BIN)/argmap render examples/watchmaker/map.yaml -o docs/img/watchmaker.svg
	$(BIN)/argmap render examples/watchmaker/map.yaml -o docs/img/watchmaker.png
	@echo "Rendered docs/img/second-occupation.svg and .png"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy --strict argmap

unit: $(STAMP)
	$(BIN)/pytest

# Property tests at random, with more examples and a local database of what they found
# (make test runs them derandomized). Keep each failure found as an @example.
explore: $(STAMP)
	ARGMAP_HYPOTHESIS=explore $(BIN)/pytest -q -p no:cacheprovider $$(grep -l '@given' tests/test_*.py)

# Rewrite the golden DOT files after an intended change to the picture; review the diff.
golden: $(STAMP)
	ARGMAP_REGENERATE_GOLDEN=1 $(BIN)/pytest -q tests/test_render_dot.py

test: lint typecheck unit

# Re-pin constraints.txt to the newest versions pyproject.toml allows, from a scratch venv.
constraints:
	rm -rf .venv-constraints
	$(PYTHON) -m venv .venv-constraints
	.venv-constraints/bin/python -m pip install --quiet --disable-pip-version-check '.[dev]'
	{ sed -n '/^#/p' constraints.txt; .venv-constraints/bin/python -m pip freeze \
		--exclude-editable | grep -v '^argmap'; } > constraints.txt.new
	mv constraints.txt.new constraints.txt
	rm -rf .venv-constraints

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
