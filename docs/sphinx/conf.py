# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Sphinx settings for the collection's docs site (make docs)."""

import os
import zlib

project = "dockyard.docker_host"
copyright = "dockyard.docker_host contributors"
title = "dockyard.docker_host"
html_short_title = "dockyard.docker_host"
html_title = "dockyard.docker_host"

extensions = ["sphinx.ext.intersphinx", "sphinx_antsibull_ext"]
pygments_style = "ansible"
highlight_language = "YAML+Jinja"
html_theme = "sphinx_ansible_theme"
templates_path = ["_templates"]
html_show_sphinx = False
html_use_modindex = False
html_use_index = False
html_copy_source = False
default_role = "any"
nitpicky = True

# The generated plugin pages cite a few sections of ansible-core's own documentation. No docs site is
# reachable while building, so the inventory of those labels is written here, with their published targets.
ANSIBLE_DOCS = "https://docs.ansible.com/ansible/latest/"
ANSIBLE_LABELS = [
    ("common_return_values", "reference_appendices/common_return_values.html#common-return-values", "Return Values"),
    ("action_plugins", "plugins/action.html#action-plugins", "Action plugins"),
    ("ansible_configuration_settings", "reference_appendices/config.html#ansible-configuration-settings",
     "Ansible Configuration Settings"),
]


def _ansible_inventory():
    path = os.path.join(os.environ.get("DOCKYARD_DOCS_BUILD", os.path.dirname(os.path.abspath(__file__))),
                        "ansible-core.inv")
    lines = "".join("%s std:label -1 %s %s\n" % label for label in ANSIBLE_LABELS)
    with open(path, "wb") as inventory:
        inventory.write(b"# Sphinx inventory version 2\n# Project: Ansible\n# Version: latest\n"
                        b"# The remainder of this file is compressed using zlib.\n")
        inventory.write(zlib.compress(lines.encode("utf-8")))
    return path


intersphinx_mapping = {"ansible_devel": (ANSIBLE_DOCS, _ansible_inventory())}
intersphinx_disabled_reftypes = []
