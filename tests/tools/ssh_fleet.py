# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A small fleet reached over SSH, as real fleets are: an apt cache and two Docker hosts, systemd containers on one
network of the local engine, each with sshd and the controller's key. make chaos, chaos-upgrade and ee-test use it."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import concurrent.futures
import os
import shutil
import subprocess

import yaml

from systemd_host import docker_run_args

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
IMAGE = os.environ.get("DOCKYARD_IMAGE_BOOKWORM", "dockyard/debian:bookworm")


def sh(argv, check=True, **kwargs):
    done = subprocess.run(argv, capture_output=True, text=True, check=False, **kwargs)
    if check and done.returncode != 0:
        raise SystemExit("%s failed (%d): %s" % (" ".join(argv), done.returncode, (done.stdout + done.stderr)[-2000:]))
    return done


def on_host(host, script, check=False):
    return sh(["docker", "exec", host, "sh", "-c", script], check=check)


class SshFleet:
    """The hosts dockyard-TAG-cache and dockyard-TAG-1 to -SIZE (default 2) on 10.OCTET.0.0/24; the controller's
    files (key, inventory, fleet record) in .cache/TAG. ``settings`` go in the inventory's vars, over the fleet's
    own."""

    def __init__(self, tag, octet, settings, size=2):
        self.network, self.subnet = "dockyard-" + tag, "10.%d.0.0/24" % octet
        self.cache = ("dockyard-%s-cache" % tag, "10.%d.0.10" % octet)
        self.docker_hosts = tuple(("dockyard-%s-%d" % (tag, index), "10.%d.0.%d" % (octet, 10 + index))
                                  for index in range(1, size + 1))
        self.names = [name for name, _address in self.docker_hosts]
        self.state = os.path.join(REPO, ".cache", tag)
        self.settings = settings

    def remove(self):
        for name, _address in (self.cache,) + self.docker_hosts:
            sh(["docker", "rm", "-f", name], check=False)
        sh(["docker", "network", "rm", self.network], check=False)

    def start(self):
        """The hosts, with sshd and the controller's key; the Docker hosts with busybox for a container later."""
        sh([os.path.join(REPO, "tests", "tools", "base_image.sh"), "bookworm", IMAGE])
        self.remove()
        if os.path.isdir(self.state):
            shutil.rmtree(self.state)
        os.makedirs(self.state)
        key = os.path.join(self.state, "id_ed25519")
        sh(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key])
        with open(key + ".pub") as handle:
            public = handle.read().strip()
        sh(["docker", "network", "create", "--subnet", self.subnet, self.network])
        hosts = (self.cache,) + self.docker_hosts
        for name, address in hosts:
            sh(docker_run_args(name, IMAGE, ["--network", self.network, "--ip", address]))
        setup = ("systemctl is-system-running --wait >/dev/null 2>&1; export DEBIAN_FRONTEND=noninteractive; "
                 "apt-get update -qq && apt-get install -y -qq --no-install-recommends openssh-server %s >/dev/null "
                 "&& mkdir -p -m 0700 /root/.ssh && echo '%s' > /root/.ssh/authorized_keys && systemctl start ssh")
        with concurrent.futures.ThreadPoolExecutor(len(hosts)) as pool:
            futures = [pool.submit(on_host, name, setup % ("busybox-static" if name != self.cache[0] else "", public),
                                   True) for name, _address in hosts]
            for future in futures:
                future.result()
        self.write_inventory()

    def write_inventory(self):
        key = os.path.join(self.state, "id_ed25519")
        settings = dict(ansible_user="root", ansible_python_interpreter="/usr/bin/python3",
                        ansible_ssh_private_key_file=key, site_pool_record=os.path.join(self.state, "fleet-pools.yml"),
                        ansible_ssh_common_args="-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null "
                                                "-o ConnectTimeout=10")
        settings.update(self.settings)
        inventory = {"all": {
            "vars": settings,
            "children": {"apt_cache": {"hosts": {self.cache[0]: {"ansible_host": self.cache[1]}}},
                         "docker_hosts": {"hosts": dict((name, {"ansible_host": address})
                                                        for name, address in self.docker_hosts)}}}}
        with open(os.path.join(self.state, "inventory.yml"), "w") as handle:
            yaml.safe_dump(inventory, handle)
