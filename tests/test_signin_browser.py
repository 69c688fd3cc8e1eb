"""Signing in for real: an OpenID Connect provider on loopback (oidc-provider-mock), the dashboard
served with a secrets.toml of the test's own (`[auth]` pointing at that provider), and Chromium
going through the whole flow: the dashboard's Sign in, the provider's page, the callback, the
identity cookie Streamlit signs, and Sign out. Nothing leaves this machine: the server's outgoing
requests go through a recording proxy unless they are for 127.0.0.1, and the browser's are
stopped unless they are local."""

from __future__ import annotations

import json
import time
import warnings

import fixture
import pytest
from authlib.deprecate import AuthlibDeprecationWarning
from browser import free_port, is_local, serve, wait_until_ready
from itsdangerous import TimestampSigner, URLSafeTimedSerializer
from test_browser_serve import Recorder

with warnings.catch_warnings():  # the mock provider uses Authlib's older API, which says so
    warnings.simplefilter("ignore", AuthlibDeprecationWarning)
    from oidc_provider_mock import User, run_server_in_thread

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:authlib")

COOKIE = "_streamlit_user"  # where Streamlit keeps the signed identity (st.login's cookie)
SECRET = "the cookie secret of this test's deployment, long and random enough"
CLIENT = "assembly-findings"
RESEARCH_VIEW, PUBLIC_VIEW = "Research view", "Public view"
USERS = [
    User(sub="ana", claims={"email": "Ana@Example.org", "email_verified": True, "name": "Ana Lima"}),
    User(
        sub="zoe",
        claims={"email": "zoe@elsewhere.net", "email_verified": True, "name": "Zoé", "groups": ["findings"]},
    ),
    User(sub="bob", claims={"email": "bob@example.org", "email_verified": True, "name": "Bob"}),
    # Ana's address, but the provider has not verified it: anyone could have typed it
    User(sub="eve", claims={"email": "ana@example.org", "email_verified": False, "name": "Eve"}),
]
RESEARCHERS = "ana@example.org, group:findings"
ANA = {"sub": "ana", "email": "Ana@Example.org", "email_verified": True, "name": "Ana Lima"}


@pytest.fixture(scope="module")
def provider():
    """The provider, with its users one click away; its URL on 127.0.0.1."""
    with run_server_in_thread(user_claims=USERS) as server:
        assert server.server_address[0] == "127.0.0.1"  # loopback only
        yield f"http://127.0.0.1:{server.server_port}"


@pytest.fixture(scope="module")
def recorder():
    recorder = Recorder()
    yield recorder
    recorder.close()


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory, provider, recorder):
    """The dashboard with sign-in configured: its base URL. Its secrets live in a temporary folder
    (never in the project), named on the command line as Streamlit's `secrets.files`."""
    folder = tmp_path_factory.mktemp("signin")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    secrets = folder / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "{base}/oauth2callback"\n'
        f'cookie_secret = "{SECRET}"\n'
        f'client_id = "{CLIENT}"\n'
        'client_secret = "any secret: the provider accepts every client"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    proxy = {name: recorder.url for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy")}
    env = {
        **proxy,
        "NO_PROXY": "127.0.0.1",  # the provider; anything else would reach the recorder
        "no_proxy": "127.0.0.1",
        "FINDINGS_MIN_CELL": "0",
        "FINDINGS_AUDIENCE": "public",
        "FINDINGS_RESEARCHERS": RESEARCHERS,
        "FINDINGS_RESEARCHERS_CLAIM": "groups",
        "STREAMLIT_SERVER_MAX_UPLOAD_SIZE": "50",  # a deployment whose researchers may upload
    }
    data = fixture.write(folder / "set")
    with serve(data, env=env, port=port, options=["--secrets.files", str(secrets)]) as served:
        assert served == base
        yield base
    assert recorder.seen == [], f"the server tried to reach beyond this machine: {recorder.seen}"


