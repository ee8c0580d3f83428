# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The filters run through real ansible-playbook, on this machine's gathered facts."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import subprocess
import sys

PLAYBOOKS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "playbooks")


def run_playbook(name, *extra):
    playbook = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")
    env = dict(os.environ, ANSIBLE_FORCE_COLOR="0", ANSIBLE_NOCOLOR="1", ANSIBLE_LOCALHOST_WARNING="0",
               ANSIBLE_INVENTORY_UNPARSED_WARNING="0")
    command = [playbook, "-i", "localhost,", "-c", "local", "-e", "ansible_python_interpreter=" + sys.executable,
               os.path.join(PLAYBOOKS, name)] + list(extra)
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=1800, check=False)


def test_filters_playbook_passes_every_assertion():
    result = run_playbook("filters.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "failed=0" in result.stdout
    assert "ok=" in result.stdout
    assert "pool 10.0.0.0/8 size 26 has 2^18 subnets" in result.stdout + result.stderr


def test_refused_pools_fail_the_play_and_write_nothing(tmp_path):
    target = tmp_path / "daemon.json"
    result = run_playbook("refusal_changes_nothing.yml", "-e", "output_path=%s" % target)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "validate_address_pools: IPv4 pools 172.30.0.0/24 size 24 hold 1 subnet(s) and the default bridge takes one" \
        in result.stdout + result.stderr
    assert not target.exists()


def test_daemon_json_module_on_a_real_file(tmp_path):
    result = run_playbook("daemon_json.yml", "-e", "work_dir=%s" % tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "failed=0" in result.stdout


def test_daemon_json_module_refuses_odd_paths_and_hung_commands(tmp_path):
    result = run_playbook("daemon_json_paths.yml", "-e", "work_dir=%s" % tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "failed=0" in result.stdout
    assert not (tmp_path / "etc" / "docker" / "daemon.json.d" / "daemon.json").exists()
    assert (tmp_path / "etc" / "docker" / "daemon.json").is_symlink()
