# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""daemon.json judged as dockerd judges it: each class of wrong answer the differential test found, by engine.
tests/differential compares the same code with the real dockerd of 20.10, 26.1 and 28.5."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dockyard.docker_host.plugins.module_utils import daemon_schema
from ansible_collections.dockyard.docker_host.plugins.module_utils.daemon_config import DaemonConfigError, check


def problems(config, engine="28.5.2"):
    try:
        check(config, engine_version=engine)
    except DaemonConfigError as error:
        return error.problems
    return []


@pytest.mark.parametrize("config, engine, message", [
    # Values decoded into another Go type than given, at any depth.
    ({"default-address-pools": [{"base": "10.10.0.0/16", "size": "24"}]}, "26.1.5",
     "default-address-pools[0].size must be a whole number, not string '24'"),
    ({"default-network-opts": {"bridge": {"com.docker.network.bridge.mtu": 1400}}}, "26.1.5",
     "default-network-opts.bridge must be a mapping of strings to strings"),
    ({"builder": {"gc": {"enabled": "yes"}}}, "26.1.5", "builder.gc.enabled must be a boolean, not string 'yes'"),
    ({"builder": {"gc": {"policy": {"all": True}}}}, "26.1.5", "builder.gc.policy must be a list of"),
    ({"runtimes": {"crun": {"path": ["/usr/bin/crun"]}}}, "26.1.5", "runtimes.crun.path must be a string"),
    ({"runtimes": {"crun": {"runtimeArgs": "--debug"}}}, "26.1.5", "runtimes.crun.runtimeArgs must be a list of"),
    ({"default-ulimits": {"nofile": {"Name": "nofile", "Hard": "64000"}}}, "20.10.24",
     "default-ulimits.nofile.Hard must be a whole number"),
    ({"max-concurrent-downloads": 2 ** 63}, "26.1.5", "outside what dockerd reads (a 64-bit whole number)"),
    # Version bounds.
    ({"firewall-backend": "iptables"}, "28.5.2", "firewall-backend needs an engine of 29.0 or later"),
    ({"bridge-accept-fwmark": "0x1"}, "28.5.2", "bridge-accept-fwmark needs an engine of 29.0 or later"),
    ({"allow-direct-routing": True}, "28.1.0", "allow-direct-routing needs an engine of 28.2 or later"),
    ({"oom-score-adjust": -500}, "26.1.5", "oom-score-adjust was removed in engine 26.0"),
    ({"api-cors-header": "*"}, "28.5.2", "api-cors-header was removed in engine 28.0"),
    # Names that are only fields of moby's structs: dockerd refuses them as unknown.
    ({"containerd-plugin-namespace": "x"}, "26.1.5", "containerd-plugin-namespace is not a daemon.json key"),
    ({"default-init": "/usr/bin/docker-init"}, "28.5.2", "default-init is not a daemon.json key"),
    ({"resolv-conf": "/etc/resolv.conf"}, "20.10.24", "resolv-conf is not a daemon.json key"),
    ({"swarm-raft-heartbeat-tick": 1}, "26.1.5", "swarm-raft-heartbeat-tick is not a daemon.json key"),
    # Values dockerd parses and refuses.
    ({"max-concurrent-uploads": -1}, "26.1.5", "max-concurrent-uploads is -1; it cannot be negative"),
    ({"max-download-attempts": 0}, "20.10.24", "engines before 23.0 need 1 or more"),
    ({"dns": ["x"]}, "20.10.24", "dns entry 'x' is not an IP address"),
    ({"dns": ["fe80::1%eth0"]}, "28.5.2", "dns entry 'fe80::1%eth0' is not an IP address"),
    ({"default-gateway": "nope"}, "26.1.5", "default-gateway 'nope' is not an IP address"),
    ({"ip": "0.0.0.0/0"}, "26.1.5", "ip '0.0.0.0/0' is not an IP address"),
    ({"host-gateway-ip": "gateway"}, "26.1.5", "host-gateway-ip 'gateway' is not an IP address"),
    ({"host-gateway-ips": ["192.0.2.1", "192.0.2.2"]}, "28.5.2", "holds 2 IPv4 addresses"),
    ({"log-level": "loud"}, "26.1.5", "log-level 'loud' is not a level dockerd knows"),
    ({"log-level": "warning"}, "26.1.5", "log-level 'warning' is not a level dockerd knows"),
    ({"log-format": "xml"}, "26.1.5", "log-format 'xml' is not text or json"),
    ({"labels": ["novalue"]}, "26.1.5", "labels entry 'novalue' is not KEY=VALUE"),
    ({"labels": ["com.docker.x=y"]}, "26.1.5", "uses a namespace reserved for Docker"),
    ({"labels": ["a=1", "a=2"]}, "26.1.5", "labels gives a two values ('1' and '2')"),
    ({"hosts": ["ssh://host"]}, "26.1.5", "hosts entry 'ssh://host' has scheme 'ssh', which dockerd refuses"),
    ({"registry-mirrors": ["mirror.example.com"]}, "28.5.2", "needs the scheme http:// or https://"),
    ({"registry-mirrors": ["https://u:p@mirror.example.com"]}, "28.5.2", "has a user name or password"),
    ({"exec-opts": ["native.cgroupdriver"]}, "28.5.2", "exec-opts entry 'native.cgroupdriver' is not OPTION=VALUE"),
    ({"network-diagnostic-port": 65536}, "28.5.2", "is not a port (0 to 65535)"),
    ({"default-shm-size": "lots"}, "26.1.5", "default-shm-size 'lots' is not a size"),
    ({"default-ipc-mode": "host"}, "26.1.5", "default-ipc-mode 'host' is not one of private, shareable"),
    ({"fixed-cidr-v6": "10.0.0.0/8"}, "26.1.5", "fixed-cidr-v6 '10.0.0.0/8' is not an IPv6 network"),
    ({"tlsverify": False}, "26.1.5", "tlsverify false still turns TLS on"),
])
def test_dockerd_refuses_and_so_does_the_check(config, engine, message):
    found = problems(config, engine)
    assert any(message in problem for problem in found), found


