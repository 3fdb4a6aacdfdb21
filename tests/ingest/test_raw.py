"""kg.ingest.raw: bytes are checked and bounded before anything is parsed."""

import io

from kg.ingest.raw import bounded_lines, decode_text, looks_binary


def test_an_over_long_line_is_skipped_without_being_held():
    stream = io.BytesIO(b"short\n" + b"x" * 5000 + b"\nlast\n")
    assert list(bounded_lines(stream, limit=100)) == [b"short\n", None, b"last\n"]


def test_binary_and_undecodable_bytes_are_told_apart_from_text():
    assert looks_binary(b"\x00" * 50 + b"abc") and not looks_binary(b"plain text\x00 once")
    assert decode_text("\ufeffé".encode(), "a.txt") == "é"
    problem = decode_text(b"line one\nline \xff two", "a.txt")
    assert problem.line == 2 and "0xff" in problem.message
