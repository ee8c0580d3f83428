# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark: pool capacity and fleet allocation against netaddr, in the same run.

Capacity: how many /24 subnets of 10.0.0.0/8 no used network touches. The netaddr peer is
``IPSet([pool]) - IPSet(used)`` and then arithmetic per free CIDR; both parse the same strings.
Fleet allocation: new hosts get the lowest free /24 blocks of 10.0.0.0/8 beside the kept hosts'
blocks; the peer carves the free CIDRs of ``IPSet(supernet) - IPSet(kept)`` in order. Times
are CPU seconds (best of --repeat); every answer is checked against the peer's, and the growth
column divides each time by n log2 n, relative to the smallest n (1.00 = n log n growth).

Usage: python tests/perf/bench_pool_peer.py [--repeat 3] [--peer-max 100000] [--scale 1]
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import math
import os
import random
import sys
import time

import netaddr

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, ".cache", "collections"))

from ansible_collections.dockyard.docker_host.plugins.module_utils.address_pools import capacity  # noqa: E402
from ansible_collections.dockyard.docker_host.plugins.plugin_utils.pool_planning import fleet_pools  # noqa: E402

POOL = "10.0.0.0/8"


def used_networks(count, seed=1):
    """Networks a busy host could have in 10.0.0.0/8: mostly /24, some smaller, at random places."""
    rng = random.Random(seed)
    found = []
    for _index in range(count):
        prefix = rng.choice((24, 24, 24, 26, 28, 30))
        address = ((10 << 24) | rng.getrandbits(24)) & ~((1 << (32 - prefix)) - 1)
        found.append("%d.%d.%d.%d/%d" % (address >> 24, (address >> 16) & 255, (address >> 8) & 255, address & 255,
                                         prefix))
    return found


def cpu_seconds(call, repeat):
    best, answer = None, None
    for _run in range(repeat):
        started = time.process_time()
        answer = call()
        spent = time.process_time() - started
        best = spent if best is None else min(best, spent)
    return best, answer


def ours_capacity(used):
    return capacity([{"base": POOL, "size": 24}], used)["free"]


def peer_capacity(used):
    free = netaddr.IPSet([POOL]) - netaddr.IPSet(used)
    return sum(1 << (24 - cidr.prefixlen) for cidr in free.iter_cidrs() if cidr.prefixlen <= 24)


def kept_hosts(count):
    """Hosts holding every other /24 of 10.0.0.0/8 from the start, so the free space is fragmented."""
    return dict(("kept-%d" % n, [{"base": "10.%d.%d.0/24" % ((2 * n) // 256, (2 * n) % 256), "size": 24}])
                for n in range(count))


def ours_fleet(hosts, kept):
    allocation = fleet_pools(list(kept) + hosts, POOL, 24, size=24, existing=kept)
    return [allocation[host][0]["base"] for host in hosts]


def peer_fleet(hosts, kept):
    free = netaddr.IPSet([POOL]) - netaddr.IPSet([pools[0]["base"] for pools in kept.values()])
    blocks = (block for cidr in free.iter_cidrs() if cidr.prefixlen <= 24 for block in cidr.subnet(24))
    return [str(next(blocks)) for _host in hosts]


def growth(seconds, count, first):
    return (seconds / (count * math.log2(count))) / (first[0] / (first[1] * math.log2(first[1])))


def table(title, cases, ours, peer, peer_max, repeat):
    print(title)
    print("%-34s %12s %12s %9s %8s %s" % ("case", "ours (s)", "netaddr (s)", "ratio", "growth", "answer"))
    first = None
    for label, count, args in cases:
        seconds, answer = cpu_seconds(lambda: ours(*args), repeat)
        first = first or (seconds, count)
        if count <= peer_max:
            peer_seconds, peer_answer = cpu_seconds(lambda: peer(*args), 1)
            peer_text, ratio = "%12.3f" % peer_seconds, "%8.1fx" % (peer_seconds / seconds)
            agrees = "agrees" if peer_answer == answer else "DISAGREES"
        else:
            peer_text, ratio, agrees = "%12s" % "-", "%9s" % "-", "(peer not run)"
        shown = answer if isinstance(answer, int) else "%d hosts" % len(answer)
        print("%-34s %12.3f %s %s %7.2f  %s %s" % (label, seconds, peer_text, ratio, growth(seconds, count, first),
                                                   shown, agrees))
    print()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--peer-max", type=int, default=100000, help="largest n the netaddr peer runs for")
    parser.add_argument("--scale", type=int, default=1, help="divide every n by this (a quick run that checks answers)")
    args = parser.parse_args()
    capacity_cases = [("capacity /8 size 24, %d used" % n, n, (used_networks(n),))
                      for n in (10000 // args.scale, 100000 // args.scale, 1000000 // args.scale)]
    table("Pool capacity (10.0.0.0/8 split into /24s)", capacity_cases, ours_capacity, peer_capacity, args.peer_max,
          args.repeat)
    kept = kept_hosts(1000 // args.scale)
    fleet_cases = [("fleet: %d new hosts, %d kept" % (n, len(kept)), n, (["new-%d" % i for i in range(n)], kept))
                   for n in (2500 // args.scale, 10000 // args.scale, 40000 // args.scale)]
    table("Fleet allocation (/24 blocks of 10.0.0.0/8)", fleet_cases, ours_fleet, peer_fleet, args.peer_max,
          args.repeat)


if __name__ == "__main__":
    main()