class Browser:
    """One browser profile (its own cookies), whose requests beyond this machine are stopped and
    written down with the page that made them."""

    def __init__(self, chromium):
        self.context = chromium.new_context(viewport={"width": 1440, "height": 900})
        self.outside: list[tuple[str, str]] = []
        self.context.route("**/*", self._guard)
        self.page = self.context.new_page()

    def _guard(self, route, request):
        if is_local(request.url):
            route.continue_()
        else:
            frame = request.frame.url if request.frame else ""
            self.outside.append((request.url, frame))
            route.abort()

    def open(self, url: str) -> Browser:
        self.page.goto(url)
        wait_until_ready(self.page)
        return self

    def sidebar(self) -> str:
        return self.page.locator("[data-testid=stSidebar]").inner_text()

    def uploads(self) -> int:
        """How many upload controls the page offers."""
        return self.page.locator("[data-testid=stFileUploader]").count()

    def cookie(self, base: str) -> dict | None:
        return next((c for c in self.context.cookies(base) if c["name"] == COOKIE), None)

    def close(self, provider: str) -> None:
        # only the provider's own pages (its stylesheet on a CDN) asked for anything outside
        assert all(frame.startswith(provider) for _, frame in self.outside), self.outside
        self.context.close()


@pytest.fixture
def browsers(chromium, provider):
    opened = []

    def make() -> Browser:
        opened.append(Browser(chromium))
        return opened[-1]

    yield make
    for browser in opened:
        browser.close(provider)


def sign_in(browser: Browser, base: str, provider: str, sub: str) -> Browser:
    """The whole flow: Sign in on the dashboard, the provider's page, one of its users, and back."""
    browser.open(base)
    browser.page.get_by_role("button", name="Sign in").click()
    browser.page.wait_for_url(f"{provider}/oauth2/authorize**")
    browser.page.get_by_role("button", name=sub, exact=True).click()
    browser.page.wait_for_url(f"{base}/")
    wait_until_ready(browser.page)
    return browser


