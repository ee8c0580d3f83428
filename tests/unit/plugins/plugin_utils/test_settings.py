# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dockyard.docker_host.plugins.plugin_utils.settings import problems


def one(rule, value, *args):
    return problems({"s": [rule, value] + list(args)})


@pytest.mark.parametrize("value", ["$(id)", "`id`", "a b", "download.docker.com;id", "*.docker.com",
                                   "download.docker.com:443", "-x.com", "localhost", "1.2.3.4", "x" * 64 + ".com"])
def test_host_names_refuse_shell_and_patterns(value):
    assert len(one("host_names", [value])) == 1


def test_host_names_accept_real_names():
    assert one("host_names", ["download.docker.com", "deb.debian.org", "a-b.example"]) == []


@pytest.mark.parametrize("value", ["http://cache:3142\n", "http://cache:3142\nAcquire::x", "http://ca\tche:1"])
def test_control_characters_are_refused_everywhere(value):
    found = one("cache_urls", [value])
    assert len(found) == 1 and "control character" in found[0]


@pytest.mark.parametrize("url", ["http://127.1:3142", "http://0.0.0.0:3142", "http://[::ffff:127.0.0.1]:3142",
                                 "http://localhost:3142", "http://0x7f000001:3142", "http://[::1]:3142",
                                 "http://127.0.0.2:3142", "http://cache.localhost:3142", "http://ip6-localhost:3142",
                                 "http://IP6-LOOPBACK:3142", "http://LocalHost:3142", "http://ip6-allnodes:3142"])
def test_loopback_in_any_spelling_is_refused_for_containers(url):
    found = one("container_proxy_url", url)
    assert len(found) == 1 and "loopback or unspecified" in found[0]


@pytest.mark.parametrize("url", ["http://10.20.0.5:3142", "http://cache:3142/", "http://[fd00::5]:3142",
                                 "http://cache.example:3142"])
def test_reachable_proxies_pass(url):
    assert one("container_proxy_url", url) == []


@pytest.mark.parametrize("url", ["https://cache:3142", "http://cache", "http://cache:0", "http://cache:65536",
                                 "http://ca che:1", "http://999.1.1.1:3142", "http://a;b:3142"])
def test_bad_cache_urls(url):
    assert len(one("cache_urls", [url])) == 1


def test_cache_urls_need_one():
    assert one("cache_urls", []) == ["s is empty; give at least one entry"]


@pytest.mark.parametrize("networks", [["0.0.0.0/1", "128.0.0.0/1"], ["8.8.8.0/24"], ["10.0.0.0/7"], ["2000::/3"]])
def test_public_client_networks_are_refused_on_their_union(networks):
    found = one("client_networks", networks)
    assert len(found) == 1 and "together reach public addresses" in found[0]
    assert one("client_networks", networks, True) == []


def test_default_routes_are_refused_even_when_public_is_allowed():
    assert "is a default route" in one("client_networks", ["0.0.0.0/0"], True)[0]


def test_private_client_networks_pass():
    assert one("client_networks", ["10.0.0.0/8", "172.16.0.0/12", "192.168.1.0/24", "fd00::/8"]) == []


@pytest.mark.parametrize("rule, value", [
    ("apt_url", "http://deb.debian.org/debian trixie main\ndeb [trusted=yes] http://evil/ x"),
    ("apt_url", "http://deb.debian.org/debian [trusted=yes]"),
    ("apt_word", "stable main"), ("apt_word", "stable\n"), ("apt_word_or_empty", "trixie main"),
    ("package_names", ["docker.io", "*"]), ("package_names", ["docker.io\nPackage: *"]),
    ("apt_version", "26.1.* foo"), ("absolute_path", "/var/cache/acng\nPort: 80"), ("absolute_path", "relative"),
    ("absolute_path", "/var/../etc"), ("addresses", ["10.0.0.1 0.0.0.0"]), ("user_names", ["root;id"]),
    ("no_proxy", ["a,b"]), ("whole_number", 0), ("whole_number", -2), ("whole_number", "x"),
    ("whole_number", True), ("networks", ["fd00::%eth0/48"]),
    ("https_repositories", ["https://download.docker.com/linux/debian ; http://evil"]),
    ("https_repositories", ["https://a.example/x\nPassThroughPattern: .*"]),
])
def test_values_that_would_inject_or_break_a_file(rule, value):
    found = problems({"s": [rule, value, 1, 30] if rule == "whole_number" else [rule, value]})
    assert len(found) == 1, found


