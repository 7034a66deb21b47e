# Interview Playbooks. `make serve` and `make test` set everything up on a fresh machine.
# Every target installs what it needs into .venv from the hash-pinned requirements.lock.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum < requirements.lock | cut -d' ' -f1)
# Material prints an end-of-life notice on every build; it is known and tracked.
export NO_MKDOCS_2_WARNING := 1
# Tests find the browser here; `make test` installs Playwright's own where there is none.
export CHROMIUM ?= /usr/bin/chromium

.PHONY: help setup serve build check test test-quick fuzz bench links lock clean

help:
	@echo "make serve       set up and serve the site at http://127.0.0.1:8000"
	@echo "make test        set up and run the whole test suite (Chromium included)"
	@echo "make test-quick  validation and the tests that need no browser"
	@echo "make fuzz        mutate the data files for a long while (FUZZ_EXAMPLES=$(FUZZ_EXAMPLES))"
	@echo "make build       strict build into site/ (nothing is replaced if it fails)"
	@echo "make check       validate data/ and report every problem"
	@echo "make bench       time our build against plain MkDocs on 1,000 and 10,000 questions,"
	@echo "                 our build of 250 to 1,000 one-question banks, and hostile text"
	@echo "make links       list the built site's external links, for a maintainer to check"
	@echo "make lock        re-pin requirements.lock from requirements.in"

$(STAMP): requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	rm -f $(VENV)/.installed-* && touch $@

setup: $(STAMP)

serve: setup
	SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --watch data --watch overrides --watch interview_playbooks

# Build beside site/ and swap it in only when the build succeeded: nothing half-built is
# published, and a failed build leaves no site.partial behind.
build: setup
	rm -rf site.partial
	$(BIN)/mkdocs build --strict --site-dir site.partial || { rm -rf site.partial; exit 1; }
	rm -rf site && mv site.partial site

check: setup
	$(BIN)/python -m interview_playbooks check

# axe-core (the accessibility tests) and TypeScript (checks the JSDoc types of the site's
# modules), from the npm registry as package-lock.json pins them.
node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The client modules first (type check, then node's own test runner: seconds), then pytest.
test: setup browser node_modules/.installed
	npm test --silent
	$(BIN)/python -m pytest

test-quick: setup
	$(BIN)/python -m interview_playbooks check
	$(BIN)/python -m pytest -m "not browser"

# The fuzz test (tests/test_fuzz.py) with many examples and a fresh seed each run; it prints
# the seed and each distinct crash with its smallest input.
FUZZ_EXAMPLES ?= 5000
fuzz: setup
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest tests/test_fuzz.py -k "not make_build" \
	  -p no:cacheprovider --hypothesis-show-statistics

.PHONY: browser
browser: setup
	@if [ -x "$(CHROMIUM)" ]; then echo "Chromium: $(CHROMIUM)"; \
	elif [ -n "$$CI" ]; then echo "Chromium not found at $(CHROMIUM); CI must install it" >&2; exit 1; \
	else echo "No Chromium at $(CHROMIUM): installing Playwright's own"; \
	$(BIN)/python -m playwright install chromium; fi

# Synthetic banks of 1,000 and 10,000 questions, our build against plain MkDocs + Material;
# then 250, 500 and 1,000 one-question banks (page weight, linear growth) and hostile text.
bench: setup
	$(BIN)/python -m bench.bench --banks 250 500 1000 --hostile

links: build
	$(BIN)/python -m interview_playbooks links site

lock: setup
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	  --no-emit-index-url --no-emit-find-links --output-file requirements.lock requirements.in

clean:
	rm -rf $(VENV) site site.partial .pytest_cache node_modules
