# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dockyard.docker_host.plugins.plugin_utils.network_forms import normalized_networks


def test_cidr_takes_host_bits_netmasks_and_addresses():
    assert normalized_networks(["10.1.2.3/255.255.255.0", "10.1.2.9/24", "192.0.2.7", "fd00::5/64", "fd00::1"]) == [
        "10.1.2.0/24", "192.0.2.7/32", "fd00::/64", "fd00::1/128"]


def test_addresses_as_facts_give_them():
    facts = [{"address": "10.1.2.3", "netmask": "255.255.255.0", "interface": "eth0"},
             {"address": "10.1.2.4", "netmask": "255.255.255.0"}]
    assert normalized_networks(facts) == ["10.1.2.0/24"]


def test_each_network_once_in_input_order():
    assert normalized_networks(["10.0.0.0/8", "172.16.0.0/12", "10.9.0.0/8"]) == ["10.0.0.0/8", "172.16.0.0/12"]


def test_tcp_wrappers_form():
    assert normalized_networks(["10.1.2.0/24", "10.9.9.9", "10.9.9.9/32", "fd00::1/64", "::1"], "tcp_wrappers") == [
        "10.1.2.0/255.255.255.0", "10.9.9.9", "[fd00::]/64", "[::1]/128"]


@pytest.mark.parametrize("values, message", [
    (["10.0.0.0/33"], "'10.0.0.0/33' is not an IP address or network"),
    (["eth0"], "'eth0' is not an IP address or network"),
    (["fe80::1%eth0/64"], "zone index"),
    ([24], "24 is not an IP address or network"),
    ("10.0.0.0/8", "is not a list of networks"),
    ([{"address": "10.0.0.1"}], "is not an address as facts give it"),
    ([{"address": "10.0.0.1", "netmask": "255.0.255.0"}], "is not an IP address or network"),
])
def test_bad_values_are_named(values, message):
    with pytest.raises(ValueError, match=message.replace("[", "\\[")):
        normalized_networks(values)


def test_unknown_form_is_refused():
    with pytest.raises(ValueError, match="form 'mask' is not one of cidr, tcp_wrappers"):
        normalized_networks(["10.0.0.0/8"], "mask")
