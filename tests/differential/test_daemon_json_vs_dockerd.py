# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""daemon_json's verdict equals the real dockerd's on every document of the corpus, on Debian's 20.10 (bookworm),
26.1 (trixie) and 28.5 (forky): no false accept, no false refusal, every stricter refusal one of this collection's
own rules. The binaries come from Debian's packages, unpacked under .cache/dockerd; nothing is installed."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import pathlib
import subprocess
import sys

import pytest

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

import compare_daemon_json  # noqa: E402
from daemon_json_corpus import documents  # noqa: E402

BINARIES = pathlib.Path(os.environ.get("DOCKYARD_DOCKERD_DIR", str(ROOT / ".cache" / "dockerd")))


def dockerd_of(suite):
    done = subprocess.run([str(ROOT / "tests" / "tools" / "dockerd_binary.sh"), suite, str(BINARIES)],
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize("suite, engine", [("bookworm", "20.10"), ("trixie", "26.1"), ("forky", "28.5")])
def test_daemon_json_judges_as_dockerd_does(suite, engine):
    version, counts, wrong = compare_daemon_json.compare(dockerd_of(suite), documents())
    assert version.startswith(engine + ".")
    print("\n%s (%s): %d documents: both accept %d, both refuse %d, false accepts %d, false refusals %d, "
          "stricter by design %d" % (version, suite, sum(counts.values()), counts["both accept"],
                                     counts["both refuse"], counts["false accept"], counts["false refusal"],
                                     counts["stricter by design"]))
    shown = ["%s %s: %s\n    dockerd: %s\n    ours: %s" % (outcome, label, document, said, "; ".join(problems))
             for outcome, label, document, said, problems in wrong[:20]]
    assert wrong == [], "\n".join(shown)
    assert counts["both accept"] > 200 and counts["both refuse"] > 700


def test_the_corpus_covers_every_key_and_every_class():
    from ansible_collections.dockyard.docker_host.plugins.module_utils import daemon_schema
    labels = [label for label, _document in documents()]
    for key in daemon_schema.KEYS:
        assert "valid %s #0" % key in labels, key
    for kind in ("type ", "nested ", "typo ", "value ", "flattened "):
        assert sum(label.startswith(kind) for label in labels) >= 10, kind
