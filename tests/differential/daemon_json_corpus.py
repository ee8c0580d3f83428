# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""daemon.json documents to judge two ways: every key with valid values, typos, wrong types at every level of
nesting, out-of-range and malformed values, and keys of other engine versions. Deterministic: the same list on
every run, so counts compare across runs and machines."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import itertools

# One or more values dockerd takes for each key (files and users that exist on any Debian host).
VALID = {
    "allow-direct-routing": [True],
    "allow-nondistributable-artifacts": [["registry.example.com"]],
    "api-cors-header": ["", "*"],
    "authorization-plugins": [[]],
    "bip": ["172.31.0.1/24"],
    "bip6": ["fd00:1::1/64"],
    "bridge": ["docker0"],
    "bridge-accept-fwmark": ["0x1"],
    "builder": [{"gc": {"enabled": True, "defaultKeepStorage": "10GB"}}],
    "cdi-spec-dirs": [["/etc/cdi"]],
    "cgroup-parent": ["docker.slice"],
    "cluster-advertise": ["192.0.2.1:2376"],
    "cluster-store": ["consul://192.0.2.1:8500"],
    "cluster-store-opts": [{"kv.path": "/docker"}],
    "containerd": ["/run/containerd/containerd.sock"],
    "containerd-namespace": ["moby"],
    "containerd-plugin-namespace": ["plugins.moby"],
    "cpu-rt-period": [1000000],
    "cpu-rt-runtime": [0],
    "cri-containerd": [False],
    "data-root": ["/var/lib/docker"],
    "debug": [True, False],
    "default-address-pools": [[{"base": "10.10.0.0/16", "size": 24}]],
    "default-cgroupns-mode": ["private", "host"],
    "default-gateway": ["172.31.0.254"],
    "default-gateway-v6": ["fd00:1::fe"],
    "default-init": ["/usr/bin/docker-init"],
    "default-ipc-mode": ["private", "shareable"],
    "default-network-opts": [{"bridge": {"com.docker.network.bridge.mtu": "1400"}}],
    "default-runtime": ["runc"],
    "default-shm-size": ["64M"],
    "default-ulimits": [{"nofile": {"Name": "nofile", "Hard": 64000, "Soft": 64000}}],
    "dns": [["192.0.2.53", "2001:db8::53"]],
    "dns-opts": [["ndots:2"]],
    "dns-search": [["example.com"]],
    "exec-opts": [["native.cgroupdriver=systemd"]],
    "exec-root": ["/var/run/docker"],
    "experimental": [False],
    "features": [{"buildkit": True}],
    "firewall-backend": ["iptables"],
    "fixed-cidr": ["172.31.0.0/25"],
    "fixed-cidr-v6": ["fd00:1::/64"],
    "graph": ["/var/lib/docker"],
    "group": ["docker"],
    "host-gateway-ip": ["192.0.2.1"],
    "host-gateway-ips": [["192.0.2.1"]],
    "hosts": [["unix:///var/run/docker.sock", "fd://"]],
    "icc": [True],
    "init": [False],
    "init-path": ["/usr/bin/docker-init"],
    "insecure-registries": [["registry.example.com:5000"]],
    "ip": ["0.0.0.0"],
    "ip-forward": [True],
    "ip-forward-no-drop": [False],
    "ip-masq": [True],
    "ip6tables": [False],
    "iptables": [True],
    "ipv6": [False],
    "labels": [["env=prod", "team=ops"]],
    "live-restore": [True],
    "log-driver": ["json-file", "local"],
    "log-format": ["text", "json"],
    "log-level": ["info", "warn", "debug"],
    "log-opts": [{"max-size": "10m", "max-file": "3"}],
    "max-concurrent-downloads": [3],
    "max-concurrent-uploads": [5],
    "max-download-attempts": [5],
    "metrics-addr": ["127.0.0.1:9323"],
    "mtu": [1500],
    "network-control-plane-mtu": [1500],
    "network-diagnostic-port": [0],
    "no-new-privileges": [False],
    "node-generic-resources": [["gpu=1"]],
    "oom-score-adjust": [-500],
    "pidfile": ["/var/run/docker.pid"],
    "proxies": [{"http-proxy": "http://proxy.example.com:3128", "no-proxy": "localhost"}],
    "raw-logs": [False],
    "registry-mirrors": [["https://mirror.example.com"]],
    "resolv-conf": ["/etc/resolv.conf"],
    "tls": [False],
    "tlscacert": ["/etc/docker/ca.pem"],
    "tlscert": ["/etc/docker/cert.pem"],
    "tlskey": ["/etc/docker/key.pem"],
    # dockerd then loads the key pair: refused by both while the files are not there.
    "tlsverify": [True],
    "userland-proxy-path": ["/usr/bin/true", "/nonexistent/docker-proxy"],
    "rootless": [False],
    "runtimes": [{"crun": {"path": "/usr/bin/crun"}}],
    "seccomp-profile": ["builtin"],
    "selinux-enabled": [False],
    "shutdown-timeout": [15],
    "storage-driver": ["overlay2"],
    "storage-opts": [["overlay2.size=10G"]],
    "swarm-default-advertise-addr": ["eth0"],
    "swarm-raft-election-tick": [10],
    "swarm-raft-heartbeat-tick": [1],
    "userland-proxy": [True],
    "userns-remap": [""],
}

