# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the Docker API's TLS certificates name, who may hold a client certificate, and whether a certificate is the
key's and the CA's. Controller only: cryptography comes with ansible-core.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import ipaddress
import re

from ansible_collections.dockyard.docker_host.plugins.module_utils.value_kinds import shown

# A DNS label (RFC 1123): letters, digits and inner hyphens, up to 63 characters.
_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
# A client's name becomes the certificate's common name and a directory on the controller: no slash, no leading dot.
_CLIENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")


def _alt_name(name):
    """``IP:address`` or ``DNS:name``, or None when ``name`` is neither."""
    if not isinstance(name, str):
        return None
    try:
        return "IP:%s" % ipaddress.ip_address(name)
    except ValueError:
        pass
    labels = name[:-1].split(".") if name.endswith(".") else name.split(".")
    if len(name) > 253 or not all(_LABEL.fullmatch(label) for label in labels):
        return None
    return "DNS:%s" % ".".join(labels).lower()


def subject_alt_names(names, derived=()):
    """The server certificate's subject alternative names, each once, in order: ``names`` (refused when one is
    neither a host name nor an IP address) and then the ``derived`` ones that are (inventory names may be anything)."""
    if not isinstance(names, (list, tuple)):
        raise ValueError("server names %s are not a list of host names and IP addresses" % shown(names))
    entries = []
    for name in names:
        entry = _alt_name(name)
        if entry is None:
            raise ValueError(
                "server name %s is neither an IP address nor a host name (dot-separated labels of letters, digits "
                "and inner hyphens, up to 63 characters each)" % shown(name))
        entries.append(entry)
    entries.extend(entry for entry in map(_alt_name, derived) if entry)
    return list(dict.fromkeys(entries))


def client_names(names):
    """The client names, checked: each becomes a certificate's common name and a directory of its own."""
    if not isinstance(names, (list, tuple)):
        raise ValueError("clients %s are not a list of names" % shown(names))
    for name in names:
        if not isinstance(name, str) or not _CLIENT.fullmatch(name):
            raise ValueError(
                "client %s is not a name: 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or "
                "a digit" % shown(name))
    repeated = sorted(set(name for name in names if names.count(name) > 1))
    if repeated:
        raise ValueError("client %s is named more than once" % ", ".join(map(shown, repeated)))
    return list(names)


def _x509():
    try:
        from cryptography import x509
        from cryptography.hazmat.primitives import serialization
    except ImportError:
        raise ValueError("the Python library cryptography is not installed on the controller")
    return x509, serialization


def certificate_problems(certificate, private_key="", ca_certificate="", passphrase="", renew_days=0, now=None):
    """What makes a PEM ``certificate`` unusable: not a certificate, ``private_key`` not its key, not issued and
    signed by ``ca_certificate``, or valid for fewer than ``renew_days`` more days. Empty when it is usable."""
    x509, serialization = _x509()
    try:
        cert = x509.load_pem_x509_certificate(certificate.encode())
    except (ValueError, AttributeError, TypeError):
        return ["%s is not a PEM certificate" % shown(certificate, 40)]
    problems = []
    if renew_days:
        now = now or datetime.datetime.now(datetime.timezone.utc)
        ends = getattr(cert, "not_valid_after_utc", None) or cert.not_valid_after.replace(tzinfo=datetime.timezone.utc)
        if ends - now < datetime.timedelta(days=renew_days):
            problems.append("%s is valid until %s, fewer than the %d days renewal starts at" % (
                cert.subject.rfc4514_string(), ends.strftime("%Y-%m-%d %H:%M UTC"), renew_days))
    if private_key:
        try:
            key = serialization.load_pem_private_key(private_key.encode(), passphrase.encode() or None)
        except (ValueError, TypeError, AttributeError):
            problems.append("the private key given with %s is not a PEM private key, or its passphrase is wrong"
                            % cert.subject.rfc4514_string())
        else:
            public = serialization.PublicFormat.SubjectPublicKeyInfo
            if key.public_key().public_bytes(serialization.Encoding.DER, public) != \
                    cert.public_key().public_bytes(serialization.Encoding.DER, public):
                problems.append("the private key given is not the key of %s" % cert.subject.rfc4514_string())
    if ca_certificate:
        try:
            ca = x509.load_pem_x509_certificate(ca_certificate.encode())
        except (ValueError, AttributeError, TypeError):
            return problems + ["the CA %s is not a PEM certificate" % shown(ca_certificate, 40)]
        try:
            cert.verify_directly_issued_by(ca)
        except Exception:  # pylint: disable=broad-except
            # InvalidSignature, ValueError for an issuer other than the CA's subject, TypeError for a key type.
            problems.append("the CA %s did not sign %s (issued by %s)" % (
                ca.subject.rfc4514_string(), cert.subject.rfc4514_string(), cert.issuer.rfc4514_string()))
    return problems
