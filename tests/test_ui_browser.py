"""The app in a real browser: `rapid-review ui` on a free loopback port, driven by Playwright with Debian's
Chromium (`playwright install` downloads fail on these machines; scripts/install-system-deps.sh installs
/usr/bin/chromium with apt)."""

from __future__ import annotations

import contextlib
import io
import itertools
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.test_ui_apptest import DRAFT, KNOWN_FINDING, KNOWN_PANEL_COMMENT, NAMED_CHRONOLOGY

pytestmark = [pytest.mark.browser, pytest.mark.loopback]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
# Behaviour tests wait generously: on a loaded machine a first page can take tens of seconds. How fast the app
# starts is measured by the benchmark (`python -m bench --only app_cold_start`), not asserted here.
WAIT_MS = 60_000


def settle(page: Any) -> None:
    """Wait until Streamlit has finished running the page's script: a rerun replaces the nodes
    a test would focus, so keys pressed before then can land on a node that is gone."""
    from playwright.sync_api import expect

    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=120_000)
    time.sleep(0.5)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def rapid_review() -> list[str]:
    script = Path(sys.executable).parent / "rapid-review"
    if script.is_file():
        return [str(script)]
    found = shutil.which("rapid-review")
    if found:
        return [found]
    return [sys.executable, "-c", "from assistant.cli import entrypoint; entrypoint()"]


