# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import pty
import stat
import subprocess
import sys

import pytest

from ansible_collections.dockyard.docker_host.plugins.module_utils.host_files import (
    CommandError,
    read_file,
    replace_file,
    run_bounded,
)


def run_command(argv, data=None, binary_data=False, expand_user_and_vars=True):
    """What AnsibleModule.run_command does with these arguments, for the real coreutils timeout to run under."""
    done = subprocess.run(argv, input=data.encode() if isinstance(data, str) else data, capture_output=True,
                          check=False)
    return done.returncode, done.stdout.decode(), done.stderr.decode()


def test_replace_file_writes_whole_with_the_mode_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "daemon.json"
    path.write_text("old")
    replace_file(str(path), b"new", 0o600)
    assert path.read_bytes() == b"new" and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert os.listdir(str(tmp_path)) == ["daemon.json"]


def test_replace_file_leaves_the_old_file_when_the_directory_is_gone(tmp_path):
    with pytest.raises(OSError):
        replace_file(str(tmp_path / "missing" / "file"), "x", 0o644)


def test_read_file_is_none_for_what_cannot_be_read(tmp_path):
    (tmp_path / "binary").write_bytes(b"\xff\xfe")
    assert read_file(str(tmp_path / "absent")) is None
    assert read_file(str(tmp_path / "binary")) is None
    assert read_file(str(tmp_path / "binary"), binary=True) == b"\xff\xfe"


def test_run_bounded_gives_the_output_and_feeds_standard_input():
    assert run_bounded(run_command, ["cat"], 10, data=b"given") == (0, "given", "")


def test_run_bounded_stops_a_command_at_its_bound():
    with pytest.raises(CommandError, match=r"'sleep 30' did not finish within 1 s \(timeout\)"):
        run_bounded(run_command, ["sleep", "30"], 1)


def test_run_bounded_names_a_command_that_cannot_run():
    with pytest.raises(CommandError, match="cannot run 'dockyard-no-such-command'"):
        run_bounded(run_command, ["dockyard-no-such-command"], 5)


# A module run over SSH without pipelining has a terminal (ssh -tt) as its standard input. coreutils' timeout runs the
# command in a process group of its own, in the background of that terminal, so a command that sets the terminal up
# (apt-get does, for dpkg's output) is stopped by SIGTTOU and hangs until its bound: every engine install did, for
# 900 s, with Ansible's default of no pipelining.
ON_A_TERMINAL = """
import sys
sys.path[:0] = %r
from test_host_files import run_command
from ansible_collections.dockyard.docker_host.plugins.module_utils.host_files import run_bounded, CommandError
try:
    print("result", run_bounded(run_command, ["sh", "-c", "if [ -t 0 ]; then stty -echo; fi; echo set up"], 30))
except CommandError as error:
    print("error", error)
"""


def test_run_bounded_gives_a_command_no_terminal_to_be_stopped_on():
    pid, terminal = pty.fork()
    if pid == 0:
        os.execv(sys.executable, [sys.executable, "-c", ON_A_TERMINAL % ([os.path.dirname(__file__)] + sys.path,)])
    output = b""
    while True:
        try:
            chunk = os.read(terminal, 1024)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    os.waitpid(pid, 0)
    assert "result (0, 'set up\\n', '')" in output.decode(), output


def test_replace_keeping_owner_keeps_an_existing_files_mode_and_gives_a_new_one_its_own(tmp_path):
    from ansible_collections.dockyard.docker_host.plugins.module_utils.host_files import replace_keeping_owner
    kept = tmp_path / "subuid"
    kept.write_text("old")
    os.chmod(str(kept), 0o640)
    replace_keeping_owner(str(kept), "new", 0o644)
    assert kept.read_text() == "new" and stat.S_IMODE(kept.stat().st_mode) == 0o640
    new = tmp_path / "daemon.json"
    replace_keeping_owner(str(new), "{}", 0o600)
    assert new.read_text() == "{}" and stat.S_IMODE(new.stat().st_mode) == 0o600
    assert sorted(os.listdir(str(tmp_path))) == ["daemon.json", "subuid"]
