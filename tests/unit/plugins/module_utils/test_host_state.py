# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

import pytest

from ansible_collections.dockyard.docker_host.plugins.module_utils.host_state import (
    StateError,
    flag_conflicts,
    flags_as_keys,
    key_fingerprints,
    lists_age,
    parse_dpkg_status,
    parse_exec_start,
    parse_sources,
    redact_credentials,
    sources_for,
    firewall_of,
    swarm_of,
)

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "fixtures")

# Docker's install guide, one-line and deb822 layouts.
GUIDE_LIST = ("deb [arch=amd64 signed-by=/etc/apt/keyrings/docker.asc] https://download.docker.com/linux/debian "
              "bookworm stable\n")
GUIDE_SOURCES = """Types: deb
URIs: https://download.docker.com/linux/debian
Suites: bookworm
Components: stable
Signed-By: /etc/apt/keyrings/docker.asc
"""


def fixture(name):
    with open(os.path.join(FIXTURES, name), "rb") as handle:
        return handle.read()


def test_both_guide_layouts_are_found_with_their_key():
    entries = parse_sources({"/etc/apt/sources.list.d/docker.list": GUIDE_LIST,
                             "/etc/apt/sources.list.d/docker.sources": GUIDE_SOURCES,
                             "/etc/apt/sources.list": "deb http://deb.debian.org/debian bookworm main\n"})
    found = sources_for(entries, [])
    assert [(e["file"], e["format"], e["signed_by"], e["suites"]) for e in found] == [
        ("/etc/apt/sources.list.d/docker.list", "one-line", "/etc/apt/keyrings/docker.asc", ["bookworm"]),
        ("/etc/apt/sources.list.d/docker.sources", "deb822", "/etc/apt/keyrings/docker.asc", ["bookworm"]),
    ]


def test_a_mirror_counts_and_disabled_stanzas_do_not():
    entries = parse_sources({
        "/x/mirror.list": "deb [signed-by=/k.asc] http://mirror.example/docker/ bookworm stable # ours\n",
        "/x/off.sources": GUIDE_SOURCES + "Enabled: no\n",
        "/x/other.list": "deb http://mirror.example/dockerx bookworm main\n",
    })
    found = sources_for(entries, ["http://mirror.example/docker"])
    assert [e["file"] for e in found] == ["/x/mirror.list"]


def test_a_source_written_http_for_a_cache_is_the_same_repository():
    entries = parse_sources({
        "/x/dockyard-docker.list": "deb [signed-by=/k.asc] http://mirror.example/docker bookworm stable\n",
        "/x/guide.list": "deb [signed-by=/g.asc] https://mirror.example/docker bookworm stable\n",
        "/x/other.list": "deb https://elsewhere.example/docker bookworm stable\n",
    })
    found = sources_for(entries, ["https://mirror.example/docker"])
    assert [e["file"] for e in found] == ["/x/dockyard-docker.list", "/x/guide.list"]


def test_a_broken_line_is_reported_not_dropped():
    entries = parse_sources({"/x/bad.list": "deb\n"})
    assert entries[0]["problem"] == "not an apt source line"


@pytest.mark.parametrize("name, expected", [
    ("rsa-test-key.asc", "8C4AB3C7D024066CC6DFAE64FA738E2FBE93647D"),
    ("rsa-test-key.gpg", "8C4AB3C7D024066CC6DFAE64FA738E2FBE93647D"),
    ("ed25519-test-key.asc", "6A8FB02951E040A4CCC2F5FACC77701270AA53FE"),
])
def test_key_fingerprints_match_gnupg(name, expected):
    # The expected values are what `gpg --with-colons --fingerprint` printed for these keys.
    assert key_fingerprints(fixture(name)) == [expected]


@pytest.mark.parametrize("data, message", [
    (b"", "no OpenPGP public key"), (b"hello", "is not an OpenPGP packet header"),
    (b"-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n!!!\n-----END PGP PUBLIC KEY BLOCK-----\n", "not valid base64"),
])
def test_bad_key_files_are_clear_errors(data, message):
    with pytest.raises(StateError, match=message):
        key_fingerprints(data)


def test_a_truncated_key_is_a_clear_error():
    with pytest.raises(StateError):
        key_fingerprints(fixture("rsa-test-key.gpg")[:40])


