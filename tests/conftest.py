"""Test-wide guards: no network (loopback only for tests that opt in), no user settings, one shared index."""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before anything imports the package: no telemetry, no hub downloads, no user configuration.
os.environ.update(
    {"ANONYMIZED_TELEMETRY": "False", "HF_HUB_OFFLINE": "1", "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
)
for _name in [k for k in os.environ if k.startswith("RRA_")]:
    del os.environ[_name]

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_ALLOW_LOOPBACK = {"on": False}


class NetworkBlocked(RuntimeError):
    pass


def _is_loopback(address: object) -> bool:
    host = address[0] if isinstance(address, tuple) else address
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


def _check(sock: socket.socket, address: object) -> None:
    if sock.family == getattr(socket, "AF_UNIX", None):
        return
    if _ALLOW_LOOPBACK["on"] and _is_loopback(address):
        return
    raise NetworkBlocked(
        f"test tried to connect to {address!r}; tests may only reach loopback servers they start "
        "(mark the test with @pytest.mark.loopback)"
    )


def _guarded_connect(self: socket.socket, address: object) -> None:
    _check(self, address)
    return _real_connect(self, address)  # type: ignore[arg-type]


def _guarded_connect_ex(self: socket.socket, address: object) -> int:
    _check(self, address)
    return _real_connect_ex(self, address)  # type: ignore[arg-type]


socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def _network_policy(request: pytest.FixtureRequest) -> Iterator[None]:
    _ALLOW_LOOPBACK["on"] = request.node.get_closest_marker("loopback") is not None
    try:
        yield
    finally:
        _ALLOW_LOOPBACK["on"] = False


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("rra-data")


@pytest.fixture(autouse=True)
def _isolated_settings(data_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    from assistant.settings import get_settings

    monkeypatch.setenv("RRA_DATA_DIR", str(data_dir))
    monkeypatch.setenv("RRA_CACHE_DIR", str(data_dir / "cache"))
    monkeypatch.chdir(tmp_path)  # keeps a developer's .env out of the tests
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def corpus():  # type: ignore[no-untyped-def]
    from assistant.corpus import load_corpus

    return load_corpus()


@pytest.fixture(scope="session")
def index(data_dir: Path):  # type: ignore[no-untyped-def]
    """The shared index, built once per session into the session's data dir."""
    from assistant.retrieval import get_index
    from assistant.settings import Settings

    return get_index(Settings(data_dir=data_dir))


@pytest.fixture
def app(index):  # type: ignore[no-untyped-def]
    """Open the app on a page (`app("draft")`; the Critique page by default, `app(None)` the home page), with
    the shared index built first, once per session."""
    pytest.importorskip("streamlit")
    from tests.fakes.app import open_app

    return open_app
