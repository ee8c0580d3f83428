# dockyard.docker_host: one entry point for tests, on a machine with nothing installed by hand.
PYTHON ?= python3
VENV ?= .venv
BIN := $(abspath $(VENV))/bin
CACHE := $(CURDIR)/.cache
COLLECTIONS := $(CACHE)/collections
SANITY_TREE := $(CACHE)/ansible-test/ansible_collections/dockyard/docker_host
SANITY_PYTHON ?= $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])')
export ANSIBLE_COLLECTIONS_PATH := $(COLLECTIONS)

.PHONY: demo demo-clean demo-test plan bench-fleet test venv collection unit rules sanity lint molecule fresh-machine bench bench-headroom bench-engine-client bench-reconverge bench-peer clean

## demo: a local fleet (one apt cache, HOSTS Docker hosts) as systemd containers, provisioned by site.yml
HOSTS ?= 3
demo: venv collection
	tests/tools/engine.sh start
	mkdir -p $(CACHE)/demo
	PATH=$(BIN):$$PATH $(BIN)/ansible-playbook -i tests/demo/inventory.yml -e demo_hosts=$(HOSTS) \
	  -e demo_state_dir=$(CACHE)/demo tests/demo/up.yml
	@echo "HTML report: $(CACHE)/demo/headroom-report/headroom.html"

## demo-clean: remove the demo fleet's containers and network (nothing else)
demo-clean: venv collection
	tests/tools/engine.sh run $(BIN)/ansible-playbook -i tests/demo/inventory.yml tests/demo/down.yml

## demo-test: the demo fleet with two Docker hosts, twice; the second run must change nothing
demo-test: venv collection
	tests/tools/engine.sh run tests/demo/check.sh 2

## plan: print safe Docker address pools for this machine (read-only)
plan: venv collection
	$(BIN)/ansible-playbook -i localhost, -c local -e ansible_python_interpreter=$(BIN)/python playbooks/pools_plan.yml

## test: everything CI runs: unit and property tests, playbook tests, sanity and lint from a clean clone of HEAD
## on a fresh Debian container (fresh-machine: once, first, so they fail fast), the alert rules, every Molecule
## scenario and the demo. Commit first: fresh-machine tests HEAD (make unit sanity lint test the work tree).
test: fresh-machine rules molecule demo-test

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
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

## molecule: every scenario on systemd hosts in containers, on a Docker engine started
## here when none answers (and stopped again afterwards; one already running is left alone)
SCENARIOS ?= --all
molecule: venv collection
	PATH=$(BIN):$$PATH tests/tools/engine.sh run $(BIN)/molecule test $(SCENARIOS)

## fresh-machine: make unit sanity lint from a clean clone of HEAD in a new Debian container that has only
## python3, python3-venv, make and git (on an engine started here when none answers)
fresh-machine:
	tests/tools/engine.sh run tests/tools/fresh_machine.sh

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

## bench-reconverge PEER=DIR: idempotent re-converge of docker_engine + docker_daemon beside geerlingguy.docker
## (DIR holds that role, e.g. from ansible-galaxy role install geerlingguy.docker -p ...; nothing is fetched here)
bench-reconverge: venv collection
	tests/tools/engine.sh run $(BIN)/python tests/perf/bench_reconverge.py --peer $(PEER)

## bench-fleet: demo fleet converge and re-run times for 1, 5 and 10 Docker hosts
bench-fleet: venv collection
	tests/tools/engine.sh run tests/perf/bench_fleet.sh 1 5 10

clean:
	rm -rf $(CACHE) .pytest_cache .hypothesis tests/output
