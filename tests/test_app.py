"""The frame and the Overview page under Streamlit's AppTest (no browser)."""

from __future__ import annotations

import fixture
import pyarrow as pa
import pytest
from apptest import BUNDLED, metrics, open_app, opened, texts, url

from findings import site


def app(monkeypatch, data_dir, **query):
    return open_app(monkeypatch, data_dir, **query)


def test_overview_on_the_fixture(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir)
    assert not at.exception
    assert metrics(at)["Participants"] == "8"
    assert metrics(at)["Coded excerpts"] == "10"
    assert "8 of 8 participants · 10 of 10 excerpts" in texts(at)
    assert "Illustrative data" in texts(at)  # the fixture's package says illustrative
    assert "What is tested here?" in texts(at)
    # each rule links to its card on the Rules page, the filters kept
    links = [link.proto for link in at.get("page_link") if "rules" in link.proto.page]
    assert [link.label for link in links][:1] == ["1\\. Build for Process, Not Just Output"]
    assert links[0].query_string == "rule=R1"


def test_a_rule_link_brings_its_card_into_view(monkeypatch, fixture_dir):
    at = open_app(monkeypatch, fixture_dir, "views/rules.py", rule="R2", discipline="Music")
    assert not at.exception and url(at, "rule") == ["R2"] and url(at, "discipline") == ["Music"]
    reveals = [e for e in at.get("bidi_component") if "reveal" in str(e.proto)]
    assert reveals and "rule-card-1" in str(reveals[0].proto)  # R2's card is the second
    odd = open_app(monkeypatch, fixture_dir, "views/rules.py", rule="R9")
    assert "rule" not in odd.query_params


def test_discipline_in_the_url_changes_the_numbers(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, discipline="Music")
    assert not at.exception
    shown = metrics(at)
    assert (shown["Participants"], shown["Sessions"], shown["Coded excerpts"], shown["Themes voiced"]) == (
        "3",
        "2",
        "4",
        "3",
    )
    assert "3 of 8 participants · 4 of 10 excerpts" in texts(at)
    assert at.pills(key="filter.discipline").value == ["Music"]
    # the sentence under the groups names the most voiced group with its share
    assert "was voiced by 67% of the filtered participants (2 of 3)" in texts(at)


def test_several_values_and_unknown_ones(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, discipline=["Music", "Film & TV", "Astrology"])
    assert not at.exception
    assert at.pills(key="filter.discipline").value == ["Music", "Film & TV"]
    assert metrics(at)["Participants"] == "6"
    assert "discipline=Astrology" in texts(at)  # ignored, with a small notice
    assert url(at, "discipline") == ["Music", "Film & TV"]  # the URL is cleaned


def test_french(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, lang="fr", discipline="Music")
    assert not at.exception
    shown = texts(at)
    assert "En chiffres" in shown and "Les trois groupes de thèmes" in shown
    assert "3 participants sur 8 · 4 extraits sur 10" in shown
    assert "Discipline : Musique" in shown  # the data's French label, not the raw value
    assert "Que teste-t-on ici ?" in shown
    assert "67\u202f%" in shown
    assert metrics(at)["Participants"] == "3"


def test_widgets_write_the_url_and_reset_clears(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir)
    at.pills(key="filter.venue").set_value(["Hearst Estate"]).run()
    assert url(at, "venue") == ["Hearst Estate"]
    assert metrics(at)["Participants"] == "5"
    at.pills(key="filter.stance").select("risk").run()
    assert url(at, "stance") == ["risk"]
    assert metrics(at)["Coded excerpts"] == "2"  # E6 and E10: risk, at the Hearst Estate
    at.button[0].click().run()  # the only button: reset
    assert "venue" not in at.query_params and "stance" not in at.query_params
    assert metrics(at)["Participants"] == "8"


def test_language_switch_keeps_filters(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, discipline="Music")
    at.segmented_control(key="widget.lang").set_value("fr").run()
    assert url(at, "lang") == ["fr"]
    assert url(at, "discipline") == ["Music"]
    assert "3 participants sur 8" in texts(at)