@pytest.mark.parametrize("value, ok", [
    (["https://download.docker.com/linux/debian", "https://repo.example:8443/apt/"], True), ([], True),
    (["http://download.docker.com/linux/debian"], False), ("https://download.docker.com", False), ([7], False),
])
def test_https_repositories(value, ok):
    found = one("https_repositories", value)
    assert (found == []) is ok, found
    if not ok and isinstance(value, list):
        assert "must be an https:// repository URL" in found[0] and repr(value[0]) in found[0]


@pytest.mark.parametrize("rule, value, ok, message", [
    ("duration", "6h", True, ""), ("duration", 90, True, ""), ("duration", "6 hours", False, "must be a duration"),
    ("stale_patterns", ["^pack\\.", "label:org.testcontainers"], True, ""),
    ("stale_patterns", ["pack("], False, "is not a regular expression"),
    ("stale_patterns", ["label:"], False, "names no label"), ("stale_patterns", "^pack", False, "must be a list"),
    ("calendar", "*-*-* 03:00:00", True, ""), ("calendar", "daily; rm", False, "calendar expression"),
    ("registry_url", "https://registry-1.docker.io", True, ""), ("registry_url", "http://10.0.0.5:5000/", True, ""),
    ("registry_url", "https://u:p@registry.example.com", False, "without a path or user:password"),
    ("registry_url", "https://registry.example.com/v2", False, "without a path"),
    ("haproxy_name", "web", True, ""), ("haproxy_name", "dockyard-upgrade-1.example:8080", True, ""),
    ("haproxy_name", "web/docker-1", False, "is not a HAProxy name"),
    ("haproxy_name", "web; disable server web/docker-2", False, "is not a HAProxy name"),
    ("haproxy_name", "", False, "is not a HAProxy name"), ("haproxy_name", 7, False, "is not a HAProxy name"),
    ("registry_user", "ci-bot@example.com", True, ""), ("registry_user", "a b", False, "registry user name"),
])
def test_watchdog_and_mirror_rules(rule, value, ok, message):
    found = one(rule, value)
    assert (found == []) is ok, found
    assert ok or message in found[0]


def test_secrets_are_never_repeated():
    found = problems({"registry_mirror_upstream_password": ["secret", "pa\nss"]})
    assert len(found) == 1 and "pa" not in found[0].split("holds")[1]


def test_whole_numbers_accept_strings_of_digits():
    assert one("whole_number", "16", 1, 30) == []


def test_malformed_settings_mapping_is_a_clear_error():
    with pytest.raises(ValueError, match="must be \\[rule, value, ...\\]"):
        problems({"s": ["no_such_rule", 1]})


@pytest.mark.parametrize("value, ok", [
    ("", True), ("9DC8 5822 9FC7 DD38 854A  E2D8 8D81 803C 0EBF CD88", True),
    ("9dc858229fc7dd38854ae2d88d81803c0ebfcd88", True), ("9DC858229FC7DD38", False), ("zz" * 20, False),
    ("9DC858229FC7DD38854AE2D88D81803C0EBFCD88\n", False),
])
def test_fingerprints(value, ok):
    assert (one("fingerprint", value) == []) is ok


@pytest.mark.parametrize("url", ["", "http://proxy.example.com:3128", "http://u:p%40ss@10.0.0.5:8888",
                                 "https://[fd00::1]:3128/", "http://proxy:3128"])
def test_proxy_urls_that_pass(url):
    assert one("proxy_url", url) == []


@pytest.mark.parametrize("url, shown", [
    ("ftp://proxy:21", "got ftp://proxy:21"),
    ("http://user:secret word@proxy:3128", "got http://user:***@proxy:3128"),
    ("http://proxy:99999", "got http://proxy:99999"),
    ("http://user:secret@bad_host!:1", "'bad_host!' is not a host name"),
    ("http://proxy:3128/path", "got http://proxy:3128/path"),
])
def test_bad_proxy_urls_are_named_without_their_password(url, shown):
    found = one("proxy_url", url)
    assert len(found) == 1 and shown in found[0] and "secret" not in found[0]


def test_a_control_character_in_a_proxy_url_is_refused_without_repeating_it():
    found = one("proxy_url", "http://user:secret\n@proxy:3128")
    assert found and "control character" in found[0] and "secret" not in found[0]
