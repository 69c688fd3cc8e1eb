"""Sign-in under AppTest: the audience each visitor gets, what the sidebar says, the Data page's
upload, and how `[auth]` is detected. The whole login flow, with a real provider and a real
cookie, is in tests/test_signin_browser.py."""

from __future__ import annotations

import pytest
from apptest import ROOT, texts
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.util import patch_config_options
from test_import_qdpx import project, qdpx_bytes

from findings.app import signin, upload

AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "a cookie secret long enough for the tests",
    "client_id": "dashboard",
    "client_secret": "not a secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
ANA = {"is_logged_in": True, "sub": "ana", "email": "ana@example.org", "email_verified": True, "name": "Ana"}
BOB = {"is_logged_in": True, "sub": "bob", "email": "bob@example.org", "email_verified": True, "name": "Bob"}
NOBODY = {"is_logged_in": False}
RESEARCH_QUOTE = "Words of P2 in E3."  # P2 consented to research use only (tests/fixture.py)
PUBLIC_VIEW, RESEARCH_VIEW = "Public view", "Research view"


@pytest.fixture(autouse=True)
def _deployment(monkeypatch, fixture_dir):
    monkeypatch.setenv("FINDINGS_DATA_DIR", str(fixture_dir))
    monkeypatch.setenv("FINDINGS_RESEARCHERS", "ana@example.org")
    monkeypatch.delenv("FINDINGS_RESEARCHERS_CLAIM", raising=False)
    monkeypatch.delenv("FINDINGS_AUDIENCE", raising=False)


