# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dockyard.docker_host.plugins.module_utils.subordinate_ids import (
    LAST,
    SubordinateError,
    lowest_free,
    parse,
    plan,
)


def user(name, uid, start=None):
    return {"name": name, "uid": uid, "start": start}


def test_parse_keeps_every_line_and_reads_ranges():
    lines = parse("# comment\nbob:100000:65536\n\n1001:200000:10\nbroken:line\n")
    assert [entry for _line, entry in lines] == [
        None, {"owner": "bob", "start": 100000, "count": 65536}, None,
        {"owner": "1001", "start": 200000, "count": 10}, None]
    assert [line for line, _entry in lines][4] == "broken:line"


def test_lowest_free_skips_taken_ranges_in_any_order():
    taken = [{"owner": "b", "start": 165536, "count": 65536}, {"owner": "a", "start": 100000, "count": 65536}]
    assert lowest_free(taken, 65536) == 231072
    assert lowest_free([{"owner": "a", "start": 300000, "count": 10}], 65536) == 100000
    assert lowest_free([{"owner": "a", "start": 150000, "count": 10}], 65536) == 150010
    with pytest.raises(SubordinateError, match="no 65536 free subordinate ids are left above 100000"):
        lowest_free([{"owner": "a", "start": 100000, "count": LAST}], 65536)


def test_a_new_user_gets_the_lowest_free_range_and_others_are_kept():
    text, given = plan("bob:100000:65536\n", [user("alice", 1000)])
    assert text == "bob:100000:65536\nalice:165536:65536\n"
    assert given == {"alice": [165536, 65536]}


def test_a_range_the_user_has_is_kept_by_name_or_uid_and_nothing_is_written():
    for text in ("alice:300000:65536\n", "1000:300000:65536\n"):
        assert plan(text, [user("alice", 1000)]) == (text, {"alice": [300000, 65536]})
    assert plan("alice:300000:65536\n", [user("alice", 1000, 300000)])[1] == {"alice": [300000, 65536]}


def test_two_new_users_in_one_plan_do_not_overlap():
    text, given = plan("", [user("alice", 1000), user("bob", 1001)], count=10)
    assert given == {"alice": [100000, 10], "bob": [100010, 10]}
    assert text == "alice:100000:10\nbob:100010:10\n"


def test_an_asked_start_is_given_when_free():
    assert plan("bob:100000:65536\n", [user("alice", 1000, 300000)])[1] == {"alice": [300000, 65536]}


def test_an_asked_start_overlapping_another_owner_is_refused_naming_both():
    with pytest.raises(SubordinateError) as error:
        plan("bob:100000:65536\n", [user("alice", 1000, 150000)], where="/etc/subgid")
    assert str(error.value) == (
        "user alice: subordinate ids 150000-215535 overlap those of bob (100000-165535) in /etc/subgid: two users "
        "sharing ids can read and change each other's containers' files")


def test_an_asked_start_that_would_move_the_users_range_is_refused():
    with pytest.raises(SubordinateError, match="user alice already has subordinate ids 100000-165535 in /etc/subuid; "
                                               "asking for 300000-365535 would move them"):
        plan("alice:100000:65536\n", [user("alice", 1000, 300000)])


def test_an_asked_start_outside_the_id_space_is_refused():
    with pytest.raises(SubordinateError, match="outside 1-%d" % LAST):
        plan("", [user("alice", 1000, LAST)])
