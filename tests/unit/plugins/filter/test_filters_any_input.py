# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every filter, fed arbitrary JSON-like input: a result or an AnsibleFilterError, never another exception."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

import pytest
from ansible.errors import AnsibleFilterError
from hypothesis import given, settings, strategies as st

from ansible_collections.dockyard.docker_host.plugins.filter.apt_pins import apt_pins
from ansible_collections.dockyard.docker_host.plugins.filter.daemon_json_merged import daemon_json_merged
from ansible_collections.dockyard.docker_host.plugins.filter.docker_user_rules import docker_user_rules
from ansible_collections.dockyard.docker_host.plugins.filter.engine_advisories import engine_advisories
from ansible_collections.dockyard.docker_host.plugins.filter.engine_rollback import engine_rollback
from ansible_collections.dockyard.docker_host.plugins.filter.engine_target import engine_target
from ansible_collections.dockyard.docker_host.plugins.filter.fleet_address_pools import fleet_address_pools
from ansible_collections.dockyard.docker_host.plugins.filter.headroom_report import headroom_report
from ansible_collections.dockyard.docker_host.plugins.filter.normalized_networks import normalized_networks
from ansible_collections.dockyard.docker_host.plugins.filter.pool_capacity import pool_capacity
from ansible_collections.dockyard.docker_host.plugins.filter.reserved_networks import reserved_networks
from ansible_collections.dockyard.docker_host.plugins.filter.safe_address_pools import safe_address_pools
from ansible_collections.dockyard.docker_host.plugins.filter.setting_problems import setting_problems
from ansible_collections.dockyard.docker_host.plugins.filter.tls_certificate_problems import tls_certificate_problems
from ansible_collections.dockyard.docker_host.plugins.filter.tls_client_names import tls_client_names
from ansible_collections.dockyard.docker_host.plugins.filter.tls_subject_alt_names import tls_subject_alt_names
from ansible_collections.dockyard.docker_host.plugins.filter.validate_address_pools import validate_address_pools

# Strings that look like what the filters take, so that input gets past the first checks.
NEARLY = st.sampled_from([
    "10.0.0.0/8", "172.30.0.0/16", "fd00::/48", "fd00::%eth0/48", "10.0.0.1/8", "0.0.0.0/0", "127.1",
    "20.10.24", "5:28.5.2-1~debian.12", "26.1.5+dfsg1", "h1", "base", "size", "24", "-1", "eth0", "",
])
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(min_value=-2 ** 70, max_value=2 ** 70),
                    st.floats(allow_nan=True), st.text(max_size=12), NEARLY)
JSONISH = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.one_of(NEARLY, st.text(max_size=6)), inner, max_size=4)),
    max_leaves=12)
POOLISH = st.lists(st.fixed_dictionaries({"base": st.one_of(NEARLY, JSONISH), "size": st.one_of(SCALARS, JSONISH)}),
                   max_size=3)

PYTHON_WORDS = re.compile(r"_Ansible|NoneType|object has no attribute|object is not|is not subscriptable|"
                          r"\b(TypeError|KeyError|AttributeError|IndexError|RecursionError)\b|<class ")

