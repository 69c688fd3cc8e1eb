"""The charts share one theme: every builder draws on the registered template, every colour is
named in findings/charts/theme.py, one sequential scale, one label wrapper."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from conftest import params

from findings import charts, i18n, stats

PACKAGE = Path(charts.__file__).parent
THEME = PACKAGE / "theme.py"
MODULES = sorted(PACKAGE.glob("*.py"))
HEX = re.compile(r"(?<![\w#])#(?:[0-9a-fA-F]{8}|[0-9a-fA-F]{6}|[0-9a-fA-F]{3,4})\b")
NAMED = {"white", "black", "grey", "gray", "red", "green", "blue", "orange", "purple", "transparent"}

DISCIPLINES = charts.colour_map(["Film & TV", "Music", "Technology", "Visual arts"])
GROUPS = charts.colour_map(["Natures", "Industry", "Way forward"])
EXTRA = {"dim": "discipline", "a": "Music", "b": "__rest__", "distinctive_share": 0.5, "by": "discipline"}


def builders() -> dict[str, object]:
    """Every public function of a chart-kind module (all but theme.py) that returns a figure: the
    package's builders (others say something of a figure, e.g. its text alternative)."""
    found = {}
    for info in pkgutil.iter_modules([str(PACKAGE)]):
        if info.name == "theme":
            continue
        module = importlib.import_module(f"findings.charts.{info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            returns = inspect.signature(function).return_annotation
            if function.__module__ == module.__name__ and not name.startswith("_") and returns == "go.Figure":
                found[name] = function
    return found


def figures(db) -> dict[str, go.Figure]:
    """One figure from each builder, on the fixture's query results."""

    def run(name: str):
        return db.run(name, {**params(), **EXTRA})

    media = run("archive_by_session")
    return {
        "theme_group_reach": charts.theme_group_reach(run("theme_group_reach"), "en"),
        "theme_prevalence": charts.theme_prevalence(run("theme_prevalence"), "participants", GROUPS, "en"),
        "archive_session_bars": charts.archive_session_bars(media, "hours", "en", missing_label="-"),
        "theme_discipline_heatmap": charts.theme_discipline_heatmap(run("theme_discipline_reach"), "en"),
        "theme_heatmap": charts.theme_heatmap(
            run("session_theme_matrix"), "session_id", "session", "excerpts", "en"
        ),
        "theme_cooccurrence": charts.theme_cooccurrence(run("theme_cooccurrence"), "count", "en"),
        "strongest_pairs": charts.strongest_pairs(
            stats.strongest_pairs(run("theme_cooccurrence"), "shared_excerpts", 10), "count", "en"
        ),
        "theme_stance_split": charts.theme_stance_split(run("theme_stance_split"), "en"),
        "session_composition": charts.session_composition(
            run("session_composition"), DISCIPLINES, "Discipline", "en"
        ),
        "discipline_role_sunburst": charts.discipline_role_sunburst(
            run("discipline_roles"), DISCIPLINES, "en"
        ),
        "archive_treemap": charts.archive_treemap(media, "en", missing_label="-"),
        "agreement_bars": charts.agreement_bars(
            pd.DataFrame(
                {
                    "theme_label": ["Friction", "Roles"],
                    "alpha": [0.82, 0.4],
                    "kappa": [0.8, 0.41],
                    "percent_agreement": [0.9, 0.7],
                    "passages": [10, 10],
                }
            ),
            "en",
            reliable=0.8,
            tentative=0.667,
        ),
        "distinctive_terms": charts.distinctive_terms(
            pd.DataFrame(
                {
                    "term": ["tape", "glitch"],
                    "count_a": [9, 1],
                    "count_b": [2, 8],
                    "delta": [1.2, -1.1],
                    "z": [2.5, -2.2],
                }
            ),
            "en",
            a_label="Music",
            b_label="Everyone else",
            a_colour=DISCIPLINES["Music"],
            b_colour=charts.COMPARE_REST_COLOUR,
        ),
        "saturation_curve": charts.saturation_curve(
            pd.DataFrame({"unit": ["S1", "S2"], "new": [3, 1], "cumulative": [3, 4]}), 4, "en"
        ),
        "compare_groups": charts.compare_groups(
            stats.with_intervals(run("compare_theme_reach")),
            "en",
            a_label="Music",
            b_label="Everyone else",
            a_colour=DISCIPLINES["Music"],
            b_colour=charts.COMPARE_REST_COLOUR,
        ),
        "discipline_spread": charts.discipline_spread(run("theme_discipline_spread"), "en", DISCIPLINES, 0.5),
        "rule_flow_sankey": charts.rule_flow_sankey(
            run("rule_flows"), "participants", DISCIPLINES, GROUPS, "en"
        ),
    }


@pytest.fixture(scope="module")
def drawn(db):
    return figures(db)


def test_every_builder_is_drawn_here_and_exported(drawn):
    found = builders()
    assert set(drawn) == set(found)  # a new builder needs a line in figures() above
    for name, function in found.items():
        assert getattr(charts, name) is function, f"charts.{name} is not re-exported"


def test_every_builder_uses_the_shared_template(drawn):
    registered = pio.templates[charts.TEMPLATE_NAME]
    for name, figure in drawn.items():
        assert figure.layout.template == registered, name


def test_the_prevalence_heatmaps_share_the_one_sequential_scale(drawn):
    def scale(trace):
        return [[stop, colour] for stop, colour in trace.colorscale]

    assert scale(drawn["theme_discipline_heatmap"].data[0]) == charts.SEQUENTIAL_SCALE
    assert scale(drawn["theme_heatmap"].data[0]) == charts.SEQUENTIAL_SCALE
    pairs = next(trace for trace in drawn["theme_cooccurrence"].data if trace.showscale is not False)
    assert scale(pairs) == charts.PAIR_SCALE != charts.SEQUENTIAL_SCALE


def test_colours_of_a_dimension_come_from_the_one_palette():
    allowed = {*charts.PALETTE, charts.NEUTRAL}
    assert set(charts.STANCE_COLOURS.values()) <= allowed
    # a media kind is no value of a coloured dimension: its slate tones must not read as a discipline
    assert not {c.lower() for c in charts.KIND_COLOURS.values()} & {c.lower() for c in allowed}
    assert charts.COMPARE_REST_COLOUR == charts.NEUTRAL


def colours_in(path: Path) -> list[str]:
    """Hex colours anywhere in a module's text, and CSS colour names or rgb() as string values."""
    text = path.read_text(encoding="utf-8")
    found = HEX.findall(text)
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            value = node.value.strip().lower()
            if value in NAMED or value.startswith(("rgb(", "rgba(")):
                found.append(node.value)
    return found


def test_no_colour_is_defined_outside_the_theme():
    assert colours_in(THEME), "the scan finds nothing even in theme.py: it is broken"
    for path in MODULES:
        if path != THEME:
            assert colours_in(path) == [], f"{path.name} names a colour: define it in theme.py"


def test_there_is_one_wrap_helper():
    wrappers, wrapping = [], []
    for path in MODULES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and "wrap" in node.name.lower():
                wrappers.append((path.name, node.name))
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [alias.name for alias in node.names] + [getattr(node, "module", None) or ""]
                if "textwrap" in names:
                    wrapping.append(path.name)
            if (  # a hand-rolled wrapper: lines joined with Plotly's line break
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "join"
                and isinstance(node.func.value, ast.Constant)
                and node.func.value.value == "<br>"
            ):
                wrapping.append(path.name)
    assert wrappers == [("theme.py", "wrap_label")]
    assert set(wrapping) == {"theme.py"}
    assert charts.wrap_label is charts.theme.wrap_label


def test_the_one_wrapper_breaks_at_spaces_only():
    assert charts.wrap_label("Blindfolded deep listening") == "Blindfolded deep<br>listening"
    # a word longer than the line keeps a line of its own, unbroken
    assert charts.wrap_label("Compositeur·rice du son", 14) == "Compositeur·rice<br>du son"
    assert charts.wrap_label("") == ""


def test_no_chart_module_imports_streamlit():
    importing = re.compile(r"^\s*(import|from)\s+streamlit", re.M)
    for path in MODULES:
        assert not importing.search(path.read_text(encoding="utf-8")), path.name


# --- each chart's text alternative ---------------------------------------------------------------


def test_every_chart_has_a_text_alternative_naming_its_largest_item(drawn):
    """Read from the figure, so it cannot disagree with it: a sentence per chart, in both languages,
    naming an item the chart draws."""
    for name, figure in drawn.items():
        for lang in ("en", "fr"):
            said = charts.alt_text(figure, lang)
            assert said.endswith(i18n.t("chart.alt.table", lang)), name
            assert i18n.t("chart.alt.empty", lang) not in said, name
            assert "nan" not in said.lower().split() and "None" not in said and "<" not in said, name


def test_a_bar_chart_names_its_longest_bar_with_the_value_it_prints(db):
    groups = db.run("theme_group_reach", {**params(), **EXTRA})
    groups["theme_group_label"] = groups["theme_group_label"].str.cat([" <b>&</b>"] * len(groups))
    top = groups.sort_values("share_reached", ascending=False, kind="stable").iloc[0]
    said = charts.alt_text(charts.theme_group_reach(groups, "en"), "en")
    assert said.startswith(f"Bar chart of {len(groups)} bars; the longest: {top.theme_group_label}, ")
    assert i18n.fmt_pct(top.share_reached, "en") in said  # the value as the bar prints it
    french = charts.alt_text(charts.theme_group_reach(groups, "fr"), "fr")
    assert french.startswith(f"Diagramme de {len(groups)} barres ; la plus longue : ")


def test_a_grid_names_its_highest_shown_cell_never_a_suppressed_one(sample):
    from findings import privacy

    database, _ = sample
    raw = database.run("theme_discipline_reach", {**params(), **EXTRA})
    public = privacy.public_view("theme_discipline_reach", raw, 3, database.cell_keys, {})
    figure = charts.theme_discipline_heatmap(public, "en", min_cell=3)
    said = charts.alt_text(figure, "en")
    hidden = public.suppressed.astype(bool)
    assert hidden.any() and not hidden.all()
    top = public[~hidden].sort_values("share_reached", ascending=False, kind="stable").iloc[0]
    assert f"the highest cell: {top.theme_label} · " in said
    for row in public[hidden].itertuples():
        assert f"{row.theme_label} · {row.discipline_label}," not in said


def test_a_flow_names_its_widest_link(drawn):
    said = charts.alt_text(drawn["rule_flow_sankey"], "en")
    sankey = drawn["rule_flow_sankey"].data[0]
    widest = max(range(len(sankey.link.value)), key=lambda i: sankey.link.value[i])
    assert said.startswith(f"Flow diagram of {len(sankey.link.value)} links; the widest: ")
    assert sankey.link.customdata[widest] in said


@pytest.mark.parametrize(("columns", "size"), [(4, 13), (6, 13), (7, 11), (8, 11)])
def test_the_word_suppressed_fits_the_cells_of_a_wide_grid(columns, size):
    """A grid of many columns is drawn 680 px wide on a phone (findings/app/document.py): there a cell
    of seven or more columns is narrower than "suppressed" at 13 px, so the word is set smaller."""
    from findings.charts.theme import suppressed_cells

    names = [f"C{i}" for i in range(columns)]
    hidden = [[i == 0 for i in range(columns)]]
    layer = suppressed_cells(hidden, [names], names, ["row"], "en", 3)
    assert layer["textfont"]["size"] == size
    assert layer["text"][0][0] == "suppressed"
