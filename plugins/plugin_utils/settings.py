# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Rules for role settings that end up in files: apt sources and pins, apt-cacher-ng, hosts.allow,
shell scripts, systemd units. A value either has the form its rule describes or is named in a
problem; nothing is escaped into shape. Control characters are refused in every string.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress
import re

from ansible_collections.dockyard.docker_host.plugins.module_utils.address_pools import AddressPoolError
from ansible_collections.dockyard.docker_host.plugins.module_utils.address_pools import whole_number as parse_whole
from ansible_collections.dockyard.docker_host.plugins.module_utils.control_chars import with_control
from ansible_collections.dockyard.docker_host.plugins.module_utils.headroom import (
    HeadroomError,
    compile_patterns,
    parse_duration,
)
from ansible_collections.dockyard.docker_host.plugins.module_utils.ip_intervals import interval, merge, subtract
from ansible_collections.dockyard.docker_host.plugins.module_utils.rootless_engine import USER_NAME

_LABEL = r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)"
_HOST_NAME = re.compile(r"^%s(\.%s)+$" % (_LABEL, _LABEL))
_HOST_OR_SINGLE_LABEL = re.compile(r"^%s(\.%s)*$" % (_LABEL, _LABEL))
_NUMERIC_HOST = re.compile(r"^(0x[0-9a-fA-F]+|[0-9.]+)$")
_CACHE_URL = re.compile(r"^http://(\[[0-9A-Fa-f:.]+\]|[^/:\[\]]+):([0-9]{1,5})/?$")
_APT_URL = re.compile(r"^https?://[A-Za-z0-9.\-\[\]:]+(/[A-Za-z0-9._~%/+-]*)?$")
_APT_WORD = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_PACKAGE = re.compile(r"^[a-z0-9][a-z0-9+.-]+$")
_APT_VERSION = re.compile(r"^[0-9A-Za-z.:+~*-]*$")
_HAPROXY_NAME = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
_NO_PROXY_ENTRY = re.compile(r"^[A-Za-z0-9.:\[\]/*_-]+$")
# http(s)://[user[:password]@]host[:port][/]; user and password percent-encoded where needed.
_REGISTRY_URL = re.compile(r"^https?://(\[[0-9A-Fa-f:.]+\]|[^/:@\[\]\s]+)(?::([0-9]{1,5}))?/?$")
_REGISTRY_USER = re.compile(r"^[A-Za-z0-9._@+-]{0,255}$")
_PROXY_URL = re.compile(r"^(https?)://(?:([A-Za-z0-9._~%!$&'()*+,;=-]+(?::[A-Za-z0-9._~%!$&'()*+,;=-]*)?)@)?"
                        r"(\[[0-9A-Fa-f:.]+\]|[^/:@\[\]]+)(?::([0-9]{1,5}))?/?$")

# Client networks that are not the internet: RFC 1918, shared (CGNAT), unique local, link-local, loopback.
NON_PUBLIC = tuple(ipaddress.ip_network(n) for n in (
    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
    "fc00::/7", "fe80::/10", "::1/128"))


def _list(name, value, allow_empty=True):
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        return None, ["%s %r must be a list" % (name, value)]
    if not value and not allow_empty:
        return None, ["%s is empty; give at least one entry" % name]
    return list(value), []


def _each(name, value, check, allow_empty=True):
    items, problems = _list(name, value, allow_empty)
    if items is None:
        return problems
    return [problem for item in items for problem in check(name, item)]


def _not_string(name, value):
    return [] if isinstance(value, str) else ["%s entry %r must be a string" % (name, value)]


def host_name(name, value):
    """An RFC 1123 host name with at least one dot, such as download.docker.com."""
    if _not_string(name, value):
        return _not_string(name, value)
    if len(value) > 253 or not _HOST_NAME.match(value) or _NUMERIC_HOST.match(value):
        return ["%s entry %r is not a host name such as download.docker.com (RFC 1123: letters, digits and "
                "hyphens in dot-separated labels; no wildcards, ports, spaces or shell characters)" % (name, value)]
    return []


