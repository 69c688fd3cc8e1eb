"""Every shape of export set the contract allows reads well on every page, in both languages.

A shape matrix built here from the fixture (each shape valid per the validator): no participants
(passages coded in documents, as most QDA projects are); one participant; one session; 300 themes
in 20 groups under a three-level code tree; no stance and no activity; no rules (tables with no
rows, and the optional tables left out); media sizes at the
integer limit; excerpts without text; and a deployment whose threshold puts every cell below k.
For each shape, every page in English and French must run without an exception or the apology,
and what it shows must contain no "0 of 0", no `nan` or `None`, and no chart whose bars are all zero
for data that has codes.
"""

from __future__ import annotations

import re

import fixture
import pandas as pd
import pyarrow as pa
import pytest
from apptest import figures, numbers, open_app, quote_cards, texts

from findings import i18n, site
from findings.validate import INT64_MAX, validate

TABLES = fixture.tables()


def _frame(name: str) -> pd.DataFrame:
    return TABLES[name].to_pandas()


def _table(name: str, frame: pd.DataFrame) -> pa.Table:
    schema = TABLES[name].schema
    extra = [c for c in frame.columns if c not in schema.names]
    fields = [schema.field(c) for c in frame.columns if c in schema.names] + [
        pa.field(c, pa.string()) for c in extra
    ]
    return pa.Table.from_pandas(frame, schema=pa.schema(fields), preserve_index=False)


def no_participants() -> dict:
    codes = _frame("theme_codes").assign(participant_id=None)
    codes["excerpt"] = [f"Passage {e} of the transcript." for e in codes.excerpt_id]
    return {
        "participants": _table("participants", _frame("participants").iloc[:0]),
        "theme_codes": _table("theme_codes", codes),
    }


def one_participant() -> dict:
    people = _frame("participants").iloc[:1]
    codes = _frame("theme_codes")
    codes["participant_id"] = codes.participant_id.where(codes.participant_id.isna(), "P1")
    codes["excerpt"] = [f"Words of P1 in {e}." for e in codes.excerpt_id]
    return {"participants": _table("participants", people), "theme_codes": _table("theme_codes", codes)}


def one_session() -> dict:
    people = _frame("participants").assign(session_id="S1")
    codes = _frame("theme_codes").assign(session_id="S1")
    media = _frame("media")
    media["session_id"] = media.session_id.where(media.session_id.isna(), "S1")
    return {
        "sessions": _table("sessions", _frame("sessions").iloc[:1]),
        "participants": _table("participants", people),
        "theme_codes": _table("theme_codes", codes),
        "media": _table("media", media),
    }


def many_themes(n: int = 300, groups: int = 20) -> dict:
    """300 themes in 20 groups, each under a two-level parent path (three levels with the theme)."""
    ids = [f"T{i:03d}" for i in range(1, n + 1)]
    group = [f"Group {1 + i * groups // n:02d}" for i in range(n)]
    themes = pd.DataFrame(
        {
            "theme_id": ids,
            "label": [f"Theme {i:03d}" for i in range(1, n + 1)],
            "label_fr": [f"Thème {i:03d}" for i in range(1, n + 1)],
            "theme_group": group,
            "theme_group_fr": [g.replace("Group", "Groupe") for g in group],
            "description": [None] * n,
            "path": [f"{g} > Branch {1 + i % 3}" for i, g in enumerate(group)],
        }
    )
    # every theme coded: the fixture's 10 excerpts, each carrying 30 themes (one speaker each)
    base = _frame("theme_codes").drop_duplicates("excerpt_id").reset_index(drop=True)
    rows = []
    for i, theme in enumerate(ids):
        row = base.iloc[i % len(base)].to_dict()
        rows.append({**row, "code_id": f"C{i + 1:03d}", "theme_id": theme})
    codes = pd.DataFrame(rows, columns=base.columns)
    links = pd.DataFrame({"rule_id": ["R1", "R2", "R2"], "theme_id": [ids[0], ids[150], ids[299]]})
    return {
        "themes": _table("themes", themes),
        "theme_codes": _table("theme_codes", codes),
        "rule_themes": _table("rule_themes", links),
    }


