# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The tls_client_names filter is thin: it passes its input to the core and turns core errors into AnsibleFilterError."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.dockyard.docker_host.plugins.filter import tls_client_names


def test_the_file_exports_its_filter():
    assert list(tls_client_names.FilterModule().filters()) == ["tls_client_names"]


def test_names_pass_unchanged():
    assert tls_client_names.tls_client_names(["alice", "ci-runner"]) == ["alice", "ci-runner"]


def test_a_path_is_refused_naming_the_filter():
    with pytest.raises(AnsibleFilterError, match=r"^tls_client_names: client '\.\./root' is not a name"):
        tls_client_names.tls_client_names(["../root"])
