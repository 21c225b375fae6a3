"""Sign-in for shared use: `rapid-review ui` refuses to serve other computers without sign-in, writes
Streamlit's `[auth]` secrets to a private file without ever showing them, and the app shows a visitor
nothing but the sign-in page; end to end in Chromium against a local OpenID provider (oidc-provider-mock)."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import threading
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.cli import main
from assistant.cli.ui_signin import NO_SIGNIN_FLAG, is_loopback, secrets_toml
from assistant.settings import get_settings

CLIENT_SECRET = 'cl1ent-S3cret/with"quote\\and-more'
COOKIE_SECRET = "c00kie-S3cret-for-signing-the-sign-in-cookie"
SIGN_IN_TITLE = "Sign in to the Rapid Review Assistant"
METADATA_URL = "https://login.example.org/tenant/v2.0/.well-known/openid-configuration"


class Started(BaseException):
    """Raised by the fake execve: the command got as far as starting Streamlit."""


@pytest.fixture
def launches(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Capture the command `ui` would replace itself with, instead of starting a server."""
    launched: list[list[str]] = []

    def execve(path: str, argv: list[str], env: dict[str, str]) -> None:
        launched.append(list(argv))
        raise Started

    monkeypatch.setattr(os, "execve", execve)
    monkeypatch.setattr(subprocess, "call", lambda *a, **k: pytest.fail("ui must not start a server here"))
    return launched


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def configure_signin(monkeypatch: pytest.MonkeyPatch, **extra: str) -> None:
    monkeypatch.setenv("RRA_AUTH_CLIENT_ID", "rapid-review-test")
    monkeypatch.setenv("RRA_AUTH_CLIENT_SECRET", CLIENT_SECRET)
    monkeypatch.setenv("RRA_AUTH_SERVER_METADATA_URL", METADATA_URL)
    for name, value in extra.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()


def secrets_flag(argv: list[str]) -> Path:
    (flag,) = [a for a in argv if a.startswith("--secrets.files=")]
    return Path(flag.split("=", 1)[1])


# ------------------------------------------------------------------------------------------ who may connect