def ip_address_of(host):
    """The address a URL host names, reading numeric shorthand (127.1, 0x7f000001) as the resolver would; None for names."""
    text = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        if not _NUMERIC_HOST.match(text):
            return None
        try:
            import socket
            address = ipaddress.ip_address(socket.inet_ntoa(socket.inet_aton(text)))
        except (OSError, ValueError):
            raise ValueError("%r is neither a host name nor an IP address" % host)
    if address.version == 6 and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _url_host(host):
    """``(address, problem)`` for the host of a URL: its address (None for a name), or why it is neither."""
    try:
        address = ip_address_of(host)
    except ValueError as error:
        return None, str(error)
    if address is None and not _HOST_OR_SINGLE_LABEL.match(host):
        return None, "%r is not a host name or IP address" % (host,)
    return address, ""


# The names Docker writes into every container's /etc/hosts: inside a container they are the container itself (or
# no host at all: the IPv6 multicast and local-net entries).
CONTAINER_LOCAL_NAMES = frozenset(("localhost", "ip6-localhost", "ip6-loopback", "ip6-localnet", "ip6-mcastprefix",
                                   "ip6-allnodes", "ip6-allrouters"))


def _local_in_containers(host):
    name = host.lower().rstrip(".")
    return name in CONTAINER_LOCAL_NAMES or name.endswith(".localhost")


def cache_url(name, value, containers=False):
    """http://HOST:PORT as apt's proxy; for containers, an address they can reach (no loopback)."""
    if _not_string(name, value):
        return _not_string(name, value)
    match = _CACHE_URL.match(value)
    if not match or int(match.group(2)) not in range(1, 65536):
        return ["%s entry %r must be http://HOST:PORT with a port from 1 to 65535, such as http://10.20.0.5:3142"
                % (name, value)]
    host = match.group(1)
    address, problem = _url_host(host)
    if problem:
        return ["%s entry %r: %s" % (name, value, problem)]
    if containers:
        if _local_in_containers(host) or (address is not None and (address.is_loopback or address.is_unspecified)):
            return ["%s %r is a loopback or unspecified address (%s): inside a container it is the container itself; "
                    "give an address containers can reach, such as the cache host's LAN address"
                    % (name, value, address if address is not None else host)]
    return []


def _network(name, value):
    if not isinstance(value, str) or "%" in value:
        raise ValueError("%s entry %r is not a network in CIDR form such as 10.20.0.0/16" % (name, value))
    try:
        return ipaddress.ip_network(value.strip(), strict=False)
    except ValueError:
        raise ValueError("%s entry %r is not a network in CIDR form such as 10.20.0.0/16" % (name, value))


def client_networks(name, value, allow_public=False):
    """Networks a server answers; their union must stay off the internet unless allow_public."""
    items, problems = _list(name, value, allow_empty=False)
    if items is None:
        return problems
    networks = []
    for item in items:
        try:
            networks.append(_network(name, item))
        except ValueError as error:
            problems.append(str(error))
    if problems:
        return problems
    problems = ["%s entry %s is a default route: it matches every address; list the client networks" % (name, n)
                for n in networks if n.prefixlen == 0]
    if problems or allow_public is True:
        return problems
    for version in (4, 6):
        spans = merge(interval(n) for n in networks if n.version == version)
        allowed = merge(interval(n) for n in NON_PUBLIC if n.version == version)
        public = subtract(spans, allowed)
        if public:
            first = ipaddress.ip_address(public[0][0])
            problems.append(
                "%s %s together reach public addresses (for example %s): the server would answer the internet; "
                "list only private client networks, or set the role's allow_public_clients setting to true"
                % (name, ", ".join(str(n) for n in networks), first))
    return problems


def address(name, value):
    try:
        ipaddress.ip_address(value if isinstance(value, str) and "%" not in value else "x")
        return []
    except ValueError:
        return ["%s entry %r is not an IP address such as 10.20.0.5" % (name, value)]


def absolute_path(name, value):
    if not isinstance(value, str) or not value.startswith("/") or re.search(r"\s", value) or "/../" in value + "/":
        return ["%s %r must be an absolute path without spaces or '..', such as /var/cache/apt-cacher-ng"
                % (name, value)]
    return []


