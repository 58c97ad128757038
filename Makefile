# marsad: set-up, demo, tests, evaluation and benchmarks. Every target installs what it needs.
VENV    ?= .venv
PY      := $(VENV)/bin/python
SHARED  ?= ../shared
OUT     ?= out

AGAINST ?= HEAD~1

.PHONY: install compiled demo test eval bench fuzz model typecheck fmt clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

# Debian packages: chromium for the browser tests (Playwright cannot download browsers here) and the Noto
# Arabic fonts the desk's pages name. Installed once, when missing (apt-get needs root, as on CI).
SYSTEM_PACKAGES := chromium fonts-noto-core
$(VENV)/.system: | $(VENV)/.installed
	@if command -v chromium >/dev/null && fc-list 2>/dev/null | grep -q "Noto Naskh Arabic"; then :; \
	else apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES); fi
	touch $@

# The stage modules compiled to C by mypyc (tools/compile.py), rebuilt whenever one of them changed. Where
# that fails (no C compiler), the extensions are removed and marsad runs as pure Python, as it does with
# MARSAD_PURE=1 or after an edit not yet rebuilt (marsad.compiled).
COMPILED_SOURCES := $(shell python3 tools/compile.py --list)
$(VENV)/.compiled: $(COMPILED_SOURCES) tools/compile.py | $(VENV)/.installed
	@echo "compiling the stage modules with mypyc (about 2 minutes)"
	@$(PY) tools/compile.py >$(VENV)/compile.log 2>&1 || { tail -5 $(VENV)/compile.log; \
		echo "mypyc build failed (log: $(VENV)/compile.log): marsad runs as pure Python"; $(PY) tools/compile.py --clean; }
	touch $@

compiled: $(VENV)/.compiled

install: $(VENV)/.installed $(VENV)/.system $(VENV)/.compiled

demo: install
	@mkdir -p $(OUT)
	$(VENV)/bin/marsad analyze examples/sample -o $(OUT)/sample-report.json
	@if [ -d $(SHARED)/seeds ]; then \
		$(VENV)/bin/marsad analyze $(SHARED)/seeds -o $(OUT)/seeds-report.json && \
		$(VENV)/bin/marsad analyze $(SHARED)/seeds --quiet -o $(OUT)/seeds-summary.txt && \
		cat $(OUT)/seeds-summary.txt && \
		$(VENV)/bin/marsad brief $(SHARED)/seeds --quiet -o $(OUT)/seeds-brief.txt && \
		cat $(OUT)/seeds-brief.txt; \
	else echo "($(SHARED)/seeds not found: only the bundled sample was analysed)"; fi
	@rm -f $(OUT)/demo.db
	$(VENV)/bin/marsad ingest examples/sample --db $(OUT)/demo.db
	$(VENV)/bin/marsad search "اسطنبول" --db $(OUT)/demo.db
	@echo
	@echo "Look at: $(OUT)/sample-report.json$$( [ -d $(SHARED)/seeds ] && echo ', $(OUT)/seeds-report.json and $(OUT)/seeds-brief.txt'), and the store $(OUT)/demo.db"
	@echo "  (try: $(VENV)/bin/marsad stories --db $(OUT)/demo.db, or the desk: $(VENV)/bin/marsad serve --db $(OUT)/demo.db)"

test: install
	$(VENV)/bin/ruff check src tests eval bench tools
	$(PY) -m mypy
	$(PY) -m pytest -q

# 2,000 mutated inputs of every kind through `marsad analyze`, one process per batch of 50 (tests/fuzzing.py).
fuzz: install
	$(PY) -m tests.fuzzing --inputs 2000 --batch 50

typecheck: install
	$(PY) -m mypy

eval: install
	$(PY) -m eval.run --shared $(SHARED)

# Rebuild the shipped NER model, its hashed gazetteer, the mined name lists and the story terms' background counts from ../shared (deterministic: same bytes each run).
model: install
	$(PY) -m pip install -q -e '.[train]'
	$(PY) -m eval.ner_conll --shared $(SHARED) --out build/news_dev.conll
	$(PY) -m marsad.ner.train train --shared $(SHARED) --out src/marsad/data/ner.crfsuite --news build/news_dev.conll
	$(PY) -m marsad.ner.lists --shared $(SHARED) --out src/marsad/data/ner_lists.tsv
	$(PY) -m marsad.stories.background --shared $(SHARED) --out src/marsad/data/story_terms.tsv

# `marsad analyze` is timed against the commit AGAINST in the same run (make bench AGAINST=<ref>); RESUME=1
# finishes a stopped or failed run, keeping what it measured on the same committed src tree (bench/run.py).
bench: install
	$(PY) -m pip install -q -e '.[bench]'
	@command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk)
	$(PY) -m bench.run --shared $(SHARED) --against $(AGAINST)$(if $(RESUME), --resume)

clean:
	python3 tools/compile.py --clean
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache
