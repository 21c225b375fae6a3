import socket

import pytest

from tests.conftest import NetworkBlocked


def test_outbound_connection_is_blocked() -> None:
    with pytest.raises(NetworkBlocked), socket.create_connection(("192.0.2.1", 80), timeout=0.5):
        pass


def test_loopback_is_blocked_without_the_marker() -> None:
    with pytest.raises(NetworkBlocked), socket.create_connection(("127.0.0.1", 9), timeout=0.5):
        pass


@pytest.mark.loopback
def test_loopback_allowed_with_marker() -> None:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    with socket.create_connection(("127.0.0.1", port), timeout=1) as client:
        assert client.getpeername()[1] == port
    server.close()


@pytest.mark.loopback
def test_non_loopback_still_blocked_with_marker() -> None:
    with pytest.raises(NetworkBlocked), socket.create_connection(("198.51.100.7", 443), timeout=0.5):
        pass
