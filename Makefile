# The two quick-start targets: `make build` (main job) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: setup build validate test lint imports typecheck pytest bench clean

$(BIN)/playbook: pyproject.toml
	@echo "setting up $(VENV): a virtual environment for this project (first run only)"
	@$(PYTHON) -m venv $(VENV)
	@echo "upgrading pip in $(VENV)"
	@$(BIN)/pip install --quiet --upgrade pip
	@echo "installing playbook-as-code with its docs and dev extras (a minute or two)"
	@$(BIN)/pip install --quiet -e '.[docs,dev]'
	@touch $@
	@echo "$(VENV) is ready"

setup: $(BIN)/playbook

build: setup
	$(BIN)/playbook build

validate: setup
	$(BIN)/playbook validate

lint: setup
	$(BIN)/ruff check playbook tests bench
	$(BIN)/ruff format --check playbook tests bench

imports: setup
	$(BIN)/lint-imports

typecheck: setup
	$(BIN)/mypy

# Tools from the npm registry that the tests drive (Ajv); skipped, saying so, without npm.
NODE_TOOLS := tests/node/node_modules/.package-lock.json
$(NODE_TOOLS): tests/node/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		echo "installing the test tools from npm (tests/node)"; \
		npm ci --prefix tests/node --no-audit --no-fund --silent; \
	else echo "npm not found: tests that need Node tools are skipped"; fi

pytest: setup $(NODE_TOOLS)
	$(BIN)/pytest

test: lint imports typecheck pytest

clean:
	rm -rf build $(VENV) .pytest_cache .mypy_cache .ruff_cache

# The tools the benchmark compares with (the bench extra: check-jsonschema, yamllint).
BENCH_TOOLS := $(VENV)/.bench-tools
$(BENCH_TOOLS): pyproject.toml | $(BIN)/playbook
	@echo "installing the benchmark's tools into $(VENV) (check-jsonschema, yamllint)"
	@$(BIN)/pip install --quiet -e '.[docs,dev,bench]'
	@touch $@

bench: setup $(BENCH_TOOLS)
	$(BIN)/python bench/bench.py --write