def visit(user: dict, page: str | None = None, auth: dict | None = AUTH, **query) -> AppTest:
    """One browser session: `user` is st.user (as Streamlit read it from the identity cookie)."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    if auth is not None:
        at.secrets = {"auth": auth}
    at.user = dict(user)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    return at.switch_page(page).run() if page else at


def sidebar(at: AppTest) -> str:
    return "\n".join(c.value for c in at.sidebar.caption).replace("\\", "")


def buttons(at: AppTest) -> list[str]:
    return [b.label for b in at.sidebar.button if b.key and b.key.startswith("signin.")]


def shown_quotes(at: AppTest) -> list[str]:
    return [t.value for t in at.text]


# --- which audience ---------------------------------------------------------------------------


def test_nobody_signed_in_gets_the_public_view_and_a_sign_in_button():
    at = visit(NOBODY, "views/evidence.py")
    assert not at.exception
    assert "Nobody is signed in on this browser." in sidebar(at) and PUBLIC_VIEW in sidebar(at)
    assert buttons(at) == ["Sign in"]
    assert RESEARCH_QUOTE not in shown_quotes(at)


def test_a_listed_researcher_gets_the_research_view():
    at = visit(ANA, "views/evidence.py")
    assert not at.exception
    said = sidebar(at)
    assert "Signed in as Ana (ana\u2060@example.org)." in said
    assert "This account is on this server's list of researchers." in said and RESEARCH_VIEW in said
    assert buttons(at) == ["Sign out"]
    assert RESEARCH_QUOTE in shown_quotes(at)


@pytest.mark.parametrize(
    "user",
    [
        BOB,
        {**ANA, "email_verified": False},  # the listed address, but the token says unverified
        {**ANA, "email": "ana@example.org.evil.net"},
        {"is_logged_in": True, "sub": "ana"},  # no address at all
    ],
)
def test_a_signed_in_visitor_who_is_not_listed_gets_the_public_view(user):
    at = visit(user, "views/evidence.py")
    assert not at.exception
    assert "This account is not on this server's list of researchers." in sidebar(at)
    assert PUBLIC_VIEW in sidebar(at) and RESEARCH_VIEW not in sidebar(at)
    assert buttons(at) == ["Sign out"]
    assert RESEARCH_QUOTE not in shown_quotes(at)


def test_a_group_of_the_configured_claim_makes_a_researcher(monkeypatch):
    monkeypatch.setenv("FINDINGS_RESEARCHERS", "group:findings-research")
    monkeypatch.setenv("FINDINGS_RESEARCHERS_CLAIM", "roles")
    assert RESEARCH_VIEW in sidebar(visit({**BOB, "roles": "findings-research"}))
    assert PUBLIC_VIEW in sidebar(visit({**BOB, "groups": ["findings-research"]}))


def test_findings_audience_is_the_audience_of_visitors_not_signed_in(monkeypatch):
    monkeypatch.setenv("FINDINGS_AUDIENCE", "research")
    assert RESEARCH_VIEW in sidebar(visit(NOBODY))
    assert PUBLIC_VIEW in sidebar(visit(BOB))  # signed in and not listed: public
    assert RESEARCH_VIEW in sidebar(visit(ANA))


def test_without_auth_the_audience_is_the_deployment_s_as_before(monkeypatch):
    """No `[auth]`: no sign-in, st.user is not read, and FINDINGS_AUDIENCE decides for everyone."""
    for user in (NOBODY, ANA, {"email": "test@example.com"}):
        at = visit(user, "views/evidence.py", auth=None)
        assert not at.exception and not at.error
        assert [w.icon for w in at.warning] == [":material/science:"]  # only "illustrative data"
        assert buttons(at) == [] and "signed in" not in sidebar(at).lower()
        assert PUBLIC_VIEW in sidebar(at) and RESEARCH_QUOTE not in shown_quotes(at)
    monkeypatch.setenv("FINDINGS_AUDIENCE", "research")
    assert RESEARCH_QUOTE in shown_quotes(visit(NOBODY, "views/evidence.py", auth=None))


def test_an_incomplete_auth_section_is_no_sign_in():
    at = visit(ANA, auth={k: v for k, v in AUTH.items() if k != "client_secret"})
    assert not at.exception and buttons(at) == [] and PUBLIC_VIEW in sidebar(at)


def test_nothing_in_the_url_or_the_session_state_raises_the_audience():
    at = visit(BOB, "views/evidence.py", audience="research", email="ana@example.org")
    for key, value in (("is_logged_in", True), ("email", "ana@example.org"), ("audience", "research")):
        at.session_state[key] = value
    at.run()
    assert PUBLIC_VIEW in sidebar(at) and RESEARCH_QUOTE not in shown_quotes(at)


def test_signing_out_is_public_at_once():
    at = visit(ANA, "views/evidence.py")
    assert RESEARCH_QUOTE in shown_quotes(at)
    at.sidebar.button(key="signin.sign_out").click().run()
    assert not at.exception
    assert at.user == NOBODY  # st.logout() ran (Streamlit then sends the browser to /auth/logout)
    assert "Nobody is signed in on this browser." in sidebar(at) and PUBLIC_VIEW in sidebar(at)
    assert RESEARCH_QUOTE not in shown_quotes(at) and buttons(at) == ["Sign in"]


def test_slides_stay_public_for_a_researcher():
    at = visit(ANA, "views/present.py", slide="6")
    assert not at.exception
    quotes = [q for q in shown_quotes(at) if q.startswith("“")]
    assert quotes == ["“Words of the group in E7.”"]  # not P2's research-consent words
    assert PUBLIC_VIEW in sidebar(at)


# --- what the sidebar says --------------------------------------------------------------------


def test_the_sidebar_speaks_french():
    at = visit(ANA, lang="fr")
    said = sidebar(at)
    assert "Compte connecté : Ana (ana\u2060@example.org)." in said
    assert "Ce compte figure sur la liste des chercheurs de ce serveur." in said
    assert "Vue recherche" in said and buttons(at) == ["Se déconnecter"]
    at = visit(NOBODY, lang="fr")
    assert "Personne n'est connecté sur ce navigateur." in sidebar(at) and buttons(at) == ["Se connecter"]
    assert "ne figure pas" in sidebar(visit(BOB, lang="fr"))


def test_a_name_or_address_is_shown_as_text():
    at = visit({**BOB, "name": "**Boss** [x](http://evil.example) <b>", "email": "*b*@example.org"})
    caption = next(c.value for c in at.sidebar.caption if "Signed in as" in c.value)
    assert "\\*\\*Boss\\*\\* \\[x\\]" in caption and "\\<b\\>" in caption and "\\*b\\*" in caption
    assert "http://evil" not in caption  # not a link either
    assert "Signed in as an account with no name or e-mail address." in sidebar(
        visit({"is_logged_in": True, "sub": "x"})
    )


# --- uploads ----------------------------------------------------------------------------------


def test_only_a_listed_researcher_is_offered_an_upload():
    assert visit(ANA, "views/data.py").file_uploader
    for user in (NOBODY, BOB, {**ANA, "email_verified": "false"}):
        at = visit(user, "views/data.py")
        assert not at.exception and not at.file_uploader and "Your own data" not in texts(at)


def test_an_upload_goes_when_its_session_is_no_longer_a_researcher_s():
    """The session's own data is shown only while its visitor is a listed researcher: once the
    identity is another (a new cookie) or none, the shared data is back and no upload is offered."""
    at = visit(ANA, "views/data.py")
    at.file_uploader(key="data.upload").set_value(
        ("assemblies.qdpx", qdpx_bytes(project()), "application/zip")
    ).run()
    assert not at.exception and "Evening assemblies" in texts(at)
    assert upload.SESSION_DATA_KEY in at.session_state
    for user in (BOB, NOBODY):
        at.user = dict(user)
        at.run()
        assert not at.exception
        assert "Evening assemblies" not in texts(at) and "Tiny fixture" in texts(at)
        assert not at.file_uploader
    at.user = dict(ANA)
    assert "Evening assemblies" in texts(at.run())  # the same researcher, the same session


# --- is sign-in configured? -------------------------------------------------------------------


@pytest.fixture
def secrets_file(monkeypatch, tmp_path):
    """A fresh st.secrets reading only the file written, as Streamlit's `secrets.files` says."""
    import streamlit as st
    from streamlit.runtime.secrets import Secrets

    path = tmp_path / "secrets.toml"
    monkeypatch.setattr(st, "secrets", Secrets())
    with patch_config_options({"secrets.files": [str(path)]}):
        yield path


def auth_table(values: dict) -> str:
    return "[auth]\n" + "".join(f'{key} = "{value}"\n' for key, value in values.items())


@pytest.mark.parametrize(
    ("text", "configured"),
    [
        (None, False),  # no secrets file at all
        ("", False),
        ('other = "x"\n', False),
        ("[auth\nbroken = \n", False),  # does not parse
        ("auth = 3\n", False),
        (auth_table({k: v for k, v in AUTH.items() if k != "cookie_secret"}), False),
        (auth_table({**AUTH, "client_id": ""}), False),
        (auth_table(AUTH), True),
    ],
)
def test_auth_is_detected_safely(secrets_file, capsys, text, configured):
    if text is not None:
        secrets_file.write_text(text, encoding="utf-8")
    assert signin.configured() is configured
    assert signin.identity() is None  # no browser session: nobody
    out = capsys.readouterr()
    assert "secret" not in (out.out + out.err).lower()  # and nothing said about it