def test_loopback_addresses_are_recognised() -> None:
    for host in ("127.0.0.1", "localhost", "LOCALHOST", "::1", "[::1]", "127.0.0.2"):
        assert is_loopback(host), host
    for host in ("0.0.0.0", "::", "192.168.1.20", "10.0.0.5", "reviews.example.org", "127.0.0.1.example.org"):
        assert not is_loopback(host), host


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::"])
def test_a_reachable_host_without_sign_in_is_refused_naming_the_fix(
    host: str, launches: list[list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ui", "--host", host, "--port", str(free_port())]) == 3
    err = capsys.readouterr().err
    assert f"--host {host}" in err and "without signing in" in err
    fix = err.split("fix:", 1)[1]
    for name in (
        "RRA_AUTH_CLIENT_ID",
        "RRA_AUTH_CLIENT_SECRET",
        "RRA_AUTH_SERVER_METADATA_URL",
        NO_SIGNIN_FLAG,
    ):
        assert name in fix
    assert "127.0.0.1" in fix and "Traceback" not in err
    assert launches == []


def test_loopback_needs_no_sign_in(launches: list[list[str]], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(Started):
        main(["ui", "--port", str(free_port())])
    ((argv),) = launches
    assert "--server.address=127.0.0.1" in argv and "--server.enableXsrfProtection=true" in argv
    assert not [a for a in argv if a.startswith("--secrets.files")]
    assert "reachable from other computers" not in capsys.readouterr().err


def test_the_explicit_flag_serves_a_reachable_host_with_a_loud_warning(
    launches: list[list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(Started):
        main(["ui", "--host", "0.0.0.0", "--port", str(free_port()), NO_SIGNIN_FLAG])
    ((argv),) = launches
    assert "--server.address=0.0.0.0" in argv
    assert "by ANYONE (no sign-in)" in capsys.readouterr().err


def test_a_half_configured_sign_in_is_refused_naming_what_is_missing(
    monkeypatch: pytest.MonkeyPatch, launches: list[list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("RRA_AUTH_CLIENT_ID", "rapid-review-test")
    monkeypatch.setenv("RRA_AUTH_CLIENT_SECRET", CLIENT_SECRET)
    get_settings.cache_clear()
    assert main(["ui", "--port", str(free_port())]) == 3
    err = capsys.readouterr().err
    assert "partly configured" in err and "RRA_AUTH_SERVER_METADATA_URL not set" in err
    assert CLIENT_SECRET not in err and launches == []


def test_sign_in_on_a_reachable_host_needs_the_public_redirect_address(
    monkeypatch: pytest.MonkeyPatch, launches: list[list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    configure_signin(monkeypatch)
    assert main(["ui", "--host", "0.0.0.0", "--port", str(free_port())]) == 3
    err = capsys.readouterr().err
    assert "RRA_AUTH_REDIRECT_URI" in err and "/oauth2callback" in err and launches == []

    configure_signin(monkeypatch, RRA_AUTH_REDIRECT_URI="https://reviews.example.org/")
    assert main(["ui", "--host", "0.0.0.0", "--port", str(free_port())]) == 3
    assert "must be the app's address ending /oauth2callback" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------- the secrets file


def test_sign_in_writes_a_private_secrets_file_and_never_shows_the_secrets(
    monkeypatch: pytest.MonkeyPatch,
    launches: list[list[str]],
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
) -> None:
    redirect = "https://reviews.example.org/oauth2callback"
    configure_signin(monkeypatch, RRA_AUTH_REDIRECT_URI=redirect, RRA_AUTH_COOKIE_SECRET=COOKIE_SECRET)
    port = free_port()
    with pytest.raises(Started):
        main(["ui", "--host", "0.0.0.0", "--port", str(port)])
    ((argv),) = launches
    path = secrets_flag(argv)
    assert path == data_dir / "signin" / f"secrets-{port}.toml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert tomllib.loads(path.read_text(encoding="utf-8")) == {
        "auth": {
            "redirect_uri": redirect,
            "cookie_secret": COOKIE_SECRET,
            "client_id": "rapid-review-test",
            "client_secret": CLIENT_SECRET,
            "server_metadata_url": METADATA_URL,
        }
    }
    out = capsys.readouterr()
    shown = out.out + out.err + " ".join(argv)
    assert "sign-in required" in out.err and "by people who sign in" in out.err
    for secret in (CLIENT_SECRET, COOKIE_SECRET):
        assert secret not in shown
    assert not list(path.parent.glob(".secrets-*"))  # no half-written temporary file left behind


def test_rewriting_keeps_the_file_private_and_a_missing_cookie_secret_is_random(
    monkeypatch: pytest.MonkeyPatch, launches: list[list[str]], data_dir: Path
) -> None:
    configure_signin(monkeypatch)
    folder = data_dir / "signin"
    folder.mkdir(mode=0o755, exist_ok=True)
    os.chmod(folder, 0o755)
    port = free_port()
    stale = folder / f"secrets-{port}.toml"
    stale.write_text("[auth]\nclient_secret = 'old'\n", encoding="utf-8")
    os.chmod(stale, 0o644)

    cookies = []
    for _ in range(2):
        with pytest.raises(Started):
            main(["ui", "--port", str(port)])
        path = secrets_flag(launches[-1])
        assert path == stale and stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        auth = tomllib.loads(path.read_text(encoding="utf-8"))["auth"]
        # On loopback the provider sends the browser back to this server.
        assert auth["redirect_uri"] == f"http://127.0.0.1:{port}/oauth2callback"
        assert auth["client_secret"] == CLIENT_SECRET
        cookies.append(auth["cookie_secret"])
    assert cookies[0] != cookies[1] and all(len(c) >= 32 for c in cookies)


def test_awkward_values_survive_the_toml_round_trip() -> None:
    section = {
        "client_id": "ïd with spaces",
        "client_secret": 'a"b\\c\nd\te\x7ff\x01g' + "😀",
        "server_metadata_url": "https://idp.example/x?y=1#z",
    }
    assert tomllib.loads(secrets_toml(section)) == {"auth": section}


@pytest.mark.loopback
def test_a_port_left_in_time_wait_by_a_stopped_server_counts_as_free() -> None:
    """Restarting the app right after stopping it must not report the port as in use."""
    from assistant.cli.ui_cmd import _check_port_free

    with socket.socket() as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn's listener does
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        client = socket.create_connection(("127.0.0.1", port))
        accepted, _ = listener.accept()
        accepted.close()  # the server side closes first, so its port is left in TIME_WAIT
        client.close()
    _check_port_free("127.0.0.1", port)


# ------------------------------------------------------------------------------------------ the app itself


@pytest.fixture
def signin_app(monkeypatch: pytest.MonkeyPatch, index: Any) -> Callable[[dict[str, Any]], Any]:
    pytest.importorskip("streamlit")
    from streamlit.testing.v1 import AppTest

    from assistant.resources import APP_ENTRY

    configure_signin(monkeypatch)

    def run(user: dict[str, Any]) -> Any:
        at = AppTest.from_file(str(APP_ENTRY), default_timeout=120)
        at.user = user
        at.run()
        assert not at.exception, at.exception
        return at

    return run


@pytest.mark.parametrize(
    "user",
    [{"is_logged_in": False}, {"email": "someone@example.org"}],  # the second: no [auth] secrets were loaded
    ids=["signed-out", "no-login-state"],
)
def test_the_app_shows_a_visitor_only_the_sign_in_page(
    signin_app: Callable[[dict[str, Any]], Any], user: dict[str, Any]
) -> None:
    at = signin_app(user)
    assert [t.value for t in at.title] == [SIGN_IN_TITLE]
    assert [b.label for b in at.button] == ["Sign in"]
    assert not at.text_area and not at.sidebar.button and not at.radio
    assert "critique_text" not in at.session_state  # nothing past the sign-in gate ran


def test_a_signed_in_user_gets_the_pages_and_a_sign_out_button(
    signin_app: Callable[[dict[str, Any]], Any],
) -> None:
    at = signin_app({"is_logged_in": True, "email": "alice@example.org", "name": "Alice Example"})
    assert at.title and SIGN_IN_TITLE not in [t.value for t in at.title]
    assert [b.label for b in at.sidebar.button] == ["Sign out"]
    assert any("Alice Example" in c.value for c in at.sidebar.caption)
    at.switch_page("app_pages/critique.py").run()
    assert not at.exception, at.exception
    assert "Critique a draft rapid review" in [t.value for t in at.title]


# ------------------------------------------------------------------------------- end to end, in a browser


@pytest.fixture
def identity_provider() -> Iterator[str]:
    """oidc-provider-mock on a loopback port: any client id and secret, any user id typed into its form."""
    import werkzeug.serving
    from oidc_provider_mock import app as provider_app

    server = werkzeug.serving.make_server("127.0.0.1", 0, provider_app(), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(5)
        server.server_close()


@pytest.fixture
def signin_server(identity_provider: str, index: Any, data_dir: Path, tmp_path: Path) -> Iterator[Any]:
    """`rapid-review ui` on loopback with sign-in through the local provider."""
    from tests.test_ui_browser import running_ui

    env = {
        **os.environ,
        "RRA_DATA_DIR": str(data_dir),
        "RRA_AUTH_CLIENT_ID": "rapid-review-test",
        "RRA_AUTH_CLIENT_SECRET": CLIENT_SECRET,
        "RRA_AUTH_SERVER_METADATA_URL": f"{identity_provider}/.well-known/openid-configuration",
        "NO_PROXY": "127.0.0.1,localhost",  # the server fetches the provider's metadata and tokens directly
        "no_proxy": "127.0.0.1,localhost",
    }
    with running_ui(env, tmp_path / "server.log") as running:
        yield running


@pytest.fixture
def chromium() -> Iterator[Any]:
    from tests.test_ui_browser import CHROMIUM, CHROMIUM_ARGS

    if not CHROMIUM.is_file():
        pytest.skip(
            "Debian's Chromium is not installed at /usr/bin/chromium (scripts/install-system-deps.sh)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


WAIT = 60_000  # ms; the first run of the app in a new session imports a lot
MARKER = "Quillon Varnesbury"  # an invented name that appears only in user A's draft


def new_page(browser: Any) -> Any:
    page = browser.new_context(viewport={"width": 1440, "height": 1600}).new_page()  # own cookies
    page.set_default_timeout(60_000)
    return page


def expect_sign_in_page_only(page: Any) -> None:
    from playwright.sync_api import expect

    expect(page.get_by_role("button", name="Sign in")).to_be_visible(timeout=WAIT)
    expect(page.get_by_role("heading", name=SIGN_IN_TITLE)).to_be_visible(timeout=WAIT)
    main_text = page.get_by_test_id("stMain").inner_text()
    for hidden in ("Critique a draft", "Draft from a chronology", "Lines of enquiry", "paste the draft"):
        assert hidden not in main_text, hidden
    assert page.get_by_role("navigation").count() == 0
    assert page.get_by_test_id("stSidebar").count() == 0
    assert page.get_by_role("textbox").count() == 0


def sign_in(page: Any, user: str) -> None:
    from playwright.sync_api import expect

    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/oauth2/authorize**")  # the provider's own page
    page.get_by_placeholder("sub").fill(user)
    page.get_by_role("button", name="Authorize").click()
    expect(page.get_by_test_id("stSidebar").get_by_text(f"Signed in as {user}")).to_be_visible(timeout=WAIT)
    page.get_by_role("link", name="Critique a draft").click()
    expect(page.get_by_role("heading", name="Critique a draft rapid review")).to_be_visible(timeout=WAIT)


@pytest.mark.browser
@pytest.mark.loopback
def test_sign_in_in_a_real_browser_keeps_each_users_documents_apart(
    signin_server: Any, chromium: Any
) -> None:
    from playwright.sync_api import expect

    from tests.test_ui_apptest import DRAFT, KNOWN_FINDING

    # (a) A visitor who has not signed in sees the sign-in page and nothing else, whichever page is asked for.
    alice = new_page(chromium)
    alice.goto(f"{signin_server.url}/draft")
    expect(alice.get_by_role("button", name="Sign in")).to_be_visible(timeout=WAIT)
    if alice.get_by_role("dialog", name="Page not found").count():
        alice.get_by_role("dialog").get_by_role("button", name="Close").click()
    expect_sign_in_page_only(alice)
    alice.goto(signin_server.url)
    expect_sign_in_page_only(alice)

    # (b) User A signs in, pastes a draft and critiques it.
    sign_in(alice, "alice@example.org")
    box = alice.get_by_role("textbox", name="Or paste the draft rapid review here", exact=True)
    box.fill(DRAFT + f"\nThe review was chaired by {MARKER}.\n")
    box.press("Control+Enter")
    alice.get_by_role("button", name="Run the critique").click()
    expect(alice.locator("summary").filter(has_text=KNOWN_FINDING)).to_be_visible(timeout=90_000)
    expect(alice.get_by_text(MARKER).first).to_be_visible(timeout=WAIT)

    # User B, in another browser profile, signs in to the same server and sees none of it.
    bob = new_page(chromium)
    bob.goto(signin_server.url)
    expect_sign_in_page_only(bob)
    sign_in(bob, "bob@example.org")
    expect(bob.get_by_role("textbox", name="Or paste the draft rapid review here", exact=True)).to_have_value(
        ""
    )
    assert MARKER not in bob.content()
    assert bob.get_by_role("heading", name="Panel-style feedback").count() == 0
    assert bob.locator("summary").filter(has_text=KNOWN_FINDING).count() == 0
    for link, heading in (
        ("Draft from a chronology", "Draft from a chronology"),
        ("Lines of enquiry", "Key lines of enquiry"),
    ):
        bob.get_by_role("link", name=link).click()
        expect(bob.get_by_role("heading", name=heading, exact=True)).to_be_visible(timeout=WAIT)
        assert MARKER not in bob.content(), link
    # A's session still holds A's work: the check above could have seen it.
    assert MARKER in alice.content()

    # Signing out (through the provider's end-session page) leaves only the sign-in page, without A's draft.
    alice.get_by_role("button", name="Sign out").click()
    alice.wait_for_url("**/oauth2/end_session**")
    alice.get_by_role("button", name="End session").click()
    expect(alice.get_by_role("button", name="Sign in")).to_be_visible(timeout=WAIT)
    expect_sign_in_page_only(alice)
    assert MARKER not in alice.content()

    # The secrets never reach the server's output or its command line.
    log = signin_server.log.read_text(encoding="utf-8", errors="replace")
    cmdline = Path(f"/proc/{signin_server.process.pid}/cmdline").read_bytes().decode(errors="replace")
    assert "sign-in required" in log
    for shown in (log, cmdline):
        assert CLIENT_SECRET not in shown
