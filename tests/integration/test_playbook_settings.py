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
    return run_play(os.path.join(REPO, "playbooks", playbook), inventory_dir, *extra)


def run_play(path, inventory_dir, *extra):
    env = dict(os.environ, ANSIBLE_STDOUT_CALLBACK="ansible.builtin.json", ANSIBLE_LOCALHOST_WARNING="0")
    command = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", str(inventory_dir),
               str(path)] + list(extra)
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=1800, check=False)


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
    # It fails at the gate, the last task, after both reports are written.
    assert (report_dir / "headroom.html").exists()
    assert result.returncode == 2


HTML_PLAY = """
- hosts: localhost
  gather_facts: false
  vars:
    __headroom: >-
      {{ {'ci-1': {'total': 64, 'free': 2, 'free_ipv4': 2, 'percent_used': 96.9, 'engine_version': '26.1.5',
                   'pools': [{'base': '10.200.0.0/18', 'size': 24, 'free': 2, 'total': 64}]},
          'web-1': {'total': 64, 'free': 60, 'free_ipv4': 60, 'percent_used': 6.2, 'engine_version': '26.1.5',
                    'pools': [{'base': '10.200.64.0/18', 'size': 24, 'free': 60, 'total': 64}]}}
         | dockyard.docker_host.headroom_report(min_free_subnets=32, now=1796600000) }}
  tasks:
    - ansible.builtin.template:
        src: %s
        dest: "{{ dest }}"
        mode: "0644"
"""


def test_the_html_report_names_the_hosts_below_the_least_free_subnets(tmp_path):
    (tmp_path / "play.yml").write_text(HTML_PLAY % os.path.join(REPO, "playbooks", "templates", "headroom.html.j2"))
    inventory(tmp_path, {})
    result = run_play(tmp_path / "play.yml", tmp_path, "-e", "dest=%s" % (tmp_path / "headroom.html"))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    html = (tmp_path / "headroom.html").read_text()
    assert "Below 32 free IPv4 subnets: ci-1." in html
    assert "2 of 2 hosts counted at 2026-12-06 " in html


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


def test_headroom_history_kept_on_a_host_outlives_the_controller(tmp_path):
    """With site_pool_record_host, the trend's history lives on that host, in one file of the newest
    headroom_history_keep entries; each run's controller directory may be new, as an EE's is."""
    history = tmp_path / "keeper" / "state" / "headroom-history.jsonl"
    reports = []
    for number in range(3):
        inv = tmp_path / ("controller-%d" % number)
        inv.mkdir()
        inventory(inv, {"headroom_report_dir": str(inv / "report"), "site_pool_record_host": "keeper",
                        "headroom_history_path": str(history), "headroom_history_keep": 2})
        (inv / "keeper.yml").write_text(yaml.safe_dump({"all": {"hosts": {"keeper": {
            "ansible_connection": "local", "ansible_python_interpreter": sys.executable}}}}))
        run("headroom.yml", inv, "-e", "headroom_hosts=localhost")
        reports.append(json.loads((inv / "report" / "headroom.json").read_text()))
        assert not (inv / "report" / "history").exists()
    entries = [json.loads(line) for line in history.read_text().splitlines()]
    assert entries == [report["trend_entry"] for report in reports[1:]]
    assert [row["host"] for row in entries[-1]["rows"]] == ["localhost"]
    assert oct(history.stat().st_mode & 0o777) == "0o600"


def test_a_headroom_history_host_outside_the_inventory_is_refused(tmp_path):
    inv = inventory(tmp_path, {"headroom_report_dir": str(tmp_path / "report"), "headroom_history_host": "nowhere"})
    result = run("headroom.yml", inv, "-e", "headroom_hosts=localhost")
    assert result.returncode == 2, result.stdout[-3000:] + result.stderr
    tasks = [task for play in json.loads(result.stdout)["plays"] for task in play["tasks"]]
    stop = [task["hosts"]["localhost"] for task in tasks
            if task["task"]["name"] == "Stop when the history host is not a host of the inventory"][0]
    assert 'headroom_history_host "nowhere" is not a host of the inventory' in stop["msg"]
    assert not (tmp_path / "report").exists()


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
