# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Runs fleet_pools on the controller, with the record in a file there, or on the task's host (the record host it is
delegated to) through the record_file module; record_files' rules (a lock, atomic replacement, no write over a
record replaced since the read) hold in both places."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleError
from ansible.module_utils.common.text.converters import to_text
from ansible.plugins.action import ActionBase

from ansible_collections.dockyard.docker_host.plugins.module_utils.record_files import (
    RecordChanged,
    RecordFileError,
    read_record,
    replace_record,
)
from ansible_collections.dockyard.docker_host.plugins.plugin_utils.fleet_record import RecordError, allocate

ARGUMENTS = {
    "record": {"type": "path", "required": True},
    "record_on_host": {"type": "bool", "default": False},
    "supernet": {"type": "str", "required": True},
    "host_prefix": {"type": "int", "default": 20},
    "size": {"type": "int", "default": 24},
    "hosts": {"type": "list", "elements": "str"},
    "observed": {"type": "dict"},
    "release": {"type": "list", "elements": "str", "default": []},
    "retention_days": {"type": "int", "default": 0},
    "inventory": {"type": "list", "elements": "str"},
}
RECORD_FILE = "dockyard.docker_host.record_file"


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
        request = dict((name, args[name])
                       for name in ("supernet", "host_prefix", "size", "observed", "release", "retention_days"))
        request.update(hosts=hosts, inventory=inventory)
        check_mode = self._play_context.check_mode
        try:
            if args["record_on_host"]:
                where = "%s:%s" % (self._record_host(task_vars), path)
                try:
                    before, after, report = allocate(
                        lambda: self._read_on_host(task_vars, path),
                        lambda text, seen: self._replace_on_host(task_vars, path, text, seen),
                        where, check_mode, **request)
                finally:
                    self._remove_tmp_path(self._connection._shell.tmpdir)
            else:
                before, after, report = allocate(lambda: read_record(path), lambda text, seen: _replace_here(path, text, seen),
                                                 path, check_mode, **request)
        except (RecordError, RecordFileError) as error:
            result.update(failed=True, msg=str(error))
            return result
        result.update(report)
        result["record"] = path
        if self._play_context.diff and report["changed"]:
            result["diff"] = {"before": before, "after": after, "before_header": path, "after_header": path}
        return result

    def _read_on_host(self, task_vars, path):
        answer = self._record_file(task_vars, path=path, state="read")
        return (answer["content"] if answer["exists"] else None), answer["sha256"]

    def _replace_on_host(self, task_vars, path, text, seen):
        answer = self._record_file(task_vars, path=path, state="replaced", content=text, expected_sha256=seen)
        return not answer.get("changed_since_read")

    def _record_file(self, task_vars, **module_args):
        try:
            answer = self._execute_module(module_name=RECORD_FILE, module_args=module_args, task_vars=task_vars)
        except AnsibleError as error:
            raise RecordError("cannot reach the record host %s: %s" % (self._record_host(task_vars),
                                                                       to_text(error.message).strip()))
        if answer.get("failed") and not answer.get("changed_since_read"):
            raise RecordError("record host %s: %s" % (self._record_host(task_vars),
                                                      answer.get("msg") or answer.get("module_stderr") or answer))
        return answer

    def _record_host(self, task_vars):
        return self._task.delegate_to or task_vars.get("inventory_hostname")


def _replace_here(path, text, seen):
    try:
        return replace_record(path, text, seen)
    except RecordChanged:
        return False
