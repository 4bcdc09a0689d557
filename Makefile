# The two quick-start targets: `make build` (main job) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: setup build validate test lint imports typecheck pytest bench clean

$(BIN)/playbook: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[docs,dev]'
	touch $@

setup: $(BIN)/playbook

build: setup
	$(BIN)/playbook build

validate: setup
	$(BIN)/playbook validate

lint: setup
	$(BIN)/ruff check playbook generator tests bench
	$(BIN)/ruff format --check playbook generator tests bench

imports: setup
	$(BIN)/lint-imports

typecheck: setup
	$(BIN)/mypy

pytest: setup
	$(BIN)/pytest

test: lint imports typecheck pytest

clean:
	rm -rf build $(VENV) .pytest_cache .mypy_cache .ruff_cache

bench: setup
	$(BIN)/python bench/bench.py --write