@pytest.mark.parametrize("config, engine", [
    ({"labels": ["=x"]}, "26.1.5"),
    ({"dns": [""]}, "26.1.5"),
    ({"log-level": "WARN"}, "26.1.5"),
    ({"log-level": "warning"}, "20.10.24"),
    ({"exec-opts": ["foo=bar"]}, "26.1.5"),
    ({"network-diagnostic-port": 70000}, "26.1.5"),
    ({"api-cors-header": "*"}, "26.1.5"),
    ({"runtimes": {"crun": {"path": "/usr/bin/crun", "runtimeArgs": None}}}, "26.1.5"),
    ({"allow-nondistributable-artifacts": ["r.example.com"]}, "26.1.5"),
])
def test_what_dockerd_takes_passes(config, engine):
    assert problems(config, engine) == []


@pytest.mark.parametrize("config, meant", [
    ({"label": ["env=prod"]}, "labels"),
    ({"registry-mirror": ["https://mirror.example.com"]}, "registry-mirrors"),
    ({"host": ["unix:///var/run/docker.sock"]}, "hosts"),
    ({"add-runtime": ["crun=/usr/bin/crun"]}, "runtimes"),
    ({"default-address-pool": [{"base": "10.10.0.0/16", "size": 24}]}, "default-address-pools"),
])
def test_flag_spellings_are_refused_as_ignored_not_as_fatal(config, meant):
    found = problems(config, "26.1.5")
    assert len(found) == 1
    assert "takes it in daemon.json and ignores it, so it would change nothing; the daemon.json key is %s" % meant \
        in found[0]
    assert "refuses to start" not in found[0]


def test_a_flag_whose_config_field_dockerd_refuses_is_ignored():
    found = problems({"containerd-plugins-namespace": "plugins.moby"}, "26.1.5")
    assert len(found) == 1 and "takes it in daemon.json and ignores it, so it would change nothing" in found[0]
    assert "the daemon.json key is" not in found[0]


def test_userland_proxy_path_must_be_an_executable_on_the_host(tmp_path):
    plain = tmp_path / "docker-proxy"
    plain.write_text("not a program")
    assert "is not an executable file on this host" in problems({"userland-proxy-path": str(plain)}, "26.1.5")[0]
    assert problems({"userland-proxy-path": "/usr/bin/true"}, "26.1.5") == []


def test_an_object_dockerd_flattens_is_refused_for_what_it_does():
    ignored = problems({"tls-options": {"debug": True}}, "26.1.5")
    assert ignored and "reads the keys inside it (debug) as options and takes nothing else from it" in ignored[0]
    fatal = problems({"log-opt": {"max-size": "10m"}}, "26.1.5")
    assert fatal and "log-opt is not a daemon.json key (did you mean log-opts?)" in fatal[0]
    assert "refuses to start with it" in fatal[0]
    assert "proxies needs an engine of 23.0 or later" in problems({"proxies": {"http-proxy": "http://p:3128"}},
                                                                  "20.10.24")[0]


def test_pools_are_stricter_than_dockerd_by_design():
    # dockerd matches Base and Size case-insensitively and drops other fields; the pool rules take base and size only.
    assert "has unknown key(s) Base, Size" in problems(
        {"default-address-pools": [{"Base": "10.10.0.0/16", "Size": 24}]}, "26.1.5")[0]


@pytest.mark.parametrize("typo", ["default_init", "resolv_conf", "containerd_plugin_namespace", "swarm-raft-tick",
                                  "oom_score_adjust", "firewall_backend"])
def test_no_suggestion_points_at_a_name_dockerd_refuses(typo):
    hint = daemon_schema.suggestion(typo, (26, 1))
    assert hint is None or daemon_schema.known_on(hint, (26, 1)) is None
    assert daemon_schema.suggestion("firewall_backend", (28, 5)) is None
    assert daemon_schema.suggestion("firewall_backend", (29, 0)) == "firewall-backend"


def test_every_version_bound_names_its_moby_release():
    source = open(daemon_schema.__file__).read()
    for table in (daemon_schema.KEYS, daemon_schema.IGNORED):
        for key, entry in table.items():
            if entry[1] is not None or entry[2] is not None:
                line = [text for text in source.splitlines() if text.strip().startswith('"%s":' % key)]
                assert line and "moby" in " ".join(line), key


def test_a_userns_remap_user_the_host_lacks():
    assert "names user 'no-such-user-dockyard', which this host does not have" in problems(
        {"userns-remap": "no-such-user-dockyard"}, "26.1.5")[0]
    assert problems({"userns-remap": "root"}, "26.1.5") == []
    assert problems({"userns-remap": "default"}, "26.1.5") == []
