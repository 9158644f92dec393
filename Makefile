# jihua: every target sets up what it needs itself (virtualenv, packages,
# Debian packages), so each works on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= jihua.db
HOST   ?= 127.0.0.1
PORT   ?= 8000
SHARED ?= ../shared

.PHONY: install lock system lint test fuzz run reset-db eval bench profile clean train

PIP := $(BIN)/pip --quiet --disable-pip-version-check

# Installs exactly the versions pinned in requirements.lock, then the project
# itself without resolving again; `pip check` fails when the lock no longer
# satisfies pyproject.toml (a package added there without `make lock`).
$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements.lock
	$(PIP) install --no-deps -e .
	@$(BIN)/pip check >/dev/null || { $(BIN)/pip check; \
		echo "requirements.lock does not satisfy pyproject.toml: run 'make lock'" >&2; exit 1; }
	touch $@

install: $(VENV)/.installed

# Pins every package (with the test and dask extras) in requirements.lock from the
# ranges in pyproject.toml. Pins still allowed are kept; LOCK_FLAGS=--upgrade
# moves every pin to the newest release its range allows.
LOCK_FLAGS ?=
lock:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install 'pip-tools>=7.6,<8'
	$(BIN)/pip-compile --quiet --extra test --extra dask --strip-extras --no-emit-index-url --no-emit-find-links \
		$(LOCK_FLAGS) --output-file requirements.lock pyproject.toml

# Debian packages: LibreOffice for legacy .doc/.wps/.rtf/.odt
system:
	bash scripts/setup-system.sh

# ruff: pyflakes, pycodestyle, import order, bugbear, pyupgrade and a
# complexity budget (pyproject.toml [tool.ruff])
lint: install
	$(BIN)/ruff check .

test: install system lint
	$(BIN)/pytest

# A longer fuzz run than make test's (25 cases per property): FUZZ_EXAMPLES
# per property, failing cases kept in .hypothesis/ and tried first next time.
FUZZ_EXAMPLES ?= 2000
fuzz: install
	JIHUA_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) JIHUA_FUZZ_KEEP=1 $(BIN)/pytest tests/test_fuzz.py

# install, add the samples not stored yet to the database (what is stored is
# kept), serve the API on 127.0.0.1
run: install
	-$(BIN)/jihua ingest samples --db $(DB)  # a bad sample is reported; serving goes on
	@echo "jihua: open http://$(HOST):$(PORT)/ — upload, plans, calendar, compare, search (API docs at /docs)"
	$(BIN)/jihua serve --db $(DB) --host $(HOST) --port $(PORT)

# quality on the gold files in ../shared
eval: install
	$(BIN)/jihua eval $(SHARED)/gold $(SHARED)/fixtures

# The bodies model (extractor/bodies/model/): training data rebuilt from the
# hand-checked mentions (never the frozen third), `spacy train` with a fixed
# seed on this machine's cores, then rules / model / both on the frozen third.
TRAIN_DIR ?= build/bodies
train: install
	$(BIN)/python -m extractor.bodies.training build
	$(BIN)/python -m extractor.bodies.training docbin $(TRAIN_DIR)
	$(BIN)/python -m spacy train extractor/bodies/config.cfg --output $(TRAIN_DIR)/out \
		--paths.train $(TRAIN_DIR)/train.spacy --paths.dev $(TRAIN_DIR)/dev.spacy --system.seed 0
	rm -rf extractor/bodies/model && cp -r $(TRAIN_DIR)/out/model-best extractor/bodies/model
	$(BIN)/python tools/bodies_report.py

bench: install system
	$(BIN)/python bench/bench_startup.py
	$(BIN)/python bench/bench_parse.py
	$(BIN)/python bench/bench_pdf.py
	$(BIN)/python bench/bench_store.py
	$(BIN)/python bench/bench_legacy.py
	$(BIN)/python bench/bench_load.py
	$(BIN)/python bench/bench_dask.py

# The top functions of a parse (cProfile): the shared gold and fixtures, or
# FILES="a.docx b.pdf"; TOP=30 functions by own and by cumulative time.
FILES ?=
TOP   ?= 30
profile: install
	$(BIN)/python bench/profile_parse.py --top $(TOP) $(FILES)

# Deleting the data is its own target and asks first (YES=1 does not ask).
reset-db: install
	$(BIN)/jihua reset --db $(DB) $(if $(YES),--yes)

# the virtualenv and caches; never the database (see reset-db)
clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache
