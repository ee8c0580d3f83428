# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""daemon_json's verdict beside the real dockerd's on every document of the corpus.

    python tests/differential/compare_daemon_json.py --dockerd DIR/usr/sbin/dockerd [--show N]

dockerd --validate (23.0 and later) runs as an unprivileged user with an empty environment but for PATH (the
binary's own directory first, for docker-proxy), so a document cannot make it change the host (userns-remap
"default" would add a user). Prints counts: both accept, both refuse, false accepts (daemon_json writes a file
dockerd then refuses), false refusals (daemon_json refuses a file dockerd takes) and refusals that are stricter
by design (this collection's own rules: address pools, an unauthenticated TCP socket).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import collections
import concurrent.futures
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from daemon_json_corpus import documents  # noqa: E402

from ansible_collections.dockyard.docker_host.plugins.module_utils import daemon_config  # noqa: E402

# Refusals that are this collection's rules, not dockerd's: they are meant to be stricter.
BY_DESIGN = [re.compile(pattern) for pattern in (
    r"^default-address-pools: ",
    r"opens the Docker API on TCP .* without TLS client verification",
    # A name dockerd takes and ignores: refused, saying so, since it would change nothing.
    r"takes it in daemon\.json and ignores it", r"dockerd \(.*\) ignores it$", r"takes nothing else from it",
    # What --validate lets through and dockerd itself refuses when it starts.
    r"\(dockerd refuses it when it starts\)$",
)]
SCRATCH = tempfile.mkdtemp(prefix="dockyard-differential-")
os.chmod(SCRATCH, 0o755)
OUTCOMES = ("both accept", "both refuse", "false accept", "false refusal", "stricter by design")
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def engine_version(dockerd):
    out = subprocess.run([dockerd, "--version"], capture_output=True, text=True, check=True).stdout
    return re.search(r"version (\d+\.\d+\.\d+)", out).group(1)


# Engines before 23.0 have no --validate. Started by an unprivileged user, they read and check the whole file, then
# stop with this line before they create any file (moby 20.10 cmd/dockerd/daemon.go): the file passed.
PAST_CONFIGURATION = "dockerd needs to be started with root privileges"


def dockerd_verdict(dockerd, document, legacy=False):
    """(accepted, dockerd's last line)."""
    env = {"PATH": "%s:/usr/sbin:/usr/bin:/sbin:/bin" % os.path.dirname(dockerd)}
    # A file the unprivileged user can read (a pipe from root cannot be opened again through /dev/stdin).
    with tempfile.NamedTemporaryFile("w", suffix=".json", dir=SCRATCH) as config:
        config.write(json.dumps(document))
        config.flush()
        os.chmod(config.name, 0o644)
        argv = NOBODY + [dockerd] + ([] if legacy else ["--validate"]) + ["--config-file", config.name]
        done = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=60, check=False)
    lines = (done.stdout + done.stderr).strip().splitlines()
    last = lines[-1] if lines else ""
    if legacy:
        return PAST_CONFIGURATION in last, last
    return done.returncode == 0, last


def our_verdict(document, version):
    """(accepted, problems, refused only by this collection's own rules), for the file the module would write."""
    try:
        daemon_config.check(document, engine_version=version)
    except daemon_config.DaemonConfigError as error:
        own = all(any(rule.search(problem) for rule in BY_DESIGN) for problem in error.problems)
        return False, error.problems, own
    return True, [], False


def compare(dockerd, corpus):
    version = engine_version(dockerd)
    legacy = tuple(int(part) for part in version.split(".")[:2]) < (23, 0)
    # Both judge the file the module would write (null removes a key).
    corpus = [(label, daemon_config.merge({}, document, "replace")) for label, document in corpus]
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        theirs = list(pool.map(lambda item: dockerd_verdict(dockerd, item[1], legacy), corpus))
    counts = collections.Counter()
    wrong = []
    for (label, document), (accepted, said) in zip(corpus, theirs):
        ours, problems, own = our_verdict(document, version)
        if ours and accepted:
            outcome = "both accept"
        elif not ours and not accepted:
            outcome = "both refuse"
        elif ours:
            outcome = "false accept"
        elif own:
            outcome = "stricter by design"
        else:
            outcome = "false refusal"
        counts[outcome] += 1
        if outcome in ("false accept", "false refusal"):
            wrong.append((outcome, label, document, said, problems))
    return version, counts, wrong


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--dockerd", action="append", required=True, help="a dockerd binary (repeat for more)")
    parser.add_argument("--show", type=int, default=20, help="disagreements to print per engine")
    args = parser.parse_args(argv)
    corpus = documents()
    print("corpus: %d documents" % len(corpus))
    print("%-10s %7s %7s %7s %7s %7s" % ("engine", "agree+", "agree-", "false+", "false-", "design"))
    reports = []
    for dockerd in args.dockerd:
        version, counts, wrong = compare(dockerd, corpus)
        figures = [counts[outcome] for outcome in OUTCOMES]
        print("%-10s %7d %7d %7d %7d %7d" % tuple([version] + figures))
        reports.append((version, wrong))
    for version, wrong in reports:
        for outcome, label, document, said, problems in wrong[:args.show]:
            shown = (version, outcome, label, json.dumps(document)[:120], said[:200], "; ".join(problems)[:200])
            print("%s %s: %s %s\n    dockerd: %s\n    ours: %s" % shown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