def signed(claims: dict, base: str, *, secret: str = SECRET, age_days: float = 0) -> str:
    """An identity cookie as Streamlit writes one, signed with `secret`, `age_days` old."""

    class Then(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(time.time() - age_days * 86400)

    value = json.dumps({**claims, "origin": base, "is_logged_in": True, "provider": "default"})
    return URLSafeTimedSerializer(secret, salt=COOKIE, signer=Then).dumps(value)


def with_cookie(browsers, base: str, value: str) -> Browser:
    browser = browsers()
    browser.context.add_cookies([{"name": COOKIE, "value": value, "url": base}])
    return browser


# --- the flow ---------------------------------------------------------------------------------


def test_a_visitor_not_signed_in_gets_the_public_view(dashboard, browsers):
    browser = browsers().open(dashboard)
    said = browser.sidebar()
    assert "Nobody is signed in on this browser." in said and PUBLIC_VIEW in said
    assert browser.page.get_by_role("button", name="Sign in").count() == 1
    assert browser.open(f"{dashboard}/data").uploads() == 0
    assert browser.cookie(dashboard) is None


@pytest.mark.parametrize("sub", ["ana", "zoe"])
def test_a_listed_researcher_signs_in_and_gets_the_research_view(dashboard, provider, browsers, sub):
    """Ana is listed by her address (in another case), Zoé by a group of her ID token."""
    browser = sign_in(browsers(), dashboard, provider, sub)
    said = browser.sidebar()
    assert "Signed in as" in said and "This account is on this server's list of researchers." in said
    assert RESEARCH_VIEW in said and PUBLIC_VIEW not in said
    assert browser.cookie(dashboard)["httpOnly"]  # the identity, signed by the server
    assert browser.open(f"{dashboard}/data").uploads() >= 1  # a researcher's own data
    assert RESEARCH_VIEW in browser.sidebar()  # and still so on the next page


@pytest.mark.parametrize("sub", ["bob", "eve"])
def test_a_signed_in_visitor_who_is_not_listed_gets_the_public_view(dashboard, provider, browsers, sub):
    """Bob is not listed; Eve's token carries Ana's address, unverified."""
    browser = sign_in(browsers(), dashboard, provider, sub)
    said = browser.sidebar()
    assert "This account is not on this server's list of researchers." in said
    assert PUBLIC_VIEW in said and RESEARCH_VIEW not in said
    assert browser.page.get_by_role("button", name="Sign out").count() == 1
    assert browser.open(f"{dashboard}/data").uploads() == 0  # no upload for a non-researcher


def test_signing_out_is_public_at_once(dashboard, provider, browsers):
    browser = sign_in(browsers(), dashboard, provider, "ana")
    assert RESEARCH_VIEW in browser.sidebar()
    browser.page.get_by_role("button", name="Sign out").click()
    # Streamlit clears its cookie, then asks the provider to end its session too
    browser.page.wait_for_url(f"{provider}/oauth2/end_session**")
    assert browser.cookie(dashboard) is None
    other_tab = browser.context.new_page()  # the same browser, before the provider is done
    other_tab.goto(dashboard)
    wait_until_ready(other_tab)
    assert PUBLIC_VIEW in other_tab.locator("[data-testid=stSidebar]").inner_text()
    other_tab.close()
    browser.page.get_by_role("button", name="End session").click()
    browser.page.wait_for_url(f"{dashboard}/")
    wait_until_ready(browser.page)
    said = browser.sidebar()
    assert "Nobody is signed in on this browser." in said and PUBLIC_VIEW in said
    assert browser.open(f"{dashboard}/data").uploads() == 0


def test_another_browser_without_the_cookie_is_public(dashboard, provider, browsers):
    researcher = sign_in(browsers(), dashboard, provider, "ana")
    stranger = browsers().open(dashboard)
    assert PUBLIC_VIEW in stranger.sidebar() and "Nobody is signed in" in stranger.sidebar()
    assert stranger.open(f"{dashboard}/data").uploads() == 0
    assert RESEARCH_VIEW in researcher.open(dashboard).sidebar()  # each browser its own identity


# --- cookies the server did not sign, or no longer honours ---------------------------------------


def test_a_cookie_signed_with_the_deployment_s_secret_is_honoured(dashboard, browsers):
    """The control for the next test: this is how Streamlit's cookie is made, so the cookies
    below fail for what was done to them, not for their shape."""
    browser = with_cookie(browsers, dashboard, signed(ANA, dashboard)).open(dashboard)
    assert RESEARCH_VIEW in browser.sidebar()


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda base: signed(ANA, base, secret="a guess at the secret"), id="forged"),
        pytest.param(lambda base: signed(ANA, base, age_days=40), id="expired"),
        pytest.param(lambda base: signed(ANA, "http://127.0.0.1:1"), id="another origin"),
        pytest.param(lambda base: "not a signed value", id="garbage"),
    ],
)
def test_a_cookie_the_server_does_not_honour_is_nobody(dashboard, browsers, make):
    browser = with_cookie(browsers, dashboard, make(dashboard)).open(dashboard)
    said = browser.sidebar()
    assert "Nobody is signed in on this browser." in said and PUBLIC_VIEW in said


def test_a_tampered_cookie_is_nobody(dashboard, provider, browsers):
    """Bob signs in for real, then rewrites his cookie's identity as Ana's, keeping its signature."""
    bob = sign_in(browsers(), dashboard, provider, "bob")
    value = bob.cookie(dashboard)["value"].strip('"')
    payload, timestamp, signature = value.rsplit(".", 2)
    serializer = URLSafeTimedSerializer(SECRET, salt=COOKIE)
    claims = json.loads(serializer.loads(value))  # the real one: the deployment's secret reads it
    assert claims["email"] == "bob@example.org"
    forged = json.dumps({**claims, "email": "ana@example.org", "sub": "ana"})
    tampered = ".".join([serializer.dump_payload(forged).decode(), timestamp, signature])
    browser = with_cookie(browsers, dashboard, tampered).open(f"{dashboard}/data")
    said = browser.sidebar()
    assert "Nobody is signed in on this browser." in said and PUBLIC_VIEW in said
    assert browser.uploads() == 0


def test_slides_stay_public_for_a_researcher(dashboard, browsers):
    browser = with_cookie(browsers, dashboard, signed(ANA, dashboard))
    assert RESEARCH_VIEW in browser.open(dashboard).sidebar()
    browser.open(f"{dashboard}/present?slide=6")  # rule 2, whose first quote is P2's, research only
    shown = browser.page.locator("[data-testid=stMain]").text_content()
    assert "Words of the group in E7." in shown and "Words of P2" not in shown
    assert PUBLIC_VIEW in browser.page.locator("[data-testid=stSidebar]").text_content()
