# Crossroads: two commands for a new user (see README.md).
#   make run   - set up, build the store, write the report, serve the explorer on 127.0.0.1:$(PORT)
#   make test  - set up and run lint, type checks and the whole test suite
#   make test-fast - the same without the tests marked slow (browser, Spark, large volumes): the inner loop
#   make lock  - regenerate constraints.txt (the pinned versions, for Python 3.11 to 3.13) from pyproject.toml

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
REPORT_DIR ?= out/report

.PHONY: run test test-fast lint install lock clean

# `make run` needs only the package; the tests also need the dev tools and Spark (pyspark is large).
$(BIN)/.installed-run: pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	@touch $@

$(BIN)/.installed-test: $(BIN)/.installed-run
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,spark]'
	@touch $@

install: $(BIN)/.installed-test

run: $(BIN)/.installed-run
	$(BIN)/crossroads run --port $(PORT) --out $(REPORT_DIR)

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

test-fast: lint
	$(BIN)/pytest -m "not slow"

# One command regenerates the lock: every dependency and extra, resolved once for all supported Pythons.
lock: install
	$(BIN)/uv pip compile pyproject.toml --extra dev --extra spark --universal --python-version 3.11 \
		--quiet -o constraints.txt

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
