# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""playbooks/fleet_pools.yml, the allocation step of site.yml, on a fleet of local hosts.

Each host is this machine with its own daemon.json (docker_daemon_path), so the playbook,
the action, the record file with its lock and the hosts' reads all run for real; only the
engines are missing, which the demo fleet and Molecule cover.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress
import json
import os
import subprocess
import sys

import yaml

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SUPERNET = "10.200.0.0/16"


class Fleet(object):
    def __init__(self, root, record_host=False):
        self.root = root
        # A record host is one more local host, outside docker_hosts, that keeps the record in a directory the
        # record_file module creates.
        self.record_host = record_host
        self.record = root / ("keeper/state" if record_host else ".") / "fleet-pools.yml"

    def inventory(self, hosts, name="hosts.yml", unreachable=()):
        entries = {}
        for host in hosts:
            entries[host] = {"ansible_connection": "local", "ansible_python_interpreter": sys.executable,
                             "docker_daemon_path": str(self.root / host / "daemon.json")}
        for host in unreachable:
            entries[host] = {"ansible_connection": "ssh", "ansible_host": "127.0.0.1", "ansible_port": 1,
                             "ansible_ssh_common_args": "-o ConnectTimeout=2"}
        settings = {"site_pool_supernet": SUPERNET, "site_pool_record": str(self.record)}
        groups = {"docker_hosts": {"hosts": entries}}
        if self.record_host:
            settings["site_pool_record_host"] = "keeper"
            keeper = {"ansible_connection": "local", "ansible_python_interpreter": sys.executable}
            if self.record_host == "down":
                keeper = {"ansible_connection": "ssh", "ansible_host": "127.0.0.1", "ansible_port": 1,
                          "ansible_ssh_common_args": "-o ConnectTimeout=2"}
            groups["apt_cache"] = {"hosts": {"keeper": keeper}}
        path = self.root / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(yaml.safe_dump({"all": {"vars": settings, "children": groups}}))
        return path

    def command(self, inventory, *extra):
        return [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", str(inventory),
                os.path.join(REPO, "playbooks", "fleet_pools.yml")] + list(extra)

    def run(self, hosts, *extra, **kwargs):
        inventory = self.inventory(hosts, kwargs.get("inventory", "hosts.yml"), unreachable=kwargs.get("unreachable", ()))
        env = dict(os.environ, ANSIBLE_STDOUT_CALLBACK="ansible.builtin.json", ANSIBLE_LOCALHOST_WARNING="0",
                   ANSIBLE_HOST_KEY_CHECKING="0")
        done = subprocess.run(self.command(inventory, *extra), env=env, capture_output=True, text=True, timeout=1800,
                              check=False)
        assert done.returncode == kwargs.get("rc", 0), done.stdout[-4000:] + done.stderr[-2000:]
        return Result(json.loads(done.stdout))

    def write_pools(self, host, pools):
        (self.root / host).mkdir(exist_ok=True)
        (self.root / host / "daemon.json").write_text(json.dumps({"default-address-pools": pools}))

    def recorded(self):
        return dict((host, row["pools"][0]["base"]) for host, row in yaml.safe_load(self.record.read_text())["hosts"].items())


class Result(object):
    def __init__(self, data):
        self.tasks = data["plays"][0]["tasks"]

    def task(self, name):
        return [task for task in self.tasks if task["task"]["name"] == name][0]["hosts"]

    @property
    def allocation(self):
        return list(self.task("Give each host its own block, from the fleet's record").values())[0]

    @property
    def pools(self):
        found = {}
        for host, result in self.task("Keep this host's pools for docker_daemon").items():
            if not result.get("skipped"):
                found[host] = result["ansible_facts"]["__site_fleet_pools"][0]["base"]
        return found


def assert_disjoint(blocks):
    networks = [ipaddress.ip_network(block) for block in blocks.values()]
    assert all(ipaddress.ip_network(SUPERNET).supernet_of(network) for network in networks)
    for index, network in enumerate(networks):
        assert not any(network.overlaps(other) for other in networks[index + 1:]), blocks


