"""A real HTTP server on 127.0.0.1 that speaks enough of OpenAI's chat API to test clients end to end.

Tests script it with a queue of replies and read back every request body it received, so they exercise
the real openai SDK and langchain-openai stack (HTTP, JSON, error mapping, headers) with no network.

    with FakeOpenAIServer() as server:
        server.queue(Reply.json({"ok": True}), Reply.error(429, headers={"Retry-After": "0.01"}))
        ... point a client at server.base_url ...
        assert server.requests[0].body["max_tokens"] == 100
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Reply:
    """One scripted answer to a /chat/completions request."""

    status: int = 200
    content: str | None = None
    error_message: str = "scripted error"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    finish_reason: str = "stop"
    usage: dict[str, int] | None = None
    raw_body: bytes | None = None
    # A huge body generated as it is sent (never held in memory): this many bytes of a JSON string.
    huge_body: int | None = None
    declare_length: bool = True  # send Content-Length for huge_body (else chunked transfer encoding)
    drip: float = 0.0  # seconds between the bytes of the body (a server that answers a byte at a time)
    content_encoding: str | None = None  # e.g. "gzip" with a raw_body that is compressed

    @classmethod
    def json(cls, obj: Any, **kwargs: Any) -> Reply:
        return cls(content=json.dumps(obj), **kwargs)

    @classmethod
    def text(cls, content: str, **kwargs: Any) -> Reply:
        return cls(content=content, **kwargs)

    @classmethod
    def error(cls, status: int, message: str = "scripted error", **kwargs: Any) -> Reply:
        return cls(status=status, error_message=message, **kwargs)

    @classmethod
    def huge(cls, size: int, *, declare_length: bool = True) -> Reply:
        return cls(huge_body=size, declare_length=declare_length)


@dataclass
class RecordedRequest:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def text(self) -> str:
        """Everything the client sent in the body, as one string, for 'no raw name left' checks."""
        return json.dumps(self.body, ensure_ascii=False)


class FakeOpenAIServer:
    """Threaded HTTP server on a free loopback port. Use as a context manager."""

    def __init__(self, *, model: str = "fake-model", reject_json_schema: bool = False) -> None:
        self.model = model
        # llama.cpp's server answers response_format json_schema with HTTP 500; this mimics it.
        self.reject_json_schema = reject_json_schema
        self.requests: list[RecordedRequest] = []
        self.body_bytes_sent = 0  # bytes of huge or dripped bodies actually written to the socket
        self._replies: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._httpd.daemon_threads = True
        self._httpd.block_on_close = False
        # A short poll interval keeps shutdown (and so each test's teardown) fast.
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, name="fake-openai", daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def chat_requests(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    def queue(self, *replies: Reply) -> None:
        with self._lock:
            self._replies.extend(replies)

    def __enter__(self) -> FakeOpenAIServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()  # wakes slow replies so shutdown does not wait for them
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    # ------------------------------------------------------------------------------------ protocol

    def _next_reply(self, body: dict[str, Any]) -> Reply:
        response_format = body.get("response_format") or {}
        if self.reject_json_schema and response_format.get("type") == "json_schema":
            return Reply.error(500, "JSON schema conversion failed: unsupported response_format")
        with self._lock:
            if self._replies:
                return self._replies.popleft()
        return Reply.error(500, "the fake server has no scripted reply left")

    def _completion(self, body: dict[str, Any], reply: Reply) -> dict[str, Any]:
        prompt_chars = sum(len(str(m.get("content", ""))) for m in body.get("messages", []))
        content = reply.content or ""
        usage = reply.usage or {
            "prompt_tokens": max(1, prompt_chars // 4),
            "completion_tokens": max(1, len(content) // 4),
        }
        usage = {**usage, "total_tokens": usage["prompt_tokens"] + usage["completion_tokens"]}
        return {
            "id": f"chatcmpl-fake-{len(self.requests)}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model", self.model),
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content},
                    "finish_reason": reply.finish_reason,
                    "logprobs": None,
                }
            ],
            "usage": usage,
        }

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
                return

            def _record(self, body: dict[str, Any]) -> None:
                parts = urlsplit(self.path)
                with server._lock:
                    server.requests.append(
                        RecordedRequest(
                            method=self.command,
                            path=parts.path,
                            query=parse_qs(parts.query),
                            headers={k.lower(): v for k, v in self.headers.items()},
                            body=body,
                        )
                    )

            def _send(self, status: int, payload: bytes, headers: dict[str, str] | None = None) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    for name, value in (headers or {}).items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout test): nothing to answer

            def _send_huge(self, size: int, declare_length: bool) -> None:
                """`size` bytes of one JSON string, written 64 KiB at a time until the client hangs up."""
                head, tail = b'{"padding": "', b'"}'
                block = b"x" * 65536
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    if declare_length:
                        self.send_header("Content-Length", str(size))
                    else:
                        self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()

                    def pieces() -> Iterator[bytes]:
                        yield head
                        left = size - len(head) - len(tail)
                        while left > 0:
                            yield block[: min(left, len(block))]
                            left -= len(block)
                        yield tail

                    for piece in pieces():
                        if server._stop.is_set():
                            return
                        data = piece if declare_length else b"%x\r\n%s\r\n" % (len(piece), piece)
                        self.wfile.write(data)
                        with server._lock:
                            server.body_bytes_sent += len(piece)
                    if not declare_length:
                        self.wfile.write(b"0\r\n\r\n")
                except (BrokenPipeError, ConnectionResetError, OSError):
                    pass  # the client refused the body and hung up, as it should

            def _send_dripped(self, payload: bytes, drip: float) -> None:
                """A valid reply, one byte every `drip` seconds (each read is quick; the whole is not)."""
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.flush()
                    for i in range(len(payload)):
                        if server._stop.wait(drip):
                            return
                        self.wfile.write(payload[i : i + 1])
                        self.wfile.flush()
                        with server._lock:
                            server.body_bytes_sent += 1
                except (BrokenPipeError, ConnectionResetError, OSError):
                    pass

            def do_GET(self) -> None:
                self._record({})
                if urlsplit(self.path).path.endswith("/models"):
                    listing = {"object": "list", "data": [{"id": server.model, "object": "model"}]}
                    self._send(200, json.dumps(listing).encode())
                else:
                    self._send(404, json.dumps({"error": {"message": "not found"}}).encode())

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                try:
                    body = json.loads(raw or b"{}")
                except json.JSONDecodeError:
                    body = {"_unparsed": raw.decode("utf-8", "replace")}
                self._record(body)
                if not urlsplit(self.path).path.endswith("/chat/completions"):
                    self._send(404, json.dumps({"error": {"message": "not found"}}).encode())
                    return
                reply = server._next_reply(body)
                if reply.delay and server._stop.wait(reply.delay):
                    return
                if reply.huge_body is not None:
                    self._send_huge(reply.huge_body, reply.declare_length)
                elif reply.drip:
                    self._send_dripped(json.dumps(server._completion(body, reply)).encode(), reply.drip)
                elif reply.raw_body is not None:
                    headers = dict(reply.headers)
                    if reply.content_encoding:
                        headers["Content-Encoding"] = reply.content_encoding
                    self._send(reply.status, reply.raw_body, headers)
                elif reply.status == 200:
                    self._send(200, json.dumps(server._completion(body, reply)).encode(), reply.headers)
                else:
                    error = {
                        "error": {"message": reply.error_message, "type": "fake_error", "code": reply.status}
                    }
                    self._send(reply.status, json.dumps(error).encode(), reply.headers)

        return Handler
