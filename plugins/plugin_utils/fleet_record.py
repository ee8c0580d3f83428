# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fleet's allocation record: who holds which block of the supernet. Controller only.

The record is the source of truth, not the hosts of one run: a host that is down, outside
``--limit`` or in a later ``serial`` batch keeps its block, and a block is freed only when the
host is released by name, or when it has left the inventory and was last seen longer ago than
the retention. What the hosts' daemon.json files say is compared with it: pools inside the
supernet that the record does not know are imported when they clash with nothing, and any
disagreement is reported for that host, never re-allocated silently.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import json

import yaml

from ansible_collections.dockyard.docker_host.plugins.module_utils.address_pools import (
    AddressPoolError,
    parse_pools,
    whole_number,
)
from ansible_collections.dockyard.docker_host.plugins.module_utils.ip_intervals import interval, to_network
from ansible_collections.dockyard.docker_host.plugins.plugin_utils.pool_planning import fleet_pools
from ansible_collections.dockyard.docker_host.plugins.module_utils.value_kinds import json_kind

FORMAT = 1
SETTINGS = ("supernet", "host_prefix", "size")
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class RecordError(ValueError):
    """The record or the request breaks a rule; the message says which and how to fix it."""


def empty_record(supernet, host_prefix, size):
    return {"format": FORMAT, "supernet": supernet, "host_prefix": host_prefix, "size": size, "hosts": {}}


def check_record(record, where):
    """The record as loaded from ``where``, checked field by field."""
    if not isinstance(record, dict):
        raise RecordError("%s is not a mapping with supernet, host_prefix, size and hosts" % where)
    if record.setdefault("format", FORMAT) != FORMAT:
        raise RecordError("%s has format %r; this collection reads format %d" % (where, record.get("format"), FORMAT))
    missing = [key for key in SETTINGS + ("hosts",) if key not in record]
    if missing:
        raise RecordError("%s lacks %s" % (where, ", ".join(missing)))
    hosts = record["hosts"]
    if hosts is None:
        hosts = record["hosts"] = {}
    if not isinstance(hosts, dict):
        raise RecordError("%s: hosts must map host names to their rows, not %r" % (where, json_kind(hosts)))
    for name, row in hosts.items():
        if not isinstance(name, str) or not isinstance(row, dict):
            raise RecordError("%s: host %r must have a mapping with pools, allocated and last_seen" % (where, name))
        try:
            parse_pools(row.get("pools"))
        except AddressPoolError as error:
            raise RecordError("%s: host %s: %s" % (where, name, error))
        for key in ("allocated", "last_seen"):
            if key in row and row[key] is not None and not _is_date(row[key]):
                raise RecordError("%s: host %s: %s %r is not a date (YYYY-MM-DD)" % (where, name, key, row[key]))
    return record


def _is_date(value):
    try:
        _date(value)
    except (TypeError, ValueError):
        return False
    return True


def _date(value):
    if isinstance(value, datetime.date):
        return value
    return datetime.datetime.strptime(str(value), "%Y-%m-%d").date()


def _same_settings(record, settings, where):
    if not record["hosts"]:
        record.update(settings)
        return
    changed = ["%s %s (the record says %s)" % (key, settings[key], record[key])
               for key in SETTINGS if str(record[key]) != str(settings[key])]
    if changed:
        raise RecordError(
            "%s was made for supernet %s, host_prefix %s, size %s; the settings now give %s. Changing them would "
            "move every host's pools: put the new settings in a new record file, or restore the old ones"
            % (where, record["supernet"], record["host_prefix"], record["size"], "; ".join(changed)))


def _pools_inside(config, supernet):
    """The daemon.json pools that lie inside the supernet (those are the fleet's), as dicts."""
    if not isinstance(config, dict):
        return []
    pools = config.get("default-address-pools")
    try:
        parsed = parse_pools(pools) if pools else []
    except AddressPoolError:
        return []
    return [pool.as_dict() for pool in parsed
            if pool.version == supernet.version and pool.network.subnet_of(supernet)]


