# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The apt_proxy role's build proxy switch, against a real listening socket and a closed port."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import importlib.machinery
import importlib.util
import json
import os
import socket
import stat

import pytest

SCRIPT = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))),
                      "roles", "apt_proxy", "files", "build-proxy-switch")


def load_script():
    loader = importlib.machinery.SourceFileLoader("build_proxy_switch", SCRIPT)
    spec = importlib.util.spec_from_loader("build_proxy_switch", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


@pytest.fixture
def switch(tmp_path, monkeypatch):
    module = load_script()
    monkeypatch.setattr(module, "SETTINGS", str(tmp_path / "build-proxy.json"))
    return module


@pytest.fixture
def live_port():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(4)
    yield server.getsockname()[1]
    server.close()


def closed_port():
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return port


def settings(tmp_path, caches, configs):
    (tmp_path / "build-proxy.json").write_text(json.dumps(
        {"caches": caches, "no_proxy": "localhost,127.0.0.0/8", "configs": configs, "timeout": 1}))


def test_the_first_live_cache_is_set_keeping_other_keys_and_mode(switch, tmp_path, live_port, capsys):
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"auths": {"registry": {"auth": "c2VjcmV0"}}}))
    os.chmod(str(config), 0o640)
    dead, live = "http://127.0.0.1:%d/" % closed_port(), "http://127.0.0.1:%d/" % live_port
    settings(tmp_path, [dead, live], [str(config)])
    assert switch.main([]) == 0
    written = json.loads(config.read_text())
    assert written["auths"] == {"registry": {"auth": "c2VjcmV0"}}
    assert written["proxies"]["default"] == {"httpProxy": live.rstrip("/"), "noProxy": "localhost,127.0.0.0/8"}
    assert stat.S_IMODE(os.stat(str(config)).st_mode) == 0o640
    assert "c2VjcmV0" not in capsys.readouterr().out
    assert switch.main([]) == 0 and capsys.readouterr().out == ""


def test_every_cache_down_removes_the_proxy_and_check_mode_writes_nothing(switch, tmp_path):
    config = tmp_path / "config.json"
    before = {"proxies": {"default": {"httpProxy": "http://cache:3142", "noProxy": "localhost"}}, "detachKeys": "x"}
    config.write_text(json.dumps(before))
    settings(tmp_path, ["http://127.0.0.1:%d" % closed_port()], [str(config)])
    assert switch.main(["--check"]) == 0
    assert json.loads(config.read_text()) == before
    assert switch.main([]) == 0
    assert json.loads(config.read_text()) == {"detachKeys": "x"}


def test_a_missing_config_is_created_0600_and_a_broken_one_left_alone(switch, tmp_path, live_port, capsys):
    new = tmp_path / "new" / "config.json"
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    settings(tmp_path, ["http://127.0.0.1:%d" % live_port], [str(new), str(broken)])
    assert switch.main([]) == 0
    assert stat.S_IMODE(os.stat(str(new)).st_mode) == 0o600
    assert broken.read_text() == "{not json"
    assert "is not JSON" in capsys.readouterr().out