def apt_url(name, value, allow_empty=False):
    if allow_empty and value == "":
        return []
    if not isinstance(value, str) or not _APT_URL.match(value):
        return ["%s %r must be an http:// or https:// URL without spaces, quotes or options, such as "
                "http://deb.debian.org/debian" % (name, value)]
    return []


def https_repository(name, value):
    if not isinstance(value, str) or not value.startswith("https://") or not _APT_URL.match(value):
        return ["%s entry %r must be an https:// repository URL without spaces, quotes or options, such as "
                "https://download.docker.com/linux/debian" % (name, value)]
    return []


def apt_word(name, value, allow_empty=False):
    if allow_empty and value == "":
        return []
    if not isinstance(value, str) or not _APT_WORD.match(value):
        return ["%s %r must be one word of letters, digits, '.', '_' or '-', such as stable or trixie" % (name, value)]
    return []


def package_name(name, value):
    if not isinstance(value, str) or not _PACKAGE.match(value):
        return ["%s entry %r is not a Debian package name (lower-case letters, digits, '+', '-', '.')" % (name, value)]
    return []


def apt_version(name, value):
    if not isinstance(value, str) or not _APT_VERSION.match(value):
        return ["%s %r must be an apt version pattern such as 5:28.5.* or 26.1.*" % (name, value)]
    return []


def user_name(name, value):
    if not isinstance(value, str) or not USER_NAME.match(value):
        return ["%s entry %r is not a user name (lower case, digits, '_' and '-', 32 characters at most)"
                % (name, value)]
    return []


def haproxy_name(name, value):
    """A HAProxy backend or server name: letters, digits, '-', '_', '.' and ':' (nothing that ends a socket command)."""
    if not isinstance(value, str) or not _HAPROXY_NAME.match(value):
        return ["%s %r is not a HAProxy name (letters, digits, '-', '_', '.' and ':', 64 at most)" % (name, value)]
    return []


def no_proxy_entry(name, value):
    if not isinstance(value, str) or not _NO_PROXY_ENTRY.match(value):
        return ["%s entry %r must be a host name, domain, address or CIDR without spaces or commas" % (name, value)]
    return []


def proxy_url(name, value):
    """Empty, or http(s)://[user[:password]@]HOST[:PORT] for a daemon's HTTP_PROXY or HTTPS_PROXY."""
    if value in (None, ""):
        return []
    if _not_string(name, value):
        return _not_string(name, value)
    match = _PROXY_URL.match(value)
    if not match or (match.group(4) and int(match.group(4)) not in range(1, 65536)):
        return ["%s must be http://HOST:PORT or https://HOST:PORT, with user:password@ before HOST where the proxy "
                "wants them (percent-encode other characters), such as http://proxy.example.com:3128; got %s"
                % (name, _redacted(value))]
    _address, problem = _url_host(match.group(3))
    return ["%s: %s" % (name, problem)] if problem else []


def registry_url(name, value):
    """http(s)://HOST[:PORT] of a registry: no path, no user or password (those are settings of their own)."""
    if _not_string(name, value):
        return _not_string(name, value)
    match = _REGISTRY_URL.match(value)
    if not match or (match.group(2) and int(match.group(2)) not in range(1, 65536)):
        return ["%s %r must be https://HOST or http://HOST:PORT without a path or user:password@ (credentials have "
                "their own settings), such as https://registry-1.docker.io" % (name, value)]
    _address, problem = _url_host(match.group(1))
    return ["%s: %s" % (name, problem)] if problem else []


def registry_user(name, value):
    if not isinstance(value, str) or not _REGISTRY_USER.match(value):
        return ["%s %r must be a registry user name of letters, digits and . _ @ + - (or empty)" % (name, value)]
    return []


def calendar(name, value):
    """A systemd OnCalendar expression: words, digits and * : , . / ~ - and spaces, nothing that ends the line."""
    if not isinstance(value, str) or not re.match(r"^[A-Za-z0-9*:,./~ -]{1,80}$", value) or not value.strip():
        return ["%s %r must be a systemd calendar expression such as daily or '*-*-* 03:00:00'" % (name, value)]
    return []


def duration(name, value):
    try:
        parse_duration(value)
    except HeadroomError:
        return ["%s %r must be a duration: seconds, or a number with s, m, h, d or w (such as 6h)" % (name, value)]
    return []


