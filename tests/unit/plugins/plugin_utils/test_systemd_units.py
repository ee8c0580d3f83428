# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dockyard.docker_host.plugins.plugin_utils.systemd_units import (
    environment_file_lines,
    environment_lines,
)


def test_values_are_quoted_for_systemd_in_name_order():
    lines = environment_lines({"NO_PROXY": "10.0.0.0/8,.corp", "HTTP_PROXY": 'http://u:p%40s"s\\@h:3128'})
    assert lines == ['Environment="HTTP_PROXY=http://u:p%%40s\\"s\\\\@h:3128"', 'Environment="NO_PROXY=10.0.0.0/8,.corp"']


@pytest.mark.parametrize("variables, message", [
    ("HTTP_PROXY=x", "environment must be a mapping"),
    ({"HTTP PROXY": "x"}, "name 'HTTP PROXY' must be letters"),
    ({"A": 1}, "A must be a string"),
    ({"A": "x\ny"}, "A holds a control character"),
])
def test_what_cannot_be_written_is_refused(variables, message):
    with pytest.raises(ValueError, match=message):
        environment_lines(variables)


def test_environment_files_escape_what_systemd_reads_inside_double_quotes_only():
    lines = environment_file_lines({"REGISTRY_PROXY_PASSWORD": 'a"b\\c$d`e%f\'g h', "A": ""})
    assert lines == ['A=""', 'REGISTRY_PROXY_PASSWORD="a\\"b\\\\c\\$d\\`e%f\'g h"']


@pytest.mark.parametrize("variables, message", [
    ({"A": "x\ny"}, "A holds a control character"), ({"1A": "x"}, "name '1A' must be letters"),
])
def test_environment_files_refuse_what_cannot_be_written(variables, message):
    with pytest.raises(ValueError, match=message):
        environment_file_lines(variables)
