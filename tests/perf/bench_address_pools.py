# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark: address-pool capacity and safe-pool search against a naive baseline.

The baseline enumerates subnets, as engines before 27.0 and most hand-written
tools do. It is capped in time; when the cap is hit its full time is
extrapolated from the subnets it managed. Prints figures; asserts nothing.

Usage: python tests/perf/bench_address_pools.py [--cap SECONDS | --cap-units N] [--quick]
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import gc
import ipaddress
import os
import random
import sys
import time
import tracemalloc

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                                ".cache", "collections"))

from ansible_collections.dockyard.docker_host.plugins.module_utils.address_pools import capacity  # noqa: E402
from ansible_collections.dockyard.docker_host.plugins.plugin_utils.pool_planning import safe_pools  # noqa: E402


def random_networks(space, count, shortest, longest, seed):
    """``count`` networks inside ``space`` with prefixes from shortest to longest, reproducibly."""
    rng = random.Random(seed)
    space = ipaddress.ip_network(space)
    first = int(space.network_address)
    bits = space.max_prefixlen
    result = []
    for _index in range(count):
        prefix = rng.randint(shortest, longest)
        start = first + (rng.randrange(space.num_addresses) >> (bits - prefix) << (bits - prefix))
        result.append(str(ipaddress.ip_network((start, prefix))))
    return result


def best_time(call, repeat=3):
    times = []
    for _round in range(repeat):
        gc.collect()
        started = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - started)
    return min(times), result


def peak_memory(call):
    gc.collect()
    tracemalloc.start()
    call()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


class Capped(Exception):
    """The naive run hit its time cap."""


# Set by --cap-units: stop naive runs after this many work units instead of after
# --cap seconds, so whether a run completes does not depend on the machine's speed.
UNIT_CAP = [None]


class Clock:
    """Counts work units and stops the naive run after ``cap`` seconds (or UNIT_CAP units)."""

    def __init__(self, cap, total_units):
        self.cap, self.total, self.done = cap, total_units, 0
        self.started = time.perf_counter()

    def tick(self):
        self.done += 1
        if self.done & 0xFFF:
            return
        if UNIT_CAP[0] is not None:
            if self.done >= UNIT_CAP[0]:
                raise Capped()
        elif time.perf_counter() - self.started > self.cap:
            raise Capped()

    def report(self, capped):
        elapsed = time.perf_counter() - self.started
        if capped:
            return {"seconds": elapsed * self.total / self.done, "extrapolated": True}
        return {"seconds": elapsed, "extrapolated": False}


def _expansion(networks, size):
    return sum(1 << max(size - network.prefixlen, 0) for network in networks)


def _blocked_subnets(networks, size, clock):
    blocked = set()
    for network in networks:
        if network.prefixlen >= size:
            blocked.add(network.supernet(new_prefix=size))
            clock.tick()
            continue
        for subnet in network.subnets(new_prefix=size):
            blocked.add(subnet)
            clock.tick()
    return blocked


def naive_free_count(pool, used, cap):
    """Expand used networks into subnets, then walk every subnet of the pool; stop after ``cap`` seconds."""
    base = ipaddress.ip_network(pool["base"])
    size = pool["size"]
    networks = [ipaddress.ip_network(net) for net in used]
    clock = Clock(cap, _expansion(networks, size) + (1 << (size - base.prefixlen)))
    try:
        blocked = _blocked_subnets(networks, size, clock)
        free = 0
        for subnet in base.subnets(new_prefix=size):
            clock.tick()
            free += subnet not in blocked
    except Capped:
        return dict(clock.report(True), free=None)
    return dict(clock.report(False), free=free)


def naive_safe_pools(reserved, subnets, size, candidates, cap):
    """Expand reserved networks, walk every /size subnet of the candidates until a free aligned run is long enough."""
    networks = [ipaddress.ip_network(net) for net in reserved]
    run_length = 1 << (subnets - 1).bit_length()
    total = sum(1 << (size - ipaddress.ip_network(c).prefixlen) for c in candidates)
    clock = Clock(cap, _expansion(networks, size) + total)
    try:
        blocked = _blocked_subnets(networks, size, clock)
        for candidate in candidates:
            run = 0
            for subnet in ipaddress.ip_network(candidate).subnets(new_prefix=size):
                clock.tick()
                if (int(subnet.network_address) >> (32 - size)) % run_length == 0:
                    run = 0
                run = run + 1 if subnet not in blocked else 0
                if run == run_length:
                    return clock.report(False)
    except Capped:
        return clock.report(True)
    return clock.report(False)


