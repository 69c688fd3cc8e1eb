"""Every UI string in English and French, and numbers formatted for each language.

Data text (theme labels, roles, ...) is not here: it comes from the export's `_fr` columns.
"""

from __future__ import annotations

import math

LANGUAGES = ("en", "fr")
DEFAULT_LANGUAGE = "en"
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}

NNBSP = "\u202f"  # French thousands separator and the space before %, :, ? and !

CATALOGUE: dict[str, dict[str, str]] = {
    # the frame
    "app.title": {"en": "Assembly Findings", "fr": "Assembly Findings"},
    "nav.overview": {"en": "Overview", "fr": "Vue d'ensemble"},
    "sidebar.filters": {"en": "Filters", "fr": "Filtres"},
    "sidebar.language": {"en": "Language", "fr": "Langue"},
    "sidebar.reset": {"en": "Reset filters", "fr": "Réinitialiser les filtres"},
    "sidebar.reset_help": {
        "en": "Clear every filter (the language stays)",
        "fr": "Retirer tous les filtres (la langue reste)",
    },
    "filter.discipline": {"en": "Discipline", "fr": "Discipline"},
    "filter.role": {"en": "Role", "fr": "Rôle"},
    "filter.session": {"en": "Session", "fr": "Session"},
    "filter.venue": {"en": "Venue", "fr": "Lieu"},
    "filter.activity": {"en": "Activity", "fr": "Activité"},
    "filter.theme_group": {"en": "Theme group", "fr": "Groupe de thèmes"},
    "filter.stance": {"en": "Stance", "fr": "Position"},
    "filter.all": {"en": "All", "fr": "Tous"},
    "filter.ignored": {
        "en": "Ignored link values not in this data: {values}",
        "fr": "Valeurs du lien absentes de ces données, ignorées : {values}",
    },
    "stance.risk": {"en": "Risk", "fr": "Risque"},
    "stance.opportunity": {"en": "Opportunity", "fr": "Opportunité"},
    "stance.mixed": {"en": "Mixed", "fr": "Mitigée"},
    "scope.summary": {
        "en": "{participants} of {participants_total} participants · {excerpts} of {excerpts_total} excerpts",
        "fr": "{participants} participants sur {participants_total} · {excerpts} extraits sur {excerpts_total}",
    },
    "scope.unfiltered": {"en": "No filter applied", "fr": "Aucun filtre"},
    "scope.filters": {"en": "Filters: {filters}", "fr": "Filtres : {filters}"},
    "scope.pair": {"en": "{name}: {values}", "fr": "{name} : {values}"},
    "scope.separator": {"en": "; ", "fr": " ; "},
    "notice.illustrative": {
        "en": "Illustrative data: the public facts are real, but every record (who said what, dates, "
        "stances, counts) is invented for demonstration. Do not cite these numbers.",
        "fr": "Données illustratives : les faits publics sont réels, mais chaque enregistrement (qui a dit "
        "quoi, dates, positions, effectifs) est inventé pour la démonstration. Ne citez pas ces chiffres.",
    },
    "error.page_title": {"en": "The data cannot be shown", "fr": "Les données ne peuvent pas être affichées"},
    "error.intro": {
        "en": "The export set in {path} does not meet the data contract, so no chart is drawn from it. "
        "Fix these problems and reload the page (the same list is printed by "
        "`python -m findings validate {path}`):",
        "fr": "Le jeu d'exports de {path} ne respecte pas le contrat de données : aucun graphique n'en est "
        "tiré. Corrigez ces problèmes puis rechargez la page (la commande "
        "`python -m findings validate {path}` affiche la même liste) :",
    },
    "error.page_failed": {
        "en": "Sorry, this part of the page could not be shown. The rest of the app still works; "
        "try another filter or page.",
        "fr": "Désolé, cette partie de la page n'a pas pu s'afficher. Le reste de l'application "
        "fonctionne ; essayez un autre filtre ou une autre page.",
    },
    "warnings.title": {"en": "{n} data warning(s)", "fr": "{n} avertissement(s) sur les données"},
    # overview
    "overview.question": {"en": "The central question", "fr": "La question centrale"},
    "overview.numbers": {"en": "In numbers", "fr": "En chiffres"},
    "metric.participants": {"en": "Participants", "fr": "Participants"},
    "metric.sessions": {"en": "Sessions", "fr": "Sessions"},
    "metric.venues": {"en": "Venues", "fr": "Lieux"},
    "metric.excerpts": {"en": "Coded excerpts", "fr": "Extraits codés"},
    "metric.themes": {"en": "Themes voiced", "fr": "Thèmes exprimés"},
    "metric.rules": {"en": "Rules", "fr": "Règles"},
    "metric.of_total": {"en": "of {total}", "fr": "sur {total}"},
    "metric.participants_help": {
        "en": "Participants the discipline, role, session and venue filters keep.",
        "fr": "Participants retenus par les filtres de discipline, rôle, session et lieu.",
    },
    "metric.excerpts_help": {
        "en": "Distinct coded passages under all filters ({codes} code applications: a passage can "
        "carry several themes).",
        "fr": "Passages codés distincts, tous filtres appliqués ({codes} codages : un passage peut "
        "porter plusieurs thèmes).",
    },
    "metric.themes_help": {
        "en": "Themes with at least one coded excerpt under the filters.",
        "fr": "Thèmes ayant au moins un extrait codé avec ces filtres.",
    },
    "metric.rules_help": {
        "en": "Rules for AI distilled from the findings (not filtered).",
        "fr": "Règles pour l'IA tirées des résultats (non filtrées).",
    },
    "overview.archive": {"en": "What was recorded", "fr": "Ce qui a été enregistré"},
    "archive.audio": {"en": "Audio", "fr": "Audio"},
    "archive.photo": {"en": "Photos", "fr": "Photos"},
    "archive.video": {"en": "Film", "fr": "Film"},
    "archive.hours_size": {"en": "{hours} · {size}", "fr": "{hours} · {size}"},
    "archive.files_size": {"en": "{files} files · {size}", "fr": "{files} fichiers · {size}"},
    "archive.files_size.one": {"en": "1 file · {size}", "fr": "1 fichier · {size}"},
    "archive.caption": {
        "en": "Recorded files for the sessions kept by the session and venue filters "
        "(recordings have no discipline or theme).",
        "fr": "Fichiers enregistrés pour les sessions retenues par les filtres de session et de lieu "
        "(un enregistrement n'a ni discipline ni thème).",
    },
    "archive.absent": {
        "en": "This export set has no media table, so there is no archive inventory.",
        "fr": "Ce jeu d'exports n'a pas de table media : pas d'inventaire des enregistrements.",
    },
    "overview.groups": {"en": "The three theme groups", "fr": "Les trois groupes de thèmes"},
    "overview.groups_n": {"en": "The theme groups", "fr": "Les groupes de thèmes"},
    "overview.groups_sentence": {
        "en": "{group} was voiced by {share} of the filtered participants ({n} of {total}), the most of any group.",
        "fr": "{group} a été exprimé par {share} des participants filtrés ({n} sur {total}), plus que tout autre groupe.",
    },
    "overview.groups_caption": {
        "en": "Counted: participants reached, i.e. distinct participants with at least one coded "
        "excerpt in the group, as a share of the {total} participants the filters keep. "
        "Group-level passages count as excerpts but reach no participant.",
        "fr": "Compté : participants atteints, c'est-à-dire participants distincts ayant au moins un "
        "extrait codé dans le groupe, en part des {total} participants retenus par les filtres. "
        "Les passages collectifs comptent comme extraits mais n'atteignent aucun participant.",
    },
    "overview.rules": {"en": "Rules for AI", "fr": "Règles pour l'IA"},
    "overview.rules_absent": {
        "en": "This export set has no rules table.",
        "fr": "Ce jeu d'exports n'a pas de table rules.",
    },
    "overview.provenance": {"en": "About this data", "fr": "À propos de ces données"},
    "provenance.title": {"en": "Data set", "fr": "Jeu de données"},
    "provenance.sources": {"en": "Sources", "fr": "Sources"},
    "provenance.licence": {"en": "Licence", "fr": "Licence"},
    "provenance.status": {"en": "Status", "fr": "Statut"},
    "provenance.illustrative": {"en": "Illustrative (not real records)", "fr": "Illustratif (pas de vrais enregistrements)"},
    "provenance.real": {"en": "Real records", "fr": "Enregistrements réels"},
    "provenance.folder": {"en": "Loaded from", "fr": "Chargé depuis"},
    "provenance.none": {"en": "No datapackage.json describes this export set.", "fr": "Aucun datapackage.json ne décrit ce jeu d'exports."},
    "empty.filters": {
        "en": "Nothing matches these filters: clear one in the sidebar.",
        "fr": "Rien ne correspond à ces filtres : retirez-en un dans la barre latérale.",
    },
    # counting
    "measure.label": {"en": "Count", "fr": "Compter"},
    "measure.participants": {"en": "Participants reached", "fr": "Participants atteints"},
    "measure.excerpts": {"en": "Excerpts", "fr": "Extraits"},
    "measure.codes": {"en": "Code applications", "fr": "Codages"},
    "measure.help": {
        "en": "Participants reached: distinct participants with at least one coded excerpt, as a share "
        "of the filtered participants. Excerpts: distinct coded passages. Code applications: one per "
        "theme applied to a passage (a passage can carry several).",
        "fr": "Participants atteints : participants distincts ayant au moins un extrait codé, en part des "
        "participants filtrés. Extraits : passages codés distincts. Codages : un par thème appliqué à un "
        "passage (un passage peut en porter plusieurs).",
    },
    "axis.participants": {"en": "Share of filtered participants who voiced it", "fr": "Part des participants filtrés l'ayant exprimé"},
    "axis.excerpts": {"en": "Coded excerpts", "fr": "Extraits codés"},
    "axis.codes": {"en": "Code applications", "fr": "Codages"},
    # excerpts
    "excerpts.count": {
        "en": "Showing {shown} of {total} excerpts ({withheld} shown here withheld: speaker did not consent to public quotation)",
        "fr": "{shown} extraits affichés sur {total} ({withheld} masqués ici : la personne n'a pas consenti à être citée publiquement)",
    },
    "excerpts.withheld": {"en": "Quote withheld", "fr": "Citation masquée"},
    "excerpts.group": {"en": "(group)", "fr": "(groupe)"},
    "col.excerpt": {"en": "Excerpt", "fr": "Extrait"},
    "col.themes": {"en": "Themes", "fr": "Thèmes"},
    "col.session": {"en": "Session", "fr": "Session"},
    "col.role": {"en": "Role", "fr": "Rôle"},
    "col.discipline": {"en": "Discipline", "fr": "Discipline"},
    "col.activity": {"en": "Activity", "fr": "Activité"},
    "col.stance": {"en": "Stance", "fr": "Position"},
    # charts
    "axis.share_reached": {"en": "Share of filtered participants who voiced it", "fr": "Part des participants filtrés l'ayant exprimé"},
    "hover.reached": {"en": "{n} of {total} participants", "fr": "{n} participants sur {total}"},
    "hover.excerpts": {"en": "{n} excerpts", "fr": "{n} extraits"},
    "chart.data": {"en": "Data behind this chart", "fr": "Données de ce graphique"},
    "chart.download": {"en": "Download CSV", "fr": "Télécharger le CSV"},
    # @themes (page strings: insert below this line, keys prefixed "themes.")
    # @voices
    # @sessions
    # @evidence
    # @compare
    # @rules
    # @archive
}


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values) -> str:
    """The UI string `key` in `lang`, with `{placeholders}` filled in."""
    entry = CATALOGUE[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def tn(key: str, n: int, lang: str = DEFAULT_LANGUAGE, **values) -> str:
    """Like t, but picks the `<key>.one` variant when n is 1 (and the catalogue has one)."""
    if n == 1 and f"{key}.one" in CATALOGUE:
        key = f"{key}.one"
    return t(key, lang, **values)


def normalise_language(value: str | None) -> str:
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


# --- numbers ------------------------------------------------------------------------------


def fmt_int(n, lang: str) -> str:
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
