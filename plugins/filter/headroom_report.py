# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: headroom_report
short_description: Turn per-host pool_headroom results into a fleet report
version_added: 0.1.0
author: Dockyard maintainers (@dockyard)
description:
  - Takes a mapping of host name to the registered result of M(dockyard.docker_host.pool_headroom) and returns rows
    sorted by free IPv4 subnets (hosts without a result first), table lines for the console, and a summary.
  - The playbook C(dockyard.docker_host.headroom) renders these as a table, HTML and JSON.
options:
  _input:
    description: Host name to registered result; a missing or failed result becomes a row with its error.
    type: dict
    required: true
  min_free:
    description: Flag hosts with fewer free IPv4 subnets than this.
    type: int
    default: 0
"""

EXAMPLES = r"""
- name: Report the fleet
  ansible.builtin.debug:
    msg: "{{ (dict(hosts | zip(hosts | map('extract', hostvars) | map(attribute='headroom', default={})))
              | dockyard.docker_host.headroom_report(min_free=32)).lines }}"
  vars:
    hosts: "{{ groups['docker_hosts'] }}"
"""

RETURN = r"""
_value:
  description: The report.
  type: dict
  contains:
    rows:
      description: One per host, fewest free first, with host, ok, error, engine_version, pools_source, pools, total,
        free, free_ipv4, percent_used, networks (count), stale and pruned (names) and below_min_free.
      type: list
      elements: dict
    lines:
      description: A fixed-width table, one line per host after a header.
      type: list
      elements: str
    summary:
      description: hosts, counted, failed (hosts), below_min_free (hosts), min_free, free, total and stale.
      type: dict
"""

from ansible.errors import AnsibleFilterError
from ansible_collections.dockyard.docker_host.plugins.module_utils.address_pools import whole_number
from ansible_collections.dockyard.docker_host.plugins.module_utils.headroom_report import fleet_report
from ansible_collections.dockyard.docker_host.plugins.plugin_utils.filter_errors import filter_errors


@filter_errors("headroom_report")
def headroom_report(results, min_free=0):
    if not isinstance(results, dict):
        raise AnsibleFilterError("headroom_report: input must map host names to pool_headroom results, got %s"
                                 % type(results).__name__)
    return fleet_report(results, whole_number(min_free, "min_free"))


class FilterModule(object):
    def filters(self):
        return {"headroom_report": headroom_report}