CALLS = {
    "apt_pins": lambda d: apt_pins(
        d(st.one_of(JSONISH, st.lists(st.dictionaries(st.sampled_from(["path", "packages", "comment"]),
                                                      st.one_of(NEARLY, JSONISH)), max_size=3))),
        d(st.one_of(JSONISH, st.dictionaries(NEARLY, JSONISH, max_size=3))),
        present=d(st.one_of(st.none(), JSONISH, st.dictionaries(NEARLY, NEARLY, max_size=3)))),
    "pool_capacity": lambda d: pool_capacity(d(st.one_of(POOLISH, JSONISH)), used=d(JSONISH), reserved=d(JSONISH)),
    "validate_address_pools": lambda d: validate_address_pools(
        d(st.one_of(POOLISH, JSONISH)), engine_version=d(JSONISH), reserved=d(JSONISH), used=d(JSONISH),
        min_free_subnets=d(SCALARS), allow_public=d(st.booleans()), default_bridge=d(st.booleans())),
    "safe_address_pools": lambda d: safe_address_pools(
        d(JSONISH), subnets=d(SCALARS), size=d(SCALARS), candidates=d(JSONISH), ipv6=d(st.booleans()),
        ipv6_size=d(SCALARS), seed=d(SCALARS)),
    "fleet_address_pools": lambda d: fleet_address_pools(
        d(JSONISH), d(SCALARS), d(SCALARS), size=d(SCALARS), existing=d(st.one_of(
            JSONISH, st.dictionaries(NEARLY, st.one_of(POOLISH, JSONISH), max_size=3)))),
    "reserved_networks": lambda d: reserved_networks(d(JSONISH), routes=d(JSONISH), extra=d(JSONISH)),
    "engine_advisories": lambda d: engine_advisories(d(JSONISH), d(SCALARS), host=d(JSONISH)),
    "engine_rollback": lambda d: engine_rollback(d(st.one_of(JSONISH, st.dictionaries(NEARLY, JSONISH, max_size=3))),
                                                 d(st.one_of(JSONISH, st.dictionaries(NEARLY, JSONISH, max_size=3)))),
    "engine_target": lambda d: engine_target(d(st.one_of(JSONISH, st.lists(st.text(max_size=30), max_size=4))),
                                             pattern=d(SCALARS), installed=d(SCALARS), upgrade=d(st.booleans())),
    "setting_problems": lambda d: setting_problems(d(st.one_of(JSONISH, st.dictionaries(NEARLY, st.lists(
        st.one_of(st.sampled_from(["host_names", "cache_urls", "client_networks", "whole_number", "apt_url"]), JSONISH),
        max_size=4), max_size=3)))),
    "normalized_networks": lambda d: normalized_networks(
        d(st.one_of(JSONISH, st.lists(st.one_of(NEARLY, st.dictionaries(st.sampled_from(["address", "netmask"]), NEARLY)),
                                      max_size=4))), form=d(st.one_of(st.sampled_from(["cidr", "tcp_wrappers"]), SCALARS))),
    "daemon_json_merged": lambda d: daemon_json_merged(
        d(st.one_of(JSONISH, st.dictionaries(NEARLY, JSONISH, max_size=3))),
        d(st.one_of(JSONISH, st.dictionaries(NEARLY, JSONISH, max_size=3))),
        mode=d(st.one_of(st.sampled_from(["merge", "replace"]), SCALARS)), defaults=d(st.one_of(JSONISH, st.none()))),
    "docker_user_rules": lambda d: docker_user_rules(
        d(st.one_of(JSONISH, st.lists(NEARLY, max_size=3))),
        ports=d(st.one_of(JSONISH, st.lists(st.dictionaries(st.sampled_from(["port", "protocol", "allowed"]),
                                                            st.one_of(NEARLY, SCALARS, st.lists(NEARLY, max_size=2))),
                                            max_size=3))),
        container_interfaces=d(st.one_of(JSONISH, st.lists(NEARLY, min_size=1, max_size=3)))),
    "headroom_report": lambda d: headroom_report(
        d(st.one_of(JSONISH, st.dictionaries(NEARLY, JSONISH, max_size=3))), min_free_subnets=d(SCALARS)),
    "tls_subject_alt_names": lambda d: tls_subject_alt_names(d(st.one_of(JSONISH, st.lists(NEARLY, max_size=3))),
                                                             derived=d(st.one_of(JSONISH, st.lists(NEARLY, max_size=3)))),
    "tls_client_names": lambda d: tls_client_names(d(st.one_of(JSONISH, st.lists(NEARLY, max_size=3)))),
    "tls_certificate_problems": lambda d: tls_certificate_problems(
        d(st.one_of(JSONISH, st.just("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"))),
        private_key=d(SCALARS), ca_certificate=d(SCALARS), passphrase=d(SCALARS), renew_days=d(SCALARS)),
}


@pytest.mark.parametrize("name", sorted(CALLS))
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_any_input_gives_a_result_or_a_filter_error(name, data):
    try:
        CALLS[name](data.draw)
    except AnsibleFilterError as error:
        assert str(error).startswith(name + ":") or name in str(error)
        # The value and the rule, never Python's own words for what went wrong inside.
        assert not PYTHON_WORDS.search(str(error)), str(error)


@pytest.mark.parametrize("call, message", [
    (lambda: fleet_address_pools(["h1"], "10.200.0.0/16", 20, existing={"h1": []}), None),
    (lambda: engine_advisories([], "20.10.24", host={"daemon_json": [1]}),
     "engine_advisories: host daemon_json must be daemon.json's parsed object, not a JSON list"),
    (lambda: headroom_report({"h1": {"total": 256, "free": None}}),
     "headroom_report: host h1: pool_headroom result field free is None, expected a whole number"),
    (lambda: headroom_report({"h1": "x"}), "headroom_report: host h1: result 'x' is not a pool_headroom result"),
    (lambda: headroom_report({"h1": {}}, min_free_subnets="x"),
     "headroom_report: min_free_subnets 'x' is not a whole number"),
    (lambda: pool_capacity("172.30.0.0/16"), "pool_capacity: pools must be a list"),
    (lambda: safe_address_pools([], subnets="256", size="24"), None),
    (lambda: fleet_address_pools(["h1"], "10.200.0.0/16", "20", size="24"), None),
])
def test_inputs_that_used_to_raise(call, message):
    if message is None:
        assert call()
    else:
        with pytest.raises(AnsibleFilterError, match=message):
            call()
