# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One way for every filter to fail: an AnsibleFilterError that names the filter, never a traceback."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import functools

from ansible.errors import AnsibleFilterError

from ansible_collections.dockyard.docker_host.plugins.module_utils.value_kinds import shown

# What malformed input (a string where a list belongs, a list where a mapping belongs) raises in Python.
_SHAPE_ERRORS = (TypeError, KeyError, AttributeError, IndexError, OverflowError, RecursionError)


def filter_errors(name):
    """Decorate a filter so that the core's rule errors and any shape error become AnsibleFilterError."""
    def decorate(function):
        @functools.wraps(function)
        def run(*args, **kwargs):
            try:
                return function(*args, **kwargs)
            except AnsibleFilterError:
                raise
            except ValueError as error:
                raise AnsibleFilterError("%s: %s" % (name, error))
            except _SHAPE_ERRORS:
                # Python's own words (a class name, "'int' object has no attribute ...") mean nothing to a user.
                given = shown(args[0]) if args else "(none)"
                raise AnsibleFilterError(
                    "%s: the input %s, or one of the arguments, does not have the form the filter takes; see "
                    "ansible-doc -t filter dockyard.docker_host.%s" % (name, given, name))
        return run
    return decorate
