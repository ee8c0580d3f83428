# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reading and replacing a host's files, and running its commands with a bound on time. Standard library only."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import stat
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


def replace_keeping_owner(path, data, new_mode, prefix=".tmp."):
    """:func:`replace_file`, keeping the mode and owner of the file at ``path``; a new file gets ``new_mode``, owner
    root."""
    try:
        status = os.stat(path)
        mode, owner = stat.S_IMODE(status.st_mode), (status.st_uid, status.st_gid)
    except OSError:
        mode, owner = new_mode, (0, 0)
    replace_file(path, data, mode, owner, prefix=prefix)


def read_file(path, binary=False):
    """The file's content, or None when it is missing or unreadable (or not text, unless binary)."""
    try:
        with open(path, "rb" if binary else "r") as handle:
            return handle.read()
    except (IOError, OSError, UnicodeDecodeError):
        return None


# coreutils' timeout exits 124 when the command ran out of time (137 when it then had to kill it), 126 when the
# command cannot be run and 127 when it is not found.
TIMED_OUT = (124, 137)
CANNOT_RUN = (126, 127)


def run_bounded(run_command, argv, timeout, data=None):
    """(rc, stdout, stderr) of a command that may take at most ``timeout`` seconds; CommandError otherwise.

    ``run_command`` is the module's ``AnsibleModule.run_command``; coreutils' ``timeout`` bounds the command,
    which run_command itself cannot. ``data`` goes to standard input exactly as given; without it, standard input
    is /dev/null.
    """
    bounded = ["timeout", "--kill-after=5", "%ds" % timeout]
    if data is None:
        # timeout runs the command in the background of the module's terminal when there is one (SSH without
        # pipelining), where a command that sets the terminal up (apt-get) is stopped until its bound: standard input
        # from /dev/null instead, given by a shell that runs the command from its arguments, never from its text.
        bounded += ["sh", "-c", 'exec "$@" </dev/null', "sh"]
    rc, out, err = run_command(bounded + list(argv), data=data, binary_data=True, expand_user_and_vars=False)
    if rc in TIMED_OUT:
        raise CommandError("'%s' did not finish within %d s (timeout)" % (" ".join(argv), timeout))
    if rc in CANNOT_RUN:
        raise CommandError("cannot run '%s': %s" % (" ".join(argv), (err or out).strip()))
    return rc, out, err
