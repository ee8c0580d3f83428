# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fleet_pools action run by ansible-playbook on the controller: it writes the record under a lock, writes
nothing in check mode, and refuses bad input with the record untouched. The whole allocation playbook is covered
by tests/integration/test_fleet_pools_playbook.py."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import subprocess
import sys

import yaml

PLAY = """
- hosts: localhost
  connection: local
  gather_facts: false
  tasks:
    - dockyard.docker_host.fleet_pools:
        record: "{{ record }}"
        supernet: "{{ supernet }}"
        hosts: [web-01, web-02]
        inventory: [web-01, web-02]
        observed: {web-01: null, web-02: null}
      register: allocation
    - ansible.builtin.debug:
        msg: "RESULT {{ allocation | to_json }}"
"""


def run_play(tmp_path, supernet, *extra):
    (tmp_path / "play.yml").write_text(PLAY)
    done = subprocess.run(
        [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", "localhost,",
         "-e", json.dumps({"record": str(tmp_path / "record.yml"), "supernet": supernet}),
         str(tmp_path / "play.yml")] + list(extra),
        env=dict(os.environ, ANSIBLE_NOCOLOR="1", ANSIBLE_STDOUT_CALLBACK="default"),
        capture_output=True, text=True, timeout=300, check=False)
    assert "Traceback" not in done.stdout + done.stderr, done.stdout + done.stderr
    return done


def test_blocks_are_written_once_and_check_mode_writes_nothing(tmp_path):
    checked = run_play(tmp_path, "10.200.0.0/16", "--check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert not (tmp_path / "record.yml").exists()
    first = run_play(tmp_path, "10.200.0.0/16")
    assert first.returncode == 0, first.stdout + first.stderr
    record = (tmp_path / "record.yml").read_text()
    pools = [row["pools"] for row in yaml.safe_load(record)["hosts"].values()]
    assert sorted(pool["base"] for host_pools in pools for pool in host_pools) == ["10.200.0.0/20", "10.200.16.0/20"]
    assert run_play(tmp_path, "10.200.0.0/16").returncode == 0
    assert (tmp_path / "record.yml").read_text() == record


def test_a_bad_supernet_is_refused_and_no_record_written(tmp_path):
    done = run_play(tmp_path, "10.200.0.0/33")
    assert done.returncode != 0
    assert "10.200.0.0/33" in done.stdout + done.stderr
    assert not (tmp_path / "record.yml").exists()
