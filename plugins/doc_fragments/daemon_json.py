# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    """The daemon.json path option, one name and one meaning in every module of this collection."""

    DOCUMENTATION = r"""
options:
  daemon_json:
    description:
      - Path of dockerd's configuration file, daemon.json. A missing file reads as no keys set.
    type: path
    default: /etc/docker/daemon.json
"""
