# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CI's record of a failed leg (tests/tools/failed_tasks.awk) on a real ansible-playbook run: the failure that ended
each failed host, with Ansible's summary and origin; not the failures Ansible went on from or rescued."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLAYBOOK = """
- hosts: h1,h2
  gather_facts: false
  connection: local
  tasks:
    - ansible.builtin.fail: {msg: ignored one}
      ignore_errors: true
    - block:
        - ansible.builtin.fail: {msg: rescued one}
      rescue:
        - ansible.builtin.debug: {msg: rescued}
    - ansible.builtin.command: "false"
      loop: [1, 2]
      when: inventory_hostname == 'h2'
    - ansible.builtin.fail: {msg: the real one}
      when: inventory_hostname == 'h1'
"""


def test_the_record_holds_the_failure_that_ended_each_failed_host(tmp_path):
    (tmp_path / "play.yml").write_text(PLAYBOOK)
    env = dict(os.environ, ANSIBLE_STDOUT_CALLBACK="ansible.builtin.default", ANSIBLE_CALLBACK_RESULT_FORMAT="yaml",
               ANSIBLE_NOCOLOR="1")
    run = subprocess.run([os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", "h1,h2,",
                          str(tmp_path / "play.yml"), "-e", "ansible_python_interpreter=" + sys.executable],
                         env=env, capture_output=True, text=True, timeout=300, check=False, cwd=str(tmp_path))
    assert run.returncode == 2, run.stdout + run.stderr
    record = subprocess.run(["awk", "-f", os.path.join(REPO, "tests", "tools", "failed_tasks.awk")],
                            input=run.stdout, capture_output=True, text=True, check=True).stdout
    blocks = [block.strip() for block in record.split("--\n") if block.strip()]
    assert len(blocks) == 2, record
    real = next(block for block in blocks if "fatal: [h1]" in block)
    assert "the real one" in real and "Origin: " + str(tmp_path / "play.yml") in real
    assert any(block.startswith("failed: [h2] (item=2)") for block in blocks), record
    assert "ignored one" not in record and "rescued one" not in record
