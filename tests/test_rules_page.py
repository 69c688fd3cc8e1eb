"""The Rules page under AppTest: fixture, bundled sample, absent tables, URL state, filters, French."""

from __future__ import annotations

import fixture
import pyarrow as pa
from apptest import BUNDLED, open_app, quote_cards, texts, url

PAGE = "views/rules.py"


def app(monkeypatch, data_dir, **query):
    return open_app(monkeypatch, data_dir, PAGE, **query)


def test_rules_on_the_fixture(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir)
    assert not at.exception and not at.error
    shown = texts(at)
    assert at.title[0].value == "Rules"
    assert "Rule 1" in shown and "Build for Process, Not Just Output" in shown and "Process first." in shown
    assert "Supporting themes: Roles, Design" in shown
    assert (
        "Its themes were voiced by 4 of 8 participants (50%), in 3 sessions and 2 disciplines; 5 coded "
        "excerpts." in shown
    )
    assert (
        "Its themes were voiced by 4 of 8 participants (50%), in 3 sessions and 3 disciplines; 5 coded "
        "excerpts." in shown
    )
    # one sentence on the widest support (a tie goes to the first rule)
    assert (
        "Rule 1, Build for Process, Not Just Output, has the widest support: 4 of 8 filtered participants "
        "(50%)" in shown
    )
    assert "illustrative in this sample" in shown  # the fixture's package says illustrative
    assert [t.label for t in at.toggle if t.label.startswith("Read")] == ["Read 3 of its 5 excerpts"] * 2
    assert not [t for t in at.text if t.value.startswith("Words of")]  # quotes load when asked for
    assert at.segmented_control(key="page.flow").value == "participants"
    assert "Link width: participants reached." in shown


def test_excerpts_respect_consent(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir)
    for toggle in at.toggle:
        toggle.set_value(True)
    at.run()
    quotes = [t.value for t in at.text]
    # R1: E1, E2 (P1) and E4 (P3), all public; R2: E3 (P2, research only), E5 (P4, none), E6 (P5)
    assert "Quote withheld (consent)" not in quotes  # the public lists quotable passages only
    spoken = [q for q in quotes if q.startswith("Words of")]
    assert len(spoken) == 6 and "Words of P5 in E6." in spoken  # three readable quotes a rule
    assert not any("P2" in q or "P4" in q for q in quotes)
    assert "Composer" not in texts(at) and "Morning · –" not in texts(at)


def test_research_rule_cards_quote_research_consent_but_never_a_withheld_quote(monkeypatch, fixture_dir):
    """The research audience reads research-consented words (P2's E3); a withheld passage (E5: no
    consent) is never one of a card's few quotes (Evidence lists it, as withheld)."""
    monkeypatch.setenv("FINDINGS_AUDIENCE", "research")
    at = app(monkeypatch, fixture_dir, flow="excerpts")
    for toggle in at.toggle:
        toggle.set_value(True)
    at.run()
    quotes = [t.value for t in at.text]
    assert "Quote withheld (consent)" not in quotes and "Words of P4 in E5." not in quotes
    assert len([q for q in quotes if q.startswith("Words of")]) == 6


def test_flow_in_the_url_sets_the_view(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, flow="excerpts")
    assert not at.exception
    assert at.segmented_control(key="page.flow").value == "excerpts"
    assert "Link width: coded excerpts." in texts(at)
    assert url(at, "flow") == ["excerpts"]
    at.segmented_control(key="page.flow").set_value("participants").run()
    assert url(at, "flow") == []  # the default is left out of the link


def test_filters_change_the_evidence(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, stance="opportunity")
    assert not at.exception
    shown = texts(at)
    assert (
        "Its themes were voiced by 1 of 8 participants (12%), in 1 session and 1 discipline; 1 coded excerpt."
        in shown
    )
    assert (
        "Its themes were voiced by 2 of 8 participants (25%), in 2 sessions and 2 disciplines; 3 coded "
        "excerpts." in shown
    )
    assert "Rule 2, Design for the Whole Creative Ecosystem, has the widest support: 2 of 8" in shown
    assert [t.label for t in at.toggle if t.label.startswith("Read")] == [
        "Read its only excerpt",
        "Read 3 of its 3 excerpts",
    ]


