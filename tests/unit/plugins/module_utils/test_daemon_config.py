# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.dockyard.docker_host.plugins.module_utils.daemon_config import (
    DaemonConfigError,
    changed_keys,
    check,
    merge,
    parse_current,
    render,
    restart_required,
    with_defaults,
)

POOLS = [{"base": "172.30.0.0/16", "size": 24}]
TLS = {"tlsverify": True, "tlscacert": "/etc/docker/ca.pem", "tlscert": "/etc/docker/cert.pem",
       "tlskey": "/etc/docker/key.pem"}


def problems_of(call, *args, **kwargs):
    with pytest.raises(DaemonConfigError) as caught:
        call(*args, **kwargs)
    return caught.value.problems


def test_merge_keeps_unnamed_keys_merges_mappings_and_replaces_lists():
    current = {"debug": True, "log-opts": {"max-size": "10m", "max-file": "3"}, "dns": ["10.0.0.2"]}
    desired = {"log-opts": {"max-file": "5"}, "dns": ["10.0.0.3"], "live-restore": True}
    assert merge(current, desired) == {
        "debug": True, "log-opts": {"max-size": "10m", "max-file": "5"}, "dns": ["10.0.0.3"], "live-restore": True,
    }
    assert current["log-opts"]["max-file"] == "3"


def test_merge_none_removes_keys_at_any_depth():
    current = {"debug": True, "log-opts": {"max-size": "10m", "max-file": "3"}}
    assert merge(current, {"debug": None, "log-opts": {"max-file": None}}) == {"log-opts": {"max-size": "10m"}}


def test_replace_drops_everything_else():
    assert merge({"debug": True}, {"live-restore": True, "gone": None}, "replace") == {"live-restore": True}


LOGS = {"log-driver": "json-file", "log-opts": {"max-size": "10m", "max-file": "3"}}


@pytest.mark.parametrize("current, config, mode, expected", [
    # A host with no logging gets the defaults, as a group, whatever else it holds.
    ({}, {}, "merge", dict(LOGS)),
    ({"debug": True}, {"live-restore": True}, "merge", dict(LOGS, debug=True, **{"live-restore": True})),
    ({"debug": True}, {}, "replace", dict(LOGS)),
    # The host chose its own logging: kept, and no default key is added beside it.
    ({"log-driver": "local"}, {}, "merge", {"log-driver": "local"}),
    ({"log-opts": {"max-size": "1g"}}, {}, "merge", {"log-opts": {"max-size": "1g"}}),
    # In replace mode the host's own choice is not written back (replace writes the config alone), nor overridden.
    ({"log-driver": "local"}, {}, "replace", {}),
    # The config names a logging key: the config wins, no default is added.
    ({}, {"log-opts": {"max-size": "5m"}}, "merge", {"log-opts": {"max-size": "5m"}}),
    # Keys equal to the defaults came from here: they stay in both modes (idempotent runs).
    (dict(LOGS), {}, "merge", dict(LOGS)),
    (dict(LOGS), {}, "replace", dict(LOGS)),
])
def test_log_defaults_only_where_the_host_chose_none(current, config, mode, expected):
    assert with_defaults(current, merge(current, config, mode), LOGS) == expected


def test_no_defaults_leave_the_config_alone():
    assert with_defaults({}, {"debug": True}, {}) == {"debug": True}


def test_bad_defaults_are_refused_like_any_key():
    found = problems_of(check, with_defaults({}, {}, {"log-driver": "json-file", "log-opts": {"max-file": 3}}),
                        engine_version="26.1.5")
    assert len(found) == 1 and "log-opts" in found[0], found


def test_defaults_are_copied_not_shared():
    result = with_defaults({}, {}, LOGS)
    result["log-opts"]["max-size"] = "1k"
    assert LOGS["log-opts"]["max-size"] == "10m"


def test_bad_mode():
    assert problems_of(merge, {}, {}, "patch") == ["mode 'patch' must be merge or replace"]


def test_parse_current_handles_empty_and_refuses_broken():
    assert parse_current(None, "/etc/docker/daemon.json") == {}
    assert parse_current("  \n", "/etc/docker/daemon.json") == {}
    assert parse_current('{"debug": true}', "/x") == {"debug": True}
    assert "/x is not valid JSON" in problems_of(parse_current, "{debug: true}", "/x")[0]
    assert problems_of(parse_current, "[1]", "/x") == ["/x holds a JSON list, not an object; use mode=replace"]


def test_changed_keys_and_restart_classification():
    old = {"debug": False, "labels": ["a"], "bip": "10.1.0.1/24"}
    new = {"debug": True, "labels": ["a"], "live-restore": True}
    assert changed_keys(old, new) == ["bip", "debug", "live-restore"]
    assert restart_required(["debug", "live-restore"], old, new) is False
    assert restart_required(["debug", "default-address-pools"], old, new) is True
    assert restart_required([], old, new) is False


