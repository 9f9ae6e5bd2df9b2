# One way to do everything. Each target creates/updates the virtualenv first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP_FLAGS ?= -q
STAMP := $(VENV)/.installed

.PHONY: install run test test-unit eval bench lint format clean browser-deps

install: $(STAMP)

# constraints.txt pins torch to the CPU build (camel-tools depends on torch).
$(STAMP): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install $(PIP_FLAGS) --upgrade pip
	$(PY) -m pip install $(PIP_FLAGS) -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

run: install
	$(VENV)/bin/raqib run

test: install browser-deps
	$(PY) -m pytest -q -p no:cacheprovider

# Headless Chromium for the dashboard browser test (tests/integration/test_dashboard.py).
browser-deps:
	@test -x /usr/bin/chromedriver || (apt-get update && apt-get install -y chromium chromium-driver)

test-unit: install
	$(PY) -m pytest -q -m "not integration and not browser"

eval: install
	@mkdir -p .raqib/eval
	$(VENV)/bin/raqib extract seeds/eval-dev/articles.jsonl > .raqib/eval/claims.jsonl
	$(PY) -m streams.evaluation.claims --gold seeds/eval-dev/claims.jsonl --predicted .raqib/eval/claims.jsonl
	$(VENV)/bin/raqib replay seeds/eval-dev/articles.jsonl --jsonl > .raqib/eval/replay.jsonl
	$(PY) -m streams.evaluation.events --gold-dir seeds/eval-dev --replay .raqib/eval/replay.jsonl

bench: install
	$(VENV)/bin/raqib bench

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) .raqib build *.egg-info
