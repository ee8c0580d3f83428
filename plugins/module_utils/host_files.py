# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reading and replacing a host's files, and running its commands with a bound on time. Standard library only."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import subprocess
import tempfile


class CommandError(Exception):
    """A command that could not run or did not finish in time; the message names it."""


def replace_file(path, data, mode, owner=None, prefix=".tmp."):
    """Write ``data`` (text or bytes) beside ``path`` and rename it over ``path``, so readers see the old file or
    the new one, never part of one. ``owner`` is ``(uid, gid)``, applied when running as root. Raises OSError,
    leaving no temporary file behind."""
    handle, candidate = tempfile.mkstemp(prefix=prefix, dir=os.path.dirname(path) or ".")
    try:
        with os.fdopen(handle, "wb" if isinstance(data, bytes) else "w") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(candidate, mode)
        if owner is not None and os.geteuid() == 0:
            os.chown(candidate, owner[0], owner[1])
        os.rename(candidate, path)
    except BaseException:
        if os.path.exists(candidate):
            os.unlink(candidate)
        raise


def read_file(path, binary=False):
    """The file's content, or None when it is missing or unreadable (or not text, unless binary)."""
    try:
        with open(path, "rb" if binary else "r") as handle:
            return handle.read()
    except (IOError, OSError, UnicodeDecodeError):
        return None


def run_bounded(argv, timeout, data=None):
    """(rc, stdout, stderr) of a command that may take at most ``timeout`` seconds; CommandError otherwise."""
    try:
        done = subprocess.run(argv, input=data, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise CommandError("'%s' did not finish within %d s (timeout)" % (" ".join(argv), timeout))
    except OSError as error:
        raise CommandError("cannot run '%s': %s" % (" ".join(argv), error))
    return done.returncode, done.stdout, done.stderr
