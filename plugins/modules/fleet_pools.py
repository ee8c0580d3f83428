#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: fleet_pools
author: Dockyard maintainers (@dockyard)
version_added: 0.3.0
short_description: Keep a durable record of which block of a supernet each Docker host holds
description:
  - "Gives every host of O(hosts) its own /O(host_prefix) block of O(supernet) as its address pool, from a record
    file that survives runs (on the controller, or on a managed host): a host that is down, unreachable, outside
    C(--limit) or in a later C(serial) batch keeps its block, and new hosts get the lowest free blocks, so no two
    hosts ever share address space and existing hosts never move."
  - "The record is a YAML file with a row per host (pools, the date allocated, the date last seen). It is replaced
    atomically, under an exclusive lock (a C(.lock) file beside it), and only when no other run wrote it since this
    run read it; a run that finds it replaced reads it again and allocates anew, so runs at once never hand out the
    same block and a run killed while it writes leaves the previous record whole."
  - "O(observed) is what this run read from the hosts' daemon.json: pools inside the supernet that the record does not
    know are imported when they clash with nothing; pools that disagree with the record, or overlap another host's
    block, are reported in RV(disagreements) and that host gets nothing new."
  - "A block a host already holds never goes to another host: while a host with no row in the record was not read in
    this run (it failed or was unreachable), no new block is handed out, since its daemon.json may hold pools of the
    supernet written before the record existed; the hosts that would have got one are in RV(deferred)."
  - A block is freed only when O(release) names the host, or when the host has left the inventory and was last seen
    more than O(retention_days) days ago.
  - "With O(record_on_host), the record is a file on the task's host instead (delegate the task to the record host,
    for example the apt cache host), read and replaced through M(dockyard.docker_host.record_file): state that
    outlives controllers that keep nothing, such as AWX execution environments, and that runs at once (AWX job
    slicing) share."
  - Run it once per play (C(run_once)); it is an action that runs on the controller, whatever host it is given.
  - The record's supernet, host_prefix and size are fixed once a host holds a block; other settings are refused.
options:
  record:
    description:
      - Path of the record file on the controller, or with O(record_on_host) on the task's host.
      - A missing directory is created (mode C(0700)); a new record is readable by its owner only (mode C(0600)).
    type: path
    required: true
  record_on_host:
    description: Keep O(record) on the host the task runs for (its C(delegate_to)), not on the controller.
    type: bool
    default: false
  supernet:
    description: The range the fleet's pools come from, for example V(10.200.0.0/16).
    type: str
    required: true
  host_prefix:
    description: Prefix length of each host's block.
    type: int
    default: 20
  size:
    description: Prefix length of the networks Docker cuts from a block.
    type: int
    default: 24
  hosts:
    description: The hosts to give a block; default the play's hosts (C(ansible_play_hosts_all)).
    type: list
    elements: str
  observed:
    description:
      - For hosts read in this run, their daemon.json content (parsed), or V(null) when they have none.
      - When given, a host of O(hosts) missing from it was not read (it failed or was unreachable); when omitted, no
        host was read and pools are allocated from the record alone.
    type: dict
  release:
    description: Hosts whose blocks are freed (decommissioned hosts).
    type: list
    elements: str
    default: []
  retention_days:
    description: Free the block of a host that is not in O(inventory) and was last seen longer ago; V(0) keeps it.
    type: int
    default: 0
  inventory:
    description: Every host of the inventory, for O(retention_days); default C(groups['all']).
    type: list
    elements: str
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    description: Computes the allocation and writes no record.
    support: full
  diff_mode:
    description: Shows the record before and after when a block is allocated, imported or freed.
    support: full
  platform:
    platforms: posix
seealso:
  - module: dockyard.docker_host.record_file
  - plugin: dockyard.docker_host.fleet_address_pools
    plugin_type: filter
"""

EXAMPLES = r"""
- name: Give each Docker host its own block, kept across runs
  dockyard.docker_host.fleet_pools:
    record: "{{ inventory_dir }}/dockyard-fleet-pools.yml"
    supernet: 10.200.0.0/16
    host_prefix: 20
  run_once: true
  register: fleet

- name: The same, with the record kept on the apt cache host, for controllers that keep nothing
  dockyard.docker_host.fleet_pools:
    record: /var/lib/dockyard/fleet-pools.yml
    record_on_host: true
    supernet: 10.200.0.0/16
  delegate_to: "{{ groups['apt_cache'][0] }}"
  run_once: true
  register: fleet

- name: Use this host's block
  ansible.builtin.debug:
    msg: "{{ fleet.pools[inventory_hostname] }}"
"""

RETURN = r"""
pools:
  description: For each host of O(hosts) that holds a block, its pools.
  returned: success
  type: dict
  sample: {"docker1": [{"base": "10.200.0.0/20", "size": 24}]}
allocated:
  description: Hosts given a new block in this run.
  returned: success
  type: list
  elements: str
imported:
  description: Hosts whose daemon.json pools were taken into the record.
  returned: success
  type: list
  elements: str
released:
  description: Hosts whose blocks were freed.
  returned: success
  type: list
  elements: str
unknown_releases:
  description: Names in O(release) that the record does not hold.
  returned: success
  type: list
  elements: str
disagreements:
  description: Hosts whose daemon.json disagrees with the record, with what to do.
  returned: success
  type: dict
deferred:
  description: Hosts that get no block in this run because a host with no row could not be read, with the reason.
  returned: success
  type: dict
  sample: {"web-02": "no block of 10.200.0.0/14 is handed out in this run: web-01 has no row in ... and could not be read"}
record:
  description: The record's path (on the record host with O(record_on_host)).
  returned: success
  type: str
"""
