# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.dockyard.docker_host.plugins.plugin_utils.filter_errors import filter_errors


@filter_errors("sample")
def sample(value):
    if value == "bad":
        raise ValueError("value 'bad' breaks the rule")
    return value["key"]


def test_a_result_passes_through():
    assert sample({"key": 1}) == 1


def test_a_rule_error_is_prefixed_with_the_filter_name():
    with pytest.raises(AnsibleFilterError, match=r"^sample: value 'bad' breaks the rule$"):
        sample("bad")


@pytest.mark.parametrize("value", [5, [], {"other": 1}, None])
def test_a_shape_error_names_the_input_and_the_docs_never_python(value):
    with pytest.raises(AnsibleFilterError) as raised:
        sample(value)
    message = str(raised.value)
    assert message.startswith("sample: the input ") and "ansible-doc -t filter dockyard.docker_host.sample" in message
    assert "object" not in message and "TypeError" not in message and "KeyError" not in message