def test_unit_flags_become_the_keys_dockerd_compares():
    argv = parse_exec_start("{ path=/usr/bin/dockerd ; argv[]=/usr/bin/dockerd -H fd:// --bip=10.99.0.1/24 "
                            "--default-address-pool base=10.1.0.0/16,size=24 --log-driver journald "
                            "--containerd=/run/containerd/containerd.sock --add-runtime x=/y ; ignore_errors=no }")
    flags = flags_as_keys(argv)
    assert flags == {"hosts": "-H fd://", "bip": "--bip=10.99.0.1/24",
                     "default-address-pools": "--default-address-pool base=10.1.0.0/16,size=24",
                     "log-driver": "--log-driver journald", "containerd": "--containerd=/run/containerd/containerd.sock"}
    assert flags_as_keys(["dockerd", "-H", "fd://", "--host=tcp://127.0.0.1:2376", "-D"]) == {
        "hosts": "-H fd://, --host=tcp://127.0.0.1:2376", "debug": "-D"}
    problems = flag_conflicts(["bip", "debug", "log-driver"], flags, "/etc/systemd/system/docker.service")
    assert len(problems) == 2
    assert problems[0].startswith("daemon.json key bip is also given as --bip=10.99.0.1/24 in docker.service's "
                                  "command (/etc/systemd/system/docker.service)")


def test_credentials_in_urls_are_redacted():
    config = {"proxies": {"http-proxy": "http://user:secret@proxy:3128", "no-proxy": "localhost"}, "debug": True}
    assert redact_credentials(config) == {"proxies": {"http-proxy": "http://********@proxy:3128",
                                                      "no-proxy": "localhost"}, "debug": True}


def test_dpkg_status_versions_and_holds():
    text = ("Package: docker.io\nStatus: hold ok installed\nVersion: 20.10.24+dfsg1-1\n\n"
            "Package: containerd\nStatus: install ok installed\nVersion: 1.6.20~ds1-1\n\n"
            "Package: docker-ce\nStatus: deinstall ok config-files\nVersion: 5:27.0.1-1\n\n"
            "Package: vim\nStatus: install ok installed\nVersion: 9\n")
    assert parse_dpkg_status(text, ["docker.io", "containerd", "docker-ce", "runc"]) == {
        "docker.io": {"version": "20.10.24+dfsg1-1", "installed": True, "held": True},
        "containerd": {"version": "1.6.20~ds1-1", "installed": True, "held": False},
        "docker-ce": {"version": "", "installed": False, "held": False},
    }


@pytest.mark.parametrize("info, member, manager", [
    ({}, False, False),
    ({"Swarm": {"LocalNodeState": "inactive"}}, False, False),
    ({"Swarm": {"LocalNodeState": "active", "ControlAvailable": True, "NodeID": "n1",
                "RemoteManagers": [{"NodeID": "n1", "Addr": "10.0.0.1:2377"}]}}, True, True),
    ({"Swarm": {"LocalNodeState": "active", "ControlAvailable": False}}, True, False),
    ({"Swarm": "garbage"}, False, False),
])
def test_swarm_membership(info, member, manager):
    swarm = swarm_of(info)
    assert (swarm["member"], swarm["manager"]) == (member, manager)


@pytest.mark.parametrize("info, backend", [
    ({}, ""),
    ({"FirewallBackend": {"Driver": "nftables"}}, "nftables"),
    ({"FirewallBackend": {"Driver": "iptables+firewalld", "Info": [["ReloadedAt", "2026-12-07T08:00:00Z"]]}},
     "iptables+firewalld"),
    ({"FirewallBackend": "nftables"}, ""),
    ({"FirewallBackend": {"Driver": 3}}, ""),
])
def test_the_firewall_backend_is_what_the_engine_says_or_empty(info, backend):
    assert firewall_of(info) == {"backend": backend}


@pytest.mark.parametrize("refreshed, sources_changed, age", [
    (1000.0, 900.0, 200),
    (1000.0, None, 200),
    (None, 900.0, -1),
    (1000.0, 1000.5, -1),
    (1300.0, 900.0, 0),
])
def test_lists_age_is_minus_one_when_a_source_changed_after_the_refresh(refreshed, sources_changed, age):
    assert lists_age(refreshed, sources_changed, 1200.0) == age
