"""What makes /present a deck in the browser: clicker keys that never lose a press, a blank screen,
and no sidebar or toolbar over the slides.

Every key press moves a slide number held in the browser, and the browser sends the number it has
reached (not the press): however fast the presses come and however many reruns they cut short,
the server ends on the slide the presenter pressed to. Clickers send PageDown and PageUp (some send
B or a full stop for a black screen); arrows, Space, Home and End work too. A key typed into a
field is left alone. The presenter view (`/present?notes=1`, opened in a second window of the same
browser) follows the deck window over a BroadcastChannel: nothing goes through the server, so two
presenters on one server never move each other's notes.
"""

from __future__ import annotations

import streamlit as st

from findings.app import state

KEY = "deck.keys"

_JS = """
export default function (component) {
  const { data, setStateValue, parentElement } = component;
  const deck = (window.__findingsDeck ??= { target: null, sent: null, total: 1, seq: 0, listening: false });
  deck.total = data.total;
  deck.follower = Boolean(data.follower);
  deck.send = setStateValue;
  deck.host = parentElement;
  // the server has caught up with the last number sent (or moved by a button or a link): follow it
  if (deck.sent === null || deck.sent === data.current) {
    deck.target = data.current;
    deck.sent = null;
  }
  // a slide is laid out for 1920x1080 and scaled to the screen it is shown on: type through the
  // root font size (CSS), charts by the scale sent to the server, which draws them to fit
  const fit = () => {
    const d = window.__findingsDeck;
    if (!d.host || !d.host.isConnected) return;
    const scale = Math.round(Math.min(window.innerWidth / 1920, window.innerHeight / 1080) * 100) / 100;
    if (scale === d.scaleSent) return;
    d.scaleSent = scale;
    d.seq += 1;
    d.send("view", { scale: scale, seq: d.seq });
  };
  deck.fit = fit;
  fit();
  // the presenter view (a second window of the same browser) follows the slides: the deck says
  // where it is on a channel of this browser only, and the notes window moves there
  deck.channel ??= new BroadcastChannel("findings-deck");
  if (!deck.follower) deck.channel.postMessage({ slide: data.current });
  deck.channel.onmessage = (message) => {
    const d = window.__findingsDeck;
    if (!d.host || !d.host.isConnected) return;
    const go = message.data && message.data.go;
    if (!d.follower && Number.isInteger(go) && go >= 1 && go <= d.total && go !== d.target) {
      d.target = go;
      d.sent = go;
      d.seq += 1;
      d.send("slide", { n: go, seq: d.seq });
      return;
    }
    const n = message.data && message.data.slide;
    if (!d.follower || !Number.isInteger(n) || n === d.target) return;
    d.target = n;
    d.sent = n;
    d.seq += 1;
    d.send("slide", { n: n, seq: d.seq });
  };
  if (deck.listening) return;
  deck.listening = true;
  window.addEventListener("resize", () => window.__findingsDeck.fit());
  const blank = (on) => {
    let cover = document.getElementById("findings-blank");
    if (!cover) {
      cover = document.createElement("div");
      cover.id = "findings-blank";
      cover.setAttribute("aria-hidden", "true");
      cover.style.cssText = "position:fixed;inset:0;background:#000;z-index:999999;display:none";
      document.body.appendChild(cover);
    }
    cover.style.display = on ? "block" : "none";
  };
  window.addEventListener("keydown", (event) => {
    const d = window.__findingsDeck;
    if (event.key === "Escape") blank(false);  // a blank screen always lifts, on any page
    if (!d.host || !d.host.isConnected) {  // another page: its keys are its own, and no cover
      blank(false);
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const field = event.target;
    if (field && (field.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(field.tagName))) return;
    let next;
    switch (event.key) {
      case "ArrowRight": case "ArrowDown": case "PageDown": case " ": case "Enter":
        next = d.target + 1;
        break;
      case "ArrowLeft": case "ArrowUp": case "PageUp": case "Backspace":
        next = d.target - 1;
        break;
      case "Home": next = 1; break;
      case "End": next = d.total; break;
      case "b": case "B": case ".": {
        const cover = document.getElementById("findings-blank");
        blank(!cover || cover.style.display === "none");
        event.preventDefault();
        return;
      }
      case "Escape": blank(false); return;
      default: return;
    }
    if (field && field.tagName === "BUTTON" && (event.key === " " || event.key === "Enter")) return;
    event.preventDefault();
    event.stopPropagation();
    next = Math.min(Math.max(next, 1), d.total);
    if (next === d.target) return;
    if (d.follower) {  // keys in the presenter view drive the deck, which it then follows
      d.channel.postMessage({ go: next });
      return;
    }
    d.target = next;
    d.sent = next;
    d.seq += 1;
    d.send("slide", { n: next, seq: d.seq });
  }, true);
}
"""

# the slides fill the screen: no sidebar, no toggle to open it, no toolbar (the exploration
# filters it holds do not apply to the deck anyway)
_CSS = """
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], header[data-testid="stHeader"] { display: none !important; }
/* 28px on a 1920x1080 screen, in proportion on others; never below 15px (a phone) */
html { font-size: max(15px, min(1.4583vw, 2.5926vh)) !important; }
[data-testid="stMain"] .block-container { padding: 1.2rem 2.5rem 0.5rem 2.5rem; max-width: none; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] { font-size: 0.7rem; }
[data-testid="stMain"] button p { font-size: 0.7rem; }
[data-testid="stMetricValue"] { font-size: 3rem; line-height: 1.1; }
[data-testid="stMetricLabel"] p, [data-testid="stMetricDelta"] { font-size: 1rem; }
"""

# not isolated: its style reaches the page (and leaves with it), its keys listen on the page
_component = st.components.v2.component("findings_deck_keys", js=_JS, css=_CSS, isolate_styles=False)


SCALE = "deck.scale"


def _sent(name: str) -> dict:
    """What the browser last sent under `name` (a dict, or {} when nothing usable came)."""
    value = st.session_state.get(KEY)
    sent = getattr(value, name, None) if value is not None else None
    if sent is None and isinstance(value, dict):
        sent = value.get(name)
    return sent if isinstance(sent, dict) else {}


def _viewed() -> None:
    scale = _sent("view").get("scale")
    if isinstance(scale, (int, float)) and 0 < scale <= 4:
        st.session_state[SCALE] = max(float(scale), 0.55)  # as the type: a phone's slide scrolls


def scale() -> float:
    """How the screen the deck is shown on compares with 1920x1080 (1 until the browser says)."""
    return float(st.session_state.get(SCALE, 1.0))


def _moved() -> None:
    number = _sent("slide").get("n")
    if isinstance(number, int) and number >= 1:
        state.set_value("slide", number)


def keys(current: int, total: int, *, follower: bool = False) -> None:
    """Mount the deck's keys and hide what would cover the slides. A `follower` (the presenter
    view) also moves to whatever slide the deck window in the same browser shows."""
    _component(
        key=KEY,
        data={"current": current, "total": total, "follower": follower},
        on_slide_change=_moved,
        on_view_change=_viewed,
        height=0,
    )
