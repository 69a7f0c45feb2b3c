# The few commands a contributor needs. Each target sets up .venv when it is missing
# or older than pyproject.toml, so a fresh clone needs nothing but Python 3.11+.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit golden clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "argmap needs Python 3.11 or newer; set PYTHON=python3.11")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --editable '.[dev]'
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

# Rewrite the golden DOT files after an intended change to the picture; review the diff.
golden: $(STAMP)
	ARGMAP_REGENERATE_GOLDEN=1 $(BIN)/pytest -q tests/test_render_dot.py

test: lint typecheck unit

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
