# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dockyard.docker_host.plugins.module_utils.headroom_run import (
    Refused,
    check_params,
    count,
    read_daemon_json,
    shortage,
)

PARAMS = {"min_free_subnets": 0, "timeout": 30, "max_answer_bytes": 65536, "stale_after": "6h", "stale_patterns": ["^pack"]}


def test_check_params_parses_the_age_and_the_patterns():
    age, patterns = check_params(PARAMS)
    assert age == 6 * 3600 and len(patterns) == 1


@pytest.mark.parametrize("name, value, message", [
    ("min_free_subnets", -1, "min_free_subnets -1 is below 0"), ("timeout", 0, "timeout 0 is below 1"),
    ("max_answer_bytes", 10, "max_answer_bytes 10 is below 1024"),
])
def test_check_params_refuses_values_below_their_floor(name, value, message):
    with pytest.raises(Refused, match=message):
        check_params(dict(PARAMS, **{name: value}))


def test_shortage_says_why_only_below_min_free_subnets():
    result = {"free_ipv4": 3, "pools": [{"base": "10.0.0.0/22", "size": 24, "free": 3}]}
    assert shortage(result, 3) == ""
    assert shortage(result, 8).startswith("only 3 IPv4 subnets are free in the pools (10.0.0.0/22 size 24: 3 free)")


def test_read_daemon_json_reads_a_missing_file_as_empty(tmp_path):
    assert read_daemon_json(str(tmp_path / "absent.json")) in ({}, None)
    (tmp_path / "daemon.json").write_text('{"debug": true}')
    assert read_daemon_json(str(tmp_path / "daemon.json")) == {"debug": True}


def test_a_users_engine_that_does_not_run_or_a_bad_user_is_refused():
    import pwd
    uid = pwd.getpwnam("daemon").pw_uid
    with pytest.raises(Refused, match=r"the rootless engine of daemon does not run: /run/user/%d/docker.pid names no "
                                      r"running dockerd" % uid):
        count({"user": "daemon"})
    with pytest.raises(Refused, match="user dockyard-nobody-here does not exist on this host"):
        count({"user": "dockyard-nobody-here"})
