"""The front door of ``kg serve``: every request passes here before it reaches the query engine.

The Oxigraph server answers the SPARQL 1.1 Protocol, but only on a private loopback port. This
gateway, on the public address, refuses writes (SPARQL Update, Graph Store PUT/POST/DELETE)
unless the server was started writable and the request carries its token, caps request and
result sizes, and enforces the time limit: Oxigraph checks its own timeout only between
results, so a query that is still computing when the limit passes is stopped by restarting
the engine, which takes a fraction of a second.
"""

from __future__ import annotations

import hmac
import http.client
import socket
import subprocess
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from kg.rdf.endpoint import serve_command

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
QUERY_PATH = "/query"  # a POST here carries a query, never an update
MAX_QUERY_BYTES = 1 << 20
HOP_BY_HOP = frozenset(
    {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "host", "authorization"}
)


@dataclass(frozen=True)
class Policy:
    """What the gateway lets through. ``token`` None means read-only."""

    timeout: float
    max_result_bytes: int
    token: str | None = None
    max_upload_bytes: int = 1 << 30


def is_write(method: str, target: str) -> bool:
    return method not in READ_METHODS and not (method == "POST" and urlsplit(target).path == QUERY_PATH)


def authorised(header: str | None, token: str) -> bool:
    scheme, _, given = (header or "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())


class Engine:
    """The Oxigraph server process behind the gateway, restarted when a query overruns."""

    def __init__(self, command: list[str], port: int) -> None:
        self.command, self.port = command, port
        self.lock = threading.Lock()
        self.process = self.start()

    def start(self) -> subprocess.Popen:
        process = subprocess.Popen(self.command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for_port(self.port, process)
        return process

    def restart(self, stuck: subprocess.Popen) -> None:
        with self.lock:
            if self.process is stuck:
                stuck.kill()
                stuck.wait()
                self.process = self.start()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the Oxigraph server exited with code {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("the Oxigraph server did not start listening")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class GatewayHandler(BaseHTTPRequestHandler):
    server: Gateway
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self.forward()

    do_HEAD = do_OPTIONS = do_POST = do_PUT = do_DELETE = do_PATCH = do_GET

    def forward(self) -> None:
        policy = self.server.policy
        write = is_write(self.command, self.path)
        if write and policy.token is None:
            return self.refuse(403, "this endpoint is read-only")
        if write and not authorised(self.headers.get("Authorization"), policy.token or ""):
            return self.refuse(401, "writes need the server's token: send 'Authorization: Bearer TOKEN'")
        length = int(self.headers.get("Content-Length") or 0)
        if self.headers.get("Transfer-Encoding"):
            return self.refuse(411, "send the request body with a Content-Length")
        if length > (policy.max_upload_bytes if write else MAX_QUERY_BYTES):
            return self.refuse(413, "request body too large")
        body = self.rfile.read(length) if length else None
        self.relay(body, policy)

    def relay(self, body: bytes | None, policy: Policy) -> None:
        engine = self.server.engine
        process = engine.process
        headers = {name: value for name, value in self.headers.items() if name.lower() not in HOP_BY_HOP}
        connection = http.client.HTTPConnection("127.0.0.1", engine.port, timeout=policy.timeout + 1)
        started = time.monotonic()
        try:
            connection.request(self.command, self.path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read(policy.max_result_bytes + 1)
        except TimeoutError:
            engine.restart(process)
            return self.refuse(503, f"query stopped: it ran longer than {policy.timeout:g} s")
        except (OSError, http.client.HTTPException):
            return self.refuse(502, "the query engine is restarting; try again")
        finally:
            connection.close()
        if len(data) > policy.max_result_bytes:
            return self.refuse(
                507, f"result larger than {policy.max_result_bytes:,} bytes: add a LIMIT or narrow the query"
            )
        if time.monotonic() - started >= policy.timeout:  # Oxigraph cut the result short
            return self.refuse(503, f"query stopped: it ran longer than {policy.timeout:g} s")
        self.send_response(response.status, response.reason)
        for name, value in response.getheaders():
            if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def refuse(self, status: int, message: str) -> None:
        """Answer with an error and close the connection (an unread request body may follow)."""
        data = (message + "\n").encode()
        self.close_connection = True
        self.send_response(status)
        self.send_header("Connection", "close")
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class Gateway(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], engine: Engine, policy: Policy) -> None:
        super().__init__(address, GatewayHandler)
        self.engine, self.policy = engine, policy


def split_bind(bind: str) -> tuple[str, int]:
    """``"127.0.0.1:7878"`` or ``"[::1]:7878"`` -> host and port."""
    host, _, port = bind.rpartition(":")
    if not host or not port.isdigit():
        raise ValueError(f"--bind wants HOST:PORT, got {bind!r}")
    return host.strip("[]"), int(port)


def serve(folder: Path, bind: str, policy: Policy, on_ready=None) -> None:
    """Serve the store of ``folder`` at ``bind`` until interrupted."""
    port = free_port()
    command = serve_command(folder, f"127.0.0.1:{port}", int(policy.timeout), policy.token is not None)
    engine = Engine(command, port)
    try:
        with Gateway(split_bind(bind), engine, policy) as gateway:
            if on_ready is not None:
                on_ready()
            gateway.serve_forever()
    finally:
        engine.stop()
