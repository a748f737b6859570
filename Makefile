# Two commands do all set-up on a fresh machine: `make run` and `make test`.
# uv is bootstrapped into .tools/ (pinned) and installs the locked dependencies into .venv/.

UV_VERSION := 0.13.9
PYTHON ?= python3
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: install run test lint bench clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv==$(UV_VERSION)

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	@touch $@

install: $(VENV)/.synced

run: install
	$(VENV)/bin/jaga demo
	$(VENV)/bin/jaga serve --seed-demo

lint: install
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/mypy src

test: lint
	$(VENV)/bin/pytest -n 2

bench: install
	$(VENV)/bin/python bench/hashing.py
	$(VENV)/bin/python bench/matching.py
	$(VENV)/bin/python bench/scan.py

clean:
	rm -rf $(VENV) $(TOOLS) var .mypy_cache .ruff_cache .pytest_cache