def test_grow_shrink_limit_and_rerun_keep_every_block(tmp_path):
    fleet = Fleet(tmp_path)
    first = fleet.run(["h1", "h2", "h3"])
    assert first.allocation["changed"] and first.allocation["allocated"] == ["h1", "h2", "h3"]
    assert first.pools == {"h1": "10.200.0.0/20", "h2": "10.200.16.0/20", "h3": "10.200.32.0/20"}
    for host, block in first.pools.items():
        fleet.write_pools(host, [{"base": block, "size": 24}])

    again = fleet.run(["h1", "h2", "h3"])
    assert not again.allocation["changed"] and again.pools == first.pools

    grown = fleet.run(["h1", "h2", "h3", "h4", "h5"])
    assert grown.allocation["allocated"] == ["h4", "h5"]
    assert dict((h, grown.pools[h]) for h in first.pools) == first.pools

    shrunk = fleet.run(["h1", "h3", "h6"])
    assert shrunk.allocation["allocated"] == ["h6"]
    assert shrunk.pools["h6"] == "10.200.80.0/20"
    assert fleet.recorded()["h2"] == "10.200.16.0/20"

    limited = fleet.run(["h1", "h3", "h6", "h7"], "--limit", "h7")
    assert limited.pools == {"h7": "10.200.96.0/20"}
    assert_disjoint(fleet.recorded())
    assert len(fleet.recorded()) == 7


def test_an_unreachable_host_keeps_its_block_and_the_rest_go_on(tmp_path):
    fleet = Fleet(tmp_path)
    fleet.run(["h1", "down1"])
    before = fleet.recorded()
    assert sorted(before) == ["down1", "h1"]
    later = fleet.run(["h1", "h2"], unreachable=["down1"], rc=4)
    assert later.pools["h1"] == before["h1"] and fleet.recorded()["down1"] == before["down1"]
    assert later.pools["h2"] not in before.values()
    assert_disjoint(fleet.recorded())


def test_no_block_is_handed_out_while_a_host_without_a_row_cannot_be_read(tmp_path):
    fleet = Fleet(tmp_path)
    # Pools written before any record existed: a holds the supernet's first block, b has pools outside it.
    fleet.write_pools("a", [{"base": "10.200.0.0/20", "size": 24}])
    fleet.write_pools("b", [{"base": "172.30.0.0/16", "size": 24}])
    blocked = fleet.run(["b"], unreachable=["a"], rc=4)
    message = blocked.task("Stop on a host that cannot get a block while another host's pools are unknown")["b"]["msg"]
    assert "a has no row in" in message and "could not be read" in message
    assert not fleet.record.exists() or fleet.recorded() == {}
    # The next run reads a: its block is imported for it, b gets another, and nobody is blamed.
    later = fleet.run(["a", "b"])
    assert later.pools == {"a": "10.200.0.0/20", "b": later.pools["b"]} and later.pools["b"] != "10.200.0.0/20"
    assert later.allocation["disagreements"] == {} and later.allocation["imported"] == ["a"]
    assert_disjoint(fleet.recorded())


def test_a_host_whose_daemon_json_disagrees_is_stopped_and_kept(tmp_path):
    fleet = Fleet(tmp_path)
    fleet.run(["h1", "h2"])
    fleet.write_pools("h1", [{"base": "10.200.128.0/20", "size": 24}])
    result = fleet.run(["h1", "h2"], rc=2)
    failed = result.task("Stop on a host whose daemon.json disagrees with the record")
    assert failed["h1"]["failed"]
    assert "h1 has pools 10.200.128.0/20 size 24 in daemon.json, but %s gives it 10.200.0.0/20" % fleet.record in (
        failed["h1"]["msg"])
    assert result.pools == {"h2": "10.200.16.0/20"}
    assert fleet.recorded()["h1"] == "10.200.0.0/20"


def test_pools_a_host_has_are_imported_and_release_frees_a_block(tmp_path):
    fleet = Fleet(tmp_path)
    fleet.write_pools("old", [{"base": "10.200.64.0/20", "size": 24}])
    first = fleet.run(["old", "new"])
    assert first.allocation["imported"] == ["old"] and first.pools == {"old": "10.200.64.0/20", "new": "10.200.0.0/20"}
    released = fleet.run(["new"], "-e", '{"site_pool_release": ["old"]}')
    assert released.allocation["released"] == ["old"]
    assert fleet.recorded() == {"new": "10.200.0.0/20"}


