"""Sign-in: who is signed in (Streamlit's OpenID Connect login, st.user) and the audience it gives.

Sign-in is on when the deployment's secrets.toml has an `[auth]` section (README, "Signing in").
Streamlit then keeps the identity in a signed cookie and reads it when a browser session connects:
a cookie that is forged, tampered with or expired reads as nobody signed in. This module reads
that identity afresh on every rerun; nothing in the URL or the session state takes part.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from functools import lru_cache

import streamlit as st

from findings import access

log = logging.getLogger("findings")


#: What `st.login()` needs in `[auth]` (one provider, the default): README, "Signing in".
AUTH_KEYS = ("redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url")


def configured() -> bool:
    """Whether the deployment configured sign-in: an `[auth]` table in its secrets with what
    `st.login()` needs. No secrets file, or one that does not parse, means no (Streamlit raises a
    FileNotFoundError for both, and prints nothing on the page)."""
    try:
        section = st.secrets.get("auth")
    except FileNotFoundError:
        return False
    return isinstance(section, Mapping) and all(section.get(key) for key in AUTH_KEYS)


def identity() -> dict | None:
    """The signed-in visitor's ID-token claims, as Streamlit verified them; None when nobody is
    signed in, or when sign-in is not configured (st.user then means nothing here)."""
    if not configured():
        return None
    claims = st.user.to_dict()
    return claims if claims.get("is_logged_in") is True else None


@lru_cache(maxsize=4)
def _report_ignored(setting: str) -> None:
    """Say once per setting, in the server's log only (the list names people), which entries of
    FINDINGS_RESEARCHERS name nobody."""
    ignored = access.researchers(setting).ignored
    if ignored:
        log.warning(
            "%s: %d entries ignored (not an address, @domain or group:NAME): %s",
            access.RESEARCHERS_ENV,
            len(ignored),
            ", ".join(ignored),
        )


def audience_of(claims: Mapping | None) -> str:
    """The audience `claims` give (None: nobody signed in) under this deployment's settings."""
    setting = os.environ.get(access.RESEARCHERS_ENV, "")
    _report_ignored(setting)
    claim = os.environ.get(access.CLAIM_ENV, "").strip()
    return access.audience_for(claims, setting, claim, access.deployment_audience()[0])


def audience() -> str:
    """This visitor's audience, now: the deployment's (FINDINGS_AUDIENCE) for a visitor who is not
    signed in, and whenever sign-in is not configured; for a signed-in visitor, research when on
    the deployment's list of researchers, else public."""
    return audience_of(identity())
