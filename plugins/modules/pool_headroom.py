#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: pool_headroom
short_description: Count the networks a Docker host can still create, and prune stale build networks
version_added: 0.1.0
author: Dockyard maintainers (@dockyard)
description:
  - Reads the address pools in effect, every network and the host's routes and nameservers, and counts per pool the
    subnets in total, used by networks (and by which), blocked by routes or nameservers, and free.
  - Talks to the Docker Engine API over its unix socket with the Python standard library; the Docker SDK is not needed.
  - Pools come from O(pools), else from daemon.json's C(default-address-pools), else from the engine's own
    C(DefaultAddressPools) (set by flags), else from the engine's built-in pools (172.17.0.0/16 to 172.19.0.0/16
    and 172.20.0.0/14, 172.24.0.0/14, 172.28.0.0/14 split into /16s, 192.168.0.0/16 split into /20s; 31 subnets).
  - The default bridge counts like any network, so a bridge inside a pool takes its subnet and a C(bip) outside
    every pool takes nothing.
  - Routes block subnets the way dockerd does it, by IPv4 on-link routes (every non-default route before 20.10.15),
    and so do nameservers. Routes of Docker's own bridges are not counted twice.
  - Lists stale networks (no container attached, running or stopped; older than O(stale_after); name or label
    matching O(stale_patterns)) and removes them with O(prune_stale=true). Predefined networks, networks with
    containers and networks that do not match are never removed.
  - With O(min_free_subnets), fails when fewer IPv4 subnets than that are free, after any pruning, so a play can stop
    before builds start failing.
notes:
  - Engines from 27.0 also add an IPv6 pool derived from the engine ID when none is configured; it is not counted.
  - In check mode nothing is removed, and the counts are those after the pruning that would happen.
extends_documentation_fragment:
  - dockyard.docker_host.daemon_json
options:
  socket:
    description: Path of dockerd's unix socket.
    type: path
    default: /var/run/docker.sock
  pools:
    description:
      - Pools to count against, as daemon.json writes them (C(base), C(size)). Overrides daemon.json and the engine.
    type: list
    elements: dict
  min_free_subnets:
    description:
      - Fail when fewer IPv4 subnets than this are free. V(0) never fails, so that a count alone never fails a play;
        the roles and playbooks that gate on headroom give their own value (32 unless set).
      - Named C(min_free) before version 0.4.0; that name still works.
    type: int
    default: 0
    aliases: [min_free]
  stale_after:
    description:
      - How old a network without containers must be to count as stale, as seconds or a number with C(s), C(m),
        C(h), C(d) or C(w). Build tools leave a network briefly without containers between build phases.
    type: str
    default: 6h
  stale_patterns:
    description:
      - Which networks may be stale. A regular expression searched in the network's name, or C(label:KEY) or
        C(label:KEY=VALUE) for a label.
      - The default covers pack (C(pack.local-network-*)), GitLab Runner's network per build
        (C(runner-*-job-N-network)) and Testcontainers (label C(org.testcontainers)).
    type: list
    elements: str
    default: ['^pack\.local-network-', '^runner-.+-job-\d+-network$', 'label:org.testcontainers']
  prune_stale:
    description: Remove the stale networks.
    type: bool
    default: false
  proc_route:
    description: Where the kernel's IPv4 routing table is read from.
    type: path
    default: /proc/net/route
  resolv_conf:
    description: Resolver configuration whose nameservers block subnets.
    type: path
    default: /etc/resolv.conf
  user:
    description:
      - Count the rootless engine of this user instead of the system engine. O(socket), O(daemon_json) and
        O(proc_route) left at their defaults point at the user's engine; the routes are those of rootlesskit's
        network namespace, where the engine's bridges live (C(/proc/PID/net/route) of the dockerd named by
        C(/run/user/UID/docker.pid)).
    type: str
    default: ''
  timeout:
    description: Seconds each Engine API request may take in all, however slowly the engine answers.
    type: int
    default: 60
  max_answer_bytes:
    description: Largest Engine API answer read, in bytes; a larger one fails the module instead of filling memory.
    type: int
    default: 67108864
attributes:
  check_mode:
    description: Nothing is removed; RV(pruned) names what would be.
    support: full
  diff_mode:
    description: No diff is shown.
    support: none
seealso:
  - module: dockyard.docker_host.daemon_json
  - plugin: dockyard.docker_host.pool_capacity
    plugin_type: filter
"""

EXAMPLES = r"""
- name: Stop before builds fail for lack of networks
  dockyard.docker_host.pool_headroom:
    min_free_subnets: 32
  register: headroom

- name: Show the headroom
  ansible.builtin.debug:
    msg: "{{ headroom.free }} of {{ headroom.total }} subnets free ({{ headroom.percent_used }} % used)"

- name: Remove build networks pack and CI runners left behind more than a day ago
  dockyard.docker_host.pool_headroom:
    stale_after: 1d
    prune_stale: true

- name: Also prune networks labelled by an in-house tool
  dockyard.docker_host.pool_headroom:
    stale_patterns:
      - '^pack\.local-network-'
      - label:com.example.ci-job
    prune_stale: true

- name: Count the rootless engine of user alice
  dockyard.docker_host.pool_headroom:
    user: alice
    min_free_subnets: 32
