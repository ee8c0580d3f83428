# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    """The record of a host before an engine change: where it is kept and what goes in it besides the defaults."""

    DOCUMENTATION = r"""
options:
  record:
    description:
      - Where the record of the host before an engine change is kept (mode C(0600), in a C(0700) directory). It holds
        the engine's packages with versions and holds, the bytes, mode and owner of daemon.json and of
        O(record_files) (or their absence), whether dockerd answers and its version, the node's swarm state and the
        running containers the host must run again (not a swarm task's, which the swarm replaces).
    type: path
    default: /var/lib/dockyard/engine-record.json
  record_files:
    description:
      - More files a change may write, as paths or shell patterns, to go in the record besides daemon.json. When the
        record is put back, files matching a pattern that were not there before are removed.
    type: list
    elements: path
    default: []
  record_packages:
    description: More packages to record, besides the engine's own (docker-ce, docker.io, containerd, runc and their kin).
    type: list
    elements: str
    default: []
"""
