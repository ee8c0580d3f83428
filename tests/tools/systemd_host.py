# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The `docker run` of a systemd test host, from the one definition Molecule uses (molecule/_shared/systemd_host.yml),
for the test tools that start hosts without Molecule (benchmarks, the chaos test)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

import yaml

DEFINITION = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                          "molecule", "_shared", "systemd_host.yml")


def docker_run_args(name, image, options=()):
    """argv that starts host ``name`` from ``image`` detached, with ``options`` (e.g. a network) before the image."""
    with open(DEFINITION) as handle:
        host = yaml.safe_load(handle)["dockyard_test_host"]
    return (["docker", "run", "--detach", "--name", name, "--hostname", name] + list(options)
            + ["--cap-add=" + c for c in host["capabilities"]]
            + ["--security-opt=" + o for o in host["security_opts"]]
            + ["--volume=" + v for v in host["volumes"]] + ["--tmpfs=" + t for t in host["tmpfs"]]
            + ["--cgroupns=" + host["cgroupns_mode"], "--stop-signal=" + host["stop_signal"], image, host["command"]])
