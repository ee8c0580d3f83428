# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The benchmark keeps running and its two methods keep agreeing; its times are not judged here.

The naive baseline is capped by work units, not seconds, so what completes does not depend on the machine's speed.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import subprocess
import sys

BENCH = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                     "perf", "bench_address_pools.py")


def test_quick_benchmark_prints_every_case_and_baseline_agrees():
    result = subprocess.run([sys.executable, BENCH, "--quick", "--cap-units", "2000000"], capture_output=True, text=True,
                            timeout=600, check=False)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert sum("capacity 10.0.0.0/8 size 24" in line for line in lines) == 2
    assert all("agrees" in line for line in lines if "capacity 10.0.0.0/8" in line)
    assert "DISAGREES" not in result.stdout
    safe_rows = [line for line in lines if line.startswith("safe pools")]
    assert len(safe_rows) == 2 and all(line.endswith(" clear") for line in safe_rows)
    assert "OVERLAPS" not in result.stdout
    assert "2^64  subnets" in result.stdout


PEER_BENCH = os.path.join(os.path.dirname(BENCH), "bench_pool_peer.py")


def test_peer_benchmark_answers_agree_with_netaddr():
    result = subprocess.run([sys.executable, PEER_BENCH, "--scale", "100", "--repeat", "1", "--peer-max", "1000000"],
                            capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith(("capacity", "fleet"))]
    assert len(rows) == 6 and all(line.endswith(" agrees") for line in rows), result.stdout
