# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Crash the controller at a chosen point of a run, as a laptop that dies or a cancelled job does.

DOCUMENTATION:
  name: chaos_kill
  type: aggregate
  short_description: SIGKILL every process of this ansible-playbook run at task start number N (plus a delay)
  description:
    - Counts task starts. At start number CHAOS_KILL_AT, after CHAOS_KILL_DELAY seconds (inside the task when the
      task is still running), sends SIGKILL to every descendant of this ansible-playbook (workers, ssh clients)
      and then to itself. ansible-core runs each worker in a session of its own, so killing the process group
      would let the current task finish; a real crash does not. The ssh ControlPersist masters under
      ANSIBLE_SSH_CONTROL_PATH_DIR, which leave the process tree, die too.
    - With CHAOS_HOST set, something happens to that test host instead, and the run goes on; CHAOS_HOST_EVENT
      says what - V(lost) (default) kills its container (a host that goes away), V(dockerd-killed) SIGKILLs the
      dockerd in it (trying for up to 20 s when none runs at that moment). Each event that happened is appended
      to CHAOS_EVENT_LOG.
    - With CHAOS_TASK_LOG set, appends each task start's number and name to that file (the sweep's map of a run).
  options: {}

A test tool of tests/chaos; it is not part of the collection.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import signal
import subprocess
import threading
import time

from ansible.plugins.callback import CallbackBase


def descendants(root):
    """Every process below ``root``, from /proc."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except (IOError, OSError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    found, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def connection_masters(control_dir):
    """The ssh ControlPersist masters of this run (they leave the process tree), by their control path."""
    found = []
    for entry in os.listdir("/proc") if control_dir else []:
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/cmdline" % entry, "rb") as handle:
                if control_dir.encode() in handle.read():
                    found.append(int(entry))
        except (IOError, OSError):
            continue
    return found


def crash():
    """Stop this process at once (so it cannot notice its workers dying and exit on its own), kill everything below
    it and its ssh masters, then kill it: from a child, since this process is the one stopped."""
    root = os.getpid()
    masters = connection_masters(os.environ.get("ANSIBLE_SSH_CONTROL_PATH_DIR", ""))
    if os.fork() != 0:
        time.sleep(60)
        return
    me = os.getpid()
    os.kill(root, signal.SIGSTOP)
    for _round in range(5):
        pids = [pid for pid in descendants(root) + masters if pid != me]
        masters = []
        if not pids:
            break
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
    os.kill(root, signal.SIGKILL)
    os._exit(0)


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "chaos_kill"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self):
        super(CallbackModule, self).__init__()
        self.started = 0
        self.kill_at = int(os.environ.get("CHAOS_KILL_AT", "0") or 0)
        self.delay = float(os.environ.get("CHAOS_KILL_DELAY", "0") or 0)
        self.task_log = os.environ.get("CHAOS_TASK_LOG", "")
        self.host = os.environ.get("CHAOS_HOST", "")
        self.host_event = os.environ.get("CHAOS_HOST_EVENT", "lost")
        self.event_log = os.environ.get("CHAOS_EVENT_LOG", "")

    def v2_playbook_on_task_start(self, task, is_conditional):
        self.started += 1
        if self.task_log:
            with open(self.task_log, "a") as handle:
                handle.write("%d\t%s\n" % (self.started, task.get_name()))
        if self.started != self.kill_at:
            return
        strike = self._host_event if self.host else crash
        if self.delay <= 0:
            strike()
            return
        timer = threading.Thread(target=self._later, args=(strike,))
        timer.daemon = True
        timer.start()

    def _host_event(self):
        if self.host_event == "dockerd-killed":
            argv = ["docker", "exec", self.host, "pkill", "--echo", "--signal", "KILL", "--exact", "dockerd"]
        else:
            argv = ["docker", "kill", self.host]
        deadline = time.time() + 20
        while True:
            done = subprocess.run(argv, capture_output=True, text=True, check=False)
            if done.returncode == 0 or time.time() > deadline:
                break
            time.sleep(0.2)
        if done.returncode == 0 and self.event_log:
            with open(self.event_log, "a") as handle:
                handle.write("%s %s: %s\n" % (self.host_event, self.host, done.stdout.strip()))

    def _later(self, strike):
        time.sleep(self.delay)
        strike()

    v2_playbook_on_handler_task_start = v2_playbook_on_task_start