def test_check_mode_writes_no_record(tmp_path):
    fleet = Fleet(tmp_path)
    checked = fleet.run(["h1"], "--check")
    assert checked.pools == {"h1": "10.200.0.0/20"}
    assert not fleet.record.exists()


def test_two_controllers_at_once_never_share_a_block(tmp_path):
    fleet = Fleet(tmp_path)
    env = dict(os.environ, ANSIBLE_LOCALHOST_WARNING="0")
    runs = [subprocess.Popen(fleet.command(fleet.inventory(["c%d-h%d" % (c, n) for n in range(4)], "c%d.yml" % c)),
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            for c in range(3)]
    for run in runs:
        output, _unused = run.communicate(timeout=1800)
        assert run.returncode == 0, output[-3000:]
    recorded = fleet.recorded()
    assert len(recorded) == 12
    assert_disjoint(recorded)


def test_a_record_on_a_host_gives_controllers_that_keep_nothing_the_same_blocks(tmp_path):
    fleet = Fleet(tmp_path, record_host=True)
    first = fleet.run(["h1", "h2", "h3"], inventory="controller-1/hosts.yml")
    assert first.allocation["allocated"] == ["h1", "h2", "h3"]
    assert first.allocation["record"] == str(fleet.record)
    # A second controller with an inventory directory of its own, as a new EE container has: the record host
    # gives it the same blocks and nothing is allocated again.
    again = fleet.run(["h1", "h2", "h3"], inventory="controller-2/hosts.yml")
    assert not again.allocation["changed"] and again.pools == first.pools
    assert_disjoint(fleet.recorded())
    assert sorted(path.name for path in tmp_path.glob("controller-*/*")) == ["hosts.yml", "hosts.yml"]
    assert oct(fleet.record.stat().st_mode & 0o777) == "0o600"
    assert oct(fleet.record.parent.stat().st_mode & 0o777) == "0o700"


def test_sliced_runs_at_once_on_one_record_host_give_disjoint_blocks_in_one_record(tmp_path):
    fleet = Fleet(tmp_path, record_host=True)
    hosts = ["s%d" % number for number in range(8)]
    inventory = fleet.inventory(hosts)
    env = dict(os.environ, ANSIBLE_LOCALHOST_WARNING="0")
    # Four slices of the same inventory at once, as AWX job slicing runs them.
    runs = [subprocess.Popen(fleet.command(inventory, "--limit", ",".join(hosts[start::4])), env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            for start in range(4)]
    for run in runs:
        output, _unused = run.communicate(timeout=1800)
        assert run.returncode == 0, output[-3000:]
    recorded = fleet.recorded()
    assert sorted(recorded) == hosts
    assert_disjoint(recorded)


def test_a_record_host_outside_the_inventory_is_refused_before_anything_is_written(tmp_path):
    fleet = Fleet(tmp_path)
    result = fleet.run(["h1"], "-e", "site_pool_record_host=nowhere", rc=2)
    message = result.task("Stop when the record host is not a host of the inventory")["h1"]["msg"]
    assert 'site_pool_record_host "nowhere" is not a host of the inventory' in message
    assert not fleet.record.exists()


def test_a_record_host_that_cannot_keep_the_record_stops_the_run_with_the_cause(tmp_path):
    fleet = Fleet(tmp_path, record_host=True)
    (tmp_path / "keeper").write_text("a file where the record's directory would be\n")
    result = fleet.run(["h1", "h2"], rc=2)
    failed = result.task("Give each host its own block, from the fleet's record")
    assert all(answer.get("failed") for answer in failed.values()), failed
    message = list(failed.values())[0]["msg"]
    assert message == "record host keeper: cannot read %s: Not a directory" % fleet.record, message
    assert "Keep this host's pools for docker_daemon" not in [task["task"]["name"] for task in result.tasks]


def test_a_record_host_that_does_not_answer_stops_the_run_and_no_block_is_handed_out(tmp_path):
    fleet = Fleet(tmp_path, record_host="down")
    result = fleet.run(["h1", "h2"], rc=2)
    failed = result.task("Give each host its own block, from the fleet's record")
    message = list(failed.values())[0]["msg"]
    assert message.startswith("cannot reach the record host keeper: "), message
    assert "Keep this host's pools for docker_daemon" not in [task["task"]["name"] for task in result.tasks]
