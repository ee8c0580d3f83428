# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark: idempotent re-converge of docker_engine + docker_daemon against geerlingguy.docker.

Two identical systemd hosts (the shared Molecule definition, Debian bookworm) on the local engine: one gets this
collection's roles (Debian's docker.io, computed pools, live-restore), the other geerlingguy.docker set up for the same
result (docker.io, daemon.json with the same pools and live-restore); both plays list their roles the same way
(``roles:``). A round starts both hosts afresh and converges each once (the side that goes first alternates from round
to round); after the last round each is re-converged RUNS times. The script prints every round's first converge, the
median first converge and median re-converge times, the tasks a re-converge ran (ok, changed included) and skipped,
and both ratios of medians (asserting nothing on time). A first converge is mostly apt downloading and unpacking the
engine: so that the mirror's speed, which varies from minute to minute, does not decide the ratio, both hosts fetch
through one apt cache (this collection's apt_cache role on a third host, as a fleet would), filled by a warm-up round
that is not counted. Nothing is fetched from outside but packages: the peer role is read from a local directory
(PEER), for example one made by `ansible-galaxy role install geerlingguy.docker -p DIR` where Galaxy is reachable.

Usage: python tests/perf/bench_reconverge.py --peer DIR/geerlingguy.docker [--rounds 3] [--runs 3] [--keep] [--pipelining]
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tools"))
from ssh_fleet import sh  # noqa: E402  pylint: disable=wrong-import-position
from systemd_host import docker_run_args  # noqa: E402  pylint: disable=wrong-import-position

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.dirname(sys.executable)
IMAGE = os.environ.get("DOCKYARD_IMAGE_BOOKWORM", "dockyard/debian:bookworm")
HOSTS = {"ours": "dockyard-bench-ours", "peer": "dockyard-bench-peer"}
CACHE = "dockyard-bench-cache"
POOLS = [{"base": "172.30.0.0/16", "size": 24}]

OURS = """
- name: This collection's roles
  hosts: ours
  gather_facts: false
  roles:
    - role: dockyard.docker_host.docker_engine
      vars:
        docker_engine_source: distro
        # As site.yml: docker_daemon starts the new dockerd once, with its daemon.json.
        docker_engine_start: false
    - role: dockyard.docker_host.docker_daemon
      vars:
        docker_daemon_address_pools: %(pools)s
        # As site.yml: docker_engine's read of the host, when it changed nothing there.
        docker_daemon_host_read: "{{ docker_engine_host_read | default({}) }}"
"""

CACHE_PLAY = """
- name: The apt cache both sides fetch through
  hosts: cache
  gather_facts: true
  gather_subset: ["!all", "!min", "network"]
  tasks:
    - name: Cache
      ansible.builtin.include_role:
        name: dockyard.docker_host.apt_cache
      vars:
        apt_cache_allowed_networks: [%(clients)s]
"""

PEER = """
- name: geerlingguy.docker, set up for the same result
  hosts: peer
  gather_facts: true
  roles:
    - role: geerlingguy.docker
      vars:
        docker_packages: [docker.io]
        docker_obsolete_packages: []
        docker_add_repo: false
        docker_install_compose_plugin: false
        docker_daemon_options:
          live-restore: true
          default-address-pools: %(pools)s
"""


def start_hosts(names):
    subprocess.run([os.path.join(REPO, "tests", "tools", "base_image.sh"), "bookworm", IMAGE], check=True)
    for name in names:
        subprocess.run(["docker", "rm", "-f", name], capture_output=True, check=False)
        subprocess.run(docker_run_args(name, IMAGE), check=True, capture_output=True)
    for name in names:
        subprocess.run(["docker", "exec", name, "systemctl", "is-system-running", "--wait"], capture_output=True,
                       check=False)


def start_cache(work, env):
    """The cache host, serving the local engine's default bridge; returns its apt proxy URL."""
    start_hosts([CACHE])
    clients = sh(["docker", "network", "inspect", "bridge", "--format", "{{(index .IPAM.Config 0).Subnet}}"]).stdout.strip()
    with open(os.path.join(work, "cache.yml"), "w") as handle:
        handle.write(CACHE_PLAY % {"clients": clients})
    run_play(work, "cache.yml", env)
    return "http://%s:3142" % sh(["docker", "inspect", CACHE, "--format", "{{.NetworkSettings.IPAddress}}"]).stdout.strip()


def start_bench_hosts(proxy):
    start_hosts(HOSTS.values())
    for name in HOSTS.values():
        sh(["docker", "exec", name, "sh", "-c", 'echo "Acquire::http::Proxy \\"$0\\";" > /etc/apt/apt.conf.d/01bench-proxy',
            proxy])


def run_play(work, playbook, env):
    started = time.monotonic()
    done = subprocess.run([os.path.join(BIN, "ansible-playbook"), "-i", os.path.join(work, "inventory.yml"),
                           os.path.join(work, playbook)], env=env, capture_output=True, text=True, check=False)
    seconds = time.monotonic() - started
    if done.returncode != 0:
        sys.exit("%s failed:\n%s" % (playbook, done.stdout[-3000:] + done.stderr[-2000:]))
    recap = re.search(r"ok=(\d+)\s+changed=(\d+)\s+unreachable=\d+\s+failed=\d+\s+skipped=(\d+)", done.stdout)
    ok, changed, skipped = (int(x) for x in recap.groups())
    return seconds, ok, changed, skipped


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peer", required=True, help="directory of the geerlingguy.docker role")
    parser.add_argument("--rounds", type=int, default=3, help="first converges on fresh hosts, per side")
    parser.add_argument("--runs", type=int, default=3, help="re-converges after the last round, per side")
    parser.add_argument("--keep", action="store_true", help="keep the hosts afterwards")
    parser.add_argument("--pipelining", action="store_true",
                        help="run both sides with pipelining (one connection command per module, as over SSH)")
    args = parser.parse_args()
    if args.rounds < 1 or args.runs < 1:
        parser.error("--rounds and --runs take 1 or more (a median needs a figure)")
    work = tempfile.mkdtemp(prefix="dockyard-bench-")
    roles = os.path.join(work, "roles")
    os.makedirs(roles)
    shutil.copytree(args.peer, os.path.join(roles, "geerlingguy.docker"))
    with open(os.path.join(work, "inventory.yml"), "w") as handle:
        yaml.safe_dump({"all": {"vars": {"ansible_connection": "community.docker.docker",
                                         "ansible_python_interpreter": "/usr/bin/python3"},
                                "children": {group: {"hosts": {name: {}}}
                                             for group, name in dict(HOSTS, cache=CACHE).items()}}},
                       handle)
    for name, text in (("ours.yml", OURS), ("peer.yml", PEER)):
        with open(os.path.join(work, name), "w") as handle:
            handle.write(text % {"pools": POOLS})
    env = dict(os.environ, ANSIBLE_ROLES_PATH=roles, ANSIBLE_NOCOLOR="1", ANSIBLE_FORCE_COLOR="0",
               ANSIBLE_COLLECTIONS_PATH=os.path.join(REPO, ".cache", "collections"))
    env["ANSIBLE_PIPELINING"] = "1" if args.pipelining else "0"
    sides = (("ours", "ours.yml"), ("peer", "peer.yml"))
    firsts, again = {"ours": [], "peer": []}, {}
    try:
        proxy = start_cache(work, env)
        for round_number in range(args.rounds + 1):
            start_bench_hosts(proxy)
            for side, playbook in sides if round_number % 2 == 0 else tuple(reversed(sides)):
                seconds = run_play(work, playbook, env)[0]
                if round_number:
                    firsts[side].append(seconds)
        for side, playbook in sides:
            again[side] = [run_play(work, playbook, env) for _run in range(args.runs)]
            if side == "ours" and any(run[2] for run in again[side]):
                sys.exit("this collection's roles are not idempotent here: %s" % (again[side],))
    finally:
        if not args.keep:
            for name in list(HOSTS.values()) + [CACHE]:
                subprocess.run(["docker", "rm", "-f", name], capture_output=True, check=False)
        shutil.rmtree(work, ignore_errors=True)
    print("first converge per round (s): " + "; ".join(
        "%s %s" % (side, " ".join("%.1f" % seconds for seconds in firsts[side])) for side, _playbook in sides))
    header = ("", "re-converge", "first converge", "tasks run", "changed", "skipped")
    print("%-40s %12s %14s %10s %8s %8s" % header)
    print("%-40s %12s %14s" % ("", "median of %d" % args.runs, "median of %d" % args.rounds))
    medians, first_medians = {}, {}
    for side, label in (("ours", "docker_engine + docker_daemon"), ("peer", "geerlingguy.docker")):
        medians[side] = statistics.median(run[0] for run in again[side])
        first_medians[side] = statistics.median(firsts[side])
        print("%-40s %12.1f %14.1f %10d %8d %8d" % (label, medians[side], first_medians[side], again[side][0][1],
                                                    again[side][0][2], again[side][0][3]))
    print("pipelining %s" % ("on" if args.pipelining else "off"))
    print("re-converge ratio ours/peer: %.2fx" % (medians["ours"] / medians["peer"]))
    print("first converge ratio ours/peer: %.2fx" % (first_medians["ours"] / first_medians["peer"]))


if __name__ == "__main__":
    main()
