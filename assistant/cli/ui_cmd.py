"""`ui`: start the Streamlit app, headless and bound to 127.0.0.1 unless told otherwise.

Headless stops Streamlit from asking for an email address on a terminal or opening a browser itself;
binding the server address avoids its external IP lookup; usage statistics are off. Serving other computers
needs sign-in (RRA_AUTH_*, see `ui_signin`) or an explicit flag accepting the risk.
"""

from __future__ import annotations

import errno
import importlib.util
import math
import os
import socket
import subprocess
import sys
from pathlib import Path

import click

from assistant.cli.app import cli
from assistant.cli.ui_signin import (
    NO_SIGNIN_FLAG,
    check_exposure,
    is_loopback,
    signin_configured,
    write_secrets,
)
from assistant.errors import ConfigError
from assistant.resources import APP_ENTRY
from assistant.settings import get_settings

APP = APP_ENTRY
DEFAULT_PORT = 8501


def streamlit_command(
    app: Path, host: str, port: int, max_upload_mb: int, secrets_file: Path | None = None
) -> list[str]:
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app),
        "--server.headless=true",
        f"--server.address={host}",
        f"--server.port={port}",
        "--server.fileWatcherType=none",
        "--server.runOnSave=false",
        f"--server.maxUploadSize={max_upload_mb}",
        "--browser.gatherUsageStats=false",
        f"--browser.serverAddress={host}",
        f"--browser.serverPort={port}",
        "--global.developmentMode=false",
        "--client.toolbarMode=minimal",
        "--client.showErrorDetails=false",
        "--server.enableXsrfProtection=true",
    ]
    if secrets_file is not None:
        command.append(f"--secrets.files={secrets_file}")
    return command


def _check_port_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        if os.name == "posix":
            # As the server does: a port whose last connections are still in TIME_WAIT after a restart is
            # free; one with a listener is not. (On Windows this option would let the probe share a port.)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise ConfigError(
                    f"port {port} on {host} is already in use (is the app already running?)",
                    fix=f"open http://{host}:{port} if it is, or choose another port with --port",
                ) from None
            raise ConfigError(
                f"cannot listen on {host}:{port}: {exc.strerror or exc}",
                fix="use --host 127.0.0.1 and a port between 1024 and 65535",
            ) from None


@cli.command()
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=DEFAULT_PORT,
    show_default=True,
    help="Port to serve the app on.",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to bind; the default serves only this computer. Any other address needs sign-in.",
)
@click.option(
    NO_SIGNIN_FLAG,
    "accept_no_signin",
    is_flag=True,
    help="Allow a --host other computers can reach without sign-in: anyone who can reach it can use it.",
)
def ui(port: int, host: str, accept_no_signin: bool) -> None:
    """Start the app in your browser (runs offline; stop it with Ctrl+C)."""
    if importlib.util.find_spec("streamlit") is None:
        raise ConfigError("the app needs Streamlit, which is not installed", fix="pip install -e '.[ui]'")
    if not APP.is_file():
        raise ConfigError(
            f"the app is missing ({APP})", fix="reinstall from a full checkout of the repository"
        )
    settings = get_settings()
    signin = signin_configured(settings)
    check_exposure(host, signin, accept_no_signin)
    _check_port_free(host, port)
    secrets_file = write_secrets(settings, host, port) if signin else None
    max_upload_mb = max(1, math.ceil(settings.max_input_bytes / (1024 * 1024)))
    command = streamlit_command(APP, host, port, max_upload_mb, secrets_file)
    url_host = f"[{host}]" if ":" in host else host
    click.echo(f"Rapid Review Assistant: open http://{url_host}:{port} in your browser", err=True)
    if signin:
        click.echo(
            f"sign-in required; settings for Streamlit written to {secrets_file} (only you can read it)",
            err=True,
        )
    if not is_loopback(host):
        who = "people who sign in" if signin else "ANYONE (no sign-in)"
        click.echo(f"note: the app is reachable from other computers on this network, by {who}", err=True)
    click.echo("Press Ctrl+C to stop.", err=True)
    sys.stdout.flush()
    sys.stderr.flush()
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    if os.name == "posix":
        # Replace this process, so the server's process id is the one the caller started.
        os.execve(sys.executable, command, env)
    raise SystemExit(subprocess.call(command, env=env))
