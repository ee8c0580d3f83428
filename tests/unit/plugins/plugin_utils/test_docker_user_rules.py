# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dockyard.docker_host.plugins.plugin_utils.docker_user_rules import docker_user_rules


def rules(text):
    lines = text.splitlines()
    assert lines[:2] == ["*filter", ":DOCKER-USER - [0:0]"] and lines[-1] == "COMMIT"
    return [line[len("-A DOCKER-USER "):] for line in lines[2:-1]]


def test_allowed_networks_then_ports_then_drops_into_container_interfaces():
    chains = docker_user_rules(["192.0.2.0/24", "2001:db8::/48"],
                               [{"port": 8080, "allowed": ["198.51.100.7", "198.51.100.0/24"]},
                                {"port": "5000-5009", "protocol": "udp", "allowed": ["2001:db8:1::/64"]}],
                               ["docker0", "br-+"])
    assert rules(chains["ipv4"]) == [
        "-m conntrack --ctstate RELATED,ESTABLISHED -j RETURN",
        "-i docker0 -j RETURN",
        "-i br-+ -j RETURN",
        "-s 192.0.2.0/24 -j RETURN",
        "-s 198.51.100.7/32 -p tcp -m conntrack --ctorigdstport 8080 --ctdir ORIGINAL -j RETURN",
        "-s 198.51.100.0/24 -p tcp -m conntrack --ctorigdstport 8080 --ctdir ORIGINAL -j RETURN",
        "-o docker0 -j DROP",
        "-o br-+ -j DROP",
        "-j RETURN",
    ]
    assert rules(chains["ipv6"])[3:5] == [
        "-s 2001:db8::/48 -j RETURN",
        "-s 2001:db8:1::/64 -p udp -m conntrack --ctorigdstport 5000:5009 --ctdir ORIGINAL -j RETURN",
    ]


def test_an_empty_allow_list_lets_no_one_from_outside_in_and_containers_out():
    assert rules(docker_user_rules([])["ipv4"]) == [
        "-m conntrack --ctstate RELATED,ESTABLISHED -j RETURN",
        "-i docker0 -j RETURN", "-i br-+ -j RETURN", "-i docker_gwbridge -j RETURN",
        "-o docker0 -j DROP", "-o br-+ -j DROP", "-o docker_gwbridge -j DROP",
        "-j RETURN",
    ]


def nft_rules(text):
    lines = text.splitlines()
    assert lines[:5] == ["table inet dockyard_docker_firewall", "delete table inet dockyard_docker_firewall",
                         "table inet dockyard_docker_firewall {", "\tchain forward {",
                         "\t\ttype filter hook forward priority filter - 1; policy accept;"]
    assert lines[-2:] == ["\t}", "}"]
    return [line.strip() for line in lines[5:-2]]


def test_the_nftables_table_holds_the_same_allow_list_for_both_families():
    table = docker_user_rules(["192.0.2.0/24", "2001:db8::/48"],
                              [{"port": 8080, "allowed": ["198.51.100.7"]},
                               {"port": "5000-5009", "protocol": "udp", "allowed": ["2001:db8:1::/64"]}],
                              ["docker0", "br-+"])["nftables"]
    assert nft_rules(table) == [
        "ct state established,related accept",
        'iifname "docker0" accept',
        'iifname "br-*" accept',
        "ip saddr 192.0.2.0/24 accept",
        "ip6 saddr 2001:db8::/48 accept",
        "ip saddr 198.51.100.7/32 meta l4proto tcp ct original proto-dst 8080 accept",
        "ip6 saddr 2001:db8:1::/64 meta l4proto udp ct original proto-dst 5000-5009 accept",
        'oifname "docker0" drop',
        'oifname "br-*" drop',
    ]


def test_a_network_given_twice_is_written_once():
    assert rules(docker_user_rules(["10.1.0.0/16", "10.1.0.0/16"])["ipv4"]).count("-s 10.1.0.0/16 -j RETURN") == 1


@pytest.mark.parametrize("allowed, ports, interfaces, message", [
    (["0.0.0.0/0"], [], ["docker0"], r"allowed: 0\.0\.0\.0/0 is the default route, which holds every address"),
    ([], [{"port": 80, "allowed": ["::/0"]}], ["docker0"], r"ports\[0\]\.allowed: ::/0 is the default route"),
    (["10.1.2.3/16"], [], ["docker0"], r"allowed: '10\.1\.2\.3/16' is not an IP network \(host bits must be zero\)"),
    (["office"], [], ["docker0"], r"allowed: 'office' is not an IP network"),
    ("10.0.0.0/8", [], ["docker0"], r"allowed must be a list of networks"),
    ([], [{"port": 0, "allowed": ["10.0.0.0/8"]}], ["docker0"], r"ports\[0\]: port 0 is out of range: ports run from 1"),
    ([], [{"port": 65536, "allowed": ["10.0.0.0/8"]}], ["docker0"], r"port 65536 is out of range"),
    ([], [{"port": "90-80", "allowed": ["10.0.0.0/8"]}], ["docker0"], r"port '90-80' is out of range"),
    ([], [{"port": "80;reboot", "allowed": ["10.0.0.0/8"]}], ["docker0"], r"port '80;reboot' is not a port number"),
    ([], [{"port": True, "allowed": ["10.0.0.0/8"]}], ["docker0"], r"port True is not a port number"),
    ([], [{"port": "\u00b2", "allowed": ["10.0.0.0/8"]}], ["docker0"], r"port '\u00b2' is not a port number"),
    ([], [{"port": 80, "protocol": "icmp", "allowed": ["10.0.0.0/8"]}], ["docker0"],
     r"protocol 'icmp' is not one of tcp, udp"),
    ([], [{"port": 80, "allowed": []}], ["docker0"], r"ports\[0\]\.allowed is empty: name the networks"),
    ([], [{"port": 80}], ["docker0"], r"ports\[0\] needs port and allowed"),
    ([], [{"port": 80, "allowed": ["10.0.0.0/8"], "source": "x"}], ["docker0"], r"source is not one of port"),
    ([], ["80"], ["docker0"], r"ports\[0\] must be a mapping"),
    ([], [], ["docker0 -j ACCEPT"], r"container interface 'docker0 -j ACCEPT' is not an interface name"),
    ([], [], ["eth\n0"], r"is not an interface name"),
    ([], [], ["docker0\n"], r"container interface 'docker0\\n' is not an interface name"),
    ([], [{"port": "80\n", "allowed": ["10.0.0.0/8"]}], ["docker0"], r"port '80\\n' is not a port number"),
    ([], [], ["a-sixteen-chars-x"], r"is not an interface name: 1 to 15"),
    ([], [], [], r"container_interfaces must be a non-empty list"),
])
def test_bad_input_is_refused_naming_the_value_and_the_rule(allowed, ports, interfaces, message):
    with pytest.raises(ValueError, match=message):
        docker_user_rules(allowed, ports, interfaces)