def _overlapping(pools, record, host):
    spans = [interval(to_network(pool["base"])) for pool in pools]
    for other, row in sorted(record["hosts"].items()):
        if other == host:
            continue
        for pool in row["pools"]:
            first, last = interval(to_network(pool["base"]))
            if any(first <= span[1] and span[0] <= last for span in spans):
                return other
    return None


def _names(value, what):
    if value is None:
        return []
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise RecordError("%s must be a list of host names, not %r" % (what, value))
    for name in value:
        if not isinstance(name, str) or not name:
            raise RecordError("%s: host name %r is not a non-empty string" % (what, name))
    return list(value)


def reconcile(record, hosts, supernet, host_prefix, size=24, observed=None, release=None, retention_days=0,
              inventory=None, today=None, where="the record"):
    """Bring ``record`` up to date for ``hosts``; return ``(record, report)``.

    ``observed`` maps the hosts read in this run to their daemon.json (the parsed config, or
    None); when it is given, a host of ``hosts`` missing from it was not read. ``release`` names hosts whose blocks are freed. With ``retention_days``, a host
    that is not in ``inventory`` and was last seen longer ago is freed too. The report has
    ``pools`` (each of ``hosts`` that has a block), ``allocated``, ``imported``, ``released``,
    ``disagreements`` and ``deferred`` (host: message) and ``changed`` (whether any block moved).
    """
    today = today or datetime.date.today()
    names = _names(hosts, "hosts")
    released_names = _names(release, "release")
    try:
        retention = whole_number(retention_days if retention_days not in (None, "") else 0, "retention_days")
    except AddressPoolError as error:
        raise RecordError(str(error))
    read_hosts = observed is not None
    if observed is None:
        observed = {}
    if not isinstance(observed, dict):
        raise RecordError("observed must map host names to their daemon.json, not %r" % (observed,))
    try:
        network = to_network(supernet)
    except (TypeError, ValueError):
        raise RecordError("supernet %r is not an IP network in CIDR form without host bits" % (supernet,))
    try:
        settings = {"supernet": str(network), "host_prefix": whole_number(host_prefix, "host_prefix"),
                    "size": whole_number(size, "size")}
    except AddressPoolError as error:
        raise RecordError(str(error))
    record = check_record(record if record is not None else empty_record(**settings), where)
    _same_settings(record, settings, where)
    rows = record["hosts"]
    report = {"allocated": [], "imported": [], "released": [], "disagreements": {}, "unknown_releases": [],
              "deferred": {}}

    for name in released_names:
        if rows.pop(name, None) is None:
            report["unknown_releases"].append(name)
        else:
            report["released"].append(name)
    if retention:
        present = set(_names(inventory, "inventory"))
        for name in sorted(rows):
            seen = rows[name].get("last_seen") or rows[name].get("allocated")
            if name not in present and seen and (today - _date(seen)).days > retention:
                del rows[name]
                report["released"].append(name)

    stamp = today.isoformat()
    for name in sorted(observed):
        inside = _pools_inside(observed[name], network)
        row = rows.get(name)
        if row is not None:
            if inside and inside != row["pools"]:
                report["disagreements"][name] = (
                    "%s has pools %s in daemon.json, but %s gives it %s; fix daemon.json, or release the host "
                    "(site_pool_release) so its pools are recorded again" % (name, _text(inside), where, _text(row["pools"])))
            elif row.get("last_seen") != stamp:
                row["last_seen"] = stamp
            continue
        if not inside:
            continue
        holder = _overlapping(inside, record, name)
        if holder:
            report["disagreements"][name] = (
                "%s has pools %s in daemon.json, which overlap the block %s gives %s; give %s other pools by hand "
                "or release one of them (site_pool_release)" % (name, _text(inside), where, holder, name))
            continue
        rows[name] = {"pools": inside, "allocated": stamp, "last_seen": stamp}
        report["imported"].append(name)

    newcomers = [name for name in names if name not in rows and name not in report["disagreements"]]
    # A host with no row that could not be read may hold a block of the supernet already (pools written before
    # the record existed): no block is handed out, to it or to anyone, until it has been read.
    unread = [name for name in newcomers if name not in observed] if read_hosts else []
    if unread:
        for name in newcomers:
            report["deferred"][name] = (
                "no block of %s is handed out in this run: %s %s no row in %s and could not be read, so %s daemon.json "
                "may hold pools of it already; run again when %s answer%s, or release %s (site_pool_release)"
                % (network, ", ".join(unread), "has" if len(unread) == 1 else "have", where,
                   "its" if len(unread) == 1 else "their", ", ".join(unread), "s" if len(unread) == 1 else "",
                   "it" if len(unread) == 1 else "them"))
        newcomers = []
    if newcomers:
        existing = dict((name, row["pools"]) for name, row in rows.items())
        try:
            allocation = fleet_pools(list(rows) + newcomers, str(network), settings["host_prefix"],
                                     size=settings["size"], existing=existing)
        except AddressPoolError as error:
            raise RecordError(str(error))
        for name in newcomers:
            rows[name] = {"pools": allocation[name], "allocated": stamp,
                          "last_seen": stamp if name in observed else None}
            report["allocated"].append(name)

    report["pools"] = dict((name, rows[name]["pools"]) for name in names if name in rows)
    report["changed"] = bool(report["allocated"] or report["imported"] or report["released"])
    return record, report


