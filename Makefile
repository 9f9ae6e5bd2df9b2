# One way to do everything. Each target creates/updates the virtualenv first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP_FLAGS ?= -q
STAMP := $(VENV)/.installed

.PHONY: install deps run test test-unit eval bench lint format clean

install: $(STAMP)

# constraints.txt pins torch to the CPU build (camel-tools depends on torch).
$(STAMP): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install $(PIP_FLAGS) --upgrade pip
	$(PY) -m pip install $(PIP_FLAGS) -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

# System packages, once per machine: headless Chromium and its driver for the dashboard's
# browser test (tests/integration/test_dashboard.py). Installed with apt only when missing.
deps:
	@test -x /usr/bin/chromedriver || (apt-get update && apt-get install -y chromium chromium-driver)

run: install
	$(VENV)/bin/raqib run

# The whole suite: unit, agent, connector, broker integration and browser tests. pytest
# exits 5 when it ran no test, which make turns into a failure: an empty suite never passes.
test: install
	$(PY) -m pytest -q -p no:cacheprovider

test-unit: install
	$(PY) -m pytest -q -m "not integration and not browser"

# The gold sets live outside the repository (third-party text): point these at a held-out set
# of the same format to score it, e.g. `make eval EVAL_AR=/path/heldout`. EVAL_FLAGS passes
# options on (`make eval EVAL_FLAGS="--workers 2 --offline"`); README, "Evaluation".
EVAL_AR ?= ../shared/eval-dev
EVAL_EN ?= ../shared/eval-dev-en
EVAL_FLAGS ?=

eval: install
	$(PY) -m evaluation --ar $(EVAL_AR) --en $(EVAL_EN) $(EVAL_FLAGS)

# BENCH_FLAGS passes options on: `make bench BENCH_FLAGS=--quick` (a few minutes) or
# `--profile FILE`; README, "Benchmark".
BENCH_FLAGS ?=

bench: install
	$(VENV)/bin/raqib bench $(BENCH_FLAGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) .raqib build *.egg-info
