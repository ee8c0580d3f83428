# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark: pool_headroom on a real engine holding many networks.

Creates NETWORKS networks (label dockyard.bench, explicit subnets in 10.200.0.0/16)
on the engine at --socket, then times:
  gather    the module's reads (4 API calls) and its count, in process, with peak memory;
  baseline  the same with one inspect call per network, as `docker network ls -q | xargs -n1 docker network inspect`
            loops do;
  module    a whole `ansible localhost -m dockyard.docker_host.pool_headroom` run.
Removes the networks afterwards. Prints figures; asserts nothing.

Usage: python tests/perf/bench_pool_headroom.py [--networks 1000] [--socket /var/run/docker.sock]
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import json
import os
import subprocess
import sys
import time
import tracemalloc

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COLLECTIONS = os.path.join(ROOT, ".cache", "collections")
sys.path.insert(0, COLLECTIONS)

from ansible_collections.dockyard.docker_host.plugins.module_utils.engine_api import EngineClient  # noqa: E402
from ansible_collections.dockyard.docker_host.plugins.module_utils.headroom import (  # noqa: E402
    containers_per_network,
    pools_in_effect,
    report,
)

LABEL = "dockyard.bench"
POOLS = [{"base": "10.200.0.0/16", "size": 28}]


def create_networks(client, count):
    for index in range(count):
        subnet = "10.200.%d.%d/28" % (index // 16, (index % 16) * 16)
        client.post("/networks/create", {"Name": "dockyard-bench-%d" % index, "Labels": {LABEL: "1"},
                                         "IPAM": {"Config": [{"Subnet": subnet}]}})


def remove_networks(client):
    for network in client.get("/networks", {"filters": '{"label": ["%s"]}' % LABEL}):
        client.delete("/networks/" + network["Id"])


def gather(client):
    networks = client.get("/networks")
    client.get("/version")
    client.get("/info")
    attached = containers_per_network(client.get("/containers/json", {"all": "1"}), networks)
    return report(pools_in_effect(POOLS)[0], networks, [], attached)


def gather_per_network(client):
    networks = [client.get("/networks/" + n["Id"]) for n in client.get("/networks")]
    attached = dict((n["Id"], len(n.get("Containers") or {})) for n in networks)
    return report(pools_in_effect(POOLS)[0], networks, [], attached)


def timed(call, repeat=3):
    best = None
    for _round in range(repeat):
        start = time.perf_counter()
        result = call()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best, result


def peak_mib(call):
    tracemalloc.start()
    call()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2.0 ** 20


def module_run(socket_path):
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS)
    argv = [os.path.join(os.path.dirname(sys.executable), "ansible"), "localhost", "-c", "local",
            "-e", "ansible_python_interpreter=" + sys.executable, "-m", "dockyard.docker_host.pool_headroom",
            "-a", json.dumps({"socket": socket_path, "pools": POOLS})]
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--networks", type=int, default=1000)
    parser.add_argument("--socket", default="/var/run/docker.sock")
    args = parser.parse_args()
    client = EngineClient(args.socket)
    remove_networks(client)
    start = time.perf_counter()
    create_networks(client, args.networks)
    created_in = time.perf_counter() - start
    print("created %d networks in %.1f s (engine %s)" % (args.networks, created_in, client.get("/version")["Version"]))
    try:
        fast, counted = timed(lambda: gather(client))
        slow, slow_counted = timed(lambda: gather_per_network(client))
        assert counted["pools"] == slow_counted["pools"], "the two ways disagree"
        print("networks on the engine: %d; pool 10.200.0.0/16 size 28: used %d, free %d"
              % (len(counted["networks"]), counted["used"], counted["free"]))
        fast_peak = peak_mib(lambda: gather(client))
        print("gather (4 API calls) + count : %8.1f ms  peak %.2f MiB" % (fast * 1000, fast_peak))
        print("baseline (inspect each)      : %8.1f ms  peak %.2f MiB  ratio %.1fx"
              % (slow * 1000, peak_mib(lambda: gather_per_network(client)), slow / fast))
        runs = [module_run(args.socket) for _run in range(3)]
        print("whole module run via ansible : %8.1f ms (best of 3; median %.1f ms)"
              % (min(runs) * 1000, sorted(runs)[1] * 1000))
    finally:
        remove_networks(client)
        client.close()


if __name__ == "__main__":
    main()