def _text(pools):
    return ", ".join("%s size %s" % (pool["base"], pool["size"]) for pool in pools)


HEADER = ("# dockyard.docker_host fleet pool record: which block of the supernet each Docker host holds.\n"
          "# Written by the site playbook; a host keeps its block until site_pool_release names it.\n"
          "# YAML in JSON form, one host per line; edited into any other YAML it is still read.\n")


def load_text(text, where):
    """The record in ``text`` (YAML), or None when the file is empty.

    The record is written as JSON inside YAML comments' reach (JSON is YAML), which loads fifty
    times faster than YAML; a record edited into other YAML is read with the YAML loader.
    """
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    if not body.strip():
        return None
    try:
        record = json.loads(body)
    except ValueError:
        try:
            record = yaml.load(text, Loader=LOADER)  # nosec: a safe loader
        except yaml.YAMLError as error:
            raise RecordError("%s is not valid YAML: %s" % (where, str(error).splitlines()[0]))
    return None if record is None else check_record(record, where)


def _plain(value):
    """Plain dicts, lists, strings and numbers, as PyYAML's safe dumper wants (templated values are subclasses)."""
    if isinstance(value, dict):
        return dict((str(key), _plain(item)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    return str(value)


def dump_text(record):
    """The record as YAML in JSON form, one line per host, hosts in name order."""
    record = _plain(record)
    hosts = record["hosts"]
    lines = ['  "%s": %s' % (key, json.dumps(record[key])) for key in ("format",) + SETTINGS]
    rows = []
    for name in sorted(hosts):
        row = {"pools": hosts[name]["pools"], "allocated": hosts[name].get("allocated"),
               "last_seen": hosts[name].get("last_seen")}
        rows.append("    %s: %s" % (json.dumps(name), json.dumps(row)))
    body = ",\n".join(lines + ['  "hosts": {' + ("\n" + ",\n".join(rows) + "\n  " if rows else "") + "}"])
    return HEADER + "{\n" + body + "\n}\n"


# Runs that find the record replaced by another run between their read and their write read it again.
ATTEMPTS = 20


def allocate(read, replace, where, check_mode=False, **request):
    """Reconcile the record with ``request`` (reconcile's arguments) and write it back; ``(before, after, report)``.

    ``read()`` gives the record's text (None when there is none) and a digest of it; ``replace(text, digest)``
    writes the text unless the record no longer has that digest, and says whether it wrote. A run whose write
    finds the record replaced reads it again and allocates anew, so runs at once never hand out one block twice.
    """
    for _attempt in range(ATTEMPTS):
        before, seen = read()
        before = before or ""
        record, report = reconcile(load_text(before, where), where=where, **request)
        after = dump_text(record)
        if after == before or check_mode or replace(after, seen):
            return before, after, report
    raise RecordError("%s was replaced by other runs %d times while this run allocated; run again" % (where, ATTEMPTS))
