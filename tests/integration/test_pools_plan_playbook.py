# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""playbooks/pools_plan.yml on this machine, per-host and fleet modes, with site.yml's settings.

That the plan is what site.yml then writes is checked on the demo fleet (tests/demo/check.sh)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress
import json
import os
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def plan(*extra):
    env = dict(os.environ, ANSIBLE_STDOUT_CALLBACK="ansible.builtin.json", ANSIBLE_LOCALHOST_WARNING="0")
    command = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", "localhost,", "-c", "local",
               "-e", "ansible_python_interpreter=" + sys.executable, "-e", "pools_plan_hosts=all site_pool_hosts=all",
               os.path.join(REPO, "playbooks", "pools_plan.yml")] + list(extra)
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=1800, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    tasks = json.loads(result.stdout)["plays"][-1]["tasks"]
    shown = [task for task in tasks if task["task"]["name"] == "Show the plan"][0]
    return shown["hosts"]["localhost"]["msg"]


def assert_clear_of_reserved(shown, subnets):
    """The plan holds the subnets asked for, in /24s, clear of every network this machine reserves."""
    pools = [ipaddress.ip_network(pool["base"]) for pool in shown["default-address-pools"]]
    reserved = [ipaddress.ip_network(net) for net in shown["reserved"]]
    assert all(pool["size"] == 24 for pool in shown["default-address-pools"])
    assert not [(p, r) for p in pools for r in reserved if p.version == r.version and p.overlaps(r)]
    assert int(shown["free_subnets"]) == subnets


def assert_reserved(shown, network):
    """The network is among the reserved ones (collapsed with this machine's own where they touch)."""
    wanted = ipaddress.ip_network(network)
    assert any(wanted.subnet_of(ipaddress.ip_network(net)) for net in shown["reserved"]
               if ipaddress.ip_network(net).version == wanted.version), shown["reserved"]


# The engine read is the machine's, shared with whatever else runs on it: networks other runs create there count as
# used, and in a container they are not among the routes the plan keeps clear of. So the candidates are the reserved
# /16 and a range nothing here creates networks in, and the plan must skip the first for the second.
CANDIDATES = '"docker_daemon_pool_candidates": ["172.16.0.0/16", "10.123.0.0/16"]'


def test_per_host_plan_avoids_reserved_networks():
    shown = plan("-e", '{"docker_daemon_reserved_networks": ["172.16.0.0/16"], "docker_daemon_pool_subnets": 64, %s}'
                 % CANDIDATES)
    assert_reserved(shown, "172.16.0.0/16")
    assert_clear_of_reserved(shown, 64)
    assert shown["default-address-pools"] == [{"base": "10.123.0.0/18", "size": 24}]


def test_fleet_plan_uses_the_supernet_and_writes_no_record(tmp_path):
    record = tmp_path / "fleet-pools.yml"
    shown = plan("-e", "site_pool_supernet=10.200.0.0/16 site_pool_host_prefix=20 site_min_free_subnets=8 "
                 "site_pool_record=%s" % record)
    assert shown["default-address-pools"] == [{"base": "10.200.0.0/20", "size": 24}]
    assert int(shown["free_subnets"]) == 16
    assert not record.exists()


def test_numbers_given_as_key_value_strings_are_whole_numbers():
    shown = plan("-e", "docker_daemon_pool_subnets=64 docker_daemon_pool_size=24",
                 "-e", '{"docker_daemon_reserved_networks": ["172.16.0.0/16"], %s}' % CANDIDATES)
    assert_reserved(shown, "172.16.0.0/16")
    assert_clear_of_reserved(shown, 64)
    assert shown["default-address-pools"] == [{"base": "10.123.0.0/18", "size": 24}]
