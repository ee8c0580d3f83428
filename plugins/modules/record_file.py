#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: record_file
short_description: Keep a fleet's record in a file on a managed host, under a lock, replaced atomically
version_added: 0.4.0
author: Dockyard maintainers (@dockyard)
description:
  - "Reads, replaces or appends to one file that holds state a fleet-wide step keeps between runs: the fleet pools
    record (fleet_pools with O(dockyard.docker_host.fleet_pools#module:record_on_host)) and the headroom history.
    Kept on a managed host, that state outlives controllers that keep nothing, such as AWX execution environments."
  - "Writers hold an exclusive lock on a C(.lock) file beside the record, and the new text is written to a temporary
    file, flushed to disk and renamed over the record: a run killed at any moment leaves the previous record whole."
  - "O(state=replaced) writes only when the record's SHA-256 is still O(expected_sha256), the digest a read returned,
    so two runs that read the same record cannot both replace it; the second fails with RV(changed_since_read) set and
    reads again."
  - A new record and its lock file are readable by their owner only (mode C(0600)), in a directory created with mode
    C(0700) when it is missing; a record's existing mode is kept, never widened.
options:
  path:
    description: The record's absolute path on the host.
    type: path
    required: true
  state:
    description:
      - V(read) returns the record's text and digest and changes nothing.
      - V(replaced) writes O(content) when nobody wrote the record since the read that gave O(expected_sha256).
      - V(appended) adds O(content) as the record's last line and keeps its last O(keep) lines.
    type: str
    choices: [read, replaced, appended]
    default: read
  content:
    description: The new text (V(replaced)) or the line to add (V(appended), without a line break).
    type: str
  expected_sha256:
    description: For V(replaced), RV(sha256) of the read this text was made from; an empty string when there was no record.
    type: str
  keep:
    description: For V(appended), how many lines the record keeps, the newest.
    type: int
    default: 48
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    description: Reads, and reports what a write would change without writing.
    support: full
  diff_mode:
    support: none
  platform:
    platforms: posix
seealso:
  - module: dockyard.docker_host.fleet_pools
"""

EXAMPLES = r"""
- name: Read the fleet record kept on the apt cache host
  dockyard.docker_host.record_file:
    path: /var/lib/dockyard/fleet-pools.yml
  delegate_to: cache-1
  run_once: true
  register: fleet_record

- name: Keep one line of history, the newest 48 lines only
  dockyard.docker_host.record_file:
    path: /var/lib/dockyard/headroom-history.jsonl
    state: appended
    content: '{"generated": 1796600000, "hosts": {}}'
    keep: 48
  delegate_to: cache-1
  run_once: true
"""

RETURN = r"""
content:
  description: The record's text (after the change for V(appended)); empty when there is none.
  returned: success
  type: str
exists:
  description: Whether the record exists (after the change).
  returned: success
  type: bool
sha256:
  description: The SHA-256 of RV(content); an empty string when there is no record.
  returned: success
  type: str
changed_since_read:
  description: With O(state=replaced), true when another run wrote the record after the read; nothing was written.
  returned: failure
  type: bool
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.dockyard.docker_host.plugins.module_utils.record_files import (
    RecordChanged,
    RecordFileError,
    append_line,
    appended,
    check_unchanged,
    digest,
    read_record,
    replace_record,
)


def main():
    module = AnsibleModule(
        argument_spec={
            "path": {"type": "path", "required": True},
            "state": {"type": "str", "choices": ["read", "replaced", "appended"], "default": "read"},
            "content": {"type": "str"},
            "expected_sha256": {"type": "str"},
            "keep": {"type": "int", "default": 48},
        },
        required_if=[("state", "replaced", ("content", "expected_sha256")), ("state", "appended", ("content",))],
        supports_check_mode=True,
    )
    path, state, content = module.params["path"], module.params["state"], module.params["content"]
    try:
        text, sha256 = read_record(path)
        changed = False
        if state == "replaced":
            check_unchanged(path, sha256, module.params["expected_sha256"])
            changed = text != content
            if changed and not module.check_mode:
                replace_record(path, content, sha256)
                text, sha256 = content, digest(content)
        elif state == "appended":
            changed = True
            if module.check_mode:
                text = appended(path, text, content, module.params["keep"])
            else:
                text = append_line(path, content, module.params["keep"])
            sha256 = digest(text)
    except RecordChanged as error:
        module.fail_json(msg=str(error), changed_since_read=True)
    except RecordFileError as error:
        module.fail_json(msg=str(error))
    module.exit_json(changed=changed, content=text or "", exists=text is not None, sha256=sha256)


if __name__ == "__main__":
    main()
