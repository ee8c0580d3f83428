# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: daemon_json_merged
author: Dockyard maintainers (@dockyard)
version_added: 0.4.0
short_description: The daemon.json the daemon_json module would write, from the one a host has
description:
  - Merges O(config) into the host's daemon.json as M(dockyard.docker_host.daemon_json) does (the same code) - mappings
    key by key, lists replaced whole, a key set to null removed, or O(config) alone with O(mode=replace) - then adds
    O(defaults) as a group where neither sets any of their keys.
  - Checks nothing; the module checks what it writes. A role compares the result with the host's daemon.json to call
    the module only when it would change the file.
positional: config
options:
  _input:
    description: The host's daemon.json, parsed (C(docker_host.daemon_json.config) of M(dockyard.docker_host.docker_host_facts)).
    type: dict
    required: true
  config:
    description: The keys to set, as the module's O(dockyard.docker_host.daemon_json#module:config).
    type: dict
    required: true
  mode:
    description: V(merge) or V(replace), as the module's O(dockyard.docker_host.daemon_json#module:mode).
    type: str
    default: merge
  defaults:
    description: Keys added as a group where neither the host nor O(config) sets any of them.
    type: dict
    default: {}
"""

EXAMPLES = r"""
- name: Write daemon.json only when it would change
  dockyard.docker_host.daemon_json:
    config: "{{ wanted }}"
  when: (host.docker_host.daemon_json.config | dockyard.docker_host.daemon_json_merged(wanted)) != host.docker_host.daemon_json.config
"""

RETURN = r"""
_value:
  description: The daemon.json the module would write, as a mapping.
  type: dict
  sample: {"live-restore": true, "log-driver": "json-file"}
"""

from ansible_collections.dockyard.docker_host.plugins.module_utils.daemon_config import merge, with_defaults
from ansible_collections.dockyard.docker_host.plugins.plugin_utils.filter_errors import filter_errors


@filter_errors("daemon_json_merged")
def daemon_json_merged(current, config, mode="merge", defaults=None):
    for name, value in (("the host's daemon.json", current), ("config", config), ("defaults", defaults or {})):
        if not isinstance(value, dict):
            raise ValueError("%s must be a mapping of daemon.json keys" % name)
    return with_defaults(current, merge(current, config, mode), defaults or {})


class FilterModule(object):
    def filters(self):
        return {"daemon_json_merged": daemon_json_merged}
