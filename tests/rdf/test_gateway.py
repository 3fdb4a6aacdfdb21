"""The gateway's rules, without a server: what counts as a write, who is authorised."""

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.rdf.gateway import authorised, is_write, split_bind


@pytest.mark.parametrize(
    ("method", "target", "write"),
    [
        ("GET", "/query?query=ASK{}", False),
        ("POST", "/query", False),
        ("POST", "/query?x=1", False),
        ("HEAD", "/store?default", False),
        ("POST", "/update", True),
        ("PUT", "/store?default", True),
        ("DELETE", "/store?graph=x", True),
        ("POST", "/store", True),
        ("POST", "/", True),
        ("PATCH", "/query", True),
    ],
)
def test_only_queries_and_reads_pass_as_reads(method, target, write):
    assert is_write(method, target) is write


def test_the_token_must_be_a_bearer_token_and_match():
    assert authorised("Bearer abc", "abc")
    assert authorised("bearer abc ", "abc")
    assert not authorised("Bearer abd", "abc")
    assert not authorised("Basic abc", "abc")
    assert not authorised(None, "abc")
    assert not authorised("Bearer ", "abc")


def test_bind_addresses():
    assert split_bind("127.0.0.1:7878") == ("127.0.0.1", 7878)
    assert split_bind("[::1]:80") == ("::1", 80)
    with pytest.raises(ValueError, match="HOST:PORT"):
        split_bind("7878")


def test_help_states_the_defaults_that_keep_the_server_safe():
    text = " ".join(CliRunner().invoke(app, ["serve", "--help"], terminal_width=200).stdout.split())
    for promise in ("127.0.0.1", "Read-only by default", "token", "--timeout", "--max-result-mb"):
        assert promise in text, promise
