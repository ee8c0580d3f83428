# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Stand-in for the get-pip script ansible-test downloads to bootstrap pip in its venvs.

Like get-pip, it takes the arguments of ``pip install`` (without the verb).
Where the download host cannot be reached, this does the same job: pip from
the standard library's ensurepip, then ``pip install`` with those arguments,
so the pinned pip comes from the package index as usual.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ensurepip
import os
import runpy
import sys

if __name__ == "__main__":
    environment = dict(os.environ)
    ensurepip.bootstrap(upgrade=True, verbosity=0)
    # ensurepip points PIP_CONFIG_FILE at /dev/null; the pip run below must see the site's pip configuration.
    os.environ.clear()
    os.environ.update(environment)
    # get-pip's own flags: leave setuptools and wheel out, which plain pip does anyway.
    sys.argv[1:] = ["install"] + [arg for arg in sys.argv[1:] if arg not in ("--no-setuptools", "--no-wheel")]
    runpy.run_module("pip", run_name="__main__", alter_sys=True)
