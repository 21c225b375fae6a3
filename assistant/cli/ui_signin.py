"""Sign-in for `rapid-review ui`: who may reach the app, and Streamlit's private `[auth]` secrets file.

Streamlit's OpenID Connect login (st.login) reads its settings from a secrets.toml `[auth]` table. Users set
RRA_AUTH_* instead, and this module writes that table to a file only they can read (mode 0600, in a 0700
folder under the data dir, one file per port so two servers never overwrite each other's redirect address).
The client and cookie secrets go only into that file: never into the command line, the output or a log.
"""

from __future__ import annotations

import ipaddress
import json
import os
import secrets
import tempfile
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

from assistant.errors import ConfigError
from assistant.llm.audit import safe_url
from assistant.settings import Settings

NO_SIGNIN_FLAG = "--i-accept-the-risk-of-no-sign-in"
AUTH_VARS = ("RRA_AUTH_CLIENT_ID", "RRA_AUTH_CLIENT_SECRET", "RRA_AUTH_SERVER_METADATA_URL")
CALLBACK_PATH = "/oauth2callback"  # the route Streamlit serves for the provider's answer
SECRETS_FOLDER = "signin"


def is_loopback(host: str) -> bool:
    """Only this computer can connect to `host` (localhost, 127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def signin_configured(settings: Settings) -> bool:
    """Whether sign-in is required; a half-finished configuration is an error, never a silent 'no'."""
    values = (settings.auth_client_id, settings.auth_client_secret, settings.auth_server_metadata_url)
    missing = [name for name, value in zip(AUTH_VARS, values, strict=True) if not value]
    if not missing:
        return True
    if len(missing) < len(AUTH_VARS):
        raise ConfigError(
            "sign-in is only partly configured: " + ", ".join(missing) + " not set",
            fix="set all of " + ", ".join(AUTH_VARS) + " (README: Shared use), or none of them",
        )
    return False


def check_exposure(host: str, signin: bool, accept_no_signin: bool) -> None:
    """Refuse to serve other computers without sign-in unless the user says so in as many words."""
    if is_loopback(host) or signin or accept_no_signin:
        return
    raise ConfigError(
        f"--host {host} would let anyone who can reach this computer use the app without signing in",
        fix=(
            "require sign-in: set " + ", ".join(AUTH_VARS) + " (README: Shared use: sign-in and TLS); "
            f"or keep --host 127.0.0.1 behind a TLS reverse proxy; or pass {NO_SIGNIN_FLAG}"
        ),
    )


def redirect_uri(settings: Settings, host: str, port: int) -> str:
    """Where the provider sends the browser back: RRA_AUTH_REDIRECT_URI, or this server on loopback."""
    uri = settings.auth_redirect_uri
    if not uri:
        if not is_loopback(host):
            raise ConfigError(
                f"sign-in on --host {host} needs the address people open in their browser",
                fix=f"set RRA_AUTH_REDIRECT_URI to that address + {CALLBACK_PATH}, "
                f"e.g. https://reviews.example.org{CALLBACK_PATH}",
            )
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}{CALLBACK_PATH}"
    parts = urlsplit(uri)
    if parts.scheme not in ("http", "https") or not parts.netloc or not parts.path.endswith(CALLBACK_PATH):
        raise ConfigError(
            f"RRA_AUTH_REDIRECT_URI must be the app's address ending {CALLBACK_PATH}: {safe_url(uri)}",
            fix=f"e.g. RRA_AUTH_REDIRECT_URI=https://reviews.example.org{CALLBACK_PATH}, "
            "and register the same address with the identity provider",
        )
    return uri


def auth_section(settings: Settings, host: str, port: int) -> dict[str, str]:
    """The `[auth]` table for Streamlit's default provider (st.login() without a provider name)."""
    assert settings.auth_client_id and settings.auth_client_secret and settings.auth_server_metadata_url
    cookie = settings.auth_cookie_secret
    return {
        "redirect_uri": redirect_uri(settings, host, port),
        # Unset: a fresh random key each start, so old sign-in cookies stop working when the server restarts.
        "cookie_secret": cookie.get_secret_value() if cookie else secrets.token_urlsafe(32),
        "client_id": settings.auth_client_id,
        "client_secret": settings.auth_client_secret.get_secret_value(),
        "server_metadata_url": settings.auth_server_metadata_url,
    }


def _toml_string(value: str) -> str:
    # JSON's escapes (\" \\ \n \uXXXX for control characters) are all valid in a TOML basic string; DEL is
    # the one character TOML also forbids raw.
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def secrets_toml(section: dict[str, str]) -> str:
    lines = ["# Written by `rapid-review ui` from RRA_AUTH_* at each start; edits are overwritten.", "[auth]"]
    lines += [f"{key} = {_toml_string(value)}" for key, value in section.items()]
    text = "\n".join(lines) + "\n"
    if tomllib.loads(text) != {"auth": section}:  # a value that would not survive the round trip
        raise ConfigError(
            "a sign-in setting cannot be written to Streamlit's secrets file",
            fix="check RRA_AUTH_* for stray control characters",
        )
    return text


def write_secrets(settings: Settings, host: str, port: int) -> Path:
    """Write the private secrets file for a server on `port` and return its path."""
    text = secrets_toml(auth_section(settings, host, port))
    folder = settings.data_dir / SECRETS_FOLDER
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(folder, 0o700)  # an existing folder may have been made with the umask's mode
        path = folder / f"secrets-{port}.toml"
        # mkstemp creates the file 0600 before anything is written; the rename replaces the old one whole.
        handle, tmp = tempfile.mkstemp(dir=folder, prefix=".secrets-", suffix=".toml")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise ConfigError(
            f"cannot write the sign-in settings under {folder}: {exc.strerror or exc}",
            fix="set RRA_DATA_DIR to a folder you can write to",
        ) from None
    return path
