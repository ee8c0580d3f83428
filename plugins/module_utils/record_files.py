# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A fleet's records kept in files on one host: read whole, replaced only when nobody wrote since the read, or
appended to, under an exclusive lock (a ``.lock`` file beside the record), and always replaced atomically, so a
writer killed at any moment leaves the previous record whole. Standard library only."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import errno
import fcntl
import hashlib
import os

from ansible_collections.dockyard.docker_host.plugins.module_utils.host_files import replace_file

NEW_FILE_MODE = 0o600
DIRECTORY_MODE = 0o700


class RecordFileError(Exception):
    """The record cannot be read or written; the message names the file and the cause."""


class RecordChanged(RecordFileError):
    """Another run replaced the record after this one read it."""


def digest(text):
    """The SHA-256 of the record's text, ``""`` for a record that does not exist."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest() if text is not None else ""


def read_record(path):
    """``(text, digest)``: the record's text (None when there is none) and its digest."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except (IOError, OSError) as error:
        if error.errno == errno.ENOENT:
            return None, ""
        raise RecordFileError("cannot read %s: %s" % (path, error.strerror))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise RecordFileError("%s is not UTF-8 text" % path)
    return text, digest(text)


class _Locked(object):
    def __init__(self, path):
        self.path = path
        self.handle = None

    def __enter__(self):
        directory = os.path.dirname(self.path) or "."
        try:
            if not os.path.isdir(directory):
                os.makedirs(directory, DIRECTORY_MODE)
            self.handle = os.open(self.path + ".lock", os.O_WRONLY | os.O_CREAT, NEW_FILE_MODE)
            fcntl.flock(self.handle, fcntl.LOCK_EX)
        except (IOError, OSError) as error:
            if self.handle is not None:
                os.close(self.handle)
            raise RecordFileError("cannot lock %s.lock: %s" % (self.path, error.strerror))
        return self

    def __exit__(self, *exc):
        os.close(self.handle)
        return False


def _mode(path):
    """The record's mode when it exists (a rewrite never widens it), else owner-only."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        return NEW_FILE_MODE


def _write(path, text):
    """Replace the record; called under the lock, so a temporary file left beside it is a killed writer's."""
    prefix = "." + os.path.basename(path) + "."
    directory = os.path.dirname(path) or "."
    try:
        for name in os.listdir(directory):
            if name.startswith(prefix):
                os.unlink(os.path.join(directory, name))
        replace_file(path, text, _mode(path), prefix=prefix)
    except (IOError, OSError) as error:
        raise RecordFileError("cannot write %s: %s; the record is unchanged" % (path, error.strerror))


def check_unchanged(path, now, expected_digest):
    """Raise RecordChanged when the record's digest ``now`` is no longer the one its text was made from."""
    if now != expected_digest:
        raise RecordChanged("%s changed since it was read (another run wrote it)" % path)


def replace_record(path, text, expected_digest):
    """Replace the record with ``text`` if its digest is still ``expected_digest`` (``""``: there was none).

    Returns whether the file changed; raises RecordChanged when another run wrote it since.
    """
    with _Locked(path):
        current, now = read_record(path)
        check_unchanged(path, now, expected_digest)
        if current == text:
            return False
        _write(path, text)
        return True


def appended(path, text, line, keep):
    """The record's ``text`` with ``line`` added at the end, its last ``keep`` lines only."""
    if "\n" in line or "\r" in line:
        raise RecordFileError("a line appended to %s must not hold a line break" % path)
    if keep < 1:
        raise RecordFileError("keep must be at least 1 to append to %s, not %d" % (path, keep))
    lines = (text or "").splitlines() + [line]
    return "".join(entry + "\n" for entry in lines[-keep:])


def append_line(path, line, keep):
    """Add ``line`` at the end of the record and keep its last ``keep`` lines; returns the record's new text."""
    appended(path, "", line, keep)  # a bad line or keep is refused before the lock creates any file
    with _Locked(path):
        text = appended(path, read_record(path)[0], line, keep)
        _write(path, text)
        return text
