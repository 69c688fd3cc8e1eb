"""Whose words a visitor may read: the deployment's audience, and who counts as a researcher.

Streamlit-free. The app (findings/app/signin.py) hands `audience_for` the claims of the signed-in
visitor's ID token as Streamlit verified them (st.user), or None when nobody is signed in; the
deployment says who is a researcher in `FINDINGS_RESEARCHERS`, a list separated by commas or
white space whose entries are

- an e-mail address, `ana@example.org`: that address, whatever its case;
- a domain, `@example.org`: every address of exactly that domain (not `lab.example.org`);
- a group, `group:NAME`: every identity whose group claim (`FINDINGS_RESEARCHERS_CLAIM`, default
  `groups`, a list or one string) holds NAME, exactly.

An address counts only when the token does not say `email_verified: false`: a provider that lets
anyone type any address says so, and such an address proves nothing. An entry that is none of
these is ignored (and reported), never widened into something that matches more. An empty list
makes nobody a researcher.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

AUDIENCE_ENV = "FINDINGS_AUDIENCE"
AUDIENCES = ("public", "research")
RESEARCHERS_ENV = "FINDINGS_RESEARCHERS"
CLAIM_ENV = "FINDINGS_RESEARCHERS_CLAIM"
DEFAULT_CLAIM = "groups"
GROUP_PREFIX = "group:"

# a host name: dot-separated labels of letters, digits and inner hyphens (IDNs in their ASCII form)
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_DOMAIN = re.compile(rf"{_LABEL}(?:\.{_LABEL})*")
# the part before the @: any printable characters but white space, @, quotes and wildcards
_LOCAL = re.compile(r"[^\s@\"*,]+")


def deployment_audience() -> tuple[str, str | None]:
    """Who this server shows quotes to, set by the deployment only (never by the browser); with
    sign-in configured, the audience of visitors who are not signed in.

    Returns the audience and, when the variable holds something else, that value (the server
    then falls back to the safest audience, public).
    """
    raw = os.environ.get(AUDIENCE_ENV, "").strip().lower()
    if raw in ("", "public"):
        return "public", None
    if raw == "research":
        return "research", None
    return "public", raw


@dataclass(frozen=True)
class Researchers:
    """The deployment's list, read: who it names, and the entries that name nobody."""

    addresses: frozenset[str] = frozenset()
    domains: frozenset[str] = frozenset()
    groups: frozenset[str] = frozenset()
    ignored: tuple[str, ...] = ()


def researchers(setting: str) -> Researchers:
    """`FINDINGS_RESEARCHERS` read into addresses (lower case), domains (lower case) and groups
    (as written); what is none of these goes to `ignored`."""
    addresses, domains, groups, ignored = set(), set(), set(), []
    for entry in re.split(r"[,\s]+", setting or ""):
        if not entry:
            continue
        if entry.lower().startswith(GROUP_PREFIX):
            name = entry[len(GROUP_PREFIX) :]
            if name:
                groups.add(name)
            else:
                ignored.append(entry)
            continue
        local, at, domain = entry.lower().rpartition("@")
        if not at or not _DOMAIN.fullmatch(domain):
            ignored.append(entry)
        elif not local:
            domains.add(domain)
        elif _LOCAL.fullmatch(local):
            addresses.add(f"{local}@{domain}")
        else:
            ignored.append(entry)
    return Researchers(frozenset(addresses), frozenset(domains), frozenset(groups), tuple(ignored))


def _verified_address(claims: Mapping) -> str | None:
    """The token's e-mail address in lower case, unless the token says it is not verified."""
    email = claims.get("email")
    verified = claims.get("email_verified")
    # some providers send the flag as text ("false")
    if verified is False or (isinstance(verified, str) and verified.strip().lower() == "false"):
        return None
    if not isinstance(email, str) or email.count("@") != 1:
        return None
    return email.strip().lower()


def _groups(claims: Mapping, claim_name: str) -> set[str]:
    value = claims.get(claim_name)
    if isinstance(value, str):
        return {value}
    if isinstance(value, list | tuple):
        return {item for item in value if isinstance(item, str)}
    return set()


def is_researcher(claims: Mapping, listed: Researchers, claim_name: str = DEFAULT_CLAIM) -> bool:
    """Whether a signed-in identity's claims are on the list."""
    address = _verified_address(claims)
    if address is not None:
        if address in listed.addresses or address.partition("@")[2] in listed.domains:
            return True
    return bool(_groups(claims, claim_name or DEFAULT_CLAIM) & listed.groups)


def audience_for(claims: Mapping | None, researchers_setting: str, claim_name: str, unsigned: str) -> str:
    """The audience of one visitor: `unsigned` (the deployment's FINDINGS_AUDIENCE) when nobody
    is signed in (`claims` None); for a signed-in visitor, research when listed, else public."""
    if claims is None:
        return unsigned if unsigned in AUDIENCES else "public"
    listed = researchers(researchers_setting)
    return "research" if is_researcher(claims, listed, claim_name or DEFAULT_CLAIM) else "public"
