# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Runs fleet_pools on the controller: the record file lives there, under a lock."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.plugins.action import ActionBase

from ansible_collections.dockyard.docker_host.plugins.plugin_utils.fleet_record import (
    LockedRecord,
    RecordError,
    dump_text,
    reconcile,
)

ARGUMENTS = {
    "record": {"type": "path", "required": True},
    "supernet": {"type": "str", "required": True},
    "host_prefix": {"type": "int", "default": 20},
    "size": {"type": "int", "default": 24},
    "hosts": {"type": "list", "elements": "str"},
    "observed": {"type": "dict"},
    "release": {"type": "list", "elements": "str", "default": []},
    "retention_days": {"type": "int", "default": 0},
    "inventory": {"type": "list", "elements": "str"},
}


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _supports_check_mode = True

    def run(self, tmp=None, task_vars=None):
        task_vars = task_vars or {}
        result = super(ActionModule, self).run(tmp, task_vars)
        _spec, args = self.validate_argument_spec(argument_spec=ARGUMENTS)
        hosts = args["hosts"] if args["hosts"] is not None else list(task_vars.get("ansible_play_hosts_all") or [])
        inventory = args["inventory"] if args["inventory"] is not None else list(
            (task_vars.get("groups") or {}).get("all") or [])
        path = args["record"]
        try:
            with LockedRecord(path) as locked:
                record, before = locked.read()
                record, report = reconcile(
                    record, hosts, args["supernet"], args["host_prefix"], size=args["size"],
                    observed=args["observed"], release=args["release"], retention_days=args["retention_days"],
                    inventory=inventory, where=path)
                after = dump_text(record)
                if after != before and not self._play_context.check_mode:
                    locked.write(after)
        except RecordError as error:
            result.update(failed=True, msg=str(error))
            return result
        result.update(report)
        result["record"] = path
        if self._play_context.diff and report["changed"]:
            result["diff"] = {"before": before, "after": after, "before_header": path, "after_header": path}
        return result
