"""Words and numbers in each language: the locale files, their plurals, and the keys the code asks for."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from findings import i18n

N = i18n.NNBSP
ROOT = Path(__file__).resolve().parent.parent
APP_SOURCES = [
    ROOT / "dashboard.py",
    *sorted((ROOT / "views").glob("*.py")),
    *sorted((ROOT / "findings").rglob("*.py")),
]
# each file on its own: i18n.forms() falls back to English, which would hide a missing French key
LOCALES = {lang: i18n.read_locale(i18n.LOCALES_DIR / f"{lang}.toml") for lang in i18n.LANGUAGES}
KEYS = sorted(i18n.keys())
PLURALS = sorted(
    key for key in KEYS if any(set(messages.get(key, ())) - {"other"} for messages in LOCALES.values())
)


# --- numbers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("func", "value", "en", "fr"),
    [
        (i18n.fmt_int, 1486, "1,486", f"1{N}486"),
        (i18n.fmt_int, 91, "91", "91"),
        (i18n.fmt_int, None, "–", "–"),
        (i18n.fmt_pct, 0.64, "64%", f"64{N}%"),
        (i18n.fmt_pct, 2 / 3, "67%", f"67{N}%"),
        (i18n.fmt_bytes, 18_000_000_000, "18 GB", f"18{N}Go"),
        (i18n.fmt_bytes, 6_700_000_000_000, "6.7 TB", f"6,7{N}To"),
        (i18n.fmt_bytes, 999, "999 B", f"999{N}o"),
        (i18n.fmt_hours, 30.0, f"30{N}h", f"30{N}h"),
        (i18n.fmt_hours, 1.5, f"1.5{N}h", f"1,5{N}h"),
    ],
)
def test_formats(func, value, en, fr):
    assert func(value, "en") == en
    assert func(value, "fr") == fr


# --- words ------------------------------------------------------------------------------------


def test_translation_fills_placeholders_and_falls_back():
    assert i18n.t("metric.of_total", "fr", total="91") == "sur 91"
    assert i18n.t("metric.of_total", "de", total="91") == "of 91"  # unknown language: English
    assert i18n.tn("archive.files_size", 1, "en", files="1", size="2 GB") == "1 file · 2 GB"
    assert i18n.tn("archive.files_size", 3, "fr", files="3", size="2 Go") == "3 fichiers · 2 Go"


def test_language_parameter_is_normalised():
    assert i18n.normalise_language("fr") == "fr"
    assert i18n.normalise_language("FR<script>") == "en"
    assert i18n.normalise_language(None) == "en"


@pytest.mark.parametrize(
    ("lang", "n", "text"),
    [
        ("en", 0, "0 participants"),
        ("en", 1, "1 participant"),
        ("en", 2, "2 participants"),
        ("fr", 0, "0 participant"),  # French takes the singular for 0 and 1
        ("fr", 1, "1 participant"),
        ("fr", 2, "2 participants"),
    ],
)
def test_plural_form_follows_the_language(lang, n, text):
    assert i18n.tn("common.participants", n, lang, count=str(n)) == text


def test_plural_categories_are_cldr():
    assert [i18n.plural_category(n, "en") for n in (0, 1, 2, 1.5)] == ["other", "one", "other", "other"]
    assert [i18n.plural_category(n, "fr") for n in (0, 1, 2, 1.5)] == ["one", "one", "other", "one"]
    assert i18n.plural_category(0, "de") == "other"  # unknown language: English


def test_plain_t_on_a_plural_gives_other_and_has_knows_keys():
    assert i18n.t("common.sessions", "fr", count="0") == "0 sessions"
    assert i18n.has("common.sessions") and i18n.has("themes.title")
    assert not i18n.has("common.sessions.one") and not i18n.has("themes")
    assert i18n.CATALOGUE["common.sessions"] == {"en": "{count} sessions", "fr": "{count} sessions"}


# --- the locale files -------------------------------------------------------------------------


def test_one_locale_file_per_language():
    assert {path.stem for path in i18n.LOCALES_DIR.glob("*.toml")} == set(i18n.LANGUAGES)


def test_every_language_has_the_same_keys():
    for lang, messages in LOCALES.items():
        assert set(messages) == set(KEYS), f"{lang}: {sorted(set(messages) ^ set(KEYS))}"


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("key", KEYS)
def test_same_forms_and_placeholders_in_every_language(key):
    shapes = {
        lang: {category: _placeholders(text) for category, text in LOCALES[lang].get(key, {}).items()}
        for lang in i18n.LANGUAGES
    }
    first = shapes[i18n.DEFAULT_LANGUAGE]
    for lang, shape in shapes.items():
        assert shape == first, f"{key}: {lang} has {shape}, {i18n.DEFAULT_LANGUAGE} has {first}"


def test_every_plural_has_one_and_other_and_never_spells_the_number():
    assert len(PLURALS) > 10  # the files do have plurals
    for key in PLURALS:
        for lang in i18n.LANGUAGES:
            forms = LOCALES[lang].get(key, {})
            assert set(forms) == {"one", "other"}, f"{key} ({lang}): {sorted(forms)}"
            # French `one` also says 0: "1 participant" written out would read "1" for nobody
            assert not re.search(r"(?<![\w{])1(?![\w}])", forms["one"]), f"{key} ({lang}): {forms['one']}"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('[a]\nx.one = "1"\nx.title = "T"\n', "mixes plural forms"),
        ('[a]\nx.one = "1"\n', "plural table with `other`"),
        ("[a]\nx = 1\n", "plural table with `other`"),
        ('[a]\nb.c = "x"\n"b.c" = "y"\n', "defined twice"),
    ],
)
def test_reading_a_locale_refuses_ambiguous_tables(tmp_path, text, problem):
    path = tmp_path / "xx.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=problem):
        i18n.read_locale(path)


# --- the keys the code asks for ----------------------------------------------------------------


def _called(call: ast.Call) -> str | None:
    return getattr(call.func, "attr", getattr(call.func, "id", None))


def _calls_to_t(tree: ast.AST):
    """i18n.t(...), ctx.t(...), tn(...): any call to a t or tn."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _called(node) in {"t", "tn"} and node.args:
            yield node


