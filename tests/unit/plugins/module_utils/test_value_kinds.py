# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dockyard.docker_host.plugins.module_utils.value_kinds import json_kind, shown


@pytest.mark.parametrize("value, kind", [
    (None, "null"), (True, "boolean"), (3, "number"), (2.5, "number"), ("x", "string"), ([], "list"), ({}, "mapping"),
])
def test_json_kind_names_json_kinds_never_python_classes(value, kind):
    assert json_kind(value) == kind


def test_shown_quotes_and_cuts_long_values():
    assert shown("eth0") == "'eth0'"
    long = shown("x" * 500)
    assert len(long) < 120 and long.startswith("'xxx")
