# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The collection run from its execution environment, as AWX or ansible-navigator runs it (make ee-test).

A project holding only playbooks that import the collection's (what an AWX project does), an inventory of an SSH
fleet (an apt cache and two Docker hosts, tests/tools/ssh_fleet.py), and the EE image make ee built: ansible-navigator
runs site.yml, then headroom.yml, then site.yml again, each in a new EE container that keeps nothing but what the
mounted state directory holds. The runs must pass, the report must be written, and the last run must change nothing.

  ee_test.py --navigator PATH [--image dockyard/ee:latest] [--keep]
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import json
import os
import re
import subprocess
import sys

import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tools"))
from ssh_fleet import SshFleet, on_host  # noqa: E402  pylint: disable=wrong-import-position

SETTINGS = {
    "docker_engine_source": "distro",
    "site_pool_supernet": "10.200.0.0/16",
    "site_pool_host_prefix": 18,
    "site_min_free_subnets": 32,
    "headroom_hosts": "docker_hosts",
}
PROJECT = {
    "site.yml": "---\n- name: Provision the Docker hosts\n  ansible.builtin.import_playbook: dockyard.docker_host.site\n",
    "headroom.yml": "---\n- name: Report the headroom\n  ansible.builtin.import_playbook: dockyard.docker_host.headroom\n",
}
EE_UID = 1000
RECORD = "/var/lib/dockyard/fleet-pools.yml"
HISTORY = "/var/lib/dockyard/headroom-history.jsonl"
RECAP = re.compile(r"^(\S+)\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.MULTILINE)


def navigate(args, fleet, playbook, extra):
    """One ansible-navigator run in a new EE container on the fleet's network; (returncode, output, recap)."""
    command = [args.navigator, "run", os.path.join(fleet.state, "project", playbook),
               "--inventory", os.path.join(fleet.state, "inventory.yml"),
               "--execution-environment-image", args.image, "--pull-policy", "never", "--container-engine", "docker",
               "--mode", "stdout", "--playbook-artifact-enable", "false", "--log-file", os.path.join(fleet.state, "navigator.log"),
               # The container joins the fleet's network; navigator mounts the inventory's directory (the key, the
               # fleet record, the report) at the same path.
               "--container-options=--network=%s" % fleet.network,
               # Ansible's default, and AWX's: no pipelining, so modules run on a terminal (ssh -tt).
               "--set-environment-variable", "ANSIBLE_PIPELINING=0",
               "--set-environment-variable", "ANSIBLE_NOCOLOR=1",
               "--extra-vars", json.dumps(extra)]
    # navigator hands the caller's ANSIBLE_* variables to the EE (the Makefile's ANSIBLE_COLLECTIONS_PATH would hide
    # the collections the EE holds): the EE runs on its own configuration, as in AWX.
    env = dict((name, value) for name, value in os.environ.items() if not name.startswith("ANSIBLE_"))
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env,
                          cwd=os.path.join(fleet.state, "project"))
    output = done.stdout + done.stderr
    recap = dict((host, {"changed": int(changed), "unreachable": int(unreachable), "failed": int(failed)})
                 for host, _ok, changed, unreachable, failed in RECAP.findall(output))
    return done.returncode, output, recap


def prepare_project(fleet):
    """The AWX-like project beside the fleet's inventory, all of it the EE user's."""
    os.makedirs(os.path.join(fleet.state, "project"))
    for name, text in PROJECT.items():
        with open(os.path.join(fleet.state, "project", name), "w") as handle:
            handle.write(text)
    # The EE runs as its image's user (uid 1000), as AWX runs jobs: the controller's files are that user's.
    for root, dirs, files in os.walk(fleet.state):
        for name in [root] + [os.path.join(root, entry) for entry in dirs + files]:
            os.chown(name, EE_UID, 0)


def kept_state_problems(fleet, report, records):
    """What is wrong with the report, the record and the history after the three runs."""
    problems = []
    if not os.path.exists(os.path.join(report, "headroom.html")):
        problems.append("headroom.yml wrote no report in %s" % report)
    if os.path.exists(os.path.join(fleet.state, "fleet-pools.yml")):
        problems.append("a fleet record was written beside the inventory, not on %s" % fleet.cache[0])
    blocks = [json.dumps(dict((host, row["pools"]) for host, row in (yaml.safe_load(text) or {"hosts": {}})["hosts"].items()),
                         sort_keys=True) for text in records]
    if sorted(json.loads(blocks[0])) != sorted(fleet.names) or len(set(blocks)) != 1:
        problems.append("the blocks on %s are not the first run's after every run: %s" % (fleet.cache[0], blocks))
    history = on_host(fleet.cache[0], "cat %s" % HISTORY).stdout.splitlines()
    if len(history) != 1 or sorted(row["host"] for row in json.loads(history[0])["rows"]) != sorted(fleet.names):
        problems.append("the headroom history on %s is not the headroom run's entry: %s" % (fleet.cache[0], history))
    print("ee: record on %s, as every run left it:\n%s" % (fleet.cache[0], records[0]))
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--navigator", required=True, help="the ansible-navigator program")
    parser.add_argument("--image", default="dockyard/ee:latest")
    parser.add_argument("--keep", action="store_true", help="leave the fleet running afterwards")
    args = parser.parse_args()
    fleet = SshFleet("ee-fleet", 253, SETTINGS)
    fleet.settings = dict(SETTINGS, site_pool_record_host=fleet.cache[0], site_pool_record=RECORD)
    fleet.start()
    prepare_project(fleet)
    report = os.path.join(fleet.state, "headroom-report")
    problems = []
    records = []
    try:
        site_hosts = [fleet.cache[0]] + fleet.names
        for label, playbook, extra, hosts in (
                ("first site.yml", "site.yml", {}, site_hosts),
                ("headroom.yml", "headroom.yml", {"headroom_report_dir": report}, fleet.names + ["localhost"]),
                ("second site.yml", "site.yml", {}, site_hosts)):
            code, output, recap = navigate(args, fleet, playbook, extra)
            print("ee: %s through %s: exit %d, recap %s" % (label, args.image, code, json.dumps(recap, sort_keys=True)))
            bad = [host for host in hosts if host not in recap or recap[host]["failed"] or recap[host]["unreachable"]]
            if code != 0 or bad:
                problems.append("%s failed on %s (exit %d):\n%s" % (label, bad or "the controller", code, output[-4000:]))
                break
            records.append(on_host(fleet.cache[0], "cat %s" % RECORD).stdout)
            if label == "second site.yml":
                changed = dict((host, counts["changed"]) for host, counts in recap.items() if counts["changed"])
                if changed:
                    problems.append("the second site.yml changed %s:\n%s" % (changed, output[-4000:]))
        if not problems:
            problems.extend(kept_state_problems(fleet, report, records))
    finally:
        if not args.keep:
            fleet.remove()
    for problem in problems:
        print("ee: " + problem)
    print("ee: %s" % ("passed" if not problems else "FAILED"))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
