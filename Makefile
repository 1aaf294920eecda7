# Two set-up commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_SOURCE := examples/generium-next-release.txt

.PHONY: demo test lint bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[mt,dev,cluster]'
	touch $@

# Machine-translate the sample release into locales/; without the models (no network),
# say so in one line and write the catalogs for human translation instead.
demo: $(BIN)/.installed
	@echo "demo: $(DEMO_SOURCE) into locales/ (rewrites the committed catalogs there; 'git checkout locales/' restores them)"
	@log=$$(mktemp); $(BIN)/l10n translate $(DEMO_SOURCE) --to ru --out locales 2>$$log; status=$$?; \
	if [ $$status -eq 3 ]; then \
	  echo "demo: no MT models here (run 'l10n models pull --to ru' where there is network); writing catalogs for human translation instead"; \
	  $(BIN)/l10n translate $(DEMO_SOURCE) --to ru --out locales --engine none; status=$$?; \
	else cat $$log >&2; fi; rm -f $$log; exit $$status

test: $(BIN)/.installed
	$(BIN)/python -m pytest -q -n auto

lint: $(BIN)/.installed
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

bench: $(BIN)/.installed
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
