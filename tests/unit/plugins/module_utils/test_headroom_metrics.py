# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dockyard.docker_host.plugins.module_utils.headroom_metrics import exposition, label_value

RESULT = {
    "pools": [{"base": "10.0.0.0/16", "size": 24, "total": 256, "used": 3, "blocked": 1, "free": 252},
              {"base": "fd00::/48", "size": 64, "total": 65536, "used": 0, "blocked": 0, "free": 65536}],
    "free_ipv4": 252,
    "networks": [{"creator": "docker"}, {"creator": "compose:shop"}, {"creator": "compose:blog"},
                 {"creator": "pack"}],
    "stale": [{"name": "pack.local-network-1"}],
    "engine_version": "26.1.5",
}


def samples(text):
    return [line for line in text.splitlines() if not line.startswith("#")]


def test_every_pool_and_figure_is_a_sample():
    lines = samples(exposition(RESULT, 8, 5, 1795435800.123456, "0.1.0"))
    assert 'dockyard_pool_subnets_free{base="10.0.0.0/16",size="24"} 252' in lines
    assert 'dockyard_pool_subnets_total{base="fd00::/48",size="64"} 65536' in lines
    assert 'dockyard_pool_subnets_used{base="10.0.0.0/16",size="24"} 3' in lines
    assert 'dockyard_pool_subnets_blocked{base="10.0.0.0/16",size="24"} 1' in lines
    assert "dockyard_headroom_ok 1" in lines and "dockyard_headroom_min_free 8" in lines
    assert "dockyard_networks_stale 1" in lines and "dockyard_networks_pruned_total 5" in lines
    assert 'dockyard_networks{creator="compose"} 2' in lines
    assert "dockyard_headroom_last_run_timestamp_seconds 1795435800.123" in lines
    assert 'dockyard_headroom_info{version="0.1.0",engine="26.1.5"} 1' in lines


def test_below_min_free_is_not_ok():
    assert "dockyard_headroom_ok 0" in samples(exposition(RESULT, 253, 0, 0, "0.1.0"))


def test_each_metric_has_help_and_type_once():
    text = exposition(RESULT, 8, 0, 0, "0.1.0")
    types = [line.split()[2] for line in text.splitlines() if line.startswith("# TYPE")]
    assert len(types) == len(set(types)) == 12
    assert "# TYPE dockyard_networks_pruned_total counter" in text


def test_label_values_are_escaped():
    assert label_value('a"b\\c\nd') == 'a\\"b\\\\c\\nd'


def test_engines_share_one_help_and_type_and_a_users_samples_carry_the_user():
    from ansible_collections.dockyard.docker_host.plugins.module_utils.headroom_metrics import engines_exposition
    users = dict(RESULT, free_ipv4=7, engine_version="20.10.24")
    text = engines_exposition([("", RESULT, 5), ("alice", users, 2)], 8, 0, "0.1.0")
    lines = samples(text)
    assert text.count("# TYPE dockyard_headroom_free_ipv4_subnets gauge\n") == 1
    assert "dockyard_headroom_free_ipv4_subnets 252" in lines
    assert 'dockyard_headroom_free_ipv4_subnets{user="alice"} 7' in lines
    assert 'dockyard_headroom_ok{user="alice"} 0' in lines
    assert 'dockyard_pool_subnets_free{user="alice",base="10.0.0.0/16",size="24"} 252' in lines
    assert 'dockyard_networks_pruned_total{user="alice"} 2' in lines
    assert 'dockyard_headroom_info{user="alice",version="0.1.0",engine="20.10.24"} 1' in lines
    assert engines_exposition([("", RESULT, 5)], 8, 0, "0.1.0") == exposition(RESULT, 8, 5, 0, "0.1.0")
