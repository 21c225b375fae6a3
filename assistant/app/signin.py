"""Sign-in for shared use: when RRA_AUTH_* is set, only signed-in users get past the sign-in page.

The identity provider is reached through Streamlit's own OpenID Connect login (st.login, st.user,
st.logout), configured by `rapid-review ui` (see `assistant.cli.ui_signin`). Signing in or out starts a
new Streamlit session, so one person's drafts never carry over to the next person in the same browser.
"""

from __future__ import annotations

import streamlit as st

from assistant.app.components import md_escape
from assistant.settings import get_settings


def required() -> bool:
    """Sign-in is configured: every page needs a signed-in user."""
    return get_settings().auth_configured


def signed_in() -> bool:
    # .get, not the attribute: without Streamlit's [auth] secrets (e.g. `streamlit run` by hand with RRA_AUTH_*
    # set) the key is absent, and that must read as "not signed in", not crash.
    return st.user.get("is_logged_in") is True


def sign_in_page() -> None:
    """All an unauthenticated visitor sees: no page content, no navigation."""
    st.title("Sign in to the Rapid Review Assistant")
    st.markdown("Sign in with your organisation account to critique and draft rapid reviews.")
    st.button("Sign in", type="primary", on_click=st.login, icon=":material/login:")


def user_label() -> str:
    """Who is signed in, as the provider names them (name, then email, then subject)."""
    for claim in ("name", "email", "preferred_username", "sub"):
        value = st.user.get(claim)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return "signed in"


def sign_out_control() -> None:
    """In the sidebar: who is signed in, and a way out."""
    st.caption(f"Signed in as {md_escape(user_label())}")
    st.button("Sign out", on_click=st.logout, icon=":material/logout:")
