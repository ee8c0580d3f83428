# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dockyard.docker_host.plugins.module_utils.engine_version import (
    allocates_lazily,
    parse_engine_version,
)


@pytest.mark.parametrize("text, expected", [
    ("20.10.24", (20, 10, 24)),
    ("20.10.24+dfsg1-1+deb12u1", (20, 10, 24)),
    ("5:28.5.2-1~debian.12~bookworm", (28, 5, 2)),
    ("27.0", (27, 0, 0)),
    (None, None),
    ("", None),
])
def test_parse(text, expected):
    assert parse_engine_version(text) == expected


def test_parse_refuses_non_versions():
    with pytest.raises(ValueError, match="engine_version 'v27' is not a Docker version"):
        parse_engine_version("v27")


@pytest.mark.parametrize("version, lazy", [((26, 1, 5), False), ((27, 0, 0), True), ((28, 5, 2), True), (None, False)])
def test_lazy_allocation_from_27(version, lazy):
    assert allocates_lazily(version) is lazy


def test_version_from_dockerd_output():
    from ansible_collections.dockyard.docker_host.plugins.module_utils.engine_version import from_dockerd_output
    assert from_dockerd_output("Docker version 20.10.24+dfsg1, build 297e128\n") == "20.10.24+dfsg1"
    assert from_dockerd_output("Docker version 26.1.5+dfsg1, build 411e817") == "26.1.5+dfsg1"
    assert from_dockerd_output("no such thing") is None
    assert from_dockerd_output(None) is None