def test_invalid_data_shows_the_error_page(monkeypatch, tmp_path):
    bad = fixture.tables()["participants"]
    consent = bad.column_names.index("quote_consent")
    bad = bad.set_column(consent, "quote_consent", pa.array(["public"] * 7 + ["yes please"]))
    folder = fixture.write(tmp_path, {"participants": bad})
    at = app(monkeypatch, folder)
    assert not at.exception
    assert at.title[0].value == "The data cannot be shown"
    report = at.code[0].value
    assert (
        "ERROR participants.quote_consent: 1 row has a value outside public/research/none (e.g. 'yes please')"
        in report
    )
    assert not at.metric  # no partial numbers


def test_missing_data_folder_shows_the_error_page(monkeypatch, tmp_path):
    at = app(monkeypatch, tmp_path / "nowhere")
    assert not at.exception
    assert "is not a directory" in at.code[0].value


def test_absent_optional_tables_say_so(monkeypatch, tmp_path):
    folder = fixture.write(tmp_path, {"rules": None, "rule_themes": None, "media": None})
    at = app(monkeypatch, folder)
    assert not at.exception
    assert "has no rules table" in texts(at) and "has no media table" in texts(at)


def test_hostile_package_text_is_inert(monkeypatch, tmp_path):
    package = {**fixture.PACKAGE, "question": "![x](http://example.com/t.png) <script>alert(1)</script>"}
    at = app(monkeypatch, fixture.write(tmp_path, package=package))
    assert not at.exception
    question = next(m.value for m in at.markdown if "script" in m.value)
    assert "![x](" not in question and "<script>" not in question  # escaped, so shown as text


def test_overview_on_the_bundled_sample(monkeypatch):
    at = app(monkeypatch, BUNDLED)
    assert not at.exception
    assert metrics(at)["Participants"] == "91"
    assert metrics(at)["Sessions"] == "5"


def test_audience_comes_from_the_deployment_not_the_url(monkeypatch, fixture_dir):
    # a browser asking for more is ignored: the URL cannot raise the audience
    at = app(monkeypatch, fixture_dir, audience="research")
    at.switch_page("views/evidence.py").run()
    assert "Words of P2 in E3." not in [t.value for t in at.text]
    assert "Public view" in texts(at)
    # the deployment can
    monkeypatch.setenv("FINDINGS_AUDIENCE", "research")
    at = app(monkeypatch, fixture_dir)
    at.switch_page("views/evidence.py").run()
    shown = [t.value for t in at.text]
    assert "Words of P2 in E3." in shown and "Words of P4 in E5." not in shown  # 'none' never
    assert "Research view" in texts(at)


def test_unknown_audience_falls_back_to_public_and_says_so(monkeypatch, fixture_dir):
    monkeypatch.setenv("FINDINGS_AUDIENCE", "everyone")
    at = app(monkeypatch, fixture_dir)
    assert not at.exception
    assert "neither public nor research" in texts(at) and "Public view" in texts(at)


def test_share_link_holds_the_whole_view(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, discipline=["Music", "Film & TV"], lang="fr")
    at.switch_page("views/themes.py").run()
    at.segmented_control(key="page.measure").set_value("excerpts").run()
    link = opened(at).sidebar.code[0].value
    assert "discipline=Music&discipline=Film+%26+TV" in link
    assert "lang=fr" in link and "measure=excerpts" in link


def test_no_page_shows_a_server_path(monkeypatch, tmp_path):
    """The error page names the folder, never where it sits on the server."""
    bad = fixture.tables()["participants"]
    consent = bad.column_names.index("quote_consent")
    bad = bad.set_column(consent, "quote_consent", pa.array(["public"] * 7 + ["yes please"]))
    for folder in (fixture.write(tmp_path / "exports", {"participants": bad}), tmp_path / "nowhere"):
        at = app(monkeypatch, folder)
        assert not at.exception
        shown = texts(at) + "\n".join(c.value for c in at.code)
        assert folder.name + "/" in shown
        assert str(tmp_path) not in shown


