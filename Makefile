# Xieshang: two commands do all set-up. `make run` starts the app, `make test` runs every test.
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && echo $$p && break; done)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
AXE := tests/browser/axe/node_modules/axe-core/axe.min.js

.PHONY: install run test test-pg lint bench clean axe

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "需要 Python 3.11 或更高版本 / Python 3.11+ is required"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

# `make run LAN=1`: also answer on this computer's Wi-Fi address and print the phone's link as a QR code.
run: install
	$(BIN)/xieshang serve $(if $(LAN),--lan)

lint: install
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint axe
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# axe-core for the browser tests' accessibility checks, at the version pinned in its package-lock.json
axe: $(AXE)

$(AXE): tests/browser/axe/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "需要 Node.js 和 npm（无障碍检查）/ Node.js and npm are required (accessibility checks)"; exit 1; }
	npm ci --silent --no-audit --no-fund --prefix tests/browser/axe
	@touch $(AXE)

bench: install
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache test-artifacts tests/browser/axe/node_modules
