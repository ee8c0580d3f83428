# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: engine_advisories
short_description: Known Docker engine issues that apply to a version on a host
version_added: 0.1.0
author: Dockyard maintainers (@dockyard)
description:
  - Checks a list of advisories (known issues by engine version range, each with an optional condition on the host)
    against the engine version about to be installed, and returns those that apply, each with a message.
  - The role C(dockyard.docker_host.docker_engine) fails on advisories with action C(fail) and warns on the rest,
    before anything changes.
  - "Fails closed, never with an empty answer, on input it cannot judge: an empty engine version, an advisory whose
    range matches no engine (C(min) not below C(below)), host data of the wrong shape. A malformed pool in the host's
    daemon.json does not hide the others."
options:
  _input:
    description:
      - Advisories, each with C(id), C(title), C(action) (C(fail) or C(warn)), C(advice), optional C(engine)
        (C(min) inclusive, C(below) exclusive) and optional C(when), a condition name.
      - "Conditions: C(pool_over_2_20_subnets), C(ipv6_pool_size_64_or_less), C(overlapping_pools),
        C(nerdctl_2_0_0_to_2_0_3), C(gateway_routes)."
    type: list
    elements: dict
    required: true
  engine_version:
    description: The engine version to check, such as C(20.10.24) or C(5:28.5.2-1~debian.12~bookworm).
    type: str
    required: true
  host:
    description: What the host has, C(daemon_json) (parsed), C(nerdctl_version) and C(gateway_routes) (list).
    type: dict
    default: {}
"""

EXAMPLES = r"""
- name: Fail on advisories that would break the host
  ansible.builtin.fail:
    msg: "{{ found | selectattr('action', 'eq', 'fail') | map(attribute='message') | join('; ') }}"
  when: found | selectattr('action', 'eq', 'fail') | list | length > 0
  vars:
    found: "{{ advisories | dockyard.docker_host.engine_advisories('20.10.24', host={'daemon_json': daemon}) }}"
"""

RETURN = r"""
_value:
  description: The advisories that apply, each as given plus C(evidence) (what matched) and C(message).
  type: list
  elements: dict
"""

from ansible_collections.dockyard.docker_host.plugins.plugin_utils.engine_advisories import matching
from ansible_collections.dockyard.docker_host.plugins.plugin_utils.filter_errors import filter_errors


@filter_errors("engine_advisories")
def engine_advisories(advisories, engine_version, host=None):
    return matching(advisories or [], engine_version, host or {})


class FilterModule(object):
    def filters(self):
        return {"engine_advisories": engine_advisories}
