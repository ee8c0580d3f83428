#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: daemon_json
author: Dockyard maintainers (@dockyard)
version_added: 0.1.0
short_description: Merge, validate and atomically write Docker's daemon.json
description:
  - Merges the keys in O(config) into Docker's C(daemon.json), or replaces the file with them.
  - "Checks the result before anything is written: valid JSON, the types of the keys dockerd checks,
    C(default-address-pools) against the rules of P(dockyard.docker_host.validate_address_pools#filter) for the
    installed engine version, and C(hosts): a C(tcp://) socket without TLS client verification is refused unless
    O(allow_insecure_tcp=true)."
  - With O(validate=true) and an engine of 23.0 or later, the candidate file is also checked with
    C(dockerd --validate --config-file) before it replaces the live one.
  - Writes a temporary file in the same directory and renames it over the live file, mode C(0644), owner root.
  - Does not reload or restart dockerd; RV(restart_required) says which one the change needs.
    The P(dockyard.docker_host.docker_daemon#role) role does that, with rollback.
options:
  path:
    description: Path of daemon.json.
    type: path
    default: /etc/docker/daemon.json
  config:
    description:
      - The daemon.json keys to set.
      - With O(mode=merge), mappings (such as C(log-opts) or C(features)) merge key by key at every depth; any other
        value, lists included, replaces the old value whole; a key set to V(null) is removed.
    type: dict
    default: {}
  mode:
    description: V(merge) keeps keys the file has and O(config) does not name; V(replace) writes O(config) alone.
    type: str
    choices: [merge, replace]
    default: merge
  backup:
    description: Keep a timestamped copy of the old file beside it when the file changes.
    type: bool
    default: false
  validate:
    description: Check the candidate file with C(dockerd --validate) when the engine has it (23.0 and later).
    type: bool
    default: true
  allow_insecure_tcp:
    description: Accept C(tcp://) entries in C(hosts) without TLS client verification.
    type: bool
    default: false
  dockerd:
    description: Path of the dockerd binary; found on the PATH when omitted.
    type: path
  engine_version:
    description:
      - The engine version the pool rules are checked against.
      - Read from C(dockerd --version) when omitted; when dockerd is absent, the rules for engines before 27.0 apply.
    type: str
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
  platform:
    platforms: posix
notes:
  - The file is compared as JSON, so a file with other formatting but the same content is left alone.
seealso:
  - plugin: dockyard.docker_host.validate_address_pools
    plugin_type: filter
"""

EXAMPLES = r"""
- name: Give Docker safe address pools and keep containers running across restarts
  dockyard.docker_host.daemon_json:
    config:
      live-restore: true
      default-address-pools:
        - base: 172.30.0.0/16
          size: 24
    backup: true
  register: daemon_json

- name: Remove a key and set a log option, keeping the other log options
  dockyard.docker_host.daemon_json:
    config:
      debug: null
      log-opts:
        max-size: 10m
"""

RETURN = r"""
changed_keys:
  description: Top-level keys added, removed or changed.
  returned: always
  type: list
  elements: str
  sample: ["default-address-pools", "live-restore"]
restart_required:
  description: True when a changed key is one dockerd does not apply on SIGHUP, so the daemon must restart.
  returned: always
  type: bool
  sample: true
reload_required:
  description: True when the file changed and every changed key is applied on SIGHUP.
  returned: always
  type: bool
  sample: false
backup_file:
  description: Path of the copy of the old file.
  returned: when O(backup=true) and the file changed outside check mode
  type: str
  sample: /etc/docker/daemon.json.12345.2026-11-22@20:01:02~
config:
  description: The daemon.json content after the change (or as it would be, in check mode).
  returned: always
  type: dict
  sample: {"default-address-pools": [{"base": "172.30.0.0/16", "size": 24}], "live-restore": true}
engine_version:
  description: The engine version the checks used, or null when unknown.
  returned: always
  type: str
  sample: 20.10.24+dfsg1
validated_with:
  description: What checked the file besides this module's rules, V(dockerd --validate) or V(none).
  returned: always
  type: str
  sample: none
warnings:
  description: Pool advisories that did not stop the change.
  returned: always
  type: list
  elements: str
  sample: []
"""

import os
import re
import tempfile

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.dockyard.docker_host.plugins.module_utils.daemon_config import (
    DaemonConfigError,
    changed_keys,
    check,
    merge,
    parse_current,
    render,
    restart_required,
)
from ansible_collections.dockyard.docker_host.plugins.module_utils.engine_version import parse_engine_version

VALIDATE_SINCE = (23, 0)


def engine_version(module, dockerd):
    if module.params["engine_version"]:
        return module.params["engine_version"]
    if not dockerd:
        return None
    rc, out, err = module.run_command([dockerd, "--version"])
    match = re.search(r"version\s+([0-9][^\s,]*)", out)
    if rc != 0 or not match:
        module.fail_json(msg="could not read the engine version from '%s --version': %s" % (dockerd, (err or out).strip()))
    return match.group(1)


def read_current(path, mode):
    """Return the file's text (None when missing) and its config; replace mode overwrites a broken file."""
    if not os.path.exists(path):
        return None, {}
    with open(path) as handle:
        text = handle.read()
    try:
        return text, parse_current(text, path)
    except DaemonConfigError:
        if mode == "replace":
            return text, None
        raise


def write_candidate(directory, text):
    handle, candidate = tempfile.mkstemp(prefix=".daemon.json.", dir=directory)
    with os.fdopen(handle, "w") as stream:
        stream.write(text)
    os.chmod(candidate, 0o644)
    return candidate


def run_dockerd_validate(module, dockerd, candidate):
    rc, out, err = module.run_command([dockerd, "--validate", "--config-file", candidate])
    if rc != 0:
        os.unlink(candidate)
        module.fail_json(msg="dockerd --validate refused the new daemon.json: %s" % (err or out).strip(),
                         changed=False)


def main():
    module = AnsibleModule(
        argument_spec=dict(
            path=dict(type="path", default="/etc/docker/daemon.json"),
            config=dict(type="dict", default={}),
            mode=dict(type="str", choices=["merge", "replace"], default="merge"),
            backup=dict(type="bool", default=False),
            validate=dict(type="bool", default=True),
            allow_insecure_tcp=dict(type="bool", default=False),
            dockerd=dict(type="path"),
            engine_version=dict(type="str"),
        ),
        supports_check_mode=True,
    )
    path = module.params["path"]
    dockerd = module.params["dockerd"] or module.get_bin_path("dockerd")
    version = engine_version(module, dockerd)
    try:
        parsed_version = parse_engine_version(version)
        current_text, current = read_current(path, module.params["mode"])
        broken = current is None
        current = current or {}
        new = merge(current, module.params["config"], module.params["mode"])
        warnings = check(new, engine_version=version, allow_insecure_tcp=module.params["allow_insecure_tcp"])
    except (DaemonConfigError, ValueError) as error:
        module.fail_json(msg=str(error), changed=False)

    keys = changed_keys(current, new)
    changed = bool(keys) or broken or (current_text is None and bool(new))
    result = dict(
        changed=changed, changed_keys=keys, restart_required=changed and restart_required(keys),
        reload_required=changed and not restart_required(keys), config=new, engine_version=version,
        validated_with="none", warnings=warnings,
    )
    for warning in warnings:
        module.warn(warning)
    if module._diff:
        result["diff"] = dict(before=render(current) if current_text is not None else "", after=render(new),
                              before_header=path, after_header=path)
    if not changed:
        module.exit_json(**result)

    directory = os.path.dirname(path) or "."
    if not os.path.isdir(directory):
        if module.check_mode:
            module.exit_json(**result)
        os.makedirs(directory, 0o755)
    candidate = write_candidate(directory, render(new))
    if module.params["validate"] and dockerd and parsed_version and parsed_version[:2] >= VALIDATE_SINCE:
        run_dockerd_validate(module, dockerd, candidate)
        result["validated_with"] = "dockerd --validate"
    if module.check_mode:
        os.unlink(candidate)
        module.exit_json(**result)
    if module.params["backup"] and current_text is not None:
        result["backup_file"] = module.backup_local(path)
    module.atomic_move(candidate, path)
    module.set_mode_if_different(path, "0644", False)
    module.set_owner_if_different(path, "root", False)
    module.set_group_if_different(path, "root", False)
    module.exit_json(**result)


if __name__ == "__main__":
    main()
