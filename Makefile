# dockyard.docker_host: one entry point for tests, on a machine with nothing installed by hand.
PYTHON ?= python3
VENV ?= .venv
BIN := $(abspath $(VENV))/bin
CACHE := $(CURDIR)/.cache
COLLECTIONS := $(CACHE)/collections
SANITY_TREE := $(CACHE)/ansible-test/ansible_collections/dockyard/docker_host
SANITY_PYTHON ?= $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])')
export ANSIBLE_COLLECTIONS_PATH := $(COLLECTIONS)

.PHONY: firewall-nftables ee ee-test chaos chaos-upgrade demo role-readmes differential docs docs-test galaxy-import changelog release newest demo-clean demo-test plan bench-fleet bench-site test venv collection unit rules sanity lint molecule fresh-machine bench bench-headroom bench-engine-client bench-reconverge bench-peer clean

## demo: a local fleet (one apt cache, HOSTS Docker hosts) as systemd containers, provisioned by site.yml
HOSTS ?= 3
demo: venv collection
	tests/tools/engine.sh start
	mkdir -p $(CACHE)/demo
	PATH=$(BIN):$$PATH $(BIN)/ansible-playbook -i tests/demo/inventory.yml -e demo_hosts=$(HOSTS) \
	  -e demo_state_dir=$(CACHE)/demo tests/demo/up.yml
	@echo "HTML report: $(CACHE)/demo/headroom-report/headroom.html"

## demo-clean: remove the demo fleet's containers, network and fleet pool record (nothing else)
demo-clean: venv collection
	tests/tools/engine.sh run $(BIN)/ansible-playbook -i tests/demo/inventory.yml -e demo_state_dir=$(CACHE)/demo \
	  tests/demo/down.yml

## demo-test: the demo fleet with two Docker hosts, twice; the second run must change nothing
demo-test: venv collection
	tests/tools/engine.sh run tests/demo/check.sh 2

## plan: print safe Docker address pools for this machine (read-only)
plan: venv collection
	$(BIN)/ansible-playbook -i localhost, -c local -e ansible_python_interpreter=$(BIN)/python -e pools_plan_hosts=all \
	  playbooks/pools_plan.yml

## docs: the collection's docs site in .cache/docs/html: every module, filter and role (antsibull-docs, roles from
## their argument specs) and the guides, failure and playbook pages of docs/docsite (Sphinx, warnings are errors)
DOCS := $(CACHE)/docs
docs: venv collection
	rm -rf $(DOCS) && mkdir -p $(DOCS)/rst && chmod og-w $(DOCS)/rst
	PATH=$(BIN):$$PATH $(BIN)/antsibull-docs lint-collection-docs --plugin-docs .
	PATH=$(BIN):$$PATH $(BIN)/antsibull-docs --config-file docs/sphinx/antsibull-docs.cfg collection --use-current \
	  --cleanup everything --dest-dir $(DOCS)/rst dockyard.docker_host
	cp docs/sphinx/index.rst $(DOCS)/rst/index.rst
	DOCKYARD_DOCS_BUILD=$(DOCS) $(BIN)/sphinx-build -q -W --keep-going -b html -c docs/sphinx $(DOCS)/rst $(DOCS)/html
	@echo "docs: $$(find $(DOCS)/html -name '*.html' | wc -l) pages in $(DOCS)/html (start at index.html)"

## role-readmes: write each role README's variables table from its meta/argument_specs.yml
role-readmes: venv
	$(BIN)/python tests/tools/role_readme.py

## ee: build the execution environment of meta/execution-environment.yml (EE_IMAGE) with ansible-builder on the local
## engine, from this checkout, on the project's Debian trixie image or EE_BASE (a registry image). The EE tools have
## their own venv.
EE_TOOLS := $(CACHE)/ee-tools
EE_IMAGE ?= dockyard/ee:latest
EE_BASE ?=
EE_PACKAGES ?= ansible-builder>=3.1,<4 ansible-navigator>=25,<27
ee: venv
	test -x $(EE_TOOLS)/bin/python || $(PYTHON) -m venv $(EE_TOOLS)
	$(EE_TOOLS)/bin/pip install --quiet --no-compile $(foreach p,$(EE_PACKAGES),'$(p)')
	tests/tools/engine.sh run tests/tools/ee_build.sh $(BIN)/ansible-galaxy $(EE_TOOLS)/bin/ansible-builder $(EE_IMAGE) $(EE_BASE)

## ee-test: site.yml, headroom.yml, then site.yml again (which must change nothing) through that EE with
## ansible-navigator, each run in a new container, on a fleet reached over SSH (tests/ee/ee_test.py)
ee-test: ee
	tests/tools/engine.sh run $(BIN)/python tests/ee/ee_test.py --navigator $(EE_TOOLS)/bin/ansible-navigator --image $(EE_IMAGE)

