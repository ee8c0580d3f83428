# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dockyard.docker_host.plugins.plugin_utils.engine_versions import target_version

MADISON = [
    " docker-ce | 5:27.1.0-1~debian.12~bookworm | http://127.0.0.1:8099/debian bookworm/stable amd64 Packages",
    " docker-ce | 5:27.0.1-1~debian.12~bookworm | http://127.0.0.1:8099/debian bookworm/stable amd64 Packages",
    " docker-ce | 5:27.0.1-1~debian.12~bookworm | http://mirror/debian bookworm/stable amd64 Packages",
]


@pytest.mark.parametrize("pattern, installed, upgrade, target", [
    ("", "", False, "5:27.1.0-1~debian.12~bookworm"),
    ("5:27.0.*", "", False, "5:27.0.1-1~debian.12~bookworm"),
    ("5:27.0.*", "5:27.0.1-1~debian.12~bookworm", True, "5:27.0.1-1~debian.12~bookworm"),
    ("5:27.1.*", "5:27.0.1-1~debian.12~bookworm", False, "5:27.1.0-1~debian.12~bookworm"),
    ("", "5:27.0.1-1~debian.12~bookworm", False, "5:27.0.1-1~debian.12~bookworm"),
    ("", "5:27.0.1-1~debian.12~bookworm", True, "5:27.1.0-1~debian.12~bookworm"),
    ("5:28.*", "", False, ""),
    ("27.0.*", "", False, ""),
])
def test_target_version(pattern, installed, upgrade, target):
    choice = target_version(MADISON, pattern=pattern, installed=installed, upgrade=upgrade)
    assert choice["offered"] == ["5:27.1.0-1~debian.12~bookworm", "5:27.0.1-1~debian.12~bookworm"]
    assert choice["target"] == target


def test_pattern_characters_are_literal_but_star():
    assert target_version([" x | 1.2.3 | s", " x | 1x2x3 | s"], pattern="1.2.*")["matching"] == ["1.2.3"]


def test_bad_input_is_a_clear_error():
    with pytest.raises(ValueError, match="madison output must be a list"):
        target_version("docker-ce | 1 | s")
