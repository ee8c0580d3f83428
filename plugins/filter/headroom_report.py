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
  min_free_subnets:
    description:
      - Flag hosts with fewer free IPv4 subnets than this. Named C(min_free) before version 0.4.0; that name still
        works.
    type: int
    default: 0
  now:
    description: Unix time of the report; dates it and gives stale networks their age.
    type: float
  history:
    description: Earlier reports (as this filter returned them, or their RV(_value.trend_entry), read back from
      their JSON); each host's free IPv4 subnets over them become its trend (C(trend), and C(trend_points) for an SVG
      polyline).
    type: list
    elements: dict
    default: []
  users:
    description:
      - Host name to the registered loop of M(dockyard.docker_host.pool_headroom) over users (O(dockyard.docker_host.pool_headroom#module:user));
        each user's rootless engine becomes a row C(HOST/USER).
    type: dict
    default: {}
"""

EXAMPLES = r"""
- name: Report the fleet
  ansible.builtin.debug:
    msg: "{{ (dict(hosts | zip(hosts | map('extract', hostvars) | map(attribute='headroom', default={})))
              | dockyard.docker_host.headroom_report(min_free_subnets=32)).lines }}"
  vars:
    hosts: "{{ groups['docker_hosts'] }}"
"""

RETURN = r"""
_value:
  description: The report.
  type: dict
  contains:
    rows:
      description: One per host, nearest exhaustion first (hosts without a result, then by severity and free IPv4
        subnets), with host, ok, error, engine_version, pools_source, pools, total, free, free_ipv4, total_ipv4,
        percent_used, percent_used_ipv4, severity (critical below min_free_subnets or with no free IPv4 subnet, warning from
        80% of the IPv4 subnets used or under twice min_free_subnets, else ok), networks (count), creators ([creator, count],
        most first), stale and pruned (names), stale_detail (name, age_seconds, age), below_min_free, trend (free IPv4
        subnets over the earlier reports and this one) and trend_points (an SVG polyline, 120 by 24).
      type: list
      elements: dict
    lines:
      description: A fixed-width table, one line per host after a header.
      type: list
      elements: str
    summary:
      description: hosts, counted, failed (hosts), below_min_free (hosts), min_free_subnets, free, total, stale, and the
        critical and warning hosts.
      type: dict
    generated:
      description: The O(now) given, or null.
      type: float
    trend_entry:
      description: What O(history) needs of this report, for a history kept small (generated, and rows of host, ok
        and free_ipv4).
      type: dict
"""

from ansible.errors import AnsibleFilterError
from ansible_collections.dockyard.docker_host.plugins.module_utils.address_pools import whole_number
from ansible_collections.dockyard.docker_host.plugins.plugin_utils.headroom_report import fleet_report, with_user_engines
from ansible_collections.dockyard.docker_host.plugins.module_utils.value_kinds import json_kind
from ansible_collections.dockyard.docker_host.plugins.plugin_utils.filter_errors import filter_errors


@filter_errors("headroom_report")
def headroom_report(results, min_free_subnets=0, now=None, history=None, min_free=None, users=None):
    if not isinstance(results, dict):
        raise AnsibleFilterError("headroom_report: input must map host names to pool_headroom results, got %s"
                                 % json_kind(results))
    if now is not None and (isinstance(now, bool) or not isinstance(now, (int, float))):
        raise AnsibleFilterError("headroom_report: now %r is not a Unix time (a number)" % (now,))
    if history is not None and not isinstance(history, list):
        raise AnsibleFilterError("headroom_report: history must be a list of earlier reports, got %s"
                                 % json_kind(history))
    if users is not None and not isinstance(users, dict):
        raise AnsibleFilterError("headroom_report: users must map host names to registered loops, got %s"
                                 % json_kind(users))
    if min_free is not None:
        min_free_subnets = min_free
    try:
        results = with_user_engines(results, users)
    except ValueError as error:
        raise AnsibleFilterError("headroom_report: %s" % error)
    return fleet_report(results, whole_number(min_free_subnets, "min_free_subnets"), now, history)


class FilterModule(object):
    def filters(self):
        return {"headroom_report": headroom_report}
