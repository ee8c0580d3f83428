# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Make this checkout importable as ansible_collections.dockyard.docker_host."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COLLECTIONS = os.path.join(REPO, ".cache", "collections")


def _link_collection():
    namespace = os.path.join(COLLECTIONS, "ansible_collections", "dockyard")
    link = os.path.join(namespace, "docker_host")
    if os.path.realpath(link) != REPO:
        os.makedirs(namespace, exist_ok=True)
        if os.path.islink(link):
            os.unlink(link)
        os.symlink(REPO, link)
    if COLLECTIONS not in sys.path:
        sys.path.insert(0, COLLECTIONS)
    os.environ["ANSIBLE_COLLECTIONS_PATH"] = COLLECTIONS


_link_collection()
