# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: systemd_environment
author: Dockyard maintainers (@dockyard)
version_added: 0.3.0
short_description: Quote variables as systemd Environment= lines, or as an EnvironmentFile
description:
  - Turns a mapping of environment variables into C(Environment="NAME=value") lines for a unit's C([Service])
    section, in name order.
  - Escapes what systemd would otherwise read differently inside the quotes (the backslash, C(") and the C(%) of
    specifiers), so a value such as a proxy password arrives in the service exactly as given.
  - With O(file=true), C(NAME="value") lines for a file named by C(EnvironmentFile=) instead, escaping the
    backslash, C("), C($) and the backquote. Use that form for credentials, since C(systemctl show) prints
    C(Environment=) values to any local user.
  - Refuses names that are not letters, digits and underscores, values that are not strings, and control
    characters.
options:
  _input:
    description: Variable names to values.
    type: dict
    required: true
  file:
    description: Lines for an C(EnvironmentFile=) rather than C(Environment=) lines.
    type: bool
    default: false
"""

EXAMPLES = r"""
- name: A drop-in that gives dockerd a proxy
  ansible.builtin.copy:
    content: |
      [Service]
      {{ {'HTTP_PROXY': 'http://user:p%40ss@proxy:3128'} | dockyard.docker_host.systemd_environment | join('\n') }}
    dest: /etc/systemd/system/docker.service.d/proxy.conf
    mode: "0600"

- name: Credentials for a service, in a file only root reads
  ansible.builtin.copy:
    content: "{{ {'REGISTRY_PROXY_PASSWORD': password} | dockyard.docker_host.systemd_environment(file=true) | join('\n') }}\n"
    dest: /etc/dockyard/registry-mirror.env
    mode: "0600"
  no_log: true
"""

RETURN = r"""
_value:
  description: The lines, without a trailing newline.
  type: list
  elements: str
  sample: ['Environment="HTTP_PROXY=http://user:p%%40ss@proxy:3128"']
"""

from ansible_collections.dockyard.docker_host.plugins.plugin_utils.filter_errors import filter_errors
from ansible_collections.dockyard.docker_host.plugins.plugin_utils.systemd_units import (
    environment_file_lines,
    environment_lines,
)


@filter_errors("systemd_environment")
def systemd_environment(variables, file=False):
    return environment_file_lines(variables) if file else environment_lines(variables)


class FilterModule(object):
    def filters(self):
        return {"systemd_environment": systemd_environment}
