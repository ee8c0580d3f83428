# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""record_file, run as Ansible runs it. The fleet_pools action's use of it on a record host is covered by
tests/integration/test_fleet_pools_playbook.py, the headroom history's by tests/ee/ee_test.py."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib

from unit.plugins.modules.module_runner import run_module


def sha256(text):
    return hashlib.sha256(text.encode()).hexdigest()


def test_read_replace_and_a_stale_replace(tmp_path):
    path = str(tmp_path / "state" / "record.yml")
    missing = run_module("record_file", tmp_path, path=path)
    assert missing == dict(missing, changed=False, content="", exists=False, sha256="")
    written = run_module("record_file", tmp_path, path=path, state="replaced", content="one\n", expected_sha256="")
    assert written["changed"] and written["sha256"] == sha256("one\n")
    same = run_module("record_file", tmp_path, path=path, state="replaced", content="one\n",
                      expected_sha256=sha256("one\n"))
    assert not same["changed"]
    stale = run_module("record_file", tmp_path, path=path, state="replaced", content="two\n", expected_sha256="")
    assert stale["failed"] and stale["changed_since_read"]
    assert stale["msg"] == "%s changed since it was read (another run wrote it)" % path
    assert run_module("record_file", tmp_path, path=path)["content"] == "one\n"


def test_check_mode_reports_and_writes_nothing(tmp_path):
    path = str(tmp_path / "record.yml")
    replaced = run_module("record_file", tmp_path, check_mode=True, path=path, state="replaced", content="one\n",
                          expected_sha256="")
    appended = run_module("record_file", tmp_path, check_mode=True, path=path, state="appended", content="line")
    assert replaced["changed"] and appended["changed"] and appended["content"] == "line\n"
    assert not (tmp_path / "record.yml").exists()


def test_appended_keeps_the_newest_lines(tmp_path):
    path = str(tmp_path / "history.jsonl")
    for number in range(3):
        result = run_module("record_file", tmp_path, path=path, state="appended", content=str(number), keep=2)
    assert result["content"] == "1\n2\n" and result["sha256"] == sha256("1\n2\n")


def test_bad_requests_fail_with_the_rule_and_write_nothing(tmp_path):
    path = str(tmp_path / "record.yml")
    cases = [
        (dict(state="replaced", content="x"), "state is replaced but all of the following are missing: expected_sha256"),
        (dict(state="appended"), "state is appended but all of the following are missing: content"),
        (dict(state="appended", content="a\nb"), "a line appended to %s must not hold a line break" % path),
        (dict(state="appended", content="a", keep=0), "keep must be at least 1 to append to %s, not 0" % path),
    ]
    for params, message in cases:
        result = run_module("record_file", tmp_path, path=path, **params)
        assert result["failed"] and result["msg"] == message, result
    assert not (tmp_path / "record.yml").exists()
