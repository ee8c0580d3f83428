#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: rootless_users
short_description: Give users what a rootless Docker engine needs of the host - subordinate ids and linger
version_added: 0.6.0
author: Dockyard maintainers (@dockyard)
description:
  - For each user, a range of subordinate user ids in C(/etc/subuid) and of group ids in C(/etc/subgid). A range the
    user has is kept; a user without one gets the lowest free range from 100000, or from O(users[].subordinate_start),
    which is refused when it overlaps another owner's range or would move the user's own.
  - Turns linger on (C(loginctl enable-linger)), so the user's systemd manager, and the engine under it, starts at
    boot without a login, and waits for the user's runtime directory C(/run/user/UID).
  - Every user is checked first (exists, is a user name, is not root, is named once) and every range planned, before
    any file is written, so a refusal changes nothing. Files are replaced atomically, keeping their mode and owner.
options:
  users:
    description: The users who run a rootless engine.
    type: list
    elements: dict
    required: true
    suboptions:
      name:
        description: The user's name.
        type: str
        required: true
      subordinate_start:
        description: The first subordinate id to give a user who has none; unset, the lowest free from 100000.
        type: int
  subordinate_count:
    description: How many subordinate ids each user gets (65536 covers the ids of common images).
    type: int
    default: 65536
  linger:
    description: Turn linger on for each user.
    type: bool
    default: true
  subuid_path:
    description: The subordinate user id file.
    type: path
    default: /etc/subuid
  subgid_path:
    description: The subordinate group id file.
    type: path
    default: /etc/subgid
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    description: Says what would change, writing nothing.
    support: full
  diff_mode:
    description: Shows the lines the id files would get.
    support: full
  platform:
    platforms: posix
seealso:
  - module: dockyard.docker_host.engine_lifecycle
"""

EXAMPLES = r"""
- name: Let alice and bob run rootless engines
  dockyard.docker_host.rootless_users:
    users:
      - name: alice
      - name: bob
        subordinate_start: 300000
"""

RETURN = r"""
subordinate_ids:
  description: Each user's subordinate ranges, C([start, count]), as the files have them at the end.
  returned: success
  type: dict
  sample: {"alice": {"subuid": [100000, 65536], "subgid": [100000, 65536]}}
accounts:
  description: Each user's C(uid), C(gid) and C(home), for the tasks that write the user's files.
  returned: success
  type: dict
  sample: {"alice": {"uid": 1000, "gid": 1000, "home": "/home/alice"}}
written:
  description: The id files written (in check mode, that would be written).
  returned: success
  type: list
  elements: str
lingering:
  description: The users whose linger this run turned on (in check mode, would turn on).
  returned: success
  type: list
  elements: str
"""

import os
import time

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.dockyard.docker_host.plugins.module_utils import rootless_engine
from ansible_collections.dockyard.docker_host.plugins.module_utils import subordinate_ids
from ansible_collections.dockyard.docker_host.plugins.module_utils.host_files import (
    CommandError,
    read_file,
    replace_keeping_owner,
    run_bounded,
)

LINGER_DIR = "/var/lib/systemd/linger"
RUNTIME_WAIT = 30


def checked_users(users):
    """The accounts of ``users``, each with its asked start; ValueError naming every bad one."""
    problems, accounts, seen = [], [], set()
    for user in users:
        name = user["name"]
        if name in seen:
            problems.append("user %s is named twice" % name)
            continue
        seen.add(name)
        try:
            accounts.append(dict(rootless_engine.account(name), start=user.get("subordinate_start")))
        except rootless_engine.RootlessError as error:
            problems.append(str(error))
    if problems:
        raise ValueError("; ".join(problems))
    return accounts


def enable_linger(module, account):
    rc, out, err = run_bounded(module.run_command, ["loginctl", "enable-linger", account["name"]], 60)
    if rc != 0:
        module.fail_json(msg="loginctl enable-linger %s failed (exit %d): %s" % (account["name"], rc, (err or out).strip()))
    deadline = time.time() + RUNTIME_WAIT
    while not os.path.isdir(rootless_engine.runtime_dir(account)):
        if time.time() >= deadline:
            module.fail_json(msg="linger is on for %s, but %s did not appear within %d s: is systemd-logind running?"
                             % (account["name"], rootless_engine.runtime_dir(account), RUNTIME_WAIT))
        time.sleep(0.5)


def main():
    module = AnsibleModule(
        argument_spec=dict(
            users=dict(type="list", elements="dict", required=True, options=dict(
                name=dict(type="str", required=True),
                subordinate_start=dict(type="int"),
            )),
            subordinate_count=dict(type="int", default=subordinate_ids.COUNT),
            linger=dict(type="bool", default=True),
            subuid_path=dict(type="path", default="/etc/subuid"),
            subgid_path=dict(type="path", default="/etc/subgid"),
        ),
        supports_check_mode=True,
    )
    params = module.params
    if not 1 <= params["subordinate_count"] <= 1 << 30:
        module.fail_json(msg="subordinate_count %d is outside 1 to %d" % (params["subordinate_count"], 1 << 30))
    try:
        accounts = checked_users(params["users"])
        planned = {}
        for kind in ("subuid", "subgid"):
            path = params[kind + "_path"]
            before = read_file(path) or ""
            after, given = subordinate_ids.plan(before, accounts, params["subordinate_count"], path)
            planned[kind] = (path, before, after, given)
    except ValueError as error:
        module.fail_json(msg=str(error))
    written = [path for path, before, after, _given in planned.values() if after != before]
    lingering = [account["name"] for account in accounts if params["linger"]
                 and not os.path.exists(os.path.join(LINGER_DIR, account["name"]))]
    if not module.check_mode:
        try:
            for path, before, after, _given in planned.values():
                if after != before:
                    replace_keeping_owner(path, after, 0o644, prefix=".dockyard.")
            for account in accounts:
                if account["name"] in lingering:
                    enable_linger(module, account)
        except (OSError, IOError, CommandError) as error:
            module.fail_json(msg="cannot give the users their subordinate ids or linger: %s" % error)
    result = {
        "changed": bool(written or lingering), "written": written, "lingering": lingering,
        "accounts": dict((account["name"], {"uid": account["uid"], "gid": account["gid"], "home": account["home"]})
                         for account in accounts),
        "subordinate_ids": dict((account["name"], {"subuid": planned["subuid"][3][account["name"]],
                                                   "subgid": planned["subgid"][3][account["name"]]})
                                for account in accounts),
    }
    if module._diff:
        result["diff"] = [{"before_header": path, "after_header": path, "before": before, "after": after}
                          for path, before, after, _given in planned.values() if after != before]
    module.exit_json(**result)


if __name__ == "__main__":
    main()
