# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Playbook settings come from inventory: no play declares a setting in vars (which would outrank
group_vars and host_vars), and settings put in group_vars are what the playbooks use."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import glob
import json
import os
import subprocess
import sys

import yaml

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLAYBOOKS = sorted(glob.glob(os.path.join(REPO, "playbooks", "*.yml")))


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_constructor("!unsafe", lambda loader, node: loader.construct_scalar(node))


def test_no_play_declares_a_setting_in_vars():
    offenders = []
    for path in PLAYBOOKS:
        with open(path) as handle:
            plays = yaml.load(handle, Loader=_Loader) or []
        for play in plays:
            for name in (play.get("vars") or {}):
                if not name.startswith("__"):
                    offenders.append("%s: play %r sets %s" % (os.path.basename(path), play.get("name"), name))
    assert offenders == []


def run(playbook, inventory_dir, *extra):
    env = dict(os.environ, ANSIBLE_STDOUT_CALLBACK="ansible.builtin.json", ANSIBLE_LOCALHOST_WARNING="0")
    command = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", str(inventory_dir),
               os.path.join(REPO, "playbooks", playbook)] + list(extra)
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)


def inventory(tmp_path, group_vars):
    (tmp_path / "group_vars").mkdir()
    (tmp_path / "hosts.yml").write_text(yaml.safe_dump({"all": {"hosts": {"localhost": {
        "ansible_connection": "local", "ansible_python_interpreter": sys.executable}}}}))
    (tmp_path / "group_vars" / "all.yml").write_text(yaml.safe_dump(group_vars))
    return tmp_path


def test_pools_plan_settings_from_group_vars(tmp_path):
    inv = inventory(tmp_path, {"docker_daemon_pool_subnets": 1024, "docker_daemon_pool_size": 26,
                               "docker_daemon_reserved_networks": ["172.16.0.0/12"]})
    result = run("pools_plan.yml", inv, "-e", "pools_plan_hosts=all")
    assert result.returncode == 0, result.stdout + result.stderr
    tasks = json.loads(result.stdout)["plays"][-1]["tasks"]
    shown = [t for t in tasks if t["task"]["name"] == "Show the plan"][0]["hosts"]["localhost"]["msg"]
    assert all(pool["size"] == 26 for pool in shown["default-address-pools"])
    assert int(shown["free_subnets"]) == 1024
    assert not any(pool["base"].startswith("172.") for pool in shown["default-address-pools"])


def test_headroom_settings_from_group_vars(tmp_path):
    report_dir = tmp_path / "report-from-inventory"
    inv = inventory(tmp_path, {"headroom_hosts": "localhost", "headroom_report_dir": str(report_dir),
                               "headroom_min_free_subnets": 100000})
    result = run("headroom.yml", inv, "-e", "headroom_hosts=localhost")
    report = json.loads((report_dir / "headroom.json").read_text())
    assert report["summary"]["min_free_subnets"] == 100000
    # Not counted where this machine runs no engine, below 100000 free where it does: refused either way.
    assert report["summary"]["failed"] + report["summary"]["below_min_free"] == ["localhost"]
    assert result.returncode == 2


def test_headroom_reports_the_hosts_of_the_run_only(tmp_path):
    """--limit (as a slice of a sliced job) leaves the other hosts out of the report; a host of the run that cannot
    be counted stays in it, as not counted."""
    report_dir = tmp_path / "report"
    (tmp_path / "inventory").mkdir()
    inv = inventory(tmp_path / "inventory", {"headroom_report_dir": str(report_dir)})
    (inv / "more.yml").write_text(yaml.safe_dump({"all": {"hosts": dict(
        (name, {"ansible_connection": "local", "ansible_python_interpreter": "/nonexistent/python3"})
        for name in ("dockyard-test-left-out", "dockyard-test-no-python"))}}))
    run("headroom.yml", inv, "-e", "headroom_hosts=all", "--limit", "localhost,dockyard-test-no-python")
    report = json.loads((report_dir / "headroom.json").read_text())
    assert sorted(row["host"] for row in report["rows"]) == ["dockyard-test-no-python", "localhost"], report["rows"]
    assert "dockyard-test-no-python" in report["summary"]["failed"], report["summary"]
    run("headroom.yml", inv, "-e", "headroom_hosts=all")
    report = json.loads((report_dir / "headroom.json").read_text())
    assert sorted(row["host"] for row in report["rows"]) == [
        "dockyard-test-left-out", "dockyard-test-no-python", "localhost"], report["rows"]


def test_site_stops_before_the_cache_would_lock_out_docker_hosts_outside_the_run(tmp_path):
    """site.yml --limit with the apt cache in the run and a Docker host outside it: the cache's clients are not
    rewritten without that host's network; the error names it and says what to do."""
    (tmp_path / "hosts.yml").write_text(yaml.safe_dump({"all": {"children": {
        "apt_cache": {"hosts": {"localhost": {"ansible_connection": "local",
                                              "ansible_python_interpreter": sys.executable}}},
        "docker_hosts": {"hosts": {"dockyard-test-outside": {"ansible_connection": "local"}}}}}}))
    result = run("site.yml", tmp_path, "--limit", "localhost")
    assert result.returncode == 2, result.stdout[-3000:] + result.stderr
    tasks = [task for play in json.loads(result.stdout)["plays"] for task in play["tasks"]]
    stop = [task["hosts"]["localhost"] for task in tasks
            if task["task"]["name"] == "Stop when the cache cannot name every Docker host's network"][0]
    assert stop.get("failed") and "dockyard-test-outside" in stop["msg"] and "site_apt_cache_clients" in stop["msg"], stop
    assert not [task for task in tasks if task["task"]["name"] == "Serve the Docker hosts' networks"], tasks
