# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Subordinate id ranges (/etc/subuid, /etc/subgid) for rootless engines. Standard library only; pure functions.

A line is ``owner:start:count``, the owner a user name or a uid. A user keeps a range it has; a user without one
gets the lowest free range from ``first`` (or from the start asked for), never overlapping any other owner's.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

FIRST = 100000
COUNT = 65536
# Ids above this do not fit the kernel's 32-bit uid_t, less the overflow id.
LAST = 4294967294


class SubordinateError(ValueError):
    """A range that cannot be given; the message names the user, the file and the range in the way."""


def parse(text):
    """``[(line, entry or None)]``: each line with ``{owner, start, count}`` when it is a range, else None (kept as
    it is: comments, blank or malformed lines)."""
    lines = []
    for line in (text or "").splitlines():
        fields = line.strip().split(":")
        entry = None
        if len(fields) == 3 and fields[0] and fields[1].isdigit() and fields[2].isdigit():
            entry = {"owner": fields[0], "start": int(fields[1]), "count": int(fields[2])}
        lines.append((line, entry))
    return lines


def _overlaps(start, count, entry):
    return start < entry["start"] + entry["count"] and entry["start"] < start + count


def lowest_free(taken, count, first=FIRST):
    """The lowest start from ``first`` where ``count`` ids overlap none of ``taken`` (entries)."""
    start = first
    for entry in sorted(taken, key=lambda item: item["start"]):
        if _overlaps(start, count, entry):
            start = entry["start"] + entry["count"]
    if start + count - 1 > LAST:
        raise SubordinateError("no %d free subordinate ids are left above %d" % (count, first))
    return start


def plan(text, users, count=COUNT, where="/etc/subuid"):
    """``(text, given)``: the file with a range for each user that has none, and ``{name: [start, count]}`` of
    every user's range (kept or new).

    ``users`` are ``{name, uid, start}`` (start None: the lowest free). A start that overlaps another owner's range,
    or that differs from the range the user has, is refused before anything is planned."""
    lines = parse(text)
    entries = [entry for _line, entry in lines if entry]
    given, added = {}, []
    for user in users:
        owners = (user["name"], str(user["uid"]))
        own = [entry for entry in entries if entry["owner"] in owners]
        others = [entry for entry in entries + added if entry["owner"] not in owners]
        asked = user.get("start")
        if own:
            kept = own[0]
            if asked is not None and (kept["start"] != asked or kept["count"] < count):
                raise SubordinateError(
                    "user %s already has subordinate ids %d-%d in %s; asking for %d-%d would move them (files its "
                    "engine wrote would then belong to other ids): leave the start unset or remove the line first"
                    % (user["name"], kept["start"], kept["start"] + kept["count"] - 1, where, asked, asked + count - 1))
            given[user["name"]] = [kept["start"], kept["count"]]
            continue
        if asked is not None:
            if asked < 1 or asked + count - 1 > LAST:
                raise SubordinateError("user %s: subordinate ids %d-%d are outside 1-%d" % (
                    user["name"], asked, asked + count - 1, LAST))
            clash = [entry for entry in others if _overlaps(asked, count, entry)]
            if clash:
                raise SubordinateError(
                    "user %s: subordinate ids %d-%d overlap those of %s (%d-%d) in %s: two users sharing ids can "
                    "read and change each other's containers' files" % (
                        user["name"], asked, asked + count - 1, clash[0]["owner"], clash[0]["start"],
                        clash[0]["start"] + clash[0]["count"] - 1, where))
            start = asked
        else:
            start = lowest_free(others, count)
        added.append({"owner": user["name"], "start": start, "count": count})
        given[user["name"]] = [start, count]
    if not added:
        return text, given
    kept_text = "".join(line + "\n" for line, _entry in lines)
    return kept_text + "".join("%(owner)s:%(start)d:%(count)d\n" % entry for entry in added), given
