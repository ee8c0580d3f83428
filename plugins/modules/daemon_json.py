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
  - With O(validate=true) and an engine of 23.0 or later, the new content is also checked with
    C(dockerd --validate), fed on standard input, before anything is written.
  - "Judges the file as the engine's dockerd does, by engine version: names it refuses (a typo such as
    C(live_restore) stops dockerd at its next start) unless O(allow_unknown_keys=true), values of another type at any
    depth (C(log-opts) values must be strings, a pool's C(size) a number), and the values dockerd's validation refuses
    (log levels, IP addresses, labels, mirrors, TLS files and C(userns-remap) users missing on the host). A flag
    spelling dockerd takes and ignores, such as C(label), is refused as changing nothing. Refuses control characters
    in keys and values."
  - "Reads C(hosts) the way dockerd does: an entry is trimmed and an entry without a scheme is TCP, so
    C(0.0.0.0:2375) and C(:2375) count as C(tcp://) sockets; schemes are lower case only, as in dockerd."
  - Follows a symbolic link to the file it points at; refuses a relative path, a directory or any other kind of file.
  - Serialises writers on the same host with a lock on the directory and reads the file again under it, so two runs at
    once cannot lose each other's keys.
  - Writes a temporary file in the same directory and renames it over the live file, keeping the file's mode, owner and
    group; a new file gets mode C(0644), owner root. In check mode nothing is written anywhere.
  - Does not reload or restart dockerd; RV(restart_required) says which one the change needs.
    The P(dockyard.docker_host.docker_daemon#role) role does that, with rollback.
options:
  daemon_json:
    aliases: [path]
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
  defaults:
    description:
      - Keys written as a group (for example C(log-driver) and C(log-opts)) only where the new content would set none of
        them and the file does not already hold them with other values, so a host that chose its own keeps them.
      - Keys equal to these stay on later runs, in O(mode=replace) too.
    type: dict
    default: {}
  backup:
    description: Keep a timestamped copy of the old file beside it when the file changes.
    type: bool
    default: false
  keep_previous:
    description:
      - When the file changes, keep the old text in this file (mode C(0600), owner root, its directory created with
        mode C(0700)) to roll back to, or remove it when there was no old file; RV(previous_kept) says which.
      - The old text may hold proxy credentials, so it stays on the host and never comes back in the result.
    type: path
  validate:
    description: Check the candidate file with C(dockerd --validate) when the engine has it (23.0 and later).
    type: bool
    default: true
  allow_insecure_tcp:
    description: Accept C(tcp://) entries in C(hosts) without TLS client verification.
    type: bool
    default: false
  allow_unknown_keys:
    description:
      - Write keys this module's schema does not know for the engine version, for engines newer than the schema.
      - Values of known keys are still checked.
    type: bool
    default: false
  unit_flags:
    description:
      - dockerd flags in docker.service's command, as daemon.json key to the flag as written (what
        M(dockyard.docker_host.docker_host_facts) returns in C(unit.flags)).
      - dockerd refuses to start when a setting is both a flag and a daemon.json key, so a daemon.json that would hold
        one of these keys is refused, naming both places.
    type: dict
    default: {}
  unit_files:
    description: The unit's files (fragment and drop-ins), named in the message when a key collides with a flag.
    type: list
    elements: str
    default: []
  timeout:
    description: Seconds each command this module runs (C(dockerd --version), C(dockerd --validate)) may take.
    type: int
    default: 30
  dockerd:
    description: Path of the dockerd binary; found on the PATH when omitted.
    type: path
  engine_version:
    description:
      - The engine version the pool rules are checked against.
      - Read from C(dockerd --version) when omitted; when dockerd is absent, the rules for engines before 27.0 apply.
    type: str
extends_documentation_fragment:
  - dockyard.docker_host.daemon_json
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
  - Pool advisories that do not stop the change are given as Ansible warnings.
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

- name: Bound container logs where the host has chosen no logging of its own
  dockyard.docker_host.daemon_json:
    defaults:
      log-driver: json-file
      log-opts:
        max-size: 10m
        max-file: "3"

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
  description:
    - True when a changed key is one dockerd does not apply on SIGHUP, so the daemon must restart.
    - Also when a key dockerd reloads is taken out of the file from a value other than dockerd's default, since
      dockerd reloads only the keys the file holds; a reload would leave such a key (C(labels), C(debug),
      C(registry-mirrors)...) as it runs until its next start. C(max-concurrent-downloads), C(max-concurrent-uploads)
      and C(max-download-attempts) are the exceptions, which a reload sets back to their defaults.
  returned: always
  type: bool
  sample: true
reload_required:
  description: True when the file changed and every changed key is applied on SIGHUP.
  returned: always
  type: bool
  sample: false
previous_kept:
  description: Whether the old file was kept at O(keep_previous) (false when there was none, so rolling back removes the file).
  returned: when O(keep_previous) is set and the file changed outside check mode
  type: bool
  sample: true
backup_file:
  description: Path of the copy of the old file.
  returned: when O(backup=true) and the file changed outside check mode
  type: str
  sample: /etc/docker/daemon.json.12345.2026-11-22@20:01:02~
config:
  description:
    - The daemon.json content after the change (or as it would be, in check mode).
    - The user and password of every URL (proxies) show as C(********), here and in the diff; the file holds them.
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
"""


import fcntl
import os
import stat

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.dockyard.docker_host.plugins.module_utils.daemon_config import (
    DaemonConfigError,
    changed_keys,
    check,
    merge,
    parse_current,
    render,
    restart_required,
    with_defaults,
)
from ansible_collections.dockyard.docker_host.plugins.module_utils.engine_version import (
    from_dockerd_output,
    parse_engine_version,
)
from ansible_collections.dockyard.docker_host.plugins.module_utils.host_files import (
    CommandError,
    replace_file,
    replace_keeping_owner,
    run_bounded,
)
from ansible_collections.dockyard.docker_host.plugins.module_utils.host_state import flag_conflicts, redact_credentials

VALIDATE_SINCE = (23, 0)
NEW_FILE_MODE = 0o644


class Refused(Exception):
    """A clear reason to stop; nothing has been written."""


def run(module, argv, timeout, data=None):
    """(rc, stdout, stderr) of a command that may take at most ``timeout`` seconds."""
    try:
        return run_bounded(module.run_command, argv, timeout, data)
    except CommandError as error:
        raise Refused("%s; nothing was written" % error)


def engine_version(module, dockerd):
    params = module.params
    if params["engine_version"]:
        return params["engine_version"]
    if not dockerd:
        return None
    rc, out, err = run(module, [dockerd, "--version"], params["timeout"])
    version = from_dockerd_output(out)
    if rc != 0 or not version:
        raise Refused("could not read the engine version from '%s --version': %s" % (dockerd, (err or out).strip()))
    return version


def target_path(path):
    """The regular file to write: a link is followed; anything but a file (or nothing yet) is refused."""
    if not os.path.isabs(path):
        raise Refused("path %r is relative; give the absolute path of daemon.json, such as /etc/docker/daemon.json"
                      % path)
    real = os.path.realpath(path)
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        mode = None
    except NotADirectoryError:
        raise Refused("%s cannot be written: %s is not a directory" % (path, os.path.dirname(real)))
    except OSError as error:
        raise Refused("cannot read %s: %s" % (path, error.strerror))
    if mode is not None and not stat.S_ISREG(mode):
        kind = "a directory" if stat.S_ISDIR(mode) else "not a regular file (a FIFO, socket or device)"
        raise Refused("%s%s is %s; daemon.json must be a regular file"
                      % (path, " (a link to %s)" % real if real != path else "", kind))
    directory = os.path.dirname(real)
    if os.path.exists(directory) and not os.path.isdir(directory):
        raise Refused("%s cannot be written: %s is not a directory" % (path, directory))
    return real


def read_current(path, mode):
    """The file's text (None when missing) and its config; replace mode overwrites a broken file."""
    try:
        with open(path) as handle:
            text = handle.read()
    except FileNotFoundError:
        return None, {}
    except (OSError, UnicodeDecodeError) as error:
        raise Refused("cannot read %s: %s" % (path, error))
    try:
        return text, parse_current(text, path)
    except DaemonConfigError:
        if mode == "replace":
            return text, None
        raise


def lock_directory(directory):
    """An exclusive lock on the directory, held until the module exits (released when the process ends)."""
    handle = os.open(directory, os.O_RDONLY)
    fcntl.flock(handle, fcntl.LOCK_EX)
    return handle


def validate_with_dockerd(module, dockerd, text, timeout):
    rc, out, err = run(module, [dockerd, "--validate", "--config-file", "/dev/stdin"], timeout, data=text)
    if rc != 0:
        raise Refused("dockerd --validate refused the new daemon.json: %s" % (err or out).strip())


def write(path, text):
    """Write next to the file and rename over it, keeping an existing file's mode and owner."""
    directory = os.path.dirname(path)
    try:
        if not os.path.isdir(directory):
            os.makedirs(directory, 0o755)
        replace_keeping_owner(path, text, NEW_FILE_MODE, prefix=".daemon.json.")
    except OSError as error:
        raise Refused("cannot write %s: %s; the old file is unchanged" % (path, error))


def keep_previous(path, copy, existed):
    """Keep the old file's text at ``copy`` (0600) to roll back to, or remove ``copy`` when there was no old file."""
    try:
        if not existed:
            if os.path.lexists(copy):
                os.unlink(copy)
            return False
        directory = os.path.dirname(copy)
        if not os.path.isdir(directory):
            os.makedirs(directory, 0o700)
        with open(path, "rb") as source:
            data = source.read()
        replace_file(copy, data, 0o600, prefix=".previous.")
    except OSError as error:
        raise Refused("cannot keep the old %s at %s to roll back to: %s; nothing was written" % (path, copy, error))
    return True


def plan(params, path, version):
    """The result of the change, without writing; raises Refused or DaemonConfigError."""
    current_text, current = read_current(path, params["mode"])
    broken = current is None
    current = current or {}
    new = with_defaults(current, merge(current, params["config"], params["mode"]), params["defaults"])
    warnings = check(new, engine_version=version, allow_insecure_tcp=params["allow_insecure_tcp"],
                     allow_unknown_keys=params["allow_unknown_keys"])
    collisions = flag_conflicts(new, params["unit_flags"], ", ".join(params["unit_files"]) or "docker.service")
    if collisions:
        raise DaemonConfigError(collisions)
    keys = changed_keys(current, new)
    changed = bool(keys) or broken or (current_text is None and bool(new))
    restart = restart_required(keys, current, new)
    result = dict(
        changed=changed, changed_keys=keys, restart_required=changed and restart,
        reload_required=changed and not restart, config=new, engine_version=version,
        validated_with="none",
    )
    # What the diff shows as replaced: the file's own text when it could not be parsed.
    before = current_text if broken else render(current) if current_text is not None else ""
    return result, warnings, current_text is not None, before


def apply(module, dockerd):
    params = module.params
    if params["timeout"] < 1:
        raise Refused("timeout %d must be 1 second or more" % params["timeout"])
    path = target_path(params["daemon_json"])
    version = engine_version(module, dockerd)
    parsed_version = parse_engine_version(version)
    directory = os.path.dirname(path)
    if not module.check_mode and os.path.isdir(directory):
        lock_directory(directory)
    result, warnings, existed, before = plan(params, path, version)
    for warning in warnings:
        module.warn(warning)
    if module._diff:
        result["diff"] = dict(before=redact_credentials(before), after=redact_credentials(render(result["config"])),
                              before_header=params["daemon_json"], after_header=params["daemon_json"])
    if not result["changed"]:
        return result
    text = render(result["config"])
    if params["validate"] and dockerd and parsed_version and parsed_version[:2] >= VALIDATE_SINCE:
        validate_with_dockerd(module, dockerd, text, params["timeout"])
        result["validated_with"] = "dockerd --validate"
    if module.check_mode:
        return result
    if params["backup"] and existed:
        result["backup_file"] = module.backup_local(path)
    if params["keep_previous"]:
        result["previous_kept"] = keep_previous(path, params["keep_previous"], existed)
    write(path, text)
    return result


def main():
    module = AnsibleModule(
        argument_spec=dict(
            daemon_json=dict(type="path", default="/etc/docker/daemon.json", aliases=["path"]),
            config=dict(type="dict", default={}),
            defaults=dict(type="dict", default={}),
            mode=dict(type="str", choices=["merge", "replace"], default="merge"),
            backup=dict(type="bool", default=False),
            keep_previous=dict(type="path"),
            validate=dict(type="bool", default=True),
            allow_insecure_tcp=dict(type="bool", default=False),
            allow_unknown_keys=dict(type="bool", default=False),
            dockerd=dict(type="path"),
            engine_version=dict(type="str"),
            unit_flags=dict(type="dict", default={}),
            unit_files=dict(type="list", elements="str", default=[]),
            timeout=dict(type="int", default=30),
        ),
        supports_check_mode=True,
    )
    dockerd = module.params["dockerd"] or module.get_bin_path("dockerd")
    try:
        result = apply(module, dockerd)
    except (Refused, DaemonConfigError, ValueError) as error:
        module.fail_json(msg=redact_credentials(str(error)), changed=False)
    result["config"] = redact_credentials(result["config"])
    module.exit_json(**result)


if __name__ == "__main__":
    main()