def no_stance_no_activity() -> dict:
    codes = _frame("theme_codes").assign(stance=None, activity=None, activity_fr=None)
    return {"theme_codes": _table("theme_codes", codes)}


def no_rules() -> dict:
    return {"rules": TABLES["rules"].slice(0, 0), "rule_themes": TABLES["rule_themes"].slice(0, 0)}


def media_at_the_limit() -> dict:
    media = _frame("media")
    media["size_bytes"] = [INT64_MAX - 8, 4, 2, 1, 1]
    return {"media": _table("media", media)}


def excerpts_without_text() -> dict:
    codes = _frame("theme_codes").assign(excerpt=None)
    return {"theme_codes": _table("theme_codes", codes)}


SHAPES = {
    "no-participants": (no_participants, "3"),
    "one-participant": (one_participant, "3"),
    "one-session": (one_session, "3"),
    "300-themes-in-20-groups": (many_themes, "0"),
    "300-themes-protected": (many_themes, "3"),
    "no-stance-no-activity": (no_stance_no_activity, "3"),
    "no-rules": (no_rules, "3"),
    "optional-tables-absent": (lambda: {"rules": None, "rule_themes": None, "media": None}, "3"),
    "media-at-the-integer-limit": (media_at_the_limit, "3"),
    "excerpts-without-text": (excerpts_without_text, "0"),
    "every-cell-below-k": (lambda: {}, "1000"),
}

#: what no reader should ever see: an empty total, or a missing value printed as a word
NEVER = [
    re.compile(r"\b0 of 0\b"),
    re.compile(r"\b0 sur 0\b"),
    re.compile(r"\bnan\b", re.IGNORECASE),
    re.compile(r"\bNone\b"),
    re.compile(r"\bNaN\b"),
    # every shape is shown unfiltered: "clear a filter" would send the reader after nothing
    re.compile(r"Nothing matches these filters"),
    re.compile(r"Rien ne correspond à ces filtres"),
]


