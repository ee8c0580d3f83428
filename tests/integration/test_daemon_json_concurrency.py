# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Many daemon_json runs at once on one file: every run's key survives."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import subprocess
import sys

from conftest import COLLECTIONS

WRITERS = 16


def test_concurrent_writers_lose_no_key(tmp_path):
    target = tmp_path / "docker" / "daemon.json"
    target.parent.mkdir()
    target.write_text('{"debug": true}\n')
    env = dict(os.environ, PYTHONPATH=COLLECTIONS)
    processes = []
    for index in range(WRITERS):
        args = tmp_path / ("args-%d.json" % index)
        args.write_text(json.dumps({"ANSIBLE_MODULE_ARGS": {
            "path": str(target), "engine_version": "20.10.24",
            "config": {"log-opts": {"writer-%02d" % index: "yes"}},
        }}))
        processes.append(subprocess.Popen(
            [sys.executable, "-m", "ansible_collections.dockyard.docker_host.plugins.modules.daemon_json", str(args)],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    results = []
    for process in processes:
        out, err = process.communicate(timeout=900)
        assert process.returncode == 0, out + err
        results.append(json.loads(out))
    assert all(result["changed"] for result in results)
    written = json.loads(target.read_text())
    assert sorted(written["log-opts"]) == ["writer-%02d" % index for index in range(WRITERS)]
    assert written["debug"] is True
    assert sorted(os.listdir(target.parent)) == ["daemon.json"]
