# One way to do everything. Each target creates/updates the virtualenv first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP_FLAGS ?= -q
STAMP := $(VENV)/.installed
# The dev evaluation set is third-party text: it lives beside the repository, never in it.
EVAL_DIR ?= ../shared/eval-dev
EVAL_OUT := .raqib/eval

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

eval: install
	@test -f $(EVAL_DIR)/articles.jsonl || { \
		echo "make eval: no dev set at $(EVAL_DIR) (articles.jsonl, claims.jsonl, events.jsonl);"; \
		echo "  it is third-party text kept outside the repository: set EVAL_DIR=/path/to/eval-dev"; \
		exit 2; }
	@mkdir -p $(EVAL_OUT)
	$(VENV)/bin/raqib extract $(EVAL_DIR)/articles.jsonl > $(EVAL_OUT)/claims.jsonl
	$(PY) -m evaluation.claims --gold $(EVAL_DIR)/claims.jsonl --predicted $(EVAL_OUT)/claims.jsonl
	$(VENV)/bin/raqib replay $(EVAL_DIR)/articles.jsonl --jsonl > $(EVAL_OUT)/replay.jsonl
	$(PY) -m evaluation.events --gold-dir $(EVAL_DIR) --replay $(EVAL_OUT)/replay.jsonl

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