## galaxy-import: build the collection and import it with galaxy-importer (ansible-lint on), as Galaxy does on
## upload; any error or warning fails, but the one Galaxy itself gives on a role's module from a collection galaxy.yml
## depends on (its lint installs no dependency). The importer has its own venv: it pins its own ansible-core and
## ansible-lint.
IMPORTER_VENV := $(CACHE)/galaxy-importer
IMPORTER ?= galaxy-importer>=0.4.44,<0.5
galaxy-import: venv
	test -x $(IMPORTER_VENV)/bin/python || $(PYTHON) -m venv $(IMPORTER_VENV)
	$(IMPORTER_VENV)/bin/pip install --quiet --no-compile '$(IMPORTER)'
	tests/tools/galaxy_import.sh $(IMPORTER_VENV) $(BIN)/ansible-galaxy $(CACHE)/galaxy-import

## differential: daemon_json's verdict beside the real dockerd's (Debian's 20.10, 26.1 and 28.5, unpacked under
## .cache/dockerd, nothing installed) on a generated corpus of daemon.json documents; prints the counts per engine
differential: venv collection
	$(BIN)/pytest -p no:cacheprovider -s tests/differential

## docs-test: the docs site in headless Chromium (Debian's, installed when missing): every page renders with no
## console message and every link inside the site lands
docs-test: docs
	command -v chromium >/dev/null || tests/tools/chromium.sh --version
	$(BIN)/pytest -p no:cacheprovider tests/docsite

## changelog: antsibull-changelog lint; release: the changelog for the version in galaxy.yml (bump it first)
changelog: venv
	$(BIN)/antsibull-changelog lint

release: venv collection
	PATH=$(BIN):$$PATH $(BIN)/antsibull-changelog release

## test: everything CI runs (tests/tools/ci.sh), its independent legs beside each other: unit, playbook, sanity
## and lint tests from a clean clone of HEAD on fresh bookworm (oldest ansible-core) and trixie (newest) containers,
## the docker_daemon scenario under the newest; the changelog, alert rules, Galaxy import and docs site; every other
## Molecule scenario; the controller-kill samples (make chaos, chaos-upgrade); then the demo fleet. Commit first: the fresh
## containers test HEAD (make unit sanity lint test the work tree).
test:
	tests/tools/engine.sh run tests/tools/ci.sh

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --no-compile -r requirements.txt
	touch $@

## collection: make this checkout importable as dockyard.docker_host
collection:
	mkdir -p $(COLLECTIONS)/ansible_collections/dockyard
	ln -sfn $(CURDIR) $(COLLECTIONS)/ansible_collections/dockyard/docker_host

unit: venv collection
	$(BIN)/pytest

## sanity: ansible-test sanity on a copy of the tracked files (it needs its own git tree)
sanity: venv
	rm -rf $(SANITY_TREE) && mkdir -p $(SANITY_TREE)
	git ls-files -co --exclude-standard | tar -cf - -T - | tar -xf - -C $(SANITY_TREE)
	cd $(SANITY_TREE) && git init -q && git add -A && git -c user.name=sanity -c user.email=sanity@localhost commit -qm sanity
	tests/tools/install_get_pip_stand_in.sh $(BIN)/python
	cd $(SANITY_TREE) && $(BIN)/ansible-test sanity --requirements --python $(SANITY_PYTHON) --color no

## rules: the Prometheus alert rules shipped in prometheus/, checked and unit-tested with promtool
## (Debian's prometheus package, unpacked into .cache: nothing is installed)
rules:
	tests/tools/promtool.sh check rules prometheus/dockyard-headroom.rules.yml
	cd prometheus && ../tests/tools/promtool.sh test rules dockyard-headroom.rules.test.yml

lint: venv collection
	$(BIN)/ansible-lint --offline --profile production

## molecule: every scenario on systemd hosts in containers (firewall_nftables needs make firewall-nftables), on a Docker engine started
## here when none answers (and stopped again afterwards; one already running is left alone)
SCENARIOS ?= --all
molecule: venv collection
	PATH=$(BIN):$$PATH tests/tools/engine.sh run $(BIN)/molecule test $(SCENARIOS)

