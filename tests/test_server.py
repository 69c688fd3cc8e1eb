"""The served app as an outsider meets it: its settings, uploads nobody offered, other origins.

A public visitor needs no browser to reach Streamlit's upload route: the page gives them the XSRF
cookie, the WebSocket gives them a session id, and `PUT /_stcore/upload_file/<session>/<file>`
takes a file whether or not any page shows an uploader. So the server itself must refuse.
"""

from __future__ import annotations

import tomllib
import uuid
from contextlib import ExitStack

import fixture
import pytest
import requests
from browser import ROOT, serve
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect

from findings.importers.upload import MAX_UPLOAD_MB

XSRF_COOKIE = "_streamlit_xsrf"
OUTSIDE = "http://203.0.113.9"  # TEST-NET-3: an origin that is not the app's
TIMEOUT = 20  # seconds, for each request


def settings() -> dict:
    return tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def test_the_config_pins_the_hardening():
    config = settings()
    server = config["server"]
    assert server["enableXsrfProtection"] is True
    assert server["enableCORS"] is True
    assert server["corsAllowedOrigins"] == []
    assert server["maxUploadSize"] == 0  # no page offers the public an uploader
    assert server["enableStaticServing"] is False
    assert server["enableAgentApi"] is False
    assert server["xsrfCookieSameSite"] == "strict"
    assert config["client"]["showErrorDetails"] == "none"
    assert config["client"]["showErrorLinks"] is False
    assert config["client"]["allowedOrigins"] == []
    assert config["runner"]["magicEnabled"] is False
    assert config["browser"]["gatherUsageStats"] is False


class Visitor:
    """Someone with an HTTP client: the XSRF cookie (the health check the page polls sets it), then
    a session of their own."""

    def __init__(self, base: str):
        self.base = base
        self.http = requests.Session()
        self._open = ExitStack()
        self.http.get(f"{base}/_stcore/health", timeout=TIMEOUT).raise_for_status()
        self.token = self.http.cookies.get(XSRF_COOKIE)
        assert self.token, "the health check sets the XSRF cookie"
        self.session_id = self._open_session()

    def _open_session(self) -> str:
        stream = self.base.replace("http://", "ws://") + "/_stcore/stream"
        self.socket = self._open.enter_context(
            connect(
                stream,
                subprotocols=["streamlit", self.token],
                additional_headers={"Cookie": f"{XSRF_COOKIE}={self.token}"},
                open_timeout=TIMEOUT,
                max_size=None,
            )
        )
        ask = BackMsg()
        ask.rerun_script.query_string = ""
        self.socket.send(ask.SerializeToString())
        for _ in range(1000):  # a bounded read: the new session is among the first messages
            message = ForwardMsg()
            message.ParseFromString(self.socket.recv(timeout=TIMEOUT))
            if message.WhichOneof("type") == "new_session":
                return message.new_session.initialize.session_id
        raise AssertionError("no session id in the first 1000 messages")

    def upload(self, size: int, **headers) -> requests.Response:
        url = f"{self.base}/_stcore/upload_file/{self.session_id}/{uuid.uuid4()}"
        return self.http.put(
            url,
            files={"file": ("set.zip", b"x" * size, "application/zip")},
            headers={"X-Xsrftoken": self.token, **headers},
            timeout=TIMEOUT,
        )

    def close(self) -> None:
        self._open.close()
        self.http.close()


@pytest.fixture(scope="module")
def public(tmp_path_factory):
    with serve(fixture.write(tmp_path_factory.mktemp("public"))) as base:
        visitor = Visitor(base)
        yield visitor
        visitor.close()


def test_a_public_server_refuses_every_upload(public):
    for size in (1, 1000, 1000**2):
        assert public.upload(size).status_code == 413
    # and without the XSRF token the route refuses before reading anything
    refused = public.http.put(
        f"{public.base}/_stcore/upload_file/{public.session_id}/{uuid.uuid4()}",
        files={"file": ("set.zip", b"x", "application/zip")},
        timeout=TIMEOUT,
    )
    assert refused.status_code == 403


def test_the_same_upload_reaches_a_research_server(tmp_path):
    """The control: the request above is a well-formed upload; only the setting refuses it."""
    research = {"FINDINGS_AUDIENCE": "research", "STREAMLIT_SERVER_MAX_UPLOAD_SIZE": str(MAX_UPLOAD_MB)}
    with serve(fixture.write(tmp_path), env=research) as base:
        visitor = Visitor(base)
        try:
            assert visitor.upload(1000).status_code == 204
            assert visitor.upload(MAX_UPLOAD_MB * 1024**2 + 1).status_code == 413
        finally:
            visitor.close()


def test_another_origin_gets_no_cross_origin_grant(public):
    health = public.http.get(f"{public.base}/_stcore/health", headers={"Origin": OUTSIDE}, timeout=TIMEOUT)
    assert health.status_code == 200
    assert "access-control-allow-origin" not in {name.lower() for name in health.headers}
    preflight = public.http.options(
        f"{public.base}/_stcore/upload_file/{public.session_id}/{uuid.uuid4()}",
        headers={"Origin": OUTSIDE, "Access-Control-Request-Method": "PUT"},
        timeout=TIMEOUT,
    )
    assert preflight.headers.get("Access-Control-Allow-Origin") not in {OUTSIDE, "*"}
    # a page on another site cannot read the XSRF cookie, so its upload carries none
    forged = requests.put(
        f"{public.base}/_stcore/upload_file/{public.session_id}/{uuid.uuid4()}",
        files={"file": ("set.zip", b"x", "application/zip")},
        headers={"Origin": OUTSIDE},
        timeout=TIMEOUT,
    )
    assert forged.status_code == 403