@pytest.mark.parametrize("key, value", [
    ("labels", ["a=b"]), ("debug", True), ("registry-mirrors", ["http://mirror:5000"]), ("live-restore", True),
    ("insecure-registries", ["10.0.0.0/8"]), ("default-runtime", "crun"), ("runtimes", {"crun": {"path": "crun"}}),
    ("shutdown-timeout", 60), ("authorization-plugins", ["authz"]),
])
def test_a_reloadable_key_taken_out_needs_a_restart(key, value):
    # dockerd's reload applies only the keys daemon.json holds: one taken out keeps the value dockerd runs ...
    assert restart_required([key], {key: value, "log-level": "info"}, {"log-level": "info"}) is True
    assert restart_required([key], {}, {key: value}) is False


@pytest.mark.parametrize("key, value", [("live-restore", False), ("debug", False), ("labels", []),
                                        ("shutdown-timeout", 15), ("default-runtime", "runc")])
def test_a_reloadable_key_taken_out_from_dockerds_default_needs_only_a_reload(key, value):
    # ... which changes nothing when it held dockerd's default (a swarm member's live-restore: false taken out).
    assert restart_required([key], {key: value}, {}) is False


@pytest.mark.parametrize("key", ["max-concurrent-downloads", "max-concurrent-uploads", "max-download-attempts"])
def test_a_key_the_reload_sets_back_to_its_default_is_reloaded_when_taken_out(key):
    assert restart_required([key], {key: 9}, {}) is False


@pytest.mark.parametrize("config, expected", [
    ({"live-restore": "yes"}, "daemon.json key live-restore must be a boolean, not string 'yes'"),
    ({"mtu": True}, "daemon.json key mtu must be a whole number, not boolean True"),
    ({"dns": "10.0.0.2"}, "daemon.json key dns must be a list of strings, not string '10.0.0.2'"),
    ({"log-opts": ["max-size=10m"]},
     "daemon.json key log-opts must be a mapping of strings to strings, not list ['max-size=10m']"),
    ({"log-opts": {"max-file": 3}},
     "daemon.json key log-opts must be a mapping of strings to strings, not mapping {'max-file': 3}"),
    ({"features": {"buildkit": "true"}},
     "daemon.json key features must be a mapping of names to booleans, not mapping {'buildkit': 'true'}"),
    ({"proxies": {"http_proxy": "http://p:3128"}},
     "daemon.json key proxies.http_proxy is not a field of proxies (it takes http-proxy, https-proxy, no-proxy); "
     "dockerd (engine 26.1.5) refuses to start with it"),
])
def test_key_types(config, expected):
    assert problems_of(check, config, engine_version="26.1.5") == [expected]


@pytest.mark.parametrize("key, engine, expected", [
    ("live_restore", "20.10.24", "is not a daemon.json key (did you mean live-restore?)"),
    ("default-init", "26.1.5", "is not a daemon.json key"),
    ("Debug", "20.10.24", "is not a daemon.json key (did you mean debug?)"),
    ("some-future-key", "28.5.2", "is not a daemon.json key;"),
    ("proxies", "20.10.24", "needs an engine of 23.0 or later"),
    ("bip6", "26.1.5", "needs an engine of 28.0 or later"),
    ("graph", "26.1.5", "was removed in engine 23.0"),
])
def test_unknown_keys_are_refused_with_a_hint(key, engine, expected):
    problems = problems_of(check, {key: True if key != "graph" else "/x"}, engine_version=engine)
    assert len(problems) == 1
    assert problems[0].startswith("daemon.json key %s %s" % (key, expected))
    assert "set allow_unknown_keys" in problems[0]


def test_unknown_keys_pass_when_allowed_and_known_keys_are_still_typed():
    assert check({"some-future-key": {"x": 1}}, allow_unknown_keys=True) == []
    assert "must be a boolean" in problems_of(check, {"some-future-key": 1, "debug": "1"}, allow_unknown_keys=True)[0]


def test_an_unknown_engine_accepts_every_key_of_any_version():
    assert check({"proxies": {"http-proxy": "http://p:3128"}, "graph": "/x"}) == []


@pytest.mark.parametrize("host, shown_as", [
    ("tcp://0.0.0.0:2375", "tcp://0.0.0.0:2375"),
    ("0.0.0.0:2375", "tcp://0.0.0.0:2375"),
    (" tcp://0.0.0.0:2375", "tcp://0.0.0.0:2375"),
    ("tcp://0.0.0.0:2375 ", "tcp://0.0.0.0:2375"),
    (":2375", "tcp://:2375"),
    ("localhost", "tcp://localhost"),
])
def test_every_spelling_of_a_plain_tcp_socket_is_refused(host, shown_as):
    config = {"hosts": ["unix:///var/run/docker.sock", host]}
    problems = problems_of(check, config)
    assert len(problems) == 1
    assert "opens the Docker API on TCP (dockerd reads it as %s) without TLS client verification" % shown_as \
        in problems[0]
    assert check(config, allow_insecure_tcp=True) == []


