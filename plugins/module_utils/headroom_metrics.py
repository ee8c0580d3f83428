# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A headroom report as Prometheus text exposition, for node_exporter's textfile collector.

Standard library only: the headroom watchdog runs this on the host without Ansible.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dockyard.docker_host.plugins.module_utils.headroom import creator_counts

_METRICS = (
    ("dockyard_pool_subnets_total", "gauge", "Subnets of the pool's size in the pool."),
    ("dockyard_pool_subnets_used", "gauge", "Subnets of the pool taken by networks."),
    ("dockyard_pool_subnets_blocked", "gauge", "Subnets of the pool dockerd skips for the host's routes and nameservers."),
    ("dockyard_pool_subnets_free", "gauge", "Subnets of the pool a new network can still get."),
    ("dockyard_headroom_free_ipv4_subnets", "gauge", "Free IPv4 subnets over all pools."),
    ("dockyard_headroom_min_free", "gauge", "The least free IPv4 subnets the host should keep (min_free)."),
    ("dockyard_headroom_ok", "gauge", "1 when free IPv4 subnets are at least min_free, else 0."),
    ("dockyard_networks", "gauge", "Networks on the engine, by creator."),
    ("dockyard_networks_stale", "gauge", "Networks found stale at the last run (unused build networks older than stale_after)."),
    ("dockyard_networks_pruned_total", "counter", "Stale networks removed by the watchdog since its state was created."),
    ("dockyard_headroom_last_run_timestamp_seconds", "gauge", "When the last count finished (Unix time)."),
    ("dockyard_headroom_info", "gauge", "The watchdog's collection version and the engine's version."),
)


def label_value(value):
    """A label value escaped as the exposition format wants: backslash, double quote and newline."""
    return str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _labels(pairs):
    return "{%s}" % ",".join('%s="%s"' % (name, label_value(value)) for name, value in pairs) if pairs else ""


def _samples(samples, result, min_free, pruned_total, now, version, engine):
    """Add one engine's samples; ``engine`` is the labels that tell it (none for the system engine)."""
    for pool in result["pools"]:
        labels = engine + (("base", pool["base"]), ("size", pool["size"]))
        samples["dockyard_pool_subnets_total"].append((labels, pool["total"]))
        samples["dockyard_pool_subnets_used"].append((labels, pool["used"]))
        samples["dockyard_pool_subnets_blocked"].append((labels, pool["blocked"]))
        samples["dockyard_pool_subnets_free"].append((labels, pool["free"]))
    samples["dockyard_headroom_free_ipv4_subnets"].append((engine, result["free_ipv4"]))
    samples["dockyard_headroom_min_free"].append((engine, min_free))
    samples["dockyard_headroom_ok"].append((engine, 1 if result["free_ipv4"] >= min_free else 0))
    for name, number in sorted(creator_counts(result["networks"])):
        samples["dockyard_networks"].append((engine + (("creator", name),), number))
    samples["dockyard_networks_stale"].append((engine, len(result["stale"])))
    samples["dockyard_networks_pruned_total"].append((engine, pruned_total))
    samples["dockyard_headroom_last_run_timestamp_seconds"].append((engine, round(now, 3)))
    samples["dockyard_headroom_info"].append((engine + (("version", version), ("engine", result["engine_version"])), 1))


def engines_exposition(counts, min_free, now, version):
    """The metric lines for the engines of one run, each family's HELP and TYPE once: ``counts`` are
    ``(user, result, pruned_total)``, user '' for the system engine (no label), else the samples labelled
    ``user="NAME"``."""
    samples = dict((name, []) for name, _kind, _help in _METRICS)
    for user, result, pruned_total in counts:
        _samples(samples, result, min_free, pruned_total, now, version, (("user", user),) if user else ())
    lines = []
    for name, kind, text in _METRICS:
        lines.append("# HELP %s %s" % (name, text))
        lines.append("# TYPE %s %s" % (name, kind))
        lines.extend("%s%s %s" % (name, _labels(labels), value) for labels, value in samples[name])
    return "\n".join(lines) + "\n"


def exposition(result, min_free, pruned_total, now, version):
    """The metric lines for one count of the system engine (``result`` as headroom_run.count returns it)."""
    return engines_exposition([("", result, pruned_total)], min_free, now, version)
