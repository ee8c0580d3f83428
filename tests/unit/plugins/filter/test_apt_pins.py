# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The apt_pins filter says what engine_lifecycle writes for each pin, and which files hold something else."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.dockyard.docker_host.plugins.filter import apt_pins

ENGINE = {"path": "/etc/apt/preferences.d/dockyard-engine-version", "packages": ["docker.io"], "comment": "Kept."}
CONTAINERD = {"path": "/etc/apt/preferences.d/dockyard-containerd-version", "packages": ["containerd"]}
HOST = {"docker.io": {"installed": True, "version": "20.10.24+dfsg1-1+deb12u1", "held": True},
        "containerd": {"installed": False, "version": "", "held": False}}
ENGINE_TEXT = "# Kept.\nPackage: docker.io\nPin: version 20.10.24+dfsg1-1+deb12u1\nPin-Priority: 1001\n"


def test_the_file_exports_its_filter():
    assert list(apt_pins.FilterModule().filters()) == ["apt_pins"]


def test_each_pin_holds_its_packages_at_their_installed_version_or_nothing():
    assert apt_pins.apt_pins([ENGINE, CONTAINERD], HOST) == {ENGINE["path"]: ENGINE_TEXT, CONTAINERD["path"]: ""}


def test_with_present_only_the_pins_whose_file_holds_something_else_are_kept():
    assert apt_pins.apt_pins([ENGINE, CONTAINERD], HOST, present={"dockyard-engine-version": ENGINE_TEXT}) == {}
    assert apt_pins.apt_pins([ENGINE], HOST, present={"dockyard-engine-version": "Package: docker.io\n"}) == {
        ENGINE["path"]: ENGINE_TEXT}
    assert apt_pins.apt_pins([ENGINE, CONTAINERD], HOST, present={"dockyard-containerd-version": "old"}) == {
        ENGINE["path"]: ENGINE_TEXT, CONTAINERD["path"]: ""}


@pytest.mark.parametrize("pins, packages, message", [
    ([dict(ENGINE, path="/etc/apt/preferences")], HOST, "apt_pins: pin path '/etc/apt/preferences' is not a file apt reads"),
    ([dict(ENGINE, packages="docker.io")], HOST, r"apt_pins: pin \{.*is not \{path, packages, comment\}"),
    ([dict(ENGINE, comment="a\x00b")], HOST, "apt_pins: pin /etc/apt/preferences.d/dockyard-engine-version: its comment"),
    ([{"packages": ["docker.io"]}], HOST, "apt_pins: the input .* does not have the form the filter takes"),
    (ENGINE, HOST, "apt_pins: the input must be a list of pins"),
    ([ENGINE], ["docker.io"], "apt_pins: the input must be a list of pins, packages a mapping"),
])
def test_bad_input_names_the_filter_and_the_rule(pins, packages, message):
    with pytest.raises(AnsibleFilterError, match=message):
        apt_pins.apt_pins(pins, packages)