@pytest.mark.parametrize("host", ["TCP://0.0.0.0:2375", "Unix:///var/run/docker.sock", "http://0.0.0.0:2375"])
def test_schemes_dockerd_refuses_are_refused(host):
    problems = problems_of(check, {"hosts": [host]}, allow_insecure_tcp=True)
    assert len(problems) == 1 and "which dockerd refuses ('invalid bind address format')" in problems[0]


def test_sockets_dockerd_accepts_pass():
    assert check({"hosts": ["unix:///var/run/docker.sock", "fd://", "", "unix://"]}) == []


@pytest.mark.parametrize("config", [
    {"labels": ["a=b\nc"]}, {"log-opts": {"tag": "x\ry"}}, {"data-root": "/var/lib/docker\x00"},
    {"de\nbug": True},
])
def test_control_characters_are_refused(config):
    problems = problems_of(check, config)
    assert problems and all("control character" in problem for problem in problems)


def tls_files(tmp_path):
    for key in ("tlscacert", "tlscert", "tlskey"):
        (tmp_path / key).write_text("PEM")
    return dict(TLS, **dict((key, str(tmp_path / key)) for key in ("tlscacert", "tlscert", "tlskey")))


def test_tcp_socket_with_full_tls_verification_is_accepted(tmp_path):
    tls = tls_files(tmp_path)
    assert check(dict(tls, hosts=["tcp://0.0.0.0:2376"])) == []
    partial = dict(tls, hosts=["tcp://0.0.0.0:2376"], tlskey="")
    assert "without TLS client verification" in problems_of(check, partial)[0]


def test_tls_files_dockerd_loads_must_be_on_the_host(tmp_path):
    missing = problems_of(check, dict(TLS, hosts=["unix:///var/run/docker.sock"]), engine_version="26.1.5")
    assert len(missing) == 3 and "dockerd loads tlscert from /etc/docker/cert.pem, which is not a file" in missing[0]
    assert "(dockerd refuses it when it starts)" in problems_of(check, {"tls": True}, engine_version="20.10.24")[0]
    assert problems_of(check, {"tls": True, "tlscert": str(tmp_path)}, engine_version="26.1.5")
    assert check({"tls": False}, engine_version="26.1.5") == []


def test_pools_are_checked_for_the_engine_version():
    bad = {"default-address-pools": POOLS + [{"base": "fd0d:ce5::/48", "size": 80}]}
    problems = problems_of(check, bad, engine_version="20.10.24")
    assert problems[0].startswith("default-address-pools: pool fd0d:ce5::/48 size 80 has 2^32 subnets")
    assert check(bad, engine_version="28.5.2") == []


def test_pools_seed_configurations_are_refused():
    single = {"default-address-pools": [{"base": "172.30.0.0/24", "size": 24}]}
    assert "the default bridge takes one" in problems_of(check, single)[0]
    ipv6_only = {"default-address-pools": [{"base": "fd00:1::/64", "size": 80}]}
    assert "no IPv4 pool in the list" in problems_of(check, ipv6_only, engine_version="28.5.2")[0]


def test_bip_outside_pools_leaves_the_single_subnet_free():
    config = {"bip": "10.99.0.1/24", "default-address-pools": [{"base": "172.30.0.0/24", "size": 24}]}
    assert check(config) == []


def test_all_problems_reported_together():
    config = {"debug": "on", "hosts": ["tcp://1.2.3.4:2375"], "default-address-pools": [{"base": "x", "size": 1}]}
    assert len(problems_of(check, config)) == 3


def test_render_is_stable_json():
    text = render({"b": 1, "a": {"d": 2, "c": 3}})
    assert text == '{\n  "a": {\n    "c": 3,\n    "d": 2\n  },\n  "b": 1\n}\n'
    assert json.loads(text) == {"b": 1, "a": {"d": 2, "c": 3}}


def test_load_names_the_file_and_adds_the_callers_advice():
    from ansible_collections.dockyard.docker_host.plugins.module_utils.daemon_config import load
    assert load(None, "/x") == {} and load("  \n", "/x") == {}
    assert problems_of(load, "[1]", "/x") == ["/x holds a JSON list, not an object"]
    assert problems_of(load, "[1]", "/x", {"object": ": one object"}) == ["/x holds a JSON list, not an object: one object"]
    assert problems_of(load, "{x", "/x")[0].startswith("/x is not valid JSON (")
