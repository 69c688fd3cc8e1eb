"""Every UI string in English and French, and numbers formatted for each language.

The strings are data, in `locales/<lang>.toml`, read once at import. A key is a string's dotted
path in those files (`themes.title`). A table of CLDR plural categories (`{one = ..., other = ...}`)
is one key too: `tn` picks its form by the number and the language, `t` gives its `other` form.

Data text (theme labels, roles, ...) is not here: it comes from the export's `_fr` columns.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from findings.privacy import blanked

LANGUAGES = ("en", "fr")
DEFAULT_LANGUAGE = "en"
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}

NNBSP = "\u202f"  # French thousands separator and the space before %, :, ? and !

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"

#: The keys the code builds at run time, as patterns: each `{name}` is one dotted segment. With
#: the keys the code spells out, they are every key the app can ask for (tests/test_i18n.py checks
#: both ways: each f-string key in the code is declared here, each key in the files is reachable).
DYNAMIC_FAMILIES = (
    "nav.{page}",
    "filter.{dim}",
    "stance.{stance}",
    "audience.{audience}",
    "measure.{measure}",
    "axis.{measure}",
    "themes.sentence.{measure}",
    "themes.caption.{measure}",
    "themes.cooc.{mode}",
    "themes.cooc_caption.{mode}",
    "sessions.month.{month}",
    "sessions.sentence.{measure}",
    "sessions.activity_cells.{measure}",
    "sessions.activity_cells_places.{measure}",
    "sessions.session_cells.{measure}",
    "compare.who.{dim}",
    "compare.who_passages.{dim}",
    "present.type.{type}",
    "chart.col.{column}",
    "compare.spread.{spread}",
    "rules.unit.{measure}",
    "rules.flow_caption.{measure}",
    "rules.stage.{stage}",
    "archive.{kind}",
    "archive.part_{kind}",
    "archive.unit.{unit}",
    "archive.axis.{unit}",
    "archive.bars_caption.{unit}",
    "data.kind.{kind}",
    "data.doc.{table}",
    "data.doc.{table}.{column}",
    "empty.no_people_what.{what}",
)

#: CLDR plural categories. A locale table whose keys are all among them is one plural message.
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")


def _plural_en(n) -> str:
    return "one" if n == 1 else "other"


def _plural_fr(n) -> str:
    # CLDR "i = 0,1": 0 and 1 (and 1,5) take the singular: "0 participant". CLDR's "many" (un million
    # de ...) has no form in these files: such numbers take "other".
    return "one" if int(abs(n)) in (0, 1) else "other"


_PLURAL_RULES = {"en": _plural_en, "fr": _plural_fr}


def read_locale(path: Path) -> dict[str, Mapping[str, str]]:
    """One locale file as {key: {plural category: text}}; a plain string is {"other": text}.

    Raises ValueError on what would make a key ambiguous: a table mixing plural categories with
    other names, a plural table without `other`, a key spelled twice (`a."b.c"` and `a.b.c`).
    """
    with path.open("rb") as file:
        data = tomllib.load(file)
    messages: dict[str, Mapping[str, str]] = {}

    def walk(table: dict, prefix: str) -> None:
        for name, value in table.items():
            key = prefix + name
            if isinstance(value, dict) and value.keys() - set(PLURAL_CATEGORIES):
                if value.keys() & set(PLURAL_CATEGORIES):
                    raise ValueError(f"{path.name}: {key} mixes plural forms with other keys")
                walk(value, f"{key}.")
                continue
            forms = value if isinstance(value, dict) else {"other": value}
            if "other" not in forms or not all(isinstance(text, str) for text in forms.values()):
                raise ValueError(f"{path.name}: {key} must be a string or a plural table with `other`")
            if key in messages:
                raise ValueError(f"{path.name}: {key} is defined twice")
            messages[key] = MappingProxyType(dict(forms))

    walk(data, "")
    return messages


_MESSAGES = {lang: read_locale(LOCALES_DIR / f"{lang}.toml") for lang in LANGUAGES}


def keys() -> frozenset[str]:
    """Every key (a plural message is one key)."""
    return frozenset(_MESSAGES[DEFAULT_LANGUAGE])


def has(key: str) -> bool:
    return key in _MESSAGES[DEFAULT_LANGUAGE]


def forms(key: str, lang: str = DEFAULT_LANGUAGE) -> Mapping[str, str]:
    """{plural category: text} of `key` in `lang` (English for an unknown language); a plain
    string has the one form `other`."""
    messages = _MESSAGES.get(lang) or _MESSAGES[DEFAULT_LANGUAGE]
    return messages.get(key) or _MESSAGES[DEFAULT_LANGUAGE][key]


def plural_category(n, lang: str = DEFAULT_LANGUAGE) -> str:
    """The CLDR plural category of the number `n` in `lang`: English 'one' for 1 only, French for 0 and 1."""
    try:
        return _PLURAL_RULES.get(lang, _PLURAL_RULES[DEFAULT_LANGUAGE])(n)
    except (TypeError, ValueError):  # a blank count (NA: suppressed; NaN) takes the general form
        return "other"


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values) -> str:
    """The UI string `key` in `lang`, with `{placeholders}` filled in (a plural message: its `other` form)."""
    text = forms(key, lang)["other"]
    return text.format(**values) if values else text


def tn(key: str, n, lang: str = DEFAULT_LANGUAGE, **values) -> str:
    """Like t, in the plural form `n` takes in `lang`: '1 participant', and in French '0 participant'."""
    entry = forms(key, lang)
    text = entry.get(plural_category(n, lang), entry["other"])
    return text.format(**values) if values else text


#: Read-only, for callers that index strings directly: key -> {language: text}, as t() gives it
#: (a plural message: its `other` form).
CATALOGUE: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {key: MappingProxyType({lang: t(key, lang) for lang in LANGUAGES}) for key in _MESSAGES[DEFAULT_LANGUAGE]}
)


def normalise_language(value: str | None) -> str:
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


# --- numbers ------------------------------------------------------------------------------


def fmt_int(n, lang: str) -> str:
    if blanked(n):
        return t("cell.suppressed", lang)
    if n is None or (isinstance(n, float) and math.isnan(n)):
        return "–"
    text = f"{int(round(n)):,}"
    return text.replace(",", NNBSP) if lang == "fr" else text


def fmt_decimal(x: float, lang: str, digits: int = 1) -> str:
    text = f"{x:,.{digits}f}"
    if lang == "fr":
        text = text.replace(",", NNBSP).replace(".", ",")
    return text


def fmt_pct(share, lang: str, digits: int = 0) -> str:
    """A share in [0, 1] as a percentage: '64%' in English, '64 %' in French."""
    if blanked(share):
        return t("cell.suppressed", lang)
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "–"
    number = fmt_decimal(100 * share, lang, digits)
    return f"{number}{NNBSP}%" if lang == "fr" else f"{number}%"


_BYTE_UNITS = {"en": ("B", "kB", "MB", "GB", "TB", "PB"), "fr": ("o", "ko", "Mo", "Go", "To", "Po")}


def fmt_bytes(n, lang: str) -> str:
    """Decimal units, as storage is sold: 18 GB, 6.7 TB (18 Go, 6,7 To in French)."""
    if n is None or (isinstance(n, float) and math.isnan(n)):
        return "–"
    units = _BYTE_UNITS["fr" if lang == "fr" else "en"]
    value, unit = float(n), 0
    while value >= 1000 and unit < len(units) - 1:
        value /= 1000
        unit += 1
    digits = 0 if unit == 0 or value >= 100 or float(value).is_integer() else 1
    return f"{fmt_decimal(value, lang, digits)}{NNBSP if lang == 'fr' else ' '}{units[unit]}"


def fmt_hours(hours, lang: str) -> str:
    if hours is None or (isinstance(hours, float) and math.isnan(hours)):
        return "–"
    digits = 0 if float(hours).is_integer() or hours >= 100 else 1
    return f"{fmt_decimal(hours, lang, digits)}{NNBSP}h"