def test_nothing_left(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, discipline="Music", session="S3")
    assert not at.exception
    shown = texts(at)
    assert shown.count("No excerpt under these filters carries its themes.") == 2
    assert "Nothing matches these filters" in shown  # instead of an empty Sankey


def test_absent_rules_table_is_a_notice(monkeypatch, tmp_path):
    folder = fixture.write(tmp_path, {"rules": None, "rule_themes": None, "media": None})
    at = app(monkeypatch, folder)
    assert not at.exception and not at.error
    assert [i.value for i in at.info] == [
        "This export set has no rules table, so there are no rules to show."
    ]
    assert not at.main.expander  # the sidebar holds the share-link expander


def test_absent_rule_themes_table_is_a_notice(monkeypatch, tmp_path):
    folder = fixture.write(tmp_path, {"rule_themes": None})
    at = app(monkeypatch, folder)
    assert not at.exception and not at.error
    shown = texts(at)
    assert "has no rule_themes table" in shown
    assert "Build for Process, Not Just Output" in shown
    assert shown.count("No supporting theme is listed for this rule.") == 2


def test_french(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, lang="fr")
    assert not at.exception
    at.toggle[-1].set_value(True).run()  # Rule 2's excerpts
    shown = texts(at)
    assert at.title[0].value == "Règles"
    assert "Règle 2" in shown and "Concevoir pour tout l'écosystème" in shown
    assert "Thèmes à l'appui : Rôles, Conception" in shown
    assert (
        "Ses thèmes ont été exprimés par 4 participants sur 8 (50\u202f%), dans 3 sessions et 2 disciplines "
        "; 5 extraits codés." in shown
    )
    assert "Citation masquée (consentement)" not in [t.value for t in at.text]
    assert "Words of P5 in E6." in [t.value for t in at.text]


def test_rules_on_the_bundled_sample(monkeypatch):
    at = app(monkeypatch, BUNDLED)
    assert not at.exception and not at.error
    assert sum(c.value.startswith("Rule ") for c in at.caption) == 8


def test_a_quote_with_no_text_is_not_one_of_a_rule_s_few(monkeypatch, tmp_path):
    """A quotable passage whose words were not recorded (e.g. an import that left them out) is
    never one of a rule's few quotes (readable ones are), and nothing reads 'None' or 'nan'."""
    codes = fixture.tables()["theme_codes"]
    column = codes.schema.get_field_index("excerpt")
    words = [
        None if excerpt == "E1" else text
        for excerpt, text in zip(*codes.select(["excerpt_id", "excerpt"]).to_pydict().values(), strict=True)
    ]
    codes = codes.set_column(
        column, codes.schema.field(column), pa.array(words, codes.schema.field(column).type)
    )
    at = app(monkeypatch, fixture.write(tmp_path / "no-text", {"theme_codes": codes}))
    for toggle in at.toggle:
        toggle.set_value(True)
    at.run()
    quotes = [t.value for t in at.text]
    assert "Words of P1 in E1." not in quotes and "(no text recorded)" not in quotes  # words first
    assert not {"None", "nan", ""} & set(quotes)


def test_a_rule_whose_voices_no_place_holds_k_of_says_so_not_in_0_sessions(monkeypatch, fixture_dir):
    """With k = 3, no session or discipline of the fixture counts 3 of a rule's voices: the card says
    that in words instead of "in 0 sessions and 0 disciplines"."""
    monkeypatch.setenv("FINDINGS_MIN_CELL", "3")
    for lang, said in (
        ("en", "in this public view no session or discipline is counted as holding 3 of them"),
        ("fr", "aucune session ni discipline n'est comptée comme en réunissant 3"),
    ):
        shown = texts(app(monkeypatch, fixture_dir, lang=lang))
        assert said in shown
        assert not any(zero in shown for zero in ("0 session", "0 discipline", " 0 et ", " 0 and "))