## firewall-nftables: the firewall_nftables Molecule scenario, docker_firewall on dockerd 29's nftables backend with
## real packets; dockerd and docker-proxy are built first from a git clone of moby (MOBY_CLONE=PATH, required;
## MOBY_REF, the newest release trixie's Go builds by default). Not a CI leg: no engine 29 is reachable there
MOBY_REF ?= docker-v29.1.5
firewall-nftables: venv collection
	@test -n "$(MOBY_CLONE)" || { echo "make firewall-nftables needs MOBY_CLONE=PATH, a git clone of moby"; exit 2; }
	tests/tools/engine.sh run sh -c 'tests/tools/dockerd_from_source.sh "$(MOBY_CLONE)" "$(MOBY_REF)" .cache/dockerd-29 \
	  && DOCKYARD_DOCKERD_29_DIR=$(CURDIR)/.cache/dockerd-29 PATH=$(BIN):$$PATH $(BIN)/molecule test -s firewall_nftables'

## fresh-machine: make unit sanity lint from a clean clone of HEAD in a new Debian bookworm container that has only
## python3, python3-venv, make and git (on an engine started here when none answers): the oldest ansible-core
fresh-machine:
	tests/tools/engine.sh run tests/tools/fresh_machine.sh

## newest: the same on Debian trixie, where pip resolves the newest ansible-core (2.21, Python 3.13), then the
## docker_daemon Molecule scenario under it (the container gets the engine's socket and the docker client)
newest:
	tests/tools/engine.sh run tests/tools/fresh_machine.sh --suite trixie --engine unit sanity lint --- molecule \
	  "SCENARIOS=-s docker_daemon"

## chaos: kill the controller (SIGKILL, every process of the run) at a seeded sample of POINTS task starts of
## site.yml runs over SSH, check every host after each kill and after the next normal run (tests/chaos/chaos.py);
## the seed comes from the commit, so each commit tries other points (CHAOS_SEED=N repeats a run's sample;
## CHAOS_ARGS=--all sweeps every task boundary)
POINTS ?= 12
CHAOS_SEED ?= $(shell hash=$$(git rev-parse --short=6 HEAD 2>/dev/null) && printf %d 0x$$hash || echo 28)
chaos: venv collection
	tests/tools/engine.sh run $(BIN)/python tests/chaos/chaos.py --points $(POINTS) --seed $(CHAOS_SEED) $(CHAOS_ARGS)

## chaos-upgrade: the same for upgrade.yml runs (bookworm's 20.10 to trixie's 26.1, host by host): a sample of
## UPGRADE_POINTS, kills inside the apt install and the gates, and dockerd itself killed during the gates; the
## engine of before is put back between points
UPGRADE_POINTS ?= 4
chaos-upgrade: venv collection
	tests/tools/engine.sh run $(BIN)/python tests/chaos/chaos.py --playbook upgrade --points $(UPGRADE_POINTS) \
	  --seed $(CHAOS_SEED) $(CHAOS_ARGS)

## bench: address-pool benchmarks against a naive baseline (prints figures, asserts nothing on time)
bench: venv collection
	$(BIN)/python tests/perf/bench_address_pools.py

## bench-peer: pool capacity and fleet allocation beside netaddr, in the same run
bench-peer: venv collection
	$(BIN)/python tests/perf/bench_pool_peer.py

## bench-headroom: pool_headroom with 1,000 networks on the local engine (started here when none answers)
bench-headroom: venv collection
	tests/tools/engine.sh run $(BIN)/python tests/perf/bench_pool_headroom.py --networks 1000

## bench-engine-client: the Engine API client against a dripping and a flooding engine, beside http.client
bench-engine-client: venv collection
	$(BIN)/python tests/perf/bench_engine_client.py

## bench-reconverge PEER=DIR [BENCH_ARGS="--rounds 3 --runs 5 --pipelining"]: first converge (median of rounds of fresh
## hosts fetching through one apt cache) and idempotent re-converge of docker_engine + docker_daemon beside
## geerlingguy.docker, with both ratios (DIR holds that role, e.g. from ansible-galaxy role install geerlingguy.docker -p ...)
bench-reconverge: venv collection
	tests/tools/engine.sh run $(BIN)/python tests/perf/bench_reconverge.py --peer $(PEER) $(BENCH_ARGS)

## bench-fleet: demo fleet converge and re-run times for 1, 5 and 10 Docker hosts
bench-fleet: venv collection
	tests/tools/engine.sh run tests/perf/bench_fleet.sh 1 5 10

## bench-site: site.yml alone on SSH fleets of 1, 5 and 10 Docker hosts at forks 10, pipelining on and off, then
## through the EE: wall and controller CPU seconds per host, and the slowest tasks (prints figures, asserts nothing)
bench-site: venv collection ee
	tests/tools/engine.sh run $(BIN)/python tests/perf/bench_site.py --navigator $(EE_TOOLS)/bin/ansible-navigator \
	  --image $(EE_IMAGE) $(BENCH_ARGS)

clean:
	rm -rf $(CACHE) .pytest_cache .hypothesis tests/output