"""

RETURN = r"""
engine_version:
  description: The engine's version, from its API.
  returned: success
  type: str
  sample: 20.10.24+dfsg1
pools_source:
  description: Where the pools came from.
  returned: success
  type: str
  choices: [parameter, daemon.json, engine, engine defaults]
  sample: daemon.json
pools:
  description: Per pool, its subnets.
  returned: success
  type: list
  elements: dict
  contains:
    base: {description: The pool's network., type: str, sample: 172.16.0.0/20}
    size: {description: Prefix length of each subnet., type: int, sample: 24}
    total: {description: Subnets in the pool., type: int, sample: 16}
    used: {description: Subnets that networks hold., type: int, sample: 2}
    used_by: {description: Names of the networks inside the pool., type: list, elements: str, sample: [bridge, ci_default]}
    blocked: {description: "Subnets routes or nameservers block, beyond the used ones.", type: int, sample: 0}
    free: {description: Subnets dockerd can still hand out., type: int, sample: 14}
    percent_used: {description: Share of the pool not free., type: float, sample: 12.5}
total:
  description: Subnets in all pools.
  returned: success
  type: int
  sample: 16
used:
  description: Subnets that networks hold, in all pools.
  returned: success
  type: int
  sample: 2
blocked:
  description: Subnets blocked by routes or nameservers, in all pools.
  returned: success
  type: int
  sample: 0
free:
  description: Subnets free in all pools.
  returned: success
  type: int
  sample: 14
free_ipv4:
  description: IPv4 subnets free; O(min_free_subnets) is checked against it.
  returned: success
  type: int
  sample: 14
percent_used:
  description: Share of all pools not free.
  returned: success
  type: float
  sample: 12.5
reserved:
  description: Routes and nameservers that block subnets.
  returned: success
  type: list
  elements: str
  sample: [172.17.0.0/16, 192.0.2.53/32]
networks:
  description: Every network, after pruning.
  returned: success
  type: list
  elements: dict
  contains:
    name: {description: Network name., type: str, sample: pack.local-network-ab12cd34}
    id: {description: Network ID., type: str}
    driver: {description: Network driver., type: str, sample: bridge}
    subnets: {description: Its subnets., type: list, elements: str, sample: [172.16.1.0/24]}
    created: {description: When the engine created it., type: str, sample: "2026-11-22T21:42:30.079134937Z"}
    creator: {description: "Who made it, from its name and labels: docker, compose:PROJECT, pack, gitlab-runner,
      testcontainers, earthly or user.", type: str, sample: pack}
    containers: {description: "Containers attached, running or stopped.", type: int, sample: 0}
stale:
  description: Stale networks found (removed when O(prune_stale=true)).
  returned: success
  type: list
  elements: dict
  contains:
    name: {description: Network name., type: str}
    id: {description: Network ID., type: str}
    created: {description: When the engine created it., type: str}
    subnets: {description: Its subnets., type: list, elements: str}
pruned:
  description: Names of the networks removed (in check mode, that would be removed).
  returned: success
  type: list
  elements: str
  sample: [pack.local-network-ab12cd34]
"""

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.dockyard.docker_host.plugins.module_utils.address_pools import AddressPoolError
from ansible_collections.dockyard.docker_host.plugins.module_utils.engine_api import EngineAPIError
from ansible_collections.dockyard.docker_host.plugins.module_utils.headroom import HeadroomError
from ansible_collections.dockyard.docker_host.plugins.module_utils.headroom_run import (
    DEFAULTS,
    PruneError,
    Refused,
    count,
    shortage,
)


def main():
    module = AnsibleModule(
        argument_spec=dict(
            socket=dict(type="path", default=DEFAULTS["socket"]),
            daemon_json=dict(type="path", default=DEFAULTS["daemon_json"]),
            pools=dict(type="list", elements="dict"),
            min_free_subnets=dict(type="int", default=DEFAULTS["min_free_subnets"], aliases=["min_free"]),
            stale_after=dict(type="str", default=DEFAULTS["stale_after"]),
            stale_patterns=dict(type="list", elements="str", default=DEFAULTS["stale_patterns"]),
            prune_stale=dict(type="bool", default=DEFAULTS["prune_stale"]),
            proc_route=dict(type="path", default=DEFAULTS["proc_route"]),
            resolv_conf=dict(type="path", default=DEFAULTS["resolv_conf"]),
            user=dict(type="str", default=DEFAULTS["user"]),
            timeout=dict(type="int", default=DEFAULTS["timeout"]),
            max_answer_bytes=dict(type="int", default=DEFAULTS["max_answer_bytes"]),
        ),
        supports_check_mode=True,
    )
    try:
        result = count(module.params, check_mode=module.check_mode)
    except PruneError as exc:
        module.fail_json(msg=str(exc), pruned=exc.pruned)
    except (Refused, HeadroomError, EngineAPIError) as exc:
        module.fail_json(msg=str(exc))
    except AddressPoolError as exc:
        module.fail_json(msg="cannot count headroom: %s" % exc)
    short = shortage(result, module.params["min_free_subnets"])
    if short:
        result["msg"] = short
        module.fail_json(**result)
    module.exit_json(**result)


if __name__ == "__main__":
    main()