def test_rule_cards_show_varied_readable_quotes_and_link_to_evidence(monkeypatch):
    """Never a withheld or textless quote among the few shown, from different sessions where it can,
    not the same three for two rules, and a link to all of them in Evidence."""
    from apptest import BUNDLED

    monkeypatch.setenv("FINDINGS_AUDIENCE", "research")  # withheld quotes are in its lists
    at = app(monkeypatch, BUNDLED)
    for toggle in at.toggle:
        toggle.set_value(True)
    at.run()
    quotes = [t.value for t in at.text if t.value not in ("",)]
    shown = [q for q in quotes if q not in ("Quote withheld (consent)", "(no text recorded)")]
    assert "Quote withheld (consent)" not in quotes and "(no text recorded)" not in quotes
    captions = [c.value for c in at.caption if c.value.startswith("Session") or " · " in c.value]
    assert shown and captions
    per_rule = [tuple(shown[i : i + 3]) for i in range(0, len(shown), 3)]
    assert len(set(per_rule)) == len(per_rule)  # no two rules show the same three
    links = [link.proto for link in at.get("page_link")]
    assert links and all("theme" in str(link) or link.page for link in links)


def test_varied_quotes_skip_withheld_and_textless_and_spread_over_sessions():
    import pandas as pd

    from findings.words import varied_quotes

    frame = pd.DataFrame(
        {
            "excerpt_id": ["E1", "E2", "E3", "E4", "E5", "E6"],
            "excerpt": ["a", None, "c", "d", "  ", "f"],
            "withheld": [False, False, True, False, False, False],
            "session": ["S1", "S1", "S2", "S1", "S3", "S2"],
        }
    )
    picked = varied_quotes(frame, 3, "R1")
    assert set(picked.excerpt_id) <= {"E1", "E4", "E6"} and len(picked) == 3
    two = varied_quotes(frame, 2, "R1")
    assert set(two.session) == {"S1", "S2"}  # one per session before a second from any
    assert varied_quotes(frame, 3, "R1").equals(picked)  # the same view, the same quotes


def test_varied_quotes_hold_when_the_list_is_put_together_from_several_stretches():
    """Stretches of a list each start their row labels at 0: the choice never takes a withheld row
    that shares a label with a readable one."""
    import pandas as pd

    from findings.words import varied_quotes

    first = pd.DataFrame({"excerpt_id": ["E1"], "excerpt": ["a"], "withheld": [False], "session": ["S1"]})
    second = pd.DataFrame({"excerpt_id": ["E9"], "excerpt": [None], "withheld": [True], "session": ["S2"]})
    picked = varied_quotes(pd.concat([first, second]), 3, "R1")
    assert list(picked.excerpt_id) == ["E1"]


def test_rule_quotes_come_from_across_the_sessions(monkeypatch):
    """The list runs session by session: the few quotes come from several sessions, not the first."""
    from apptest import BUNDLED

    at = app(monkeypatch, BUNDLED)
    for toggle in at.toggle:
        toggle.set_value(True)
    at.run()
    metas = [c.value for c in at.caption if c.value.startswith(("Assembly", "Assemblée"))]
    sessions = {meta.split(" · ")[0] for meta in metas}
    assert len(metas) >= 12 and len(sessions) >= 3, metas


def test_a_link_of_the_flow_opens_its_excerpts(monkeypatch):
    """A Sankey link cannot be clicked: the list under the flow opens one (URL `link`), as a click
    on a heatmap cell does. Discipline -> theme: the theme's excerpts by that discipline's people."""
    from urllib.parse import parse_qs

    at = app(monkeypatch, BUNDLED)
    options = at.selectbox(key="page.link").options
    assert "Music → Friction matters: " in " ".join(options)
    index = next(i for i, o in enumerate(options) if o.startswith("Music → Friction matters: "))
    at.selectbox(key="page.link").select_index(index).run()
    assert not at.exception and url(at, "link") == ["Music", "friction-matters"]
    assert "The excerpts behind Music → Friction matters" in texts(at)
    cards = quote_cards(at)
    assert cards and all("· Music\u2003" in caption and "Friction matters" in caption for _, caption in cards)
    (link,) = [link.proto for link in at.get("page_link") if "all in Evidence" in link.proto.label]
    assert parse_qs(link.query_string) == {"discipline": ["Music"], "theme": ["friction-matters"]}
    # theme -> rule: every excerpt of the theme under the filters, whoever spoke
    rule = app(monkeypatch, BUNDLED, link=["friction-matters", "R1"])
    title = [t for t in texts(rule).split("\n") if t.startswith("The excerpts behind Friction matters → ")]
    assert title and quote_cards(rule)
    assert all("Friction matters" in caption for _, caption in quote_cards(rule))
    at.button(key="rules-link.close").click().run()
    assert "link" not in at.query_params and "The excerpts behind" not in texts(at)
