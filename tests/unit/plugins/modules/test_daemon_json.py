# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""daemon_json run as Ansible runs it, on files in a temporary directory.

dockerd's own verdict (validate) on real engines is covered by tests/differential and tests/integration.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import stat

from unit.plugins.modules.module_runner import run_module


def write(tmp_path, **params):
    return run_module("daemon_json", tmp_path, path=str(tmp_path / "daemon.json"), validate=False, **params)


def test_merge_keeps_keys_set_by_others_and_writes_the_mode(tmp_path):
    (tmp_path / "daemon.json").write_text('{"debug": true}')
    result = write(tmp_path, config={"live-restore": True}, engine_version="26.1.5")
    assert result["changed"] and not result.get("failed"), result
    assert json.loads((tmp_path / "daemon.json").read_text()) == {"debug": True, "live-restore": True}
    assert stat.S_IMODE((tmp_path / "daemon.json").stat().st_mode) == 0o644
    again = write(tmp_path, config={"live-restore": True}, engine_version="26.1.5")
    assert not again["changed"], again


def test_check_mode_writes_nothing(tmp_path):
    result = run_module("daemon_json", tmp_path, check_mode=True, path=str(tmp_path / "daemon.json"),
                        validate=False, config={"debug": True}, engine_version="26.1.5")
    assert result["changed"] and not (tmp_path / "daemon.json").exists(), result


def test_a_bad_value_is_refused_naming_the_key_and_nothing_is_written(tmp_path):
    result = write(tmp_path, config={"log-level": "loud"}, engine_version="26.1.5")
    assert result.get("failed") and "log-level" in result["msg"], result
    assert not (tmp_path / "daemon.json").exists()


def test_a_control_character_is_refused_before_any_file_is_written(tmp_path):
    result = write(tmp_path, config={"labels": ["a\nb"]}, engine_version="26.1.5")
    assert result.get("failed") and "control character" in result["msg"], result
    assert not (tmp_path / "daemon.json").exists()


def test_an_unauthenticated_tcp_socket_is_refused(tmp_path):
    result = write(tmp_path, config={"hosts": ["tcp://0.0.0.0:2375"]}, engine_version="26.1.5")
    assert result.get("failed") and "tcp://0.0.0.0:2375" in result["msg"], result
