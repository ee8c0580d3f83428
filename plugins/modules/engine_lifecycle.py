#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: engine_lifecycle
author: Dockyard maintainers (@dockyard)
version_added: 0.4.0
short_description: Record a Docker host before an engine change, bring dockerd back, or put the record back
description:
  - The one place where this collection restarts dockerd, waits for it and rolls it back. The roles C(docker_daemon)
    and C(docker_engine) and the C(upgrade) playbook all go through it.
  - O(state=recorded) writes the record of the host to O(record) (see there what it holds).
    M(dockyard.docker_host.docker_host_facts) writes the same record with O(dockyard.docker_host.docker_host_facts#module:keep_record=true),
    from the same call that reads the host.
  - O(state=started) starts dockerd when it does not run (clearing systemd's start limit first), restarts it when
    it runs another version than O(version), then waits until it is back.
  - O(state=restarted) restarts dockerd (reloading it first when daemon.json turns C(live-restore) on and
    containers run, so they survive), with the socket unit's listening socket recreated, then waits until it is back.
    O(state=reloaded) reloads a running dockerd (for keys it applies without a restart) and waits for it.
  - After a start, restart or reload it notes the digest of daemon.json and docker.service's drop-ins in
    C(/var/lib/dockyard/engine-applied.json), so the C(pending_restart) of M(dockyard.docker_host.docker_host_facts)
    can tell a change written but never applied (a run stopped between the two).
  - "Back means that dockerd answers within O(timeout) seconds, then within O(containers_timeout) seconds every
    recorded container runs with the same ID, healthy where it has a health check, and a node that was an active
    swarm member is active again."
  - When dockerd does not answer after O(state=started) or O(state=restarted) changed it, the record is put back
    (files, then packages) and dockerd started on it; the task fails with dockerd's own error from the journal.
  - O(state=installed) installs O(packages) in one apt transaction and holds O(hold) right after it, in the same run
    on the host, since apt releases the hold of a held package it installs and a controller that dies between two
    tasks would leave the engine free to move with the next C(apt-get upgrade). In the same run it writes O(pins) at
    the versions then installed and enables C(docker.service) (O(enabled)). It neither starts nor restarts dockerd,
    and with O(defer_start) keeps the packages' scripts from starting it.
  - O(state=restored) puts the record back whatever dockerd does now (after an upgrade that failed its gate);
    files written back or removed, packages installed at their recorded versions in one apt transaction and those
    added since removed, holds as they were, units reloaded, dockerd restarted when a package or a file outside
    C(/etc/apt) moved (or it runs another version than recorded), then waits.
options:
  state:
    description: What to do; see the description.
    type: str
    choices: [recorded, installed, started, restarted, reloaded, restored]
    required: true
  packages:
    description:
      - With O(state=installed), what to install, as apt takes it (V(docker.io) or V(docker.io=26.1.5+dfsg1-9+b3));
        held packages among them are replaced. Nothing is downgraded.
    type: list
    elements: str
    default: []
  hold:
    description: With O(state=installed), the packages to hold once installed (those not installed are left alone).
    type: list
    elements: str
    default: []
  pins:
    description:
      - With O(state=installed), apt preferences files, each holding its packages at the one version they are
        installed at after the install (C(Pin-Priority 1001)), so that a later C(apt-get upgrade) or a plain
        C(apt-get install) cannot move them; a file is written only when its content differs.
      - While apt installs O(packages), these files are moved out of the way (a dependency pinned there may have to
        move with the engine) and written back as they were when apt fails.
      - The task fails, naming them, when a pin's packages are not installed or not at one version.
    type: list
    elements: dict
    default: []
    suboptions:
      path:
        description: The file, in C(/etc/apt/preferences.d/), named as apt reads it (letters, digits, V(_), V(-), or ending in V(.pref)).
        type: path
        required: true
      packages:
        description: The packages the file pins.
        type: list
        elements: str
        required: true
      comment:
        description: Lines written first in the file, each as a comment. No control character but the line break.
        type: str
        default: ''
  enabled:
    description: With O(state=installed), enable C(docker.service) to start at boot when it is not.
    type: bool
    default: false
  defer_start:
    description:
      - With O(state=installed), when C(docker.service) is not active before the install, keep the packages' scripts
        from starting dockerd (C(docker.service) and C(docker.socket) are masked in C(/run) while apt runs, and
        unmasked in the same run), so that dockerd first starts with the settings written after the install, for
        example by M(dockyard.docker_host.daemon_json), instead of on the package defaults. With those defaults the
        default bridge takes 172.17.0.0/16 unless a route overlaps it, which cuts off clients in such a network
        reached through the default route.
      - Such a mask in C(/run), left by a run stopped during the install, is lifted by the next O(state=installed),
        O(state=started) or O(state=restarted).
    type: bool
    default: false
  version:
    description:
      - With O(state=started), the engine version dockerd must run (a package version such as V(5:26.1.5-1~debian.12)
        or V(26.1.5+dfsg1-9) is compared by its upstream part); dockerd is restarted when it runs another.
    type: str
    default: ''
  rollback:
    description: Put the record back when dockerd does not answer after this task started or restarted it.
    type: bool
    default: true
  timeout:
    description: Seconds dockerd may take to answer after a start or restart.
    type: int
    default: 60
  containers_timeout:
    description: Seconds the recorded containers, and the node's swarm membership, may then take to be back.
    type: int
    default: 60
  socket:
    description: Path of dockerd's unix socket.
    type: path
    default: /var/run/docker.sock
  user:
    description:
      - The user whose rootless engine this is about, instead of the system engine. The user's C(docker.service)
        is driven through the user's systemd manager (C(systemctl --user --machine USER@)), its errors read from
        the user's journal, and O(socket), O(daemon_json) and O(record) left at their defaults point at the
        user's (C(/run/user/UID/docker.sock), C(~/.config/docker/daemon.json),
        C(/var/lib/dockyard/users/USER/engine-record.json)).
      - Not with O(state=installed), since packages are the host's, installed for the system.
    type: str
    default: ''
extends_documentation_fragment:
  - dockyard.docker_host.daemon_json
  - dockyard.docker_host.engine_record
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    description: Says what it would do, writing and restarting nothing.
    support: full
  diff_mode:
    support: none
  platform:
    platforms: posix
notes:
  - The record holds the files' content, which may hold credentials (a proxy drop-in); the result never shows it.
  - O(state=recorded) reports no change, since the record is this module's own bookkeeping, not the host's configuration.
seealso:
  - module: dockyard.docker_host.docker_host_facts
  - module: dockyard.docker_host.daemon_json
"""

EXAMPLES = r"""
- name: Record the host before daemon.json and the unit's drop-ins change
  dockyard.docker_host.engine_lifecycle:
    state: recorded
    record_files: [/etc/systemd/system/docker.service.d/dockyard-*.conf]

- name: Install the engine and keep it held
  dockyard.docker_host.engine_lifecycle:
    state: installed
    packages: [docker.io=26.1.5+dfsg1-9+b3, containerd]
    hold: [docker.io, containerd]
    pins:
      - path: /etc/apt/preferences.d/dockyard-engine-version
        packages: [docker.io]
        comment: The engine stays at this version until the role moves it.
    enabled: true

- name: Restart dockerd, putting the record back when it does not come back
  dockyard.docker_host.engine_lifecycle:
    state: restarted

- name: Put the engine of before back after a failed upgrade gate
  dockyard.docker_host.engine_lifecycle:
    state: restored
"""

RETURN = r"""
record:
  description: What the record holds (no file content) - C(taken), C(engine_version), C(engine_running),
    C(swarm_state), C(containers) (IDs), C(packages) and C(files) (paths that existed).
  returned: success, or a failure after the record was read
  type: dict
engine_version:
  description: The version dockerd answers with at the end, empty when it does not answer.
  returned: always
  type: str
  sample: 26.1.5+dfsg1
packages:
  description: The recorded packages (with O(state=installed), those of O(packages) and O(hold)) as dpkg has them at
    the end, each with C(version), C(installed) and C(held).
  returned: success
  type: dict
installed:
  description: With O(state=installed), the packages whose installed version changed (in check mode, that would be
    installed).
  returned: with O(state=installed)
  type: list
  elements: str
pinned:
  description: With O(state=installed), the pin files written (in check mode, that would be written).
  returned: with O(state=installed)
  type: list
  elements: str
enabled:
  description: With O(state=installed), whether C(docker.service) was enabled to start at boot by this run.
  returned: with O(state=installed)
  type: bool
deferred:
  description: With O(state=installed), whether the packages' scripts were kept from starting dockerd (O(defer_start)).
  returned: with O(state=installed)
  type: bool
restarted:
  description: Whether dockerd was started or restarted.
  returned: always
  type: bool
reloaded:
  description: Whether dockerd was reloaded.
  returned: with O(state=reloaded)
  type: bool
restored:
  description: What was put back - C(files_written), C(files_removed), C(install), C(remove), C(hold), C(unhold).
  returned: when the record was put back
  type: dict
not_back:
  description: What is not back - the node's swarm state, and each container not running or not healthy.
  returned: always
  type: list
  elements: str
error:
  description: dockerd's own error lines from the journal of its last start, when it did not come back.
  returned: when dockerd did not come back
  type: list
  elements: str
"""

import json
import os
import time

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.dockyard.docker_host.plugins.module_utils import engine_lifecycle as lifecycle
from ansible_collections.dockyard.docker_host.plugins.module_utils import engine_record
from ansible_collections.dockyard.docker_host.plugins.module_utils import rootless_engine
from ansible_collections.dockyard.docker_host.plugins.module_utils.engine_api import EngineAPIError, EngineClient, quote_id
from ansible_collections.dockyard.docker_host.plugins.module_utils.host_files import (
    CommandError,
    read_file,
    replace_file,
    run_bounded,
)

APT_TIMEOUT = 900
UNIT_TIMEOUT = 120
RUNTIME_UNITS = "/run/systemd/system"
DEFERRED_UNITS = ("docker.service", "docker.socket")


class Failed(Exception):
    """The task fails with this message; ``result`` says how far it got."""

    def __init__(self, message, **result):
        super(Failed, self).__init__(message)
        self.result = result


class Host:
    """dockerd, systemd, dpkg and files on this host, as the lifecycle needs them."""

    def __init__(self, module, user=None):
        self.module = module
        self.params = module.params
        self.client = EngineClient(self.params["socket"], timeout=30)
        # The system engine, or a user's rootless one: its manager, and where its applied digest goes.
        self.user = user
        self.systemctl = rootless_engine.systemctl(user) if user else ["systemctl"]
        where = rootless_engine.paths(user) if user else {}
        self.applied = {"path": where["applied"], "drop_in_dir": where["drop_in_dir"]} if user else {}
        self.unit_dir = where["unit_dir"] + "/" if user else "/etc/systemd/"

    def run(self, argv, timeout=UNIT_TIMEOUT, check=True):
        try:
            rc, out, err = run_bounded(self.module.run_command, argv, timeout)
        except CommandError as error:
            raise Failed(str(error))
        if check and rc != 0:
            raise Failed("'%s' failed (exit %d): %s" % (" ".join(argv), rc, (err or out).strip()[-400:]))
        return rc, out

    # dockerd

    def version(self):
        try:
            return self.client.get("/version").get("Version", "") or ""
        except (EngineAPIError, AttributeError):
            self.client.close()
            return ""

    def swarm_state(self):
        try:
            swarm = (self.client.get("/info") or {}).get("Swarm") or {}
        except (EngineAPIError, AttributeError):
            self.client.close()
            return ""
        return swarm.get("LocalNodeState", "") if isinstance(swarm, dict) else ""

    def live_restore_enabled(self):
        try:
            return (self.client.get("/info") or {}).get("LiveRestoreEnabled") is True
        except (EngineAPIError, AttributeError):
            self.client.close()
            return False

    def apply_live_restore(self, daemon_json):
        """Reload dockerd and wait until it says live-restore is on: a reload is a signal dockerd handles while
        systemctl has already returned, and dockerd decides on shutdown whether the containers survive.
        A dockerd started with -H refuses to reload a daemon.json that sets hosts (a flag and a key for one
        setting), so it reloads daemon.json without hosts, which is put back before the restart that applies it."""
        text = read_file(daemon_json) or "{}"
        try:
            config = json.loads(text)
        except ValueError:
            config = {}
        without_hosts = isinstance(config, dict) and bool(config.get("hosts"))
        if without_hosts:
            status = os.stat(daemon_json)
            config.pop("hosts")
            replace_file(daemon_json, json.dumps(config, indent=2) + "\n", status.st_mode & 0o7777,
                         (status.st_uid, status.st_gid))
        try:
            self.run(self.systemctl + ["reload", "docker.service"])
            deadline = time.time() + 30
            while time.time() < deadline:
                if self.live_restore_enabled():
                    return
                time.sleep(0.2)
        finally:
            if without_hosts:
                replace_file(daemon_json, text, status.st_mode & 0o7777, (status.st_uid, status.st_gid))
        raise Failed("dockerd did not turn live-restore on within 30 s of a reload; it was not restarted, so the "
                     "containers keep running")

    def container_problem(self, container_id):
        try:
            inspected = self.client.get("/containers/%s/json" % quote_id(container_id))
        except EngineAPIError as error:
            self.client.close()
            return "gone" if error.status == 404 else "cannot be read: %s" % error
        return lifecycle.container_problem(inspected if isinstance(inspected, dict) else {})

    # systemd

    def unit_active(self):
        rc, _out = self.run(self.systemctl + ["is-active", "--quiet", "docker.service"], check=False)
        return rc == 0

    def unit_failed(self):
        rc, _out = self.run(self.systemctl + ["is-failed", "--quiet", "docker.service"], check=False)
        return rc == 0

    def lift_runtime_mask(self):
        """Unmask the units a deferred start masked in /run (a link to /dev/null there is what
        ``systemctl mask --runtime`` makes)."""
        links = [os.path.join(RUNTIME_UNITS, unit) for unit in DEFERRED_UNITS]
        masked = [os.path.basename(link) for link in links if os.path.islink(link) and os.readlink(link) == "/dev/null"]
        if masked and not self.user:
            self.run(["systemctl", "unmask", "--runtime", "--"] + masked)

    def restart(self, stop=True):
        """Stop dockerd and start it again. A dockerd that listened on /run/docker.sock itself unlinks it on
        exit, leaving docker.socket listening on a file nobody reaches: restarting the socket unit recreates it."""
        self.lift_runtime_mask()
        if stop:
            self.run(self.systemctl + ["stop", "docker.service"])
        rc, out = self.run(self.systemctl + ["show", "docker.socket", "--property=LoadState"], check=False)
        if rc == 0 and out.strip() == "LoadState=loaded":
            self.run(self.systemctl + ["restart", "docker.socket"], check=False)
        self.run(self.systemctl + ["reset-failed", "docker.service"], check=False)
        self.run(self.systemctl + ["start", "docker.service"], check=False)

    def daemon_reload(self):
        self.run(self.systemctl + ["daemon-reload"])

    def journal_error(self, since):
        """dockerd's error lines since ``since``; journald may write dockerd's last lines late on a busy host."""
        lines = []
        for attempt in range(5):
            argv = rootless_engine.journal(self.user, since) if self.user else [
                "journalctl", "--unit", "docker.service", "--since", "@%d" % int(since), "--no-pager", "--output", "cat"]
            rc, out = self.run(argv, check=False)
            lines = lifecycle.start_error(out if rc == 0 else "")
            if lines or attempt == 4:
                return lines
            time.sleep(2)
        return lines


def read_record(host, required):
    path = host.params["record"]
    text = read_file(path)
    if text is None:
        if required:
            raise Failed("no record at %s: nothing to put back (record the host with state=recorded before a change)"
                         % path)
        return None
    try:
        return lifecycle.check_record(json.loads(text), path)
    except ValueError as error:
        raise Failed(str(error) if isinstance(error, lifecycle.RecordError)
                     else "%s is not JSON (%s): remove it, then run again" % (path, error))


def wait_back(host, record, deadline_answer):
    """'' when dockerd answers and the record's containers and swarm state are back, else why not."""
    version = ""
    while True:
        version = host.version()
        if version or time.time() >= deadline_answer or host.unit_failed():
            break
        time.sleep(1)
    if not version:
        return "", ["dockerd does not answer"]
    if record is None:
        return version, []
    deadline = time.time() + host.params["containers_timeout"]
    while True:
        problems = dict((item["id"], host.container_problem(item["id"])) for item in record["containers"])
        missing = lifecycle.not_back(record, host.swarm_state(), problems)
        if not missing or time.time() >= deadline:
            return version, missing
        time.sleep(1)


def put_back(host, record, result):
    """Write back the record's files and packages; True when anything moved."""
    present = engine_record.read_files(record["patterns"] + sorted(record["files"]))
    write, remove = lifecycle.files_to_restore(record["files"], present)
    for path in write:
        entry = record["files"][path]
        directory = os.path.dirname(path)
        if not os.path.isdir(directory):
            os.makedirs(directory, 0o755)
        replace_file(path, lifecycle.file_bytes(entry), entry["mode"], (entry["uid"], entry["gid"]))
    for path in remove:
        os.unlink(path)
    now = engine_record.installed_packages(sorted(record["packages"]))
    plan = lifecycle.rollback_plan(record["packages"], now)
    hold = [name for name in plan["hold"] if not now.get(name, {}).get("held")]
    if plan["install"] or plan["remove"]:
        if any(path.startswith("/etc/apt/") for path in write + remove):
            host.run(["apt-get", "update"], timeout=APT_TIMEOUT)
        host.run(["env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "--yes", "--allow-downgrades", "--allow-change-held-packages",
                  "-o", "Dpkg::Options::=--force-confold"] + plan["install"] + [name + "-" for name in plan["remove"]],
                 timeout=APT_TIMEOUT)
        hold = plan["hold"]
    if hold:
        host.run(["apt-mark", "hold"] + hold)
    if plan["unhold"]:
        host.run(["apt-mark", "unhold"] + plan["unhold"])
    if any(path.startswith(host.unit_dir) for path in write + remove):
        host.daemon_reload()
    result["restored"] = {"files_written": write, "files_removed": remove, "install": plan["install"],
                          "remove": plan["remove"], "hold": hold, "unhold": plan["unhold"]}
    return bool(write or remove or plan["install"] or plan["remove"] or hold or plan["unhold"])


def bring_back(host, record, result, since):
    """Wait after a start or restart; put the record back when dockerd does not answer."""
    version, missing = wait_back(host, record, time.time() + host.params["timeout"])
    if version:
        return version, missing
    error = host.journal_error(since)
    result["error"] = error
    said = " | ".join(error) or "nothing in the journal"
    if record is None or not host.params["rollback"]:
        raise Failed("dockerd did not come back within %d s; dockerd said: %s" % (host.params["timeout"], said),
                     **result)
    put_back(host, record, result)
    if not record["engine_running"]:
        raise Failed("dockerd did not come up within %d s, so the host was put back as it was before, with no engine "
                     "running (restored: %s). dockerd said: %s"
                     % (host.params["timeout"], json.dumps(result["restored"]), said), **result)
    host.restart()
    version, missing = wait_back(host, record, time.time() + host.params["timeout"])
    result["engine_version"] = version
    if not version:
        raise Failed("dockerd did not come back after the change, and not after it was put back either "
                     "(restored: %s). dockerd said: %s" % (json.dumps(result["restored"]), said), **result)
    raise Failed("dockerd did not come back after the change, so the host was put back as it was before (restored: "
                 "%s) and dockerd is running again. dockerd said: %s" % (json.dumps(result["restored"]), said), **result)


def pins_to_write(pins, packages):
    """``{path: text}`` of the pins whose file differs from what ``packages`` (name to state) makes it."""
    texts = {}
    for pin in pins:
        try:
            text = lifecycle.pin_text(pin, lifecycle.pin_version(pin, packages))
        except ValueError as error:
            raise Failed(str(error))
        if read_file(pin["path"]) != text:
            texts[pin["path"]] = text
    return texts


def apt_install(host, specs, pins):
    """apt-get install; the pin files are out of the way meanwhile (a dependency pinned there may have to move) and
    back as they were when apt fails."""
    kept = dict((pin["path"], read_file(pin["path"], binary=True)) for pin in pins)
    for path, data in kept.items():
        if data is not None:
            os.unlink(path)
    try:
        host.run(["env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "--yes", "--allow-change-held-packages",
                  "-o", "DPkg::Lock::Timeout=60", "-o", "Dpkg::Options::=--force-confdef",
                  "-o", "Dpkg::Options::=--force-confold", "--"] + specs, timeout=APT_TIMEOUT)
    except Failed:
        for path, data in kept.items():
            if data is not None:
                replace_file(path, data, 0o644, (0, 0))
        raise


def unit_enabled(host):
    rc, out = host.run(["systemctl", "is-enabled", "docker.service"], check=False)
    return rc == 0 and out.strip() == "enabled"


def install(host, result):
    """Install the packages, then hold and pin them and enable docker.service, in this one run on the host."""
    params = host.params
    wanted = [spec.partition("=")[0] for spec in params["packages"]]
    pins = params["pins"]
    names = sorted(set(wanted + params["hold"] + [name for pin in pins for name in pin["packages"]]))
    before = engine_record.installed_packages(names)
    enable = params["enabled"] and not unit_enabled(host)
    result["enabled"] = enable
    result["deferred"] = False
    if host.module.check_mode:
        # The versions apt would install where the specs say them; a pin over a package installed at a version
        # not known before apt runs would be written.
        planned = dict(before, **dict((spec.partition("=")[0], {"installed": True, "version": spec.partition("=")[2]})
                                      for spec in params["packages"]))
        result["pinned"] = sorted(pin["path"] for pin in pins if "" in [planned[name]["version"] for name in pin["packages"]]
                                  or pin["path"] in pins_to_write([pin], planned))
        result["installed"] = wanted
        result["packages"] = before
        result["changed"] = bool(wanted or result["pinned"] or enable) or any(
            before[name]["installed"] and not before[name]["held"] for name in params["hold"])
        return
    host.lift_runtime_mask()
    defer = bool(params["defer_start"] and params["packages"]) and not host.unit_active()
    if defer:
        # A mask systemctl refuses means no deferral: the packages start dockerd, as without defer_start.
        defer = host.run(["systemctl", "mask", "--runtime", "--"] + list(DEFERRED_UNITS), check=False)[0] == 0
    result["deferred"] = defer
    try:
        if params["packages"]:
            apt_install(host, params["packages"], pins)
    finally:
        if defer:
            host.lift_runtime_mask()
    after = engine_record.installed_packages(names)
    hold = [name for name in sorted(set(params["hold"])) if after[name]["installed"] and not after[name]["held"]]
    if hold:
        host.run(["apt-mark", "hold", "--"] + hold)
        after = engine_record.installed_packages(names)
    texts = pins_to_write(pins, after)
    for path, text in sorted(texts.items()):
        replace_file(path, text.encode("utf-8"), 0o644, (0, 0))
    if enable:
        host.run(["systemctl", "enable", "docker.service"])
    result["installed"] = [name for name in wanted if after[name]["version"] != before[name]["version"]]
    result["pinned"] = sorted(texts)
    result["packages"] = after
    result["changed"] = bool(result["installed"] or hold or texts or enable)


def live_restore_on(path):
    try:
        return json.loads(read_file(path) or "{}").get("live-restore") is True
    except (ValueError, AttributeError):
        return False


def apply(host, result):
    params = host.params
    state = params["state"]
    check = host.module.check_mode
    if state == "recorded":
        record = engine_record.take(host.client, params["daemon_json"], params["record_files"], params["record_packages"],
                                    engine_packages=not host.user)
        if not check:
            engine_record.write(params["record"], record)
        result["record"] = lifecycle.summary(record)
        result["engine_version"] = record["engine_version"]
        result["packages"] = record["packages"]
        return
    if state == "installed":
        install(host, result)
        return
    record = read_record(host, required=state == "restored")
    if record is not None:
        result["record"] = lifecycle.summary(record)
    since = time.time()
    running = host.version()
    if state == "restored":
        if check:
            result["changed"] = True
            return
        moved = put_back(host, record, result)
        upstream = lifecycle.upstream_version
        if not record["engine_running"]:
            if host.unit_active():
                host.run(host.systemctl + ["stop", "docker.service"])
                moved = True
            result["changed"] = moved
            return
        # Apt files alone (a source put back before any package moved) are nothing dockerd reads.
        if lifecycle.dockerd_moved(result["restored"]) or not running or upstream(running) != upstream(record["engine_version"]):
            host.restart(stop=bool(running))
            result["restarted"] = True
        result["changed"] = moved or result["restarted"]
    elif state == "restarted":
        result["changed"] = result["restarted"] = True
        if check:
            return
        # Only running containers need it (a record without any has nothing to keep), and only when it is off.
        keeps = record is None or record["containers"]
        if running and keeps and live_restore_on(params["daemon_json"]) and not host.live_restore_enabled():
            host.apply_live_restore(params["daemon_json"])
        host.restart()
    elif state == "reloaded":
        result["changed"] = True
        if check:
            return
        if not running:
            raise Failed("dockerd does not run, so it cannot reload its configuration", **result)
        host.run(host.systemctl + ["reload", "docker.service"])
        result["reloaded"] = True
    else:
        wrong = params["version"] and running and (
            lifecycle.upstream_version(running) != lifecycle.upstream_version(params["version"]))
        if running and not wrong:
            pass
        else:
            result["changed"] = result["restarted"] = True
            if check:
                return
            host.restart(stop=bool(wrong))
    if result["restarted"] and state != "restored":
        version, missing = bring_back(host, record, result, since)
    else:
        version, missing = wait_back(host, record, time.time() + params["timeout"])
    result["engine_version"] = version
    result["not_back"] = missing
    if record is not None:
        result["packages"] = engine_record.installed_packages(sorted(record["packages"]))
    if not version:
        raise Failed("dockerd does not answer within %d s" % params["timeout"], **result)
    if result["restarted"] or result.get("reloaded"):
        engine_record.write_applied(params["daemon_json"], **host.applied)
    if missing:
        raise Failed("dockerd %s answers, but what ran before is not back within %d s: %s (a container without a "
                     "restart policy stops with dockerd unless live-restore is on)"
                     % (version, params["containers_timeout"], "; ".join(missing)), **result)


def main():
    module = AnsibleModule(
        argument_spec=dict(
            state=dict(type="str", required=True,
                       choices=["recorded", "installed", "started", "restarted", "reloaded", "restored"]),
            packages=dict(type="list", elements="str", default=[]),
            hold=dict(type="list", elements="str", default=[]),
            pins=dict(type="list", elements="dict", default=[], options=dict(
                path=dict(type="path", required=True),
                packages=dict(type="list", elements="str", required=True),
                comment=dict(type="str", default=""),
            )),
            enabled=dict(type="bool", default=False),
            defer_start=dict(type="bool", default=False),
            record=dict(type="path", default=engine_record.DEFAULT_PATH),
            daemon_json=dict(type="path", default="/etc/docker/daemon.json"),
            record_files=dict(type="list", elements="path", default=[]),
            record_packages=dict(type="list", elements="str", default=[]),
            version=dict(type="str", default=""),
            rollback=dict(type="bool", default=True),
            timeout=dict(type="int", default=60),
            containers_timeout=dict(type="int", default=60),
            socket=dict(type="path", default="/var/run/docker.sock"),
            user=dict(type="str", default=""),
        ),
        supports_check_mode=True,
    )
    bad = [lifecycle.package_spec_problem(spec) for spec in module.params["packages"]]
    bad += [lifecycle.package_spec_problem(name, versioned=False) for name in module.params["hold"]]
    bad += [lifecycle.pin_problem(pin) for pin in module.params["pins"]]
    if any(bad):
        module.fail_json(msg="; ".join(problem for problem in bad if problem))
    for name in ("timeout", "containers_timeout"):
        if not 0 <= module.params[name] <= 3600:
            module.fail_json(msg="%s %d is outside 0 to 3600 seconds" % (name, module.params[name]))
    if module.params["user"] and module.params["state"] == "installed":
        module.fail_json(msg="state=installed installs the host's packages: it takes no user (%s)" % module.params["user"])
    try:
        user, moved = rootless_engine.for_user(module.params)
    except rootless_engine.RootlessError as error:
        module.fail_json(msg=str(error))
    module.params.update(moved)
    host = Host(module, user)
    result = {"changed": False, "restarted": False, "engine_version": "", "not_back": []}
    try:
        apply(host, result)
    except Failed as failure:
        result.update(failure.result)
        module.fail_json(msg=str(failure), **result)
    except (OSError, IOError) as error:
        module.fail_json(msg="cannot write %s: %s" % (getattr(error, "filename", "") or "a file", error), **result)
    finally:
        host.client.close()
    module.exit_json(**result)


if __name__ == "__main__":
    main()