def _template(node: ast.JoinedStr) -> str:
    return "".join(part.value if isinstance(part, ast.Constant) else "{}" for part in node.values)


def _scan_code():
    """(every string constant, literal keys given to t/tn, literal keys given to tn, key-like f-strings)."""
    constants, t_keys, tn_keys, templates = set(), set(), set(), set()
    for path in APP_SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                constants.add(node.value)
            elif isinstance(node, ast.JoinedStr) and isinstance(node.values[0], ast.Constant):
                head = node.values[0].value
                if "." in head and any(key.startswith(head) for key in KEYS):
                    templates.add(_template(node))
        for call in _calls_to_t(tree):
            first = call.args[0]
            if isinstance(first, ast.JoinedStr):
                templates.add(_template(first))
            elif isinstance(first, ast.Constant) and isinstance(first.value, str):
                (tn_keys if _called(call) == "tn" else t_keys).add(first.value)
    return constants, t_keys, tn_keys, templates


CONSTANTS, T_KEYS, TN_KEYS, TEMPLATES = _scan_code()
# each {name} in a family stands for one dotted segment
FAMILIES = {
    family: re.compile("[^.]+".join(re.escape(part) for part in re.split(r"\{\w*\}", family)))
    for family in i18n.DYNAMIC_FAMILIES
}


def test_every_literal_key_exists():
    assert len(T_KEYS) > 100 and len(TN_KEYS) > 10  # the scan itself works
    assert (T_KEYS | TN_KEYS) <= set(KEYS), sorted((T_KEYS | TN_KEYS) - set(KEYS))


def test_tn_is_given_plural_keys():
    assert TN_KEYS <= set(PLURALS), sorted(TN_KEYS - set(PLURALS))


def test_keys_built_in_code_are_the_declared_families():
    declared = {re.sub(r"\{\w*\}", "{}", family) for family in i18n.DYNAMIC_FAMILIES}
    assert TEMPLATES - declared == set(), "built in code, not declared in i18n.DYNAMIC_FAMILIES"
    assert declared - TEMPLATES == set(), "declared in i18n.DYNAMIC_FAMILIES, built nowhere"


@pytest.mark.parametrize("family", i18n.DYNAMIC_FAMILIES)
def test_every_family_has_keys(family):
    assert any(FAMILIES[family].fullmatch(key) for key in KEYS), family


def test_every_key_is_used():
    unused = [
        key
        for key in KEYS
        if key not in CONSTANTS and not any(pattern.fullmatch(key) for pattern in FAMILIES.values())
    ]
    assert not unused, f"no code asks for: {unused}"


def test_a_blank_count_takes_the_general_plural_form():
    """A suppressed count reaches a plural message as pandas' NA: never a crash, the general form."""
    import pandas as pd

    for lang in ("en", "fr"):
        assert i18n.plural_category(pd.NA, lang) == "other"
        assert i18n.plural_category(float("nan"), lang) == "other"
    assert i18n.tn("hover.excerpts", pd.NA, "en", count="–") == "– excerpts"


def test_french_sentences_agree_whatever_a_theme_or_group_is_called():
    """A label is data ("Les contradictions", plural): a French sentence whose verb is singular names
    it after "le thème", "le groupe" or "l'activité", so the verb agrees with that noun."""
    import tomllib

    french = tomllib.loads((ROOT / "locales" / "fr.toml").read_text(encoding="utf-8"))
    flat: dict[str, str] = {}

    def walk(prefix: str, table: dict) -> None:
        for key, value in table.items():
            if isinstance(value, dict):
                walk(f"{prefix}{key}.", value)
            else:
                flat[f"{prefix}{key}"] = value

    walk("", french)
    singular = re.compile(r"^\{(theme|themes|group|activity)\} (a|est) ")
    bare = [key for key, text in flat.items() if singular.match(text)]
    assert not bare, bare
    english = tomllib.loads((ROOT / "locales" / "en.toml").read_text(encoding="utf-8"))
    flat.clear()
    walk("", english)
    bare = [key for key, text in flat.items() if re.match(r"^\{(themes|group)\} was ", text)]
    assert not bare, bare  # "The conflicting natures of AI ... was voiced": "The theme group ..."
    assert re.search(r"\bautre\(s\)", " ".join(flat.values())) is None  # a plural is a plural form


#: the queries whose results a chart's "Data behind this chart" shows
CHARTED = (
    "theme_prevalence",
    "theme_group_reach",
    "theme_discipline_reach",
    "theme_stance_split",
    "theme_cooccurrence",
    "session_theme_matrix",
    "activity_theme_matrix",
    "session_composition",
    "discipline_roles",
    "theme_discipline_spread",
    "compare_theme_reach",
    "compare_theme_excerpts",
    "rule_flows",
    "archive_by_session",
)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_charted_column_is_named_in_words(db, lang):
    """No chart's data table shows a column by its data name ("a_total") in either language."""
    from conftest import every_param

    from findings import privacy
    from findings.app.widgets import readable_columns

    unnamed = set()
    for name in CHARTED:
        frame = privacy.without_internal(db.run(name, every_param(db.queries[name], lang)))
        shown, config = readable_columns(frame.assign(suppressed=False), lang)
        unnamed |= {f"{name}.{c}" for c in shown if config[c]["label"] == c}
    assert not unnamed, sorted(unnamed)