def stale_patterns(name, value):
    items, problems = _list(name, value)
    if items is None:
        return problems
    if any(not isinstance(item, str) for item in items):
        return ["%s entries must be strings" % name]
    try:
        compile_patterns(items)
    except HeadroomError as error:
        return ["%s: %s" % (name, error)]
    return []


def secret(name, value):
    """Any string without control characters; never repeated in a problem."""
    return [] if isinstance(value, str) else ["%s must be a string" % name]


def _redacted(value):
    """A URL with its password, if any, replaced: settings problems are printed."""
    return re.sub(r"(//[^/@:]*:)[^/@]*@", r"\1***@", value) if isinstance(value, str) else repr(value)


def fingerprint(name, value):
    """Empty, or an OpenPGP fingerprint: 40 (v4) or 64 (v5, v6) hex digits, spaces allowed."""
    text = re.sub(r"\s+", "", value) if isinstance(value, str) else None
    if text is None or (text and not re.match(r"^([0-9A-Fa-f]{40}|[0-9A-Fa-f]{64})$", text)):
        return ["%s %r must be an OpenPGP key fingerprint of 40 or 64 hex digits (spaces allowed), or empty"
                % (name, value)]
    return []


def whole_number(name, value, least, most):
    try:
        number = parse_whole(value, name, least=-(1 << 63))
    except AddressPoolError:
        number = None
    if number is None or not least <= number <= most:
        return ["%s %r must be a whole number from %d to %d" % (name, value, least, most)]
    return []


RULES = {
    "host_names": lambda n, v: _each(n, v, host_name),
    "cache_urls": lambda n, v: _each(n, v, cache_url, allow_empty=False),
    "container_proxy_url": lambda n, v: cache_url(n, v, containers=True),
    "client_networks": client_networks,
    "networks": lambda n, v: _each(n, v, lambda name, item: _safe(_network, name, item)),
    "addresses": lambda n, v: _each(n, v, address),
    "absolute_path": absolute_path,
    "absolute_paths": lambda n, v: _each(n, v, absolute_path),
    "apt_url": apt_url,
    "apt_url_or_empty": lambda n, v: apt_url(n, v, allow_empty=True),
    "https_repositories": lambda n, v: _each(n, v, https_repository),
    "apt_word": apt_word,
    "apt_word_or_empty": lambda n, v: apt_word(n, v, allow_empty=True),
    "package_names": lambda n, v: _each(n, v, package_name),
    "apt_version": apt_version,
    "user_names": lambda n, v: _each(n, v, user_name),
    "no_proxy": lambda n, v: _each(n, v, no_proxy_entry),
    "haproxy_name": haproxy_name,
    "whole_number": whole_number,
    "fingerprint": fingerprint,
    "proxy_url": proxy_url,
    "registry_url": registry_url,
    "registry_user": registry_user,
    "secret": secret,
    "calendar": calendar,
    "duration": duration,
    "stale_patterns": stale_patterns,
}


# Rules for values that may hold credentials: their problems never repeat a password.
SECRET_RULES = ("proxy_url", "secret")


def _safe(check, name, value):
    try:
        check(name, value)
        return []
    except ValueError as error:
        return [str(error)]


def problems(settings):
    """Every problem with ``{NAME: [RULE, VALUE, ARG...]}``, control characters first; [] when all is well."""
    if not isinstance(settings, dict):
        raise ValueError("settings must map setting names to [rule, value, ...], not %r" % (settings,))
    found = []
    for name in sorted(settings, key=str):
        entry = settings[name]
        if not isinstance(entry, (list, tuple)) or not entry or entry[0] not in RULES:
            raise ValueError("setting %s: %r must be [rule, value, ...] with a rule from %s"
                             % (name, entry, ", ".join(sorted(RULES))))
        rule, value, args = entry[0], entry[1] if len(entry) > 1 else None, list(entry[2:])
        control = next(with_control(value), None)
        if control:
            shown = " in %r" % (control[1],) if rule not in SECRET_RULES else ""
            found.append("%s holds a control character (newline, tab or other)%s: no setting needs one, and a "
                         "newline would add a line to the file it is written to; remove it" % (name, shown))
            continue
        found.extend(RULES[rule](name, value, *args))
    return found
