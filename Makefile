# jihua: every target sets up what it needs itself (virtualenv, packages,
# Debian packages), so each works on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= jihua.db
HOST   ?= 127.0.0.1
PORT   ?= 8000
SHARED ?= ../shared

.PHONY: install system test fuzz run eval bench clean train

# the stamp is rebuilt when the project's dependencies change
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

install: $(VENV)/.installed

# Debian packages: LibreOffice for legacy .doc/.wps/.rtf/.odt
system:
	bash scripts/setup-system.sh

test: install system
	$(BIN)/pytest

# A longer fuzz run than make test's (25 cases per property): FUZZ_EXAMPLES
# per property, failing cases kept in .hypothesis/ and tried first next time.
FUZZ_EXAMPLES ?= 2000
fuzz: install
	JIHUA_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) JIHUA_FUZZ_KEEP=1 $(BIN)/pytest tests/test_fuzz.py

# install, ingest samples/ into a fresh database, serve the API on 127.0.0.1
run: install
	rm -f $(DB) $(DB)-wal $(DB)-shm
	-$(BIN)/jihua ingest samples --db $(DB)  # a bad sample is reported; serving goes on
	@echo "jihua: serving http://$(HOST):$(PORT)/ (API docs at /docs)"
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
	$(BIN)/python bench/bench_parse.py
	$(BIN)/python bench/bench_store.py
	$(BIN)/python bench/bench_legacy.py
	$(BIN)/python bench/bench_load.py

clean:
	rm -rf $(VENV) *.egg-info $(DB) $(DB)-wal $(DB)-shm .pytest_cache
