# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from ansible_collections.dockyard.docker_host.plugins.plugin_utils.docker_tls import (
    certificate_problems,
    client_names,
    subject_alt_names,
)


def key():
    return ec.generate_private_key(ec.SECP256R1())


def pem_key(private_key, passphrase=b""):
    encryption = serialization.BestAvailableEncryption(passphrase) if passphrase else serialization.NoEncryption()
    return private_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                     encryption).decode()


def certificate(name, private_key, issuer_name=None, issuer_key=None):
    """A certificate for ``name``; self-signed unless an issuer is given."""
    now = datetime.datetime.now(datetime.timezone.utc)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    built = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer_name or subject)
             .public_key(private_key.public_key()).serial_number(x509.random_serial_number())
             .not_valid_before(now).not_valid_after(now + datetime.timedelta(days=10))
             .sign(issuer_key or private_key, hashes.SHA256()))
    return built.public_bytes(serialization.Encoding.PEM).decode()


@pytest.fixture(scope="module")
def pki():
    ca_key, other_key, server_key = key(), key(), key()
    ca = certificate("dockyard CA", ca_key)
    ca_name = x509.load_pem_x509_certificate(ca.encode()).subject
    return {
        "ca": ca, "ca_key": pem_key(ca_key),
        "server": certificate("web01", server_key, ca_name, ca_key), "server_key": pem_key(server_key),
        # Same issuer name as the CA, signed by another key: a look-alike only the signature tells apart.
        "forged": certificate("web01", server_key, ca_name, other_key),
        "other_ca": certificate("other CA", other_key),
        "locked_ca_key": pem_key(ca_key, b"s3cret"),
    }


def test_a_certificate_the_ca_signed_with_its_key_is_usable(pki):
    assert certificate_problems(pki["server"], pki["server_key"], pki["ca"]) == []
    assert certificate_problems(pki["ca"], pki["locked_ca_key"], passphrase="s3cret") == []


def test_a_ca_that_did_not_sign_the_certificate_is_named(pki):
    assert certificate_problems(pki["server"], ca_certificate=pki["other_ca"]) == [
        "the CA CN=other CA did not sign CN=web01 (issued by CN=dockyard CA)"]
    assert certificate_problems(pki["forged"], ca_certificate=pki["ca"]) == [
        "the CA CN=dockyard CA did not sign CN=web01 (issued by CN=dockyard CA)"]


def test_a_key_that_is_not_the_certificates_is_named(pki):
    assert certificate_problems(pki["ca"], pki["server_key"]) == ["the private key given is not the key of CN=dockyard CA"]
    assert certificate_problems(pki["ca"], pki["locked_ca_key"], passphrase="wrong") == [
        "the private key given with CN=dockyard CA is not a PEM private key, or its passphrase is wrong"]
    assert certificate_problems(pki["ca"], "-----BEGIN PRIVATE KEY-----\nnot\n-----END PRIVATE KEY-----\n") == [
        "the private key given with CN=dockyard CA is not a PEM private key, or its passphrase is wrong"]


def test_a_certificate_within_the_renewal_days_is_said_so(pki):
    assert certificate_problems(pki["server"], renew_days=9) == []  # valid for 10 days
    problems = certificate_problems(pki["server"], renew_days=11)
    assert len(problems) == 1 and problems[0].startswith("CN=web01 is valid until ")
    assert problems[0].endswith(" UTC, fewer than the 11 days renewal starts at")
    later = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=3)
    assert certificate_problems(pki["server"], renew_days=9, now=later)[0].startswith("CN=web01 is valid until ")


@pytest.mark.parametrize("text", ["", "not a certificate", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"])
def test_what_is_not_a_certificate_is_said_so(pki, text):
    problems = certificate_problems(text, ca_certificate=pki["ca"])
    assert len(problems) == 1 and problems[0].endswith("is not a PEM certificate")
    if text:  # an empty CA checks no CA
        assert certificate_problems(pki["server"], ca_certificate=text)[0].startswith("the CA ")


def test_subject_alt_names_keep_order_and_drop_repeats():
    assert subject_alt_names(["Docker.Example.com.", "192.0.2.10", "2001:db8::1"],
                             derived=["web_01", "docker.example.com", "192.0.2.10", "localhost", "127.0.0.1", 5]) == [
        "DNS:docker.example.com", "IP:192.0.2.10", "IP:2001:db8::1", "DNS:localhost", "IP:127.0.0.1"]


@pytest.mark.parametrize("name", ["web_01", "-web", "web-", "a..b", "", "x" * 64, "web\n", "web 01", "²", None, ["a"]])
def test_a_server_name_that_is_no_host_name_is_refused(name):
    with pytest.raises(ValueError, match=r"^server name .* is neither an IP address nor a host name"):
        subject_alt_names([name])


def test_server_names_must_be_a_list():
    with pytest.raises(ValueError, match="are not a list"):
        subject_alt_names("web01")


def test_client_names():
    assert client_names(["alice", "ci-runner.1", "bob@example.com"]) == ["alice", "ci-runner.1", "bob@example.com"]
    with pytest.raises(ValueError, match=r"client 'alice' is named more than once"):
        client_names(["alice", "bob", "alice"])
    with pytest.raises(ValueError, match="are not a list"):
        client_names("alice")


@pytest.mark.parametrize("name", ["../root", ".hidden", "a/b", "alice\n", "al ice", "", "x" * 65, "ålice", 7])
def test_a_client_name_that_is_not_a_name_is_refused(name):
    with pytest.raises(ValueError, match=r"^client .* is not a name: 1 to 64 letters"):
        client_names([name])