# Spellings people write instead of a key: the flag's own name, snake case, capitals.
TYPOS = {
    "label": ["env=prod"], "registry-mirror": ["https://mirror.example.com"], "live_restore": True,
    "Debug": True, "log-opt": {"max-size": "10m"}, "insecure-registry": ["r.example.com"], "dns_search": ["x.com"],
    "storage-opt": ["overlay2.size=10G"], "default-address-pool": [{"base": "10.10.0.0/16", "size": 24}],
    "exec-opt": ["native.cgroupdriver=systemd"], "host": ["unix:///var/run/docker.sock"], "liverestore": True,
    "max_concurrent_downloads": 3, "log_level": "info", "add-runtime": {"crun": {"path": "/usr/bin/crun"}},
    "swarm-raft-snapshot-interval": 10, "default-runtimes": "runc", "containerd-plugins-namespace": "plugins.moby",
}

# Values of the right JSON type that dockerd refuses, or that look wrong and are not.
MALFORMED = {
    "dns": [["x"], ["192.0.2.300"], ["::1%eth0"], [""]],
    "dns-search": [[".example.com"], ["a" * 256], ["-bad-.com"]],
    "default-gateway": ["nope", "192.0.2.1/24"],
    "default-gateway-v6": ["192.0.2.1", "nope"],
    "ip": ["nope", "::1"],
    "host-gateway-ip": ["nope"],
    "host-gateway-ips": [["nope"], ["192.0.2.1", "192.0.2.2"], ["192.0.2.1", "2001:db8::1"]],
    "log-level": ["loud", "WARN", "warning", ""],
    "log-format": ["xml", "JSON", ""],
    "labels": [["novalue"], ["com.docker.x=y"], ["a=1", "a=2"], ["a=1", "a=1"], ["=x"], ["a b=c"]],
    "hosts": [["ssh://host"], ["tcp://0.0.0.0:2375"], ["TCP://0.0.0.0:2376"], ["unix://"], ["fd://3"],
              [":2375"], ["npipe:////./pipe/docker"], ["tcp://[::1]:2376"], ["tcp://host:notaport"]],
    "registry-mirrors": [["mirror.example.com"], ["ftp://mirror.example.com"], ["https://mirror.example.com/path"],
                         ["https://user:pw@mirror.example.com"]],
    "exec-opts": [["native.cgroupdriver"], ["native.cgroupdriver=cgroupfs"], ["native.cgroupdriver=foo"],
                  ["foo=bar"], ["=x"]],
    "max-concurrent-downloads": [-1, 0, 2 ** 31, 2 ** 63, 2 ** 64],
    "max-concurrent-uploads": [-1],
    "max-download-attempts": [-1, 0],
    "mtu": [-1, 0, 70000],
    "network-diagnostic-port": [-1, 65536],
    "shutdown-timeout": [-1, -2],
    "network-control-plane-mtu": [-1, 100],
    "cpu-rt-period": [-1],
    "default-ipc-mode": ["nope", "container:x"],
    "default-cgroupns-mode": ["nope"],
    "fixed-cidr-v6": ["nope", "fd00::1/64"],
    "fixed-cidr": ["nope"],
    "bip": ["nope"],
    "default-shm-size": ["lots", "-1"],
    "node-generic-resources": [["gpu"], ["gpu=x=y"]],
    "api-cors-header": ["https://example.com"],
    "default-address-pools": [[{"base": "10.10.0.0/16", "size": 33}], [{"base": "nope", "size": 24}],
                              [{"base": "10.10.0.0/16"}], [{"size": 24}], [{"Base": "10.10.0.0/16", "Size": 24}]],
    "userns-remap": ["no-such-user-dockyard"],
    "seccomp-profile": ["/nonexistent/profile.json", "unconfined"],
    "storage-driver": ["no-such-driver"],
    "log-driver": ["no-such-driver"],
    "metrics-addr": ["nope"],
    "proxies": [{"http-proxy": "not a url"}, {"ftp-proxy": "x"}],
    "tls": [True],
    "cgroup-parent": ["/bad/"],
}

