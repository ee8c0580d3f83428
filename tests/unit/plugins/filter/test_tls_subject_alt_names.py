# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The tls_subject_alt_names filter is thin: it passes its arguments to the core and turns core errors into AnsibleFilterError."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.dockyard.docker_host.plugins.filter import tls_subject_alt_names


def test_the_file_exports_its_filter():
    assert list(tls_subject_alt_names.FilterModule().filters()) == ["tls_subject_alt_names"]


def test_derived_names_reach_the_core():
    assert tls_subject_alt_names.tls_subject_alt_names(["docker.example.com"], derived=["web_01", "192.0.2.10"]) == [
        "DNS:docker.example.com", "IP:192.0.2.10"]


def test_a_bad_name_is_refused_naming_the_filter():
    with pytest.raises(AnsibleFilterError, match=r"^tls_subject_alt_names: server name 'a b' is neither"):
        tls_subject_alt_names.tls_subject_alt_names(["a b"])
