"""Who is a researcher (findings/access.py): the deployment's list against an ID token's claims."""

from __future__ import annotations

import pytest

from findings import access
from findings.access import audience_for, researchers

LIST = "ana@example.org, @lab.example.net  group:findings-research"


def signed_in(**claims) -> dict:
    return {"is_logged_in": True, "sub": "u1", **claims}


def aud(claims, setting=LIST, claim="", unsigned="public") -> str:
    return audience_for(claims, setting, claim, unsigned)


# --- nobody signed in -------------------------------------------------------------------------


@pytest.mark.parametrize("unsigned", ["public", "research"])
def test_a_visitor_not_signed_in_gets_the_deployment_s_audience(unsigned):
    assert aud(None, unsigned=unsigned) == unsigned


@pytest.mark.parametrize("unsigned", ["", "everyone", "RESEARCH", None])
def test_an_unsigned_audience_that_is_not_one_is_public(unsigned):
    assert aud(None, unsigned=unsigned) == "public"


def test_signing_in_never_takes_the_unsigned_audience():
    """A research deployment (FINDINGS_AUDIENCE=research for visitors who are not signed in) still
    gives a signed-in visitor research only when listed."""
    assert aud(signed_in(email="bob@example.org"), unsigned="research") == "public"
    assert aud(signed_in(email="ana@example.org"), unsigned="public") == "research"


# --- addresses --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("email", "audience"),
    [
        ("ana@example.org", "research"),
        ("ANA@Example.ORG", "research"),  # case-insensitive, both ways
        (" ana@example.org ", "research"),
        ("ana2@example.org", "public"),
        ("ana@example.org.evil.net", "public"),
        ("ana@sub.example.org", "public"),
        ("xana@example.org", "public"),
        ("ana@example.org@evil.net", "public"),
        ("bob@example.org", "public"),
        ("", "public"),
        (None, "public"),
        (["ana@example.org"], "public"),  # not a string
    ],
)
def test_addresses_match_exactly_whatever_their_case(email, audience):
    assert aud(signed_in(email=email)) == audience


def test_an_entry_s_case_does_not_matter_either():
    assert aud(signed_in(email="ana@example.org"), setting="Ana@EXAMPLE.org") == "research"


@pytest.mark.parametrize(
    ("verified", "audience"),
    [
        (True, "research"),
        ("true", "research"),
        (None, "research"),  # the token says nothing: not said to be unverified
        (False, "public"),
        ("false", "public"),  # some providers send the flag as text
        ("False", "public"),
    ],
)
def test_an_address_counts_unless_the_token_says_it_is_unverified(verified, audience):
    claims = signed_in(email="ana@example.org", email_verified=verified)
    if verified is None:
        del claims["email_verified"]
    assert aud(claims) == audience


# --- domains ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("email", "audience"),
    [
        ("zoe@lab.example.net", "research"),
        ("Zoe@LAB.Example.NET", "research"),
        ("zoe@example.net", "public"),  # the parent domain is another domain
        ("zoe@x.lab.example.net", "public"),  # and so is a subdomain
        ("zoe@lab.example.net.evil.org", "public"),
        ("zoe@evil-lab.example.net", "public"),
        ("lab.example.net@evil.org", "public"),
    ],
)
def test_a_domain_is_that_exact_domain(email, audience):
    assert aud(signed_in(email=email)) == audience


def test_an_unverified_address_does_not_count_for_its_domain():
    assert aud(signed_in(email="zoe@lab.example.net", email_verified=False)) == "public"


# --- groups -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("groups", "audience"),
    [
        (["staff", "findings-research"], "research"),
        ("findings-research", "research"),  # one group as a string
        (("findings-research",), "research"),
        (["Findings-Research"], "public"),  # a group is matched as written
        (["findings-research-old"], "public"),
        ("findings-research staff", "public"),  # one string is one group
        ([], "public"),
        ([["findings-research"]], "public"),
        ({"findings-research": True}, "public"),
        (None, "public"),
        (7, "public"),
    ],
)
def test_groups_come_from_the_claim_as_a_list_or_a_string(groups, audience):
    assert aud(signed_in(email="bob@example.org", groups=groups)) == audience


def test_the_group_claim_is_the_one_the_deployment_names():
    claims = signed_in(email="bob@example.org", roles=["findings-research"], groups=["staff"])
    assert aud(claims) == "public"
    assert aud(claims, claim="roles") == "research"
    assert aud(signed_in(groups=["findings-research"]), claim="") == "research"  # default: groups


def test_a_group_counts_whatever_the_address_says():
    claims = signed_in(email="bob@example.org", email_verified=False, groups=["findings-research"])
    assert aud(claims) == "research"


# --- the setting ------------------------------------------------------------------------------


@pytest.mark.parametrize("setting", ["", "   ", ",,", "\n\t"])
def test_an_empty_setting_makes_nobody_a_researcher(setting):
    for claims in (
        signed_in(email="ana@example.org"),
        signed_in(email="", groups=[""]),
        signed_in(groups=["findings-research"]),
        signed_in(),
    ):
        assert aud(claims, setting=setting) == "public"


def test_entries_are_separated_by_commas_and_white_space():
    listed = researchers(" a@x.org,b@x.org\n@y.org\tgroup:g1 ,, group:g2 ")
    assert listed.addresses == {"a@x.org", "b@x.org"}
    assert listed.domains == {"y.org"}
    assert listed.groups == {"g1", "g2"}
    assert listed.ignored == ()


@pytest.mark.parametrize(
    "entry",
    [
        "example.org",  # no @: neither an address nor a domain
        "@",
        "ana@",
        "@@example.org",
        "ana@@example.org",
        "*@example.org",
        "*",
        "@*.example.org",
        "@.example.org",
        "@example.org.",
        "@-example.org",
        "@exa_mple.org",
        'a"b@example.org',
        "group:",
        "GROUP:",
    ],
)
def test_garbage_entries_are_ignored_and_match_nobody(entry):
    listed = researchers(entry)
    assert listed.ignored == (entry,)
    assert not (listed.addresses or listed.domains or listed.groups)
    for claims in (
        signed_in(email="ana@example.org"),
        signed_in(email="x@example.org", groups=["", "*"]),
        signed_in(email="@example.org"),
        signed_in(groups=entry),
    ):
        assert aud(claims, setting=entry) == "public", claims


def test_garbage_beside_good_entries_leaves_the_good_ones():
    listed = researchers("nonsense, ana@example.org, @, group:g")
    assert listed.addresses == {"ana@example.org"} and listed.groups == {"g"}
    assert listed.ignored == ("nonsense", "@")
    assert aud(signed_in(email="ana@example.org"), setting="nonsense, ana@example.org, @") == "research"


def test_a_signed_in_identity_with_no_claims_is_public():
    assert aud({}) == "public"
    assert aud(signed_in()) == "public"


# --- the deployment's audience ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ("public", None)),
        ("", ("public", None)),
        ("public", ("public", None)),
        (" Research ", ("research", None)),
        ("everyone", ("public", "everyone")),
    ],
)
def test_the_deployment_s_audience(monkeypatch, value, expected):
    if value is None:
        monkeypatch.delenv(access.AUDIENCE_ENV, raising=False)
    else:
        monkeypatch.setenv(access.AUDIENCE_ENV, value)
    assert access.deployment_audience() == expected
