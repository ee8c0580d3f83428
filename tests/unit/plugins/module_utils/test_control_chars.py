# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dockyard.docker_host.plugins.module_utils.control_chars import with_control


def test_every_key_and_string_with_a_control_character_is_found_with_where_it_is():
    value = {"ok": "fine", "log-opts": {"tag": "a\nb"}, "bad\tkey": True, "labels": ["x", "y\x7f"], "n": 3}
    assert sorted(with_control(value)) == [("", "bad\tkey"), ("key labels", "y\x7f"), ("key log-opts key tag", "a\nb")]


def test_clean_values_yield_nothing():
    assert list(with_control({"a": ["b", {"c": "d"}], "e": None, "f": 1.5})) == []