def test_a_chart_s_data_and_the_share_link_are_drawn_once_opened(monkeypatch, fixture_dir):
    """What the first page does not need waits for its expander to open (the table's and the code
    block's browser code is then loaded only on demand: findings/app/warm.py, the cold start)."""
    at = app(monkeypatch, fixture_dir)
    assert [e.label for e in at.expander] == ["Data behind this chart", "Copy link to this view"]
    csv = [b for b in at.get("download_button") if b.key.endswith(".csv")]
    assert not at.dataframe and not at.sidebar.code and not csv
    opened(at)
    assert len(at.dataframe) == 1 and len(at.sidebar.code) == 1
    csv = [b.key for b in at.get("download_button") if b.key.endswith(".csv")]
    assert csv == ["overview-theme-groups.csv"]
    assert "Data behind this chart" in [e.label for e in at.expander]


def test_no_filter_list_offers_select_all(monkeypatch):
    """Picking every value is not the empty filter (it drops what has no value, such as excerpts with
    no stance) and would be what Enter picks first: no list offers it, in the sidebar or a page. The
    sidebar offers a list (not a row of buttons) for a dimension with more than PILLS_MAX values."""
    from findings.app import frame

    monkeypatch.setattr(frame, "PILLS_MAX", 2)  # every dimension of the bundled data but venue has more
    at = open_app(monkeypatch, BUNDLED, "views/evidence.py")
    lists = [*at.sidebar.multiselect, *at.main.multiselect]
    assert len(at.sidebar.multiselect) == 6 and [p.key for p in at.sidebar.pills] == ["filter.venue"]
    assert all(m.proto.select_all == 0 for m in lists), [m.label for m in lists if m.proto.select_all]


def popover_labels(at) -> list[str]:
    return [block.proto.popover.label for block in at.get("popover")]


def sidebar_captions(at) -> list[str]:
    return [c.value for c in at.sidebar.caption]


def test_each_filter_is_a_panel_named_for_its_dimension_with_what_is_chosen_under_it(monkeypatch):
    """The sidebar's filters: one button each, named for the dimension whatever is chosen (a popover
    whose label changes is drawn anew, losing the keyboard focus), opening a row of buttons, one a
    value; what is chosen is written under the button in the data's labels."""
    at = open_app(monkeypatch, BUNDLED, discipline=["Music", "Film & TV"], venue="Hearst Estate")
    assert not at.exception
    names = ["Discipline", "Role", "Session", "Venue", "Activity", "Theme group", "Stance"]
    assert popover_labels(at) == names
    assert "Music, Film \\& TV" in sidebar_captions(at) and "Hearst Estate" in sidebar_captions(at)
    pills = {p.key: p for p in at.sidebar.pills}
    assert pills["filter.discipline"].value == ["Music", "Film & TV"]
    assert [o.content for o in pills["filter.venue"].proto.options] == ["Bradbury Building", "Hearst Estate"]
    # a pick in the panel filters and writes the URL; the button keeps its name
    pills["filter.venue"].set_value([]).run()
    pills = {p.key: p for p in at.sidebar.pills}
    pills["filter.role"].select("Artist").run()
    assert url(at, "role") == ["Artist"] and "venue" not in at.query_params
    assert popover_labels(at) == names
    assert "Artist" in sidebar_captions(at) and "Hearst Estate" not in sidebar_captions(at)


def test_filter_panels_in_french(monkeypatch):
    at = open_app(monkeypatch, BUNDLED, lang="fr", discipline="Music")
    assert popover_labels(at)[:2] == ["Discipline", "Rôle"]
    assert "Musique" in sidebar_captions(at)
    options = [
        o.content for o in next(p for p in at.sidebar.pills if p.key == "filter.discipline").proto.options
    ]
    assert "Musique" in options and "Music" not in options


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_chart_on_every_page_has_its_text_alternative(monkeypatch, lang):
    """A screen reader reads a sentence for each chart (charts.alt_text), just before it."""
    from findings import i18n

    ending = i18n.t("chart.alt.table", lang)
    for page in site.PAGES:
        if page.name == "present":
            continue
        at = open_app(monkeypatch, BUNDLED, page.file, lang=lang)
        drawn = at.get("plotly_chart")
        said = [m.value for m in at.markdown if m.value.replace("\\", "").endswith(ending)]
        assert len(said) == len(drawn), page.name
        # on the whole sample every chart draws something, and its sentence names it
        assert not [s for s in said if i18n.t("chart.alt.empty", lang) in s.replace("\\", "")], page.name
