# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from conftest import COLLECTIONS
from ansible_collections.dockyard.docker_host.plugins.module_utils.record_files import (
    RecordChanged,
    RecordFileError,
    append_line,
    appended,
    digest,
    read_record,
    replace_record,
)


def test_a_missing_record_reads_as_none_with_an_empty_digest(tmp_path):
    assert read_record(str(tmp_path / "none.yml")) == (None, "")


def test_a_new_record_is_owner_only_in_an_owner_only_directory(tmp_path):
    path = str(tmp_path / "state" / "record.yml")
    assert replace_record(path, "one\n", "")
    assert read_record(path) == ("one\n", digest("one\n"))
    assert oct(os.stat(path).st_mode & 0o777) == "0o600"
    assert oct(os.stat(path + ".lock").st_mode & 0o777) == "0o600"
    assert oct(os.stat(str(tmp_path / "state")).st_mode & 0o777) == "0o700"


def test_a_rewrite_keeps_the_mode_it_found(tmp_path):
    path = tmp_path / "record.yml"
    path.write_text("one\n")
    path.chmod(0o640)
    assert replace_record(str(path), "two\n", digest("one\n"))
    assert oct(path.stat().st_mode & 0o777) == "0o640"
    assert not replace_record(str(path), "two\n", digest("two\n"))


def test_a_record_written_since_the_read_is_not_replaced(tmp_path):
    path = tmp_path / "record.yml"
    path.write_text("theirs\n")
    with pytest.raises(RecordChanged, match="changed since it was read"):
        replace_record(str(path), "mine\n", digest("what I read\n"))
    with pytest.raises(RecordChanged):
        replace_record(str(path), "mine\n", "")
    assert path.read_text() == "theirs\n"


def test_appending_keeps_the_newest_lines(tmp_path):
    path = str(tmp_path / "history.jsonl")
    for number in range(5):
        text = append_line(path, '{"n": %d}' % number, 3)
    assert text == '{"n": 2}\n{"n": 3}\n{"n": 4}\n' == read_record(path)[0]


@pytest.mark.parametrize("line, keep, rule", [
    ("a\nb", 3, "must not hold a line break"),
    ("a\rb", 3, "must not hold a line break"),
    ("a", 0, "keep must be at least 1"),
])
def test_bad_appends_are_refused_before_anything_is_written(tmp_path, line, keep, rule):
    path = str(tmp_path / "history.jsonl")
    with pytest.raises(RecordFileError, match=rule):
        append_line(path, line, keep)
    assert not os.path.exists(path)
    with pytest.raises(RecordFileError, match=rule):
        appended(path, "", line, keep)


def test_unreadable_records_name_the_file_and_the_cause(tmp_path):
    (tmp_path / "binary.yml").write_bytes(b"\xff\xfe")
    with pytest.raises(RecordFileError, match="binary.yml is not UTF-8 text"):
        read_record(str(tmp_path / "binary.yml"))
    (tmp_path / "file").write_text("")
    with pytest.raises(RecordFileError, match="cannot read .*/file/record.yml: Not a directory"):
        read_record(str(tmp_path / "file" / "record.yml"))
    with pytest.raises(RecordFileError, match="cannot lock .*/file/record.yml.lock"):
        replace_record(str(tmp_path / "file" / "record.yml"), "x\n", "")


# A writer that stops, and says so, once the new text is on disk in its temporary file and before the rename: the
# moment a killed run could leave a half-replaced record if the replacement were not atomic.
WRITER = textwrap.dedent("""
    import os, sys, time
    from ansible_collections.dockyard.docker_host.plugins.module_utils import host_files, record_files
    real_fsync = os.fsync
    def fsync_then_wait(fd):
        real_fsync(fd)
        sys.stdout.write("written\\n")
        sys.stdout.flush()
        time.sleep(60)
    host_files.os.fsync = fsync_then_wait
    record_files.replace_record(sys.argv[1], sys.argv[2], sys.argv[3])
""")


def test_a_writer_killed_before_its_rename_leaves_the_previous_record_whole_and_unlocked(tmp_path):
    path = tmp_path / "record.yml"
    previous = "".join('"host-%04d": {"pools": []}\n' % number for number in range(20000))
    path.write_text(previous)
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path), "new\n" * 10000, digest(previous)],
                              env=dict(os.environ, PYTHONPATH=COLLECTIONS), stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline() == "written\n"
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    writer.stdout.close()
    assert path.read_text() == previous
    assert len(list(tmp_path.glob(".record.yml.*"))) == 1
    # The lock died with the writer: the next run replaces the record, and removes what the killed one left.
    assert replace_record(str(path), "next\n", digest(previous))
    assert path.read_text() == "next\n"
    assert sorted(entry.name for entry in tmp_path.iterdir()) == ["record.yml", "record.yml.lock"]