def row(name, ours, peak, naive, note=""):
    ratio = naive["seconds"] / ours if ours else float("inf")
    naive_text = "%.2f s%s" % (naive["seconds"], " (extrapolated)" if naive["extrapolated"] else "")
    print("%-44s %10.1f ms %9.2f MiB %24s %10.0fx %s" % (name, ours * 1000, peak / 2 ** 20, naive_text, ratio, note))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cap", type=float, default=10.0, help="seconds each naive run may take before extrapolating")
    parser.add_argument("--cap-units", type=int, help="work units each naive run may take (instead of --cap)")
    parser.add_argument("--quick", action="store_true", help="smaller inputs, for a smoke run")
    args = parser.parse_args()
    UNIT_CAP[0] = args.cap_units
    counts = (1000, 10000) if args.quick else (10000, 100000)

    print("%-44s %13s %13s %24s %11s" % ("case", "ours", "peak mem", "naive baseline", "ratio"))
    pool8 = [{"base": "10.0.0.0/8", "size": 24}]
    for count in counts:
        used = random_networks("10.0.0.0/8", count, 20, 30, seed=count)
        seconds, result = best_time(lambda: capacity(pool8, used=used))
        peak = peak_memory(lambda: capacity(pool8, used=used))
        naive = naive_free_count(pool8[0], used, args.cap)
        agrees = "free=%d%s" % (result["free"], "" if naive["free"] is None else
                                (" agrees" if naive["free"] == result["free"] else " DISAGREES"))
        row("capacity 10.0.0.0/8 size 24, %d used" % count, seconds, peak, naive, agrees)

    pool6 = [{"base": "fd00::/48", "size": 80}]
    used6 = random_networks("fd00::/48", counts[0], 64, 96, seed=6)
    seconds, result = best_time(lambda: capacity(pool6, used=used6))
    peak = peak_memory(lambda: capacity(pool6, used=used6))
    naive = naive_free_count(pool6[0], used6, args.cap)
    row("capacity fd00::/48 size 80, %d used" % counts[0], seconds, peak, naive, "free=%d" % result["free"])

    for count in counts:
        # Routes all over 10/8 and the low half of 172.16/12: the answer lies in 172.24/13.
        reserved = random_networks("10.0.0.0/8", count, 20, 30, seed=count + 1) + ["172.16.0.0/13"]
        candidates = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]
        seconds, result = best_time(lambda: safe_pools(reserved, subnets=256, size=24, candidates=candidates))
        peak = peak_memory(lambda: safe_pools(reserved, subnets=256, size=24, candidates=candidates))
        naive = naive_safe_pools(reserved, 256, 24, candidates, args.cap)
        clear = capacity(result, reserved=reserved)["blocked"] == 0
        row("safe pools, 256 x /24, %d reserved" % count, seconds, peak, naive,
            "-> %s %s" % (", ".join(p["base"] for p in result), "clear" if clear else "OVERLAPS RESERVED"))

    print()
    print("Memory against the pool's subnet count (1,000 used networks each):")
    for base, size in (("10.0.0.0/16", 24), ("10.0.0.0/8", 24), ("fd00::/48", 80), ("fd00::/48", 112)):
        used = random_networks(base, 1000, ipaddress.ip_network(base).prefixlen + 4, size, seed=7)
        pools = [{"base": base, "size": size}]
        peak = peak_memory(lambda: capacity(pools, used=used))
        seconds, _result = best_time(lambda: capacity(pools, used=used))
        print("  %-22s 2^%-3d subnets  %8.2f MiB peak  %7.2f ms" % (
            "%s size %d" % (base, size), size - ipaddress.ip_network(base).prefixlen, peak / 2 ** 20, seconds * 1000))


if __name__ == "__main__":
    main()