NOT_OF_TYPE = [True, 1, 1.5, "x", ["x"], {"x": "y"}, None, [1], {"x": 1}]

# Nested places where a wrong type can hide, as (key, builder of a document from a bad value).
NESTED = {
    "default-address-pools.size": lambda bad: {"default-address-pools": [{"base": "10.10.0.0/16", "size": bad}]},
    "default-address-pools.base": lambda bad: {"default-address-pools": [{"base": bad, "size": 24}]},
    "default-address-pools[]": lambda bad: {"default-address-pools": [bad]},
    "log-opts.*": lambda bad: {"log-opts": {"max-size": bad}},
    "runtimes.*": lambda bad: {"runtimes": {"crun": bad}},
    "runtimes.*.path": lambda bad: {"runtimes": {"crun": {"path": bad}}},
    "runtimes.*.runtimeArgs": lambda bad: {"runtimes": {"crun": {"path": "/usr/bin/crun", "runtimeArgs": bad}}},
    "default-ulimits.*": lambda bad: {"default-ulimits": {"nofile": bad}},
    "default-ulimits.*.Hard": lambda bad: {"default-ulimits": {"nofile": {"Name": "nofile", "Hard": bad, "Soft": 1}}},
    "default-network-opts.*": lambda bad: {"default-network-opts": {"bridge": bad}},
    "default-network-opts.*.*": lambda bad: {"default-network-opts": {"bridge": {"com.docker.network.bridge.mtu": bad}}},
    "builder.gc": lambda bad: {"builder": {"gc": bad}},
    "builder.gc.enabled": lambda bad: {"builder": {"gc": {"enabled": bad}}},
    "builder.gc.defaultKeepStorage": lambda bad: {"builder": {"gc": {"defaultKeepStorage": bad}}},
    "builder.gc.policy": lambda bad: {"builder": {"gc": {"policy": bad}}},
    "features.*": lambda bad: {"features": {"buildkit": bad}},
    "proxies.http-proxy": lambda bad: {"proxies": {"http-proxy": bad}},
    "dns[]": lambda bad: {"dns": [bad]},
    "labels[]": lambda bad: {"labels": [bad]},
    "hosts[]": lambda bad: {"hosts": [bad]},
}


def documents():
    """``[(label, document)]``, deterministic."""
    corpus = [("empty", {})]
    for key in sorted(VALID):
        for number, value in enumerate(VALID[key]):
            corpus.append(("valid %s #%d" % (key, number), {key: value}))
    keys = sorted(VALID)
    for first, second in zip(keys[::3], keys[1::3]):
        corpus.append(("valid pair %s+%s" % (first, second), {first: VALID[first][0], second: VALID[second][0]}))
    for key in sorted(VALID):
        good = VALID[key][0]
        for bad in NOT_OF_TYPE:
            if type(bad) is not type(good) or (isinstance(bad, list) and bad and good and type(bad[0]) is not type(good[0])):
                corpus.append(("type %s=%s" % (key, _short(bad)), {key: bad}))
    for key, build in sorted(NESTED.items()):
        for bad in NOT_OF_TYPE:
            corpus.append(("nested %s=%s" % (key, _short(bad)), build(bad)))
    for key in sorted(TYPOS):
        corpus.append(("typo %s" % key, {key: TYPOS[key]}))
    for key in sorted(MALFORMED):
        for number, value in enumerate(MALFORMED[key]):
            corpus.append(("value %s #%d %s" % (key, number, _short(value)), {key: value}))
    for key, parent in itertools.product(("http-proxy", "https-proxy", "no-proxy", "debug", "label"),
                                         ("proxies", "tls-options")):
        corpus.append(("flattened %s.%s" % (parent, key), {parent: {key: "x"}}))
    return corpus


def _short(value):
    text = repr(value)
    return text if len(text) <= 24 else text[:21] + "..."
