# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dockyard.docker_host.plugins.plugin_utils.engine_versions import package_plan, target_version

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


IO = "26.1.5+dfsg1-9+b9"
CLI_OFFERS = {"docker-cli": [" docker-cli | %s | http://deb.debian.org/debian trixie/main amd64 Packages" % IO]}


def test_package_plan_nothing_to_do_when_all_is_in_place():
    host = {"docker.io": {"installed": True, "version": IO, "held": True},
            "docker-cli": {"installed": True, "version": IO, "held": True}}
    plan = package_plan(host, ["docker.io"], ["docker.io"], IO, CLI_OFFERS)
    assert plan == {"held": ["docker.io", "docker-cli"], "install": [], "hold": [], "unhold": []}


def test_package_plan_installs_everything_when_one_held_package_is_at_another_version():
    host = {"docker.io": {"installed": True, "version": "20.10.24+dfsg1-1+deb12u1", "held": True},
            "pigz": {"installed": True, "version": "2.6", "held": False}}
    plan = package_plan(host, ["docker.io", "pigz"], ["docker.io"], IO, CLI_OFFERS)
    assert plan["install"] == ["docker.io=" + IO, "docker-cli=" + IO, "pigz"]
    assert plan["hold"] == ["docker-cli"]


def test_package_plan_installs_a_missing_extra_package_and_holds_what_is_not_held():
    host = {"docker.io": {"installed": True, "version": IO, "held": False}}
    plan = package_plan(host, ["docker.io", "pigz"], ["docker.io"], IO)
    assert plan == {"held": ["docker.io"], "install": ["docker.io=" + IO, "pigz"], "hold": ["docker.io"], "unhold": []}


def test_package_plan_leaves_out_a_companion_not_offered_at_the_target():
    plan = package_plan({}, ["docker.io"], ["docker.io"], "20.10.24+dfsg1-1+deb12u1", CLI_OFFERS)
    assert plan["held"] == ["docker.io"]
    assert plan["install"] == ["docker.io=20.10.24+dfsg1-1+deb12u1"]


def test_package_plan_releases_the_other_engines_held_packages_only_when_installing():
    host = {"docker-ce": {"installed": True, "version": "5:20.10.24-1", "held": True},
            "docker-ce-cli": {"installed": True, "version": "5:20.10.24-1", "held": True},
            "containerd.io": {"installed": True, "version": "1.7", "held": False}}
    replaces = ["docker-ce", "docker-ce-cli", "containerd.io", "docker-compose-plugin"]
    plan = package_plan(host, ["docker.io"], ["docker.io"], IO, replaces=replaces)
    assert plan["unhold"] == ["docker-ce", "docker-ce-cli"]
    host["docker.io"] = {"installed": True, "version": IO, "held": True}
    assert package_plan(host, ["docker.io"], ["docker.io"], IO, replaces=replaces)["unhold"] == []


@pytest.mark.parametrize("args, message", [
    (([], ["a"], ["a"], "1"), "host packages must be a mapping"),
    (({}, ["a"], ["a"], "1", None, "b"), "replaces must be a list"),
    (({}, "a", ["a"], "1"), "packages must be a list"),
    (({}, ["a"], ["a"], ""), "target must be a version string"),
    (({}, ["a"], ["a"], "1", ["x"]), "companion_offers must map"),
])
def test_package_plan_bad_input(args, message):
    with pytest.raises(ValueError, match=message):
        package_plan(*args)
