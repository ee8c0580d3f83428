# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark: site.yml alone on fleets of 1, 5 and 10 Docker hosts reached over SSH, at forks 10.

For each size, and for SSH pipelining on and off, a fresh fleet (an apt cache and SIZE Docker hosts,
tests/tools/ssh_fleet.py) gets a first converge and an idempotent re-run of site.yml; the script prints wall
seconds and the controller's CPU seconds (ansible-playbook and everything it starts: workers, ssh), in total and
per Docker host, and the five slowest tasks of each first converge and re-run (ansible.posix.profile_tasks). With
--navigator, one more fleet of the largest size is converged and re-run through the execution environment (make ee)
with ansible-navigator, as AWX runs it: wall seconds only, the controller's CPU being spent inside the EE container.
Prints figures; asserts nothing on time.

  bench_site.py [--sizes 1 5 10] [--forks 10] [--pipelining on off] [--navigator PATH [--image dockyard/ee:latest]]
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import os
import re
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tools"))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "ee"))
from ssh_fleet import SshFleet  # noqa: E402  pylint: disable=wrong-import-position
import ee_test  # noqa: E402  pylint: disable=wrong-import-position

REPO = os.path.dirname(os.path.dirname(HERE))
BIN = os.path.dirname(sys.executable)
# Room for 16 hosts: a /20 each of 10.200.0.0/16, 64 networks of /26 in it.
SETTINGS = {
    "docker_engine_source": "distro",
    "site_pool_supernet": "10.200.0.0/16",
    "site_pool_host_prefix": 20,
    "site_pool_size": 26,
    "site_min_free_subnets": 32,
}
TASK_LINE = re.compile(r"^(.+?) -+ (\d+\.\d+)s$", re.MULTILINE)


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def site(fleet, forks, pipelining):
    """One ansible-playbook site.yml on the fleet: (wall s, controller CPU s, slowest tasks)."""
    env = dict(os.environ, ANSIBLE_FORKS=str(forks), ANSIBLE_PIPELINING="1" if pipelining else "0",
               ANSIBLE_NOCOLOR="1", ANSIBLE_CALLBACKS_ENABLED="ansible.posix.profile_tasks",
               PROFILE_TASKS_TASK_OUTPUT_LIMIT="5", ANSIBLE_COLLECTIONS_PATH=os.path.join(REPO, ".cache", "collections"))
    cpu, start = children_cpu(), time.monotonic()
    done = subprocess.run([os.path.join(BIN, "ansible-playbook"), "-i", os.path.join(fleet.state, "inventory.yml"),
                           os.path.join(REPO, "playbooks", "site.yml")], env=env, capture_output=True, text=True,
                          check=False)
    wall, cpu = time.monotonic() - start, children_cpu() - cpu
    if done.returncode != 0:
        raise SystemExit("site.yml failed on %d hosts:\n%s" % (len(fleet.names), (done.stdout + done.stderr)[-4000:]))
    summary = done.stdout[done.stdout.rfind("=" * 20):]
    return wall, cpu, ["%s %ss" % (name.strip(), seconds) for name, seconds in TASK_LINE.findall(summary)][:5]


def through_ee(args, fleet):
    """site.yml twice through the EE: wall seconds of each."""
    ee_test.prepare_project(fleet)
    walls = []
    for _run in range(2):
        start = time.monotonic()
        code, output, _recap = ee_test.navigate(args, fleet, "site.yml", {})
        if code != 0:
            raise SystemExit("site.yml through the EE failed:\n%s" % output[-4000:])
        walls.append(time.monotonic() - start)
    return walls


def row(label, size, wall, cpu):
    return "%-22s %5d %9.1f %9.1f %13.1f %12.2f" % (label, size, wall, cpu, wall / size, cpu / size)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 5, 10], choices=range(1, 17), metavar="N")
    parser.add_argument("--forks", type=int, default=10)
    parser.add_argument("--pipelining", nargs="+", default=["on", "off"], choices=["on", "off"])
    parser.add_argument("--navigator", help="ansible-navigator, to run the largest fleet through the EE as well")
    parser.add_argument("--image", default="dockyard/ee:latest")
    args = parser.parse_args()
    lines = ["%-22s %5s %9s %9s %13s %12s" % ("run", "hosts", "wall_s", "cpu_s", "wall_s/host", "cpu_s/host")]
    slowest = []
    for size in args.sizes:
        for pipelining in args.pipelining:
            fleet = SshFleet("bench-site", 250, SETTINGS, size=size)
            fleet.start()
            try:
                for label in ("first", "re-run"):
                    wall, cpu, tasks = site(fleet, args.forks, pipelining == "on")
                    lines.append(row("%s, pipelining %s" % (label, pipelining), size, wall, cpu))
                    slowest.append("%d hosts, %s, pipelining %s: %s" % (size, label, pipelining, "; ".join(tasks)))
                    print(lines[-1], flush=True)
            finally:
                fleet.remove()
    if args.navigator:
        size = max(args.sizes)
        fleet = SshFleet("bench-site", 250, SETTINGS, size=size)
        fleet.start()
        try:
            for label, wall in zip(("first, EE", "re-run, EE"), through_ee(args, fleet)):
                lines.append("%-22s %5d %9.1f %9s %13.1f %12s" % (label, size, wall, "-", wall / size, "-"))
        finally:
            fleet.remove()
    print("\n".join(["", "site.yml at forks %d, controller CPU = ansible-playbook and its children" % args.forks]
                    + lines + ["", "slowest tasks (ansible.posix.profile_tasks):"] + slowest))


if __name__ == "__main__":
    main()
