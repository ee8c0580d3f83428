# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The daemon_json_merged filter is thin: it runs the daemon_json module's own merge, and turns errors into
AnsibleFilterError."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.dockyard.docker_host.plugins.filter import daemon_json_merged

LOGS = {"log-driver": "json-file", "log-opts": {"max-size": "10m"}}


def test_the_file_exports_its_filter():
    assert list(daemon_json_merged.FilterModule().filters()) == ["daemon_json_merged"]


def test_merge_removes_null_keys_replaces_lists_and_adds_defaults_as_a_group():
    current = {"live-restore": True, "labels": ["a"], "log-opts": {"max-file": "3"}}
    merged = daemon_json_merged.daemon_json_merged(current, {"live-restore": None, "labels": ["b"]}, defaults=LOGS)
    assert merged == {"labels": ["b"], "log-opts": {"max-file": "3"}}
    assert daemon_json_merged.daemon_json_merged({}, {"debug": True}, defaults=LOGS) == dict(LOGS, debug=True)
    assert current == {"live-restore": True, "labels": ["a"], "log-opts": {"max-file": "3"}}


def test_an_unchanged_file_merges_to_itself():
    current = dict(LOGS, **{"live-restore": True, "default-address-pools": [{"base": "172.30.0.0/16", "size": 24}]})
    wanted = {"live-restore": True, "default-address-pools": [{"base": "172.30.0.0/16", "size": 24}]}
    assert daemon_json_merged.daemon_json_merged(current, wanted, defaults=LOGS) == current


def test_replace_keeps_only_what_is_given():
    assert daemon_json_merged.daemon_json_merged({"debug": True}, {"live-restore": True}, mode="replace") == {
        "live-restore": True}


@pytest.mark.parametrize("args, message", [
    (("x", {}), "daemon_json_merged: the host's daemon.json must be a mapping"),
    (({}, []), "daemon_json_merged: config must be a mapping"),
    (({}, {}, "append"), "daemon_json_merged: mode 'append' must be merge or replace"),
])
def test_bad_input_names_the_filter(args, message):
    with pytest.raises(AnsibleFilterError, match=message):
        daemon_json_merged.daemon_json_merged(*args)