def _shown(at) -> str:
    """What a page shows as text: its elements, metric values and labels, and its charts' text."""
    parts = [texts(at)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    for figure in figures(at):
        for trace in figure.data:
            for name in ("text", "hovertext", "y", "x", "labels"):
                value = getattr(trace, name, None)
                if isinstance(value, (list, tuple)):  # a heatmap's are rows of cells
                    cells = [c for v in value for c in (v if isinstance(v, (list, tuple)) else [v])]
                    parts.append(" ".join(c for c in cells if isinstance(c, str)))
    return "\n".join(parts)


def _all_zero_bars(at) -> list[str]:
    """Bar charts whose every bar is zero: a chart of nothing, for data that has codes."""
    found = []
    for figure in figures(at):
        for trace in figure.data:
            if trace.type != "bar":
                continue
            values = trace.x if trace.orientation == "h" else trace.y
            numbers = pd.to_numeric(pd.Series(list(values if values is not None else [])), errors="coerce")
            numbers = numbers.dropna()
            if len(numbers) and (numbers == 0).all() and not (trace.name or "").startswith("suppressed"):
                found.append(f"{figure.layout.title.text or trace.name}")
    return found


def _walls(at) -> list[str]:
    """Heatmaps most of whose cells read 'suppressed': a grid that says less than one sentence."""
    found = []
    for figure in figures(at):
        maps = [trace for trace in figure.data if trace.type == "heatmap"]
        if not maps or maps[0].z is None:
            continue
        cells = sum(len(row) for row in maps[0].z)
        said = [cell for trace in maps for row in (trace.text or []) for cell in row]
        hidden = sum(cell in ("suppressed", "masqué") for cell in said)
        if cells and hidden > cells / 2:
            found.append(f"{hidden} of {cells} cells")
    return found


def _pages(at, lang: str, where: str) -> None:
    for page in site.PAGES:
        at.switch_page(page.file).run()
        at_page = f"{where} {page.name} ({lang})"
        assert not at.exception, (at_page, [e.message for e in at.exception])
        assert i18n.t("error.page_failed", lang) not in [e.value for e in at.error], at_page
        assert at.title and at.title[0].value != i18n.t("error.page_title", lang), at_page
        shown = _shown(at)
        for pattern in NEVER:
            match = pattern.search(shown)
            if match is not None:
                around = shown[max(0, match.start() - 80) : match.end() + 40]
                raise AssertionError(f"{at_page} shows {match.group(0)!r}: …{around}…")
        assert not _all_zero_bars(at), f"{at_page}: all-zero bars in {_all_zero_bars(at)}"
        assert not _walls(at), f"{at_page}: a grid of 'suppressed': {_walls(at)}"


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("shape", list(SHAPES))
def test_every_page_reads_well_on_every_shape(monkeypatch, tmp_path, shape, lang):
    build, k = SHAPES[shape]
    folder = fixture.write(tmp_path / shape, build())
    report = validate(folder)
    assert report.ok, [str(p) for p in report.problems]
    monkeypatch.setenv("FINDINGS_MIN_CELL", k)
    at = open_app(monkeypatch, folder, lang=lang)
    _pages(at, lang, shape)


def test_the_shape_checks_catch_what_they_look_for(monkeypatch, tmp_path):
    """The checks above can fail: a shown 'nan' and an all-zero bar chart are both caught."""
    folder = fixture.write(tmp_path / "plain")
    at = open_app(monkeypatch, folder)
    assert not any(p.search(_shown(at)) for p in NEVER)
    assert NEVER[2].search("share: nan%") and NEVER[0].search("0 of 0 participants")
    import plotly.graph_objects as go

    zero = go.Figure(go.Bar(x=[0, 0], y=["a", "b"], orientation="h"))

    class Fake:
        pass

    monkeypatch.setattr("test_shapes.figures", lambda _at: [zero])
    assert len(_all_zero_bars(Fake())) == 1
    grid = go.Figure(
        go.Heatmap(z=[[1, None], [None, None]], text=[["", "suppressed"], ["suppressed", "suppressed"]])
    )
    monkeypatch.setattr("test_shapes.figures", lambda _at: [grid])
    assert _walls(Fake()) == ["3 of 4 cells"]


def _cooccurrence(at):
    """The co-occurrence grid: the last heatmap of the Themes page."""
    return [f for f in figures(at) if f.data and f.data[0].type == "heatmap"][-1]


def test_hundreds_of_themes_show_the_most_counted_first_and_all_on_request(monkeypatch, tmp_path):
    folder = fixture.write(tmp_path / "many", many_themes())
    at = open_app(monkeypatch, folder, "views/themes.py", measure="excerpts")

    def bars(figure) -> set[str]:
        return {
            y for trace in figure.data if trace.type == "bar" and trace.name != "selected" for y in trace.y
        }

    prevalence, cooc = figures(at)[0], _cooccurrence(at)
    assert len(bars(prevalence)) == 25
    assert any(
        " &gt; Branch " in text for text in prevalence.data[0].hovertext
    )  # the theme's place in the tree
    assert len(set(cooc.data[0].x)) == 25 and len(set(cooc.data[0].y)) == 25  # 25 x 25, not 300 x 300
    assert "Showing the 25 of 300 themes counted highest" in texts(at)
    assert "300 themes were each coded on the most excerpts" in texts(at)  # counted, not 300 names
    at.toggle(key="page.all").set_value(True).run()
    assert at.query_params.get("all") in ("1", ["1"])
    prevalence, cooc = figures(at)[0], _cooccurrence(at)
    assert len(bars(prevalence)) == 300
    assert len(set(cooc.data[0].x)) == 25  # the grid stays readable
    again = open_app(monkeypatch, folder, "views/themes.py", measure="excerpts", all="1")  # a link keeps it
    assert len(bars(figures(again)[0])) == 300


def test_a_set_without_a_title_is_called_by_its_folder_s_name(monkeypatch, tmp_path):
    package = {k: v for k, v in fixture.PACKAGE.items() if k not in ("title", "question", "question_fr")}
    folder = fixture.write(tmp_path / "Community listening 2024", package=package)
    for lang in ("en", "fr"):
        at = open_app(monkeypatch, folder, lang=lang)
        assert at.title[0].value == "Community listening 2024"
        assert "Untitled" not in texts(at) and "Sans titre" not in texts(at)
        at.switch_page("views/present.py").run()
        assert at.title[0].value == "Community listening 2024"


def test_excerpts_without_text_say_so_wherever_they_are_listed(monkeypatch, tmp_path):
    folder = fixture.write(tmp_path / "textless", excerpts_without_text())
    monkeypatch.setenv("FINDINGS_MIN_CELL", "0")
    at = open_app(monkeypatch, folder, "views/evidence.py")
    assert "(no text recorded)" in texts(at)
    at = open_app(monkeypatch, folder, "views/themes.py", theme="T1", lang="fr")
    listed = [text for text, _ in quote_cards(at)]  # the theme's excerpts, as cards
    assert "(aucun texte enregistré)" in listed and not [v for v in listed if v in ("nan", "None", "")]


def test_hundreds_of_themes_keep_the_sessions_heatmaps_readable(monkeypatch, tmp_path):
    folder = fixture.write(tmp_path / "many", many_themes())
    monkeypatch.setenv("FINDINGS_MIN_CELL", "0")
    at = open_app(monkeypatch, folder, "views/sessions.py")
    maps = [f for f in figures(at) if f.data and f.data[0].type == "heatmap"]
    assert len(maps) == 2
    for figure in maps:
        assert len(figure.data[0].z) == 25  # rows: the 25 themes with the most excerpts, not 300
    assert "Showing the 25 of 300 themes with the most coded excerpts" in texts(at)


def test_a_heatmap_whose_session_size_is_suppressed_still_draws(fixture_dir):
    """A session's size can be blanked as a partner while its cells stay shown: its hover then
    says nothing of the size, and the chart draws (it crashed on pandas' NA)."""
    from conftest import params

    from findings import charts
    from findings.db import Database

    report = validate(fixture_dir)
    db = Database(fixture_dir, report.sources)
    try:
        frame = db.run("session_theme_matrix", params())
    finally:
        db.close()
    frame["participants"] = frame["participants"].astype("Int64")
    frame.loc[frame.session_id == "S2", "participants"] = pd.NA
    figure = charts.theme_heatmap(frame, "session_id", "session", "codes", "en", min_cell=3)
    hovers = [cell for row in figure.data[0].hovertext for cell in row if cell]
    assert hovers and not [h for h in hovers if "<NA>" in h or "nan" in h]


def test_the_report_of_a_set_without_participants_counts_excerpts(monkeypatch, tmp_path):
    from findings import privacy, report
    from findings.app.context import PageContext
    from findings.db import Database
    from findings.filters import Filters

    folder = fixture.write(tmp_path / "np", no_participants())
    checked = validate(folder)
    db = Database(folder, checked.sources)
    try:
        assert not db.people
        for lang in ("en", "fr"):
            ctx = PageContext(db, checked, Filters(), lang, {}, "public", 0, people=False)
            html = report.build(ctx, "scope")
            assert not NEVER[0].search(html) and not NEVER[1].search(html), lang
            assert i18n.t("overview.groups_caption_excerpts", lang, total="10")[:30] in html
            assert f"{i18n.t('metric.participants', lang)} (" not in html  # no "0 participants (of 0)"
        assert privacy.DEFAULT_MIN_CELL > 0  # the set's own protection is off because nobody is in it
    finally:
        db.close()


def test_session_cards_whose_people_are_mostly_suppressed_say_so_once(monkeypatch, tmp_path):
    folder = fixture.write(tmp_path / "small")  # 8 people in 3 sessions: each session under 5
    monkeypatch.setenv("FINDINGS_MIN_CELL", "5")
    at = open_app(monkeypatch, folder, "views/sessions.py")
    said = texts(at)
    assert said.count("Too few people under these filters to show who took part in each session") == 1
    assert "Participants kept by the filters: suppressed" not in said
    assert "Bradbury Building" in said  # where and when stay on each card


def test_a_suppressed_theme_never_ranks_among_the_most_counted_by_its_hidden_number():
    """Which themes are drawn when there are hundreds is decided on what the public may see: a
    suppressed count (NA) ranks as nothing, so the cut cannot tell a hidden number's size."""
    from findings.app import widgets

    frame = pd.DataFrame({"theme_id": [f"T{i:02d}" for i in range(40)], "excerpts": list(range(1, 41))})
    frame["excerpts"] = frame["excerpts"].astype("Int64")
    frame.loc[frame.theme_id == "T39", "excerpts"] = pd.NA  # the largest, suppressed
    top = widgets.most_counted(frame, "excerpts")
    assert len(top) == 25 and "T39" not in top and "T38" in top


def test_a_set_without_participants_compares_groups_of_passages(monkeypatch, tmp_path):
    """Compare without participants: two sessions' passages, each theme's share of them, counted by
    hand from the code rows (an excerpt counts once per theme, however many of its codes)."""
    build = no_participants()
    folder = fixture.write(tmp_path / "documents", build)
    codes = build["theme_codes"].to_pandas()
    first, second = sorted(codes.session_id.unique())[:2]
    for lang in ("fr", "en"):  # English last: the checks below read its labels
        at = open_app(monkeypatch, folder, "views/compare.py", lang=lang, dim="session", a=first, b=second)
        assert not at.exception
        (figure,) = [f for f in figures(at) if any(trace.type == "scatter" for trace in f.data)]
        label = {"en": "passages", "fr": "passages sur"}[lang]
        hover = " ".join(t for trace in figure.data if trace.type == "scatter" for t in trace.hovertext or ())
        assert label in hover and "participant" not in hover
        assert i18n.t("empty.no_people", lang, what=i18n.t("empty.no_people_what.compare", lang)) in texts(at)
    themes = _frame("themes").set_index("theme_id")["label"]
    (figure,) = [f for f in figures(at) if any(trace.type == "scatter" for trace in f.data)]
    a_trace = next(trace for trace in figure.data if trace.type == "scatter")
    in_a = codes[codes.session_id == first]
    total = in_a.excerpt_id.nunique()
    rows = [round(y + 0.16) for y in numbers(a_trace.y)]  # group A sits just above its row
    drawn = {figure.layout.yaxis.ticktext[row]: x for row, x in zip(rows, numbers(a_trace.x), strict=True)}
    assert len(drawn) == len(themes)
    for theme_id, label in themes.items():
        expected = in_a.loc[in_a.theme_id == theme_id, "excerpt_id"].nunique() / total
        assert abs(drawn[label] - expected) < 1e-9, label


def test_hundreds_of_themes_compare_the_largest_differences_first(monkeypatch, tmp_path):
    folder = fixture.write(tmp_path / "many", many_themes())
    monkeypatch.setenv("FINDINGS_MIN_CELL", "0")
    at = open_app(monkeypatch, folder, "views/compare.py")
    figure = figures(at)[0]
    assert len(figure.layout.yaxis.ticktext) == 25
    assert "The 25 themes whose shares differ most, of 300" in texts(at)
    at.toggle(key="page.all_gaps").set_value(True).run()
    assert len(figures(at)[0].layout.yaxis.ticktext) == 300


def test_hundreds_of_themes_fold_into_their_groups_and_open_on_request(monkeypatch, tmp_path):
    folder = fixture.write(tmp_path / "many", many_themes())
    monkeypatch.setenv("FINDINGS_MIN_CELL", "0")
    at = open_app(monkeypatch, folder, "views/themes.py", measure="excerpts")
    labels = [e.label for e in at.expander if " · 15 themes · Excerpts: " in e.label]
    assert len(labels) == 20 and labels[6].startswith("Group 07 · 15 themes")
    before = len(figures(at))
    at.session_state["themes-group.Group 07"] = True  # a reader opens one group
    at.run()
    assert len(figures(at)) == before + 1
    group_chart = figures(at)[1]  # drawn right under the page's chart of the most counted themes
    bars = {
        y for trace in group_chart.data if trace.type == "bar" and trace.name != "selected" for y in trace.y
    }
    assert bars == {f"T{i:03d}" for i in range(91, 106)}  # group 07's own 15 themes
    at.button(key="themes-group-only.Group 07").click().run()
    assert at.query_params.get("theme_group") in ("Group 07", ["Group 07"])
    assert not [e for e in at.expander if " · 15 themes · " in e.label]  # 15 themes: one chart holds them


def test_hundreds_of_themes_rank_their_strongest_pairs_across_every_theme(monkeypatch, tmp_path):
    """The grid holds the 25 most counted themes; the ranked pairs come from all 300, each pair once,
    none suppressed, strongest first, and agree with a count made from the code rows."""
    build = many_themes()
    folder = fixture.write(tmp_path / "many", build)
    monkeypatch.setenv("FINDINGS_MIN_CELL", "0")
    at = open_app(monkeypatch, folder, "views/themes.py", measure="excerpts")
    (ranked,) = [f for f in figures(at) if f.data and (f.data[0].y or [""])[0].count(" + ") == 1]
    bars = ranked.data[0]
    assert len(bars.y) == 15 and len(set(bars.y)) == 15
    counts = numbers(bars.x)
    assert counts == sorted(counts, reverse=True)
    codes = build["theme_codes"].to_pandas()
    labels = dict(zip(_frame("themes").theme_id, _frame("themes").label, strict=False))
    labels |= {f"T{i:03d}": f"Theme {i:03d}" for i in range(1, 301)}
    by_excerpt = codes.groupby("excerpt_id")["theme_id"].apply(sorted)
    shared: dict[str, int] = {}
    for themes in by_excerpt:
        for i, a in enumerate(themes):
            for b in themes[i + 1 :]:
                name = f"{labels[a]} + {labels[b]}"
                shared[name] = shared.get(name, 0) + 1
    assert max(shared.values()) == counts[0]
    for name, count in zip(bars.y, counts, strict=True):
        assert shared[name.replace("<br>", " ")] == count, name
    assert "The 15 strongest pairs of all 300 themes" in texts(at)


def test_theme_group_folders_count_people_as_a_number_not_a_rounded_share(monkeypatch, tmp_path):
    folder = fixture.write(tmp_path / "many", many_themes())
    monkeypatch.setenv("FINDINGS_MIN_CELL", "0")
    at = open_app(monkeypatch, folder, "views/themes.py")  # participants reached, the default
    counts = [int(e.label.rsplit(": ", 1)[1]) for e in at.expander if " · Participants reached: " in e.label]
    assert len(counts) == 20 and max(counts) > 1  # a share (at most 1) would read 0 or 1


def test_compare_never_fills_its_largest_differences_with_suppressed_themes(monkeypatch, tmp_path):
    folder = fixture.write(tmp_path / "many", many_themes())
    monkeypatch.setenv("FINDINGS_MIN_CELL", "3")
    for dim in ("session", "discipline"):
        at = open_app(monkeypatch, folder, "views/compare.py", dim=dim)
        assert not at.exception
        for figure in figures(at):
            bars = [trace for trace in figure.data if trace.type == "bar"]
            if bars and figure.layout.yaxis.ticktext:  # the dumbbell and its differences
                drawn = numbers(bars[0].x)
                assert all(d == d for d in drawn), f"{dim}: a suppressed theme drawn among the largest gaps"