def health(port: int) -> str | None:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via a proxy
    try:
        with opener.open(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as response:
            body: bytes = response.read()
            return body.decode().strip()
    except OSError:
        return None


class Server:
    def __init__(self, process: subprocess.Popen[bytes], port: int, startup_s: float, log: Path) -> None:
        self.process = process
        self.port = port
        self.startup_s = startup_s
        self.log = log

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@contextlib.contextmanager
def running_ui(env: dict[str, str], log: Path) -> Iterator[Server]:
    """`rapid-review ui` on a free loopback port with `env`, once it answers its health check; stopped after."""
    port = free_port()
    with log.open("wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(
            [*rapid_review(), "ui", "--port", str(port)], stdout=out, stderr=subprocess.STDOUT, env=env
        )
    try:
        while health(port) != "ok":
            if process.poll() is not None:
                pytest.fail(f"rapid-review ui exited with {process.returncode}:\n{log.read_text()}")
            if time.perf_counter() - started > 60:
                pytest.fail(f"rapid-review ui did not answer its health check in 60 s:\n{log.read_text()}")
            time.sleep(0.05)
        yield Server(process, port, time.perf_counter() - started, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture
def server(index: Any, data_dir: Path, tmp_path: Path) -> Iterator[Server]:
    """`rapid-review ui` on a free port, using this test session's data dir (whose index is built)."""
    with running_ui({**os.environ, "RRA_DATA_DIR": str(data_dir)}, tmp_path / "server.log") as running:
        print(f"\nrapid-review ui answered /_stcore/health in {running.startup_s:.2f} s")
        yield running


@pytest.fixture
def browser_page() -> Iterator[Any]:
    if not CHROMIUM.is_file():
        pytest.skip(
            "Debian's Chromium is not installed at /usr/bin/chromium (scripts/install-system-deps.sh)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1440, "height": 1800}, accept_downloads=True)
            page = context.new_page()
            page.set_default_timeout(60_000)
            yield page
        finally:
            browser.close()


def test_ui_starts_offline_and_answers_health(server: Server) -> None:
    assert health(server.port) == "ok"
    log = server.log.read_text()
    assert "127.0.0.1" in log and "0.0.0.0" not in log  # bound to loopback only


def test_a_bookmarked_page_opens_on_a_freshly_started_server(server: Server, browser_page: Any) -> None:
    """The first request a new server gets may be a bookmark to another page, not the front page."""
    from playwright.sync_api import expect

    page = browser_page
    page.goto(f"{server.url}/kloe", timeout=WAIT_MS)
    expect(page.get_by_role("heading", name="Key lines of enquiry", exact=True)).to_be_visible(
        timeout=WAIT_MS
    )
    navigation = page.get_by_role("navigation")
    for title in (
        "Critique a draft",
        "Draft from a chronology",
        "Panel examples and guidance",
        "How well it works",
    ):
        expect(navigation.get_by_text(title, exact=True)).to_be_visible(timeout=WAIT_MS)
    page.get_by_role("link", name="Draft from a chronology").click()
    expect(page.get_by_role("heading", name="Draft from a chronology")).to_be_visible(timeout=WAIT_MS)
    assert page.get_by_role("alert").filter(has_text="Error").count() == 0


def test_critique_in_a_real_browser(server: Server, browser_page: Any, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    page = browser_page
    page.goto(f"{server.url}/critique")
    expect(page.get_by_role("heading", name="Critique a draft rapid review")).to_be_visible()

    # Paste the draft and run the critique.
    box = page.get_by_role("textbox", name="Or paste the draft rapid review here", exact=True)
    box.fill(DRAFT + "\nNote: <b>not bold</b> <img src=x onerror=alert(1)>\n")
    box.press("Control+Enter")  # commit the text area, as a user's click elsewhere would
    page.get_by_role("button", name="Run the critique").click()

    # A known finding appears; expanding it shows a real Panel comment and the example it came from.
    finding = page.locator("summary").filter(has_text=KNOWN_FINDING)
    expect(finding).to_be_visible(timeout=90_000)
    settle(page)
    finding.click()
    details = page.locator("details").filter(has=finding)
    expect(details.get_by_text(KNOWN_PANEL_COMMENT)).to_be_visible()
    expect(details.get_by_text("Example 3", exact=False).first).to_be_visible()
    # The evidence is highlighted in the draft; markup in the draft shows as text, never as elements.
    expect(page.locator("mark").filter(has_text="hard to reach").first).to_be_visible()
    draft_view = page.locator(".rra-draft")
    expect(draft_view).to_contain_text("<b>not bold</b> <img src=x onerror=alert(1)>")
    assert draft_view.locator("b, img, script").count() == 0

    # Accessibility in the rendered page: one h1, no skipped heading levels, every input named.
    levels = page.evaluate(
        "() => Array.from(document.querySelectorAll('[data-testid=stMain] :is(h1,h2,h3,h4,h5,h6)'))"
        ".map(h => Number(h.tagName[1]))"
    )
    assert levels[0] == 1 and levels.count(1) == 1, levels
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
    unnamed = page.evaluate(
        """() => Array.from(document.querySelectorAll('[data-testid=stMain] :is(input, textarea, select)'))
            .filter(e => e.type !== 'hidden')
            .filter(e => !(e.getAttribute('aria-label') || e.getAttribute('aria-labelledby')
                           || e.closest('label') || (e.id && document.querySelector(`label[for="${e.id}"]`))))
            .map(e => e.outerHTML.slice(0, 120))"""
    )
    assert unnamed == [], unnamed

    # Download the Word file and open it.
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download as Word (.docx)").click()
    download = download_info.value
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    import docx

    document = docx.Document(io.BytesIO(saved.read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert saved.suffix == ".docx"
    assert "Panel-style feedback" in text and KNOWN_PANEL_COMMENT in text

    ARTIFACTS.mkdir(exist_ok=True)
    top = ARTIFACTS / "ui-critique-top.png"
    page.get_by_role("heading", name="Panel-style feedback").scroll_into_view_if_needed()
    page.screenshot(path=str(top))
    shot = ARTIFACTS / "ui-critique.png"
    details.get_by_text(KNOWN_PANEL_COMMENT).scroll_into_view_if_needed()
    page.screenshot(path=str(shot))
    print(f"\nscreenshot: {shot} (and {top})")
    assert shot.stat().st_size > 10_000 and top.stat().st_size > 10_000


def test_draft_quotes_and_lines_of_enquiry_reach_their_text_by_keyboard(
    server: Server, browser_page: Any
) -> None:
    """No hover: a drafted quote leads to its chronology line, and a line of enquiry to its passage and back,
    by focusing a link and pressing Enter (as a keyboard user does; a tap does the same on a phone)."""
    from playwright.sync_api import expect

    page = browser_page

    target = page.locator(":target")
    page.goto(f"{server.url}/draft", timeout=WAIT_MS)
    box = page.get_by_role("textbox", name="Or paste the chronology here", exact=True)
    box.fill(NAMED_CHRONOLOGY)
    box.press("Control+Enter")
    page.get_by_role("button", name="Draft the sections").click()
    quote = page.locator("a.rra-quote").first
    expect(quote).to_be_visible(timeout=120_000)
    line = quote.get_attribute("href")
    assert line and line.startswith("#rra-chronology-line-")
    settle(page)
    quote.focus()
    page.keyboard.press("Enter")
    expect(target).to_have_id(line[1:])
    expect(page.locator(line)).to_be_in_viewport()

    page.goto(f"{server.url}/kloe", timeout=WAIT_MS)
    box = page.get_by_role("textbox", name="Or paste the chronology or draft rapid review here", exact=True)
    box.fill(NAMED_CHRONOLOGY)
    box.press("Control+Enter")
    page.get_by_role("button", name="Find the lines of enquiry").click()
    locate = page.locator("a.rra-locate").first  # inside the first line of enquiry, open by default
    expect(locate).to_be_visible(timeout=120_000)
    passage = locate.get_attribute("href")
    assert passage and passage.startswith("#rra-kloe-passage-1-")
    settle(page)
    locate.focus()
    page.keyboard.press("Enter")
    expect(target).to_have_id(passage[1:])
    expect(page.locator(passage)).to_be_in_viewport()
    back = page.locator("a.rra-back[href='#rra-line-of-enquiry-1']").first
    back.focus()
    page.keyboard.press("Enter")
    expect(target).to_have_id("rra-line-of-enquiry-1")
    expect(page.locator("summary").filter(has_text="1.").first).to_be_in_viewport()
