"""Every UI string in English and French, and numbers formatted for each language.

Data text (theme labels, roles, ...) is not here: it comes from the export's `_fr` columns.
"""

from __future__ import annotations

import math

from findings.privacy import blanked

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
    "audience.public": {
        "en": "🔒 Public view: quotes appear only from people who agreed to be quoted publicly; the "
        "others still count in every number.",
        "fr": "🔒 Vue publique : seules apparaissent les citations des personnes qui ont accepté d'être "
        "citées publiquement ; les autres comptent dans tous les chiffres.",
    },
    "audience.research": {
        "en": "🔬 Research view: quotes from people who agreed to public or research use are shown. "
        "Not for public presentation.",
        "fr": "🔬 Vue recherche : les citations des personnes ayant accepté un usage public ou de "
        "recherche sont affichées. Pas pour une présentation publique.",
    },
    "cell.suppressed": {"en": "suppressed", "fr": "masqué"},
    "cell.fewer": {"en": "fewer than {k}", "fr": "moins de {k}"},
    "cell.notice": {
        "en": "Counts resting on fewer than {k} people are suppressed in this public view (and, where "
        "they add up to a total shown here, the next smallest with them), so nobody can be singled out.",
        "fr": "Les effectifs qui reposent sur moins de {k} personnes sont masqués dans cette vue publique "
        "(et, s'ils s'additionnent en un total affiché ici, le plus petit suivant avec eux), pour que "
        "personne ne puisse être identifié.",
    },
    "cell.too_few": {
        "en": "These filters leave fewer than {k} people, or fewer than {k} who spoke to them: too few to "
        "show in a public view without pointing at someone. Widen the filters to see the findings.",
        "fr": "Ces filtres laissent moins de {k} personnes, ou moins de {k} qui en ont parlé : trop peu pour "
        "une vue publique sans désigner quelqu'un. Élargissez les filtres pour voir les résultats.",
    },
    "cell.hover": {
        "en": "suppressed: rests on fewer than {k} people, or hidden with such a count so that totals "
        "cannot reveal it",
        "fr": "masqué : repose sur moins de {k} personnes, ou masqué avec un tel effectif pour que les "
        "totaux ne le révèlent pas",
    },
    "cell.invalid": {
        "en": "FINDINGS_MIN_CELL is {value!r}, which is not a whole number of at least 0: counts under {k} "
        "people are suppressed.",
        "fr": "FINDINGS_MIN_CELL vaut {value!r}, qui n'est pas un entier d'au moins 0 : les effectifs de "
        "moins de {k} personnes sont masqués.",
    },
    "audience.invalid": {
        "en": "FINDINGS_AUDIENCE is {value!r}, which is neither public nor research: showing the public view.",
        "fr": "FINDINGS_AUDIENCE vaut {value!r}, ni public ni research : la vue publique est affichée.",
    },
    "report.download": {"en": "Download report", "fr": "Télécharger le rapport"},
    "report.help": {
        "en": "One HTML file with these numbers, charts, rules and quotes, for these filters and this "
        "language; it opens in any browser without a network.",
        "fr": "Un fichier HTML avec ces chiffres, graphiques, règles et citations, pour ces filtres et "
        "cette langue ; il s'ouvre dans tout navigateur, sans réseau.",
    },
    "report.generated": {"en": "Generated on {date}", "fr": "Produit le {date}"},
    "report.themes": {"en": "How widely each theme was voiced", "fr": "L'ampleur de chaque thème"},
    "share.title": {"en": "Copy link to this view", "fr": "Copier le lien de cette vue"},
    "share.help": {
        "en": "The copy button at the right of the link copies it; opened anywhere, it shows this exact view.",
        "fr": "Le bouton de copie à droite du lien le copie ; ouvert ailleurs, il montre exactement cette vue.",
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
    "notice.illustrative_short": {
        "en": "Illustrative data: public facts are real, every record is invented. Do not cite these numbers.",
        "fr": "Données illustratives : faits publics réels, enregistrements inventés. Ne citez pas ces chiffres.",
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
        "en": "Showing {shown} of {total} excerpts ({withheld} of them withheld for consent: their words are not shown to this audience, but they count)",
        "fr": "{shown} extraits affichés sur {total} (dont {withheld} masqués faute de consentement : leurs mots ne sont pas montrés à ce public, mais ils comptent)",
    },
    "excerpts.withheld": {"en": "Quote withheld (consent)", "fr": "Citation masquée (consentement)"},
    "excerpts.group": {"en": "(group)", "fr": "(groupe)"},
    "excerpts.no_text": {"en": "(no text recorded)", "fr": "(aucun texte enregistré)"},
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
    # presenter mode
    "nav.present": {"en": "Present", "fr": "Présenter"},
    "present.counter": {"en": "Slide {n} of {total}", "fr": "Diapositive {n} sur {total}"},
    "present.filtered": {"en": "this slide has its own filters", "fr": "cette diapositive a ses propres filtres"},
    "present.story_invalid": {
        "en": "The story file cannot be used, so the default story is shown: {error}",
        "fr": "Le fichier de récit est inutilisable : le récit par défaut est affiché. {error}",
    },
    "present.title_line": {
        "en": "{participants} participants · {sessions} sessions",
        "fr": "{participants} participants · {sessions} sessions",
    },
    "present.by_discipline": {"en": "Who voiced which theme", "fr": "Qui a exprimé quel thème"},
    "present.rule_number": {"en": "Rule {number}", "fr": "Règle {number}"},
    "present.rule_themes": {"en": "Rests on: {themes}", "fr": "Repose sur : {themes}"},
    "present.rule_reach": {"en": "Participants who voiced its themes", "fr": "Participants ayant exprimé ses thèmes"},
    "present.rule_evidence": {"en": "{n} of {total} · {excerpts} excerpts", "fr": "{n} sur {total} · {excerpts} extraits"},
    "present.closing": {"en": "Eight rules for AI", "fr": "Huit règles pour l'IA"},
    "present.source": {"en": "Source: {sources}", "fr": "Source : {sources}"},
    "present.previous": {"en": "Previous", "fr": "Précédente"},
    "present.next": {"en": "Next", "fr": "Suivante"},
    "present.keys": {
        "en": "← → keys move between slides. Public view: only public-consent quotes.",
        "fr": "Les touches ← → changent de diapositive. Vue publique : seules les citations consenties publiquement.",
    },
    # @themes (page strings: insert below this line, keys prefixed "themes.")
    "themes.hover_codes": {"en": "Code applications: {n}", "fr": "Codages : {n}"},
    "nav.themes": {"en": "Themes", "fr": "Thèmes"},
    "themes.title": {"en": "Themes", "fr": "Thèmes"},
    "themes.intro": {
        "en": "Which themes came up, how widely, among whom, in what spirit, and which themes came up together.",
        "fr": "Quels thèmes sont apparus, avec quelle ampleur, chez qui, dans quel esprit, et lesquels vont ensemble.",
    },
    "themes.prevalence": {"en": "How widely each theme was voiced", "fr": "L'ampleur de chaque thème"},
    "themes.sentence.participants.one": {
        "en": "{themes} was voiced by {share} of the filtered participants ({count} of {total}), the most of any theme",
        "fr": "{themes} a été exprimé par {share} des participants filtrés ({count} sur {total}), plus que tout autre thème",
    },
    "themes.sentence.participants": {
        "en": "{themes} were each voiced by {share} of the filtered participants ({count} of {total}), the most of any theme",
        "fr": "{themes} ont chacun été exprimés par {share} des participants filtrés ({count} sur {total}), plus que tout autre thème",
    },
    "themes.sentence.excerpts.one": {
        "en": "Of all themes, {themes} was coded on the most excerpts ({count})",
        "fr": "De tous les thèmes, {themes} a été codé sur le plus d'extraits ({count})",
    },
    "themes.sentence.excerpts": {
        "en": "Of all themes, {themes} were each coded on the most excerpts ({count})",
        "fr": "De tous les thèmes, {themes} ont chacun été codés sur le plus d'extraits ({count})",
    },
    "themes.sentence.codes.one": {
        "en": "Of all themes, {themes} was applied most often (code applications: {count})",
        "fr": "De tous les thèmes, {themes} a été appliqué le plus souvent (codages : {count})",
    },
    "themes.sentence.codes": {
        "en": "Of all themes, {themes} were each applied most often (code applications: {count})",
        "fr": "De tous les thèmes, {themes} ont chacun été appliqués le plus souvent (codages : {count})",
    },
    "themes.sentence.where.one": {
        "en": "; it is most widespread in {disciplines} ({count} of {total} participants, {share}).",
        "fr": " ; c'est en {disciplines} qu'il est le plus répandu ({count} participants sur {total}, {share}).",
    },
    "themes.sentence.where": {
        "en": "; it is most widespread in {disciplines} ({share} of participants in each).",
        "fr": " ; c'est en {disciplines} qu'il est le plus répandu ({share} des participants dans chacune).",
    },
    "themes.sentence.end": {"en": ".", "fr": "."},
    "themes.and": {"en": " and ", "fr": " et "},
    "themes.list_separator": {"en": ", ", "fr": ", "},
    "themes.axis_filtered": {"en": "{axis} (filters applied)", "fr": "{axis} (filtres appliqués)"},
    "themes.caption.participants": {
        "en": "Counted: participants reached, i.e. distinct participants with at least one excerpt coded "
        "with the theme, as a share of the {total} participants the filters keep (group-level passages "
        "reach no participant). {scope}",
        "fr": "Compté : participants atteints, c'est-à-dire participants distincts ayant au moins un extrait "
        "codé avec le thème, en part des {total} participants retenus par les filtres (les passages "
        "collectifs n'atteignent aucun participant). {scope}",
    },
    "themes.caption.excerpts": {
        "en": "Counted: distinct coded excerpts carrying the theme, out of {total} excerpts under the filters; "
        "an excerpt can carry several themes, so the bars add up to more. {scope}",
        "fr": "Compté : extraits codés distincts portant le thème, sur {total} extraits avec ces filtres ; "
        "un extrait peut porter plusieurs thèmes, la somme des barres dépasse donc ce total. {scope}",
    },
    "themes.caption.codes": {
        "en": "Counted: code applications, one per theme applied to an excerpt ({total} in all under the "
        "filters). {scope}",
        "fr": "Compté : codages, un par thème appliqué à un extrait ({total} au total avec ces filtres). {scope}",
    },
    "themes.pick": {"en": "Read the excerpts of a theme", "fr": "Lire les extraits d'un thème"},
    "themes.pick_none": {"en": "— no theme selected —", "fr": "— aucun thème choisi —"},
    "themes.pick_help": {
        "en": "Or click a bar in the chart above. The choice is kept in the link.",
        "fr": "Ou cliquez sur une barre du graphique ci-dessus. Le choix est conservé dans le lien.",
    },
    "themes.pick_hint": {
        "en": "Click a bar, or choose a theme above, to read its excerpts here.",
        "fr": "Cliquez sur une barre, ou choisissez un thème ci-dessus, pour en lire les extraits ici.",
    },
    "themes.excerpts_title": {"en": "Excerpts coded “{theme}”", "fr": "Extraits codés « {theme} »"},
    "themes.by_discipline": {"en": "Who voiced which theme", "fr": "Qui a exprimé quel thème"},
    "themes.by_discipline_caption": {
        "en": "Each cell: the share of a discipline's filtered participants who voiced the theme "
        "(hover for n of N). Counted: participants reached; group-level passages have no discipline "
        "and are left out. Small disciplines swing widely: one person can be 100%.",
        "fr": "Chaque case : la part des participants filtrés d'une discipline ayant exprimé le thème "
        "(survolez pour n sur N). Compté : participants atteints ; les passages collectifs n'ont pas de "
        "discipline et sont exclus. Les petites disciplines varient fortement : une personne peut faire 100 %.",
    },
    "themes.share": {"en": "Share", "fr": "Part"},
    "themes.stance": {"en": "In what spirit: the stance behind each theme", "fr": "Dans quel esprit : la position derrière chaque thème"},
    "themes.stance_caption": {
        "en": "Counted: code applications (one per theme applied to an excerpt), {n} with a stance under the "
        "filters. Left out: code applications without a stance ({none}).",
        "fr": "Compté : codages (un par thème appliqué à un extrait), dont {n} avec une position avec ces "
        "filtres. Exclus : codages sans position ({none}).",
    },
    "themes.stance_hover": {
        "en": "{n} of {total} code applications with a stance ({share})",
        "fr": "{n} codages sur {total} avec une position ({share})",
    },
    "themes.no_stance": {
        "en": "No code application under these filters carries a stance.",
        "fr": "Aucun codage ne porte de position avec ces filtres.",
    },
    "themes.cooc": {"en": "Themes that come up together", "fr": "Les thèmes qui vont ensemble"},
    "themes.cooc_label": {"en": "Show", "fr": "Afficher"},
    "themes.cooc.count": {"en": "Shared excerpts", "fr": "Extraits partagés"},
    "themes.cooc.jaccard": {"en": "Jaccard similarity", "fr": "Similarité de Jaccard"},
    "themes.cooc_help": {
        "en": "Shared excerpts: how many excerpts carry both themes. Jaccard similarity: shared excerpts "
        "divided by the excerpts carrying either theme (0 = never together, 1 = always together), "
        "which corrects for how common each theme is.",
        "fr": "Extraits partagés : nombre d'extraits portant les deux thèmes. Similarité de Jaccard : extraits "
        "partagés divisés par les extraits portant l'un ou l'autre (0 = jamais ensemble, 1 = toujours "
        "ensemble), ce qui corrige l'effet de la fréquence de chaque thème.",
    },
    "themes.cooc_caption.count": {
        "en": "Counted: excerpts coded with both themes, under the filters. The diagonal (a theme with "
        "itself) is left blank; hover it for the theme's own number of excerpts.",
        "fr": "Compté : extraits codés avec les deux thèmes, avec ces filtres. La diagonale (un thème avec "
        "lui-même) est laissée vide ; survolez-la pour le nombre d'extraits du thème.",
    },
    "themes.cooc_caption.jaccard": {
        "en": "Jaccard similarity = excerpts carrying both themes ÷ excerpts carrying either (|A∩B| / |A∪B|), "
        "counted in excerpts under the filters. The diagonal (always 1) is left blank.",
        "fr": "Similarité de Jaccard = extraits portant les deux thèmes ÷ extraits portant l'un ou l'autre "
        "(|A∩B| / |A∪B|), comptée en extraits avec ces filtres. La diagonale (toujours 1) est laissée vide.",
    },
    "themes.cooc_hover.count": {
        "en": "Excerpts carrying both: {n}",
        "fr": "Extraits portant les deux : {n}",
    },
    "themes.cooc_hover.jaccard": {
        "en": "Jaccard {value}: {n} of the {either} excerpts carrying either carry both",
        "fr": "Jaccard {value} : {n} des {either} extraits portant l'un ou l'autre portent les deux",
    },
    "themes.cooc_hover.diagonal": {"en": "Excerpts carrying this theme: {n}", "fr": "Extraits portant ce thème : {n}"},
    "themes.no_pairs": {
        "en": "No excerpt carries two of these themes under the filters.",
        "fr": "Aucun extrait ne porte deux de ces thèmes avec ces filtres.",
    },
    "themes.sentence.shown_only": {
        "en": " Themes whose counts are suppressed are left out of this comparison.",
        "fr": " Les thèmes dont les effectifs sont masqués sont exclus de cette comparaison.",
    },
    "themes.excerpts_suppressed": {
        "en": "This theme's counts are suppressed under these filters (it rests on fewer than {k} people, "
        "or is hidden with such a theme), so its excerpts are not listed here: their number would give "
        "the count away. Widen the filters to read them.",
        "fr": "Les effectifs de ce thème sont masqués avec ces filtres (il repose sur moins de {k} personnes, "
        "ou est masqué avec un tel thème) : ses extraits ne sont donc pas listés ici, car leur nombre "
        "révélerait l'effectif. Élargissez les filtres pour les lire.",
    },
    "themes.stance_caption_suppressed": {
        "en": "Counted: code applications (one per theme applied to an excerpt) with a stance, under the "
        "filters; code applications without a stance are left out. No total is given here, as some "
        "themes' counts are suppressed.",
        "fr": "Compté : codages (un par thème appliqué à un extrait) avec une position, avec ces filtres ; "
        "les codages sans position sont exclus. Aucun total n'est donné ici, car les effectifs de certains "
        "thèmes sont masqués.",
    },
    "themes.rule_evidence_suppressed": {
        "en": "evidence suppressed: its themes were voiced by fewer than {k} people under these filters",
        "fr": "éléments masqués : ses thèmes ont été exprimés par moins de {k} personnes avec ces filtres",
    },
    # @voices
    "nav.voices": {"en": "Voices", "fr": "Voix"},
    "voices.title": {"en": "Voices: who took part", "fr": "Les voix : qui a participé"},
    "voices.people": {"en": "{count} participants", "fr": "{count} participants"},
    "voices.people.one": {"en": "1 participant", "fr": "1 participant"},
    "voices.sessions": {"en": "{count} sessions", "fr": "{count} sessions"},
    "voices.sessions.one": {"en": "1 session", "fr": "1 session"},
    "voices.persons": {"en": "{count} people", "fr": "{count} personnes"},
    "voices.persons.one": {"en": "1 person", "fr": "1 personne"},
    "voices.sentence": {
        "en": "{people} in {sessions}; the largest group is {discipline} ({size}, {share}).",
        "fr": "{people} dans {sessions} ; le groupe le plus nombreux est {discipline} ({size}, {share}).",
    },
    "voices.sentence_one_discipline": {
        "en": "{people} in {sessions}, all from {discipline}.",
        "fr": "{people} dans {sessions}, tous de la discipline {discipline}.",
    },
    "voices.by_session": {"en": "Who came to each session", "fr": "Qui est venu à chaque session"},
    "voices.colour_by": {"en": "Split the session bars by", "fr": "Découper les barres des sessions selon"},
    "voices.colour_by_help": {
        "en": "Split each session's bar by the participants' discipline or by their role.",
        "fr": "Découper la barre de chaque session selon la discipline ou le rôle des participants.",
    },
    "voices.composition": {"en": "Disciplines and their roles", "fr": "Les disciplines et leurs rôles"},
    "voices.composition_help": {
        "en": "Inner ring: disciplines; outer ring: the roles within each. Click a discipline to zoom in, "
        "click the centre to zoom out.",
        "fr": "Anneau intérieur : les disciplines ; anneau extérieur : les rôles de chacune. Cliquez sur une "
        "discipline pour zoomer, au centre pour revenir.",
    },
    "voices.list": {"en": "The participants", "fr": "Les participants"},
    "voices.axis_people": {"en": "Participants (people)", "fr": "Participants (personnes)"},
    "voices.hover_segment": {
        "en": "{n} of the {total} participants in this session",
        "fr": "{n} des {total} participants de cette session",
    },
    "voices.hover_ring": {"en": "{n} participants ({share} of those shown)", "fr": "{n} participants ({share} des personnes affichées)"},
    "voices.people_caption": {
        "en": "Counted: people, i.e. the {total} participants the discipline, role, session and venue filters "
        "keep. The activity, theme-group and stance filters do not change who took part; they change only "
        "the excerpt counts in the table below.",
        "fr": "Compté : des personnes, c'est-à-dire les {total} participants retenus par les filtres de "
        "discipline, rôle, session et lieu. Les filtres d'activité, de groupe de thèmes et de position ne "
        "changent pas qui a participé ; ils ne changent que le nombre d'extraits du tableau ci-dessous.",
    },
    "voices.table_caption": {
        "en": "Participants by pseudonymous id. Coded excerpts: distinct passages by that person under every "
        "filter ({spoke} of {total} have at least one; group-level passages have no speaker).",
        "fr": "Participants par identifiant pseudonyme. Extraits codés : passages distincts de cette personne, "
        "tous filtres appliqués ({spoke} sur {total} en ont au moins un ; les passages collectifs n'ont pas "
        "d'orateur).",
    },
    "voices.col_participant": {"en": "Participant", "fr": "Participant"},
    "voices.col_excerpts": {"en": "Coded excerpts", "fr": "Extraits codés"},
    "voices.sentence_plain": {"en": "{people} in {sessions}.", "fr": "{people} dans {sessions}."},
    "voices.people_caption_public": {
        "en": "Counted: people, i.e. the {total} participants the discipline, role, session and venue filters "
        "keep. The activity, theme-group and stance filters do not change who took part.",
        "fr": "Compté : des personnes, c'est-à-dire les {total} participants retenus par les filtres de "
        "discipline, rôle, session et lieu. Les filtres d'activité, de groupe de thèmes et de position ne "
        "changent pas qui a participé.",
    },
    "voices.suppressed_parts": {
        "en": "Not drawn, as suppressed (fewer than {k} people, or hidden with such a count): {parts}.",
        "fr": "Non tracés car masqués (moins de {k} personnes, ou masqués avec un tel effectif) : {parts}.",
    },
    "voices.list_research_only": {
        "en": "The list of individual participants is shown only in research deployments. This public view "
        "counts people but never lists them one by one.",
        "fr": "La liste des participants un par un n'est affichée que dans les déploiements de recherche. Cette "
        "vue publique compte les personnes mais ne les liste jamais individuellement.",
    },
    # @sessions
    "nav.sessions": {"en": "Sessions", "fr": "Sessions"},
    "sessions.cards": {"en": "The sessions", "fr": "Les sessions"},
    "sessions.cards_caption": {
        "en": "A session is shown when the session and venue filters keep it and, under a discipline or "
        "role filter, at least one of its participants matches; sessions the filters exclude are left "
        "out. Sizes and discipline mixes count the filtered participants.",
        "fr": "Une session apparaît si les filtres de session et de lieu la retiennent et, avec un filtre de "
        "discipline ou de rôle, si au moins un de ses participants y correspond ; les sessions exclues "
        "par les filtres ne sont pas affichées. Effectifs et disciplines comptent les participants filtrés.",
    },
    "sessions.month.1": {"en": "Jan", "fr": "janv."},
    "sessions.month.2": {"en": "Feb", "fr": "févr."},
    "sessions.month.3": {"en": "Mar", "fr": "mars"},
    "sessions.month.4": {"en": "Apr", "fr": "avr."},
    "sessions.month.5": {"en": "May", "fr": "mai"},
    "sessions.month.6": {"en": "Jun", "fr": "juin"},
    "sessions.month.7": {"en": "Jul", "fr": "juil."},
    "sessions.month.8": {"en": "Aug", "fr": "août"},
    "sessions.month.9": {"en": "Sep", "fr": "sept."},
    "sessions.month.10": {"en": "Oct", "fr": "oct."},
    "sessions.month.11": {"en": "Nov", "fr": "nov."},
    "sessions.month.12": {"en": "Dec", "fr": "déc."},
    "sessions.date": {"en": "{day} {month} {year}", "fr": "{day} {month} {year}"},
    "sessions.no_date": {"en": "Date not recorded", "fr": "Date non renseignée"},
    "sessions.duration": {"en": "{hours} h {minutes} min", "fr": "{hours} h {minutes}"},
    "sessions.duration_hours": {"en": "{hours} h", "fr": "{hours} h"},
    "sessions.no_duration": {"en": "Duration not recorded", "fr": "Durée non renseignée"},
    "sessions.size": {"en": "{count} of {total} participants", "fr": "{count} participants sur {total}"},
    "sessions.size.one": {"en": "1 of {total} participants", "fr": "1 participant sur {total}"},
    "sessions.size_all": {"en": "{count} participants", "fr": "{count} participants"},
    "sessions.size_all.one": {"en": "1 participant", "fr": "1 participant"},
    "sessions.mix": {"en": "Disciplines: {mix}", "fr": "Disciplines : {mix}"},
    "sessions.mix_none": {"en": "No participant kept by the filters", "fr": "Aucun participant retenu par les filtres"},
    "sessions.voiced": {
        "en": "Coded excerpts: {excerpts} · participants reached: {reached}",
        "fr": "Extraits codés : {excerpts} · participants atteints : {reached}",
    },
    "sessions.by_activity": {"en": "Which method surfaced which theme", "fr": "Quelle méthode a fait émerger quel thème"},
    "sessions.by_session": {"en": "Which session voiced which theme", "fr": "Quelle session a exprimé quel thème"},
    "sessions.sentence.participants": {
        "en": "{activity} surfaced {theme} for the most participants: {count} of {total} ({share}).",
        "fr": "{activity} a fait émerger {theme} chez le plus de participants : {count} sur {total} ({share}).",
    },
    "sessions.sentence.excerpts": {
        "en": "{activity} surfaced {theme} most often ({count} excerpts).",
        "fr": "{activity} a fait émerger {theme} le plus souvent ({count} extraits).",
    },
    "sessions.sentence.excerpts.one": {
        "en": "{activity} surfaced {theme} most often (1 excerpt).",
        "fr": "{activity} a fait émerger {theme} le plus souvent (1 extrait).",
    },
    "sessions.sentence.codes": {
        "en": "{activity} surfaced {theme} most often ({count} code applications).",
        "fr": "{activity} a fait émerger {theme} le plus souvent ({count} codages).",
    },
    "sessions.sentence.codes.one": {
        "en": "{activity} surfaced {theme} most often (1 code application).",
        "fr": "{activity} a fait émerger {theme} le plus souvent (1 codage).",
    },
    "sessions.activity_cells.participants": {
        "en": "Each cell: the share of the {total} filtered participants who voiced the theme during that "
        "activity (hover for counts). Group-level passages reach no participant.",
        "fr": "Chaque case : la part des {total} participants filtrés ayant exprimé le thème pendant cette "
        "activité (survol : effectifs). Les passages collectifs n'atteignent aucun participant.",
    },
    "sessions.activity_cells.excerpts": {
        "en": "Each cell: distinct coded excerpts from that activity carrying the theme ({total} filtered participants).",
        "fr": "Chaque case : extraits codés distincts issus de cette activité et portant le thème ({total} participants filtrés).",
    },
    "sessions.activity_cells.codes": {
        "en": "Each cell: code applications from that activity (a passage carrying several themes counts once "
        "per theme; {total} filtered participants).",
        "fr": "Chaque case : codages issus de cette activité (un passage portant plusieurs thèmes compte une "
        "fois par thème ; {total} participants filtrés).",
    },
    "sessions.session_cells.participants": {
        "en": "Each cell: the share of that session's filtered participants who voiced the theme (hover for counts).",
        "fr": "Chaque case : la part des participants filtrés de cette session ayant exprimé le thème (survol : effectifs).",
    },
    "sessions.session_cells.excerpts": {
        "en": "Each cell: distinct coded excerpts from that session carrying the theme.",
        "fr": "Chaque case : extraits codés distincts de cette session portant le thème.",
    },
    "sessions.session_cells.codes": {
        "en": "Each cell: code applications in that session (a passage carrying several themes counts once per theme).",
        "fr": "Chaque case : codages de cette session (un passage portant plusieurs thèmes compte une fois par thème).",
    },
    "sessions.no_activity": {"en": "Activity not recorded", "fr": "Activité non renseignée"},
    "sessions.hover_codes": {"en": "{n} code applications", "fr": "{n} codages"},
    "sessions.size_suppressed": {
        "en": "Participants kept by the filters: suppressed (of {total} in the session)",
        "fr": "Participants retenus par les filtres : masqué (sur {total} dans la session)",
    },
    "sessions.mix_suppressed": {"en": "suppressed: {labels}", "fr": "masqués : {labels}"},
    # @evidence
    "nav.evidence": {"en": "Evidence", "fr": "Extraits"},
    "evidence.title": {"en": "Evidence: the excerpts", "fr": "Les extraits, la matière des résultats"},
    "evidence.search": {"en": "Search the excerpts", "fr": "Rechercher dans les extraits"},
    "evidence.search_placeholder": {
        "en": "Words to find (case and accents ignored), then Enter",
        "fr": "Mots à trouver (casse et accents ignorés), puis Entrée",
    },
    "evidence.search_help": {
        "en": "Finds the words anywhere in an excerpt. Only quotable excerpts are searched, so a match "
        "never reveals withheld words.",
        "fr": "Trouve les mots n'importe où dans un extrait. Seuls les extraits citables sont parcourus : "
        "un résultat ne révèle jamais des propos masqués.",
    },
    "evidence.themes": {"en": "Themes", "fr": "Thèmes"},
    "evidence.themes_placeholder": {"en": "All themes", "fr": "Tous les thèmes"},
    "evidence.themes_help": {
        "en": "Keep excerpts coded with any of these themes. The number after each theme is its excerpts "
        "under the sidebar filters.",
        "fr": "Garder les extraits codés avec l'un de ces thèmes. Le nombre après chaque thème est son nombre "
        "d'extraits avec les filtres de la barre latérale.",
    },
    "evidence.theme_option": {"en": "{label} ({n})", "fr": "{label} ({n})"},
    "evidence.matches": {"en": "{count} excerpts match", "fr": "{count} extraits correspondent"},
    "evidence.matches.one": {"en": "1 excerpt matches", "fr": "1 extrait correspond"},
    "evidence.withheld_some": {"en": "{count} are withheld for consent", "fr": "{count} sont masqués faute de consentement"},
    "evidence.withheld_some.one": {"en": "1 is withheld for consent", "fr": "1 est masqué faute de consentement"},
    "evidence.withheld_none": {"en": "none is withheld", "fr": "aucun n'est masqué"},
    "evidence.top_activity": {
        "en": "the largest share comes from {activity} ({n})",
        "fr": "la plus grande part vient de l'activité {activity} ({n})",
    },
    "evidence.no_match": {
        "en": "No excerpt matches this search or theme choice under the sidebar filters: try fewer words "
        "or another theme.",
        "fr": "Aucun extrait ne correspond à cette recherche ou à ces thèmes avec les filtres de la barre "
        "latérale : essayez moins de mots ou un autre thème.",
    },
    "evidence.range": {"en": "Excerpts {first}–{last} of {total}", "fr": "Extraits {first} à {last} sur {total}"},
    "evidence.page": {"en": "Page", "fr": "Page"},
    "evidence.page_of": {"en": "of {pages}", "fr": "sur {pages}"},
    "evidence.previous": {"en": "Previous", "fr": "Précédents"},
    "evidence.next": {"en": "Next", "fr": "Suivants"},
    "evidence.withheld_why": {
        "en": "The speaker did not consent to public quotation; the passage still counts.",
        "fr": "La personne n'a pas consenti à être citée publiquement ; le passage compte quand même.",
    },
    "evidence.counted": {
        "en": "Counted: excerpts, i.e. distinct coded passages. Each shows all its theme tags, including "
        "ones not chosen above. Withheld quotes count but are not shown or searched.",
        "fr": "Compté : des extraits, c'est-à-dire des passages codés distincts. Chacun montre tous ses thèmes, "
        "y compris ceux qui ne sont pas choisis ci-dessus. Les citations masquées comptent mais ne sont ni "
        "affichées ni parcourues.",
    },
    "evidence.download_csv": {"en": "CSV", "fr": "CSV"},
    "evidence.download_parquet": {"en": "Parquet", "fr": "Parquet"},
    "evidence.download_caption": {
        "en": "Download all {count} matching excerpts, not only this page (withheld quotes left empty, "
        "withheld = true; labels in the interface language).",
        "fr": "Télécharger les {count} extraits correspondants, pas seulement cette page (citations masquées "
        "laissées vides, withheld = true ; libellés dans la langue de l'interface).",
    },
    "evidence.download_caption.one": {
        "en": "Download the matching excerpt (withheld quotes left empty, withheld = true; labels in the "
        "interface language).",
        "fr": "Télécharger l'extrait correspondant (citations masquées laissées vides, withheld = true ; "
        "libellés dans la langue de l'interface).",
    },
    "evidence.no_text": {"en": "(no text recorded)", "fr": "(aucun texte enregistré)"},
    "evidence.matches_suppressed": {
        "en": "The matching excerpts come from fewer than {k} people, so their count (and how many are "
        "withheld) is suppressed in this public view. The quotes their speakers allow are listed below.",
        "fr": "Les extraits correspondants viennent de moins de {k} personnes : leur nombre (et celui des "
        "citations masquées) est donc masqué dans cette vue publique. Les citations que leurs auteurs "
        "autorisent figurent ci-dessous.",
    },
    "evidence.range_uncounted": {"en": "Excerpts {first}–{last}", "fr": "Extraits {first} à {last}"},
    "evidence.download_caption_uncounted": {
        "en": "Download all the matching excerpts, not only this page (withheld quotes left empty, "
        "withheld = true; labels in the interface language).",
        "fr": "Télécharger tous les extraits correspondants, pas seulement cette page (citations masquées "
        "laissées vides, withheld = true ; libellés dans la langue de l'interface).",
    },
    # @compare
    "nav.compare": {"en": "Compare", "fr": "Comparer"},
    "compare.title": {"en": "Compare two groups", "fr": "Comparer deux groupes"},
    "compare.dim": {"en": "Compare by", "fr": "Comparer selon"},
    "compare.dim_help": {
        "en": "Discipline, role, session and venue compare people. Activity compares the participants "
        "who spoke in each activity (a coded passage there), counting only what they said in it: one "
        "person can then be in both groups.",
        "fr": "Discipline, rôle, session et lieu comparent des personnes. Activité compare les participants "
        "qui se sont exprimés dans chaque activité (un passage codé), en ne comptant que ce qu'ils y ont "
        "dit : une même personne peut alors figurer dans les deux groupes.",
    },
    "compare.a": {"en": "Group A", "fr": "Groupe A"},
    "compare.b": {"en": "Group B", "fr": "Groupe B"},
    "compare.rest": {"en": "Everyone else", "fr": "Tous les autres"},
    "compare.rest_activity": {"en": "All other activities", "fr": "Toutes les autres activités"},
    "compare.who.discipline": {"en": "participants in {value}", "fr": "les participants en {value}"},
    "compare.who.role": {"en": "participants with the role {value}", "fr": "les participants au rôle {value}"},
    "compare.who.session": {"en": "participants in the session {value}", "fr": "les participants de la session {value}"},
    "compare.who.venue": {"en": "participants at {value}", "fr": "les participants du lieu {value}"},
    "compare.who.activity": {"en": "participants during {value}", "fr": "les participants pendant l'activité {value}"},
    "compare.who.rest": {"en": "everyone else", "fr": "tous les autres"},
    "compare.who.rest_activity": {
        "en": "participants during the other activities",
        "fr": "les participants pendant les autres activités",
    },
    "compare.sentence": {
        "en": "{theme}: {first} voiced it {points} points more often than {second} ({first_share} vs "
        "{second_share}); {verdict}.",
        "fr": "{theme} : {first} l'ont exprimé {points} points plus souvent que {second} ({first_share} "
        "contre {second_share}) ; {verdict}.",
    },
    "compare.sentence.one": {
        "en": "{theme}: {first} voiced it {points} point more often than {second} ({first_share} vs "
        "{second_share}); {verdict}.",
        "fr": "{theme} : {first} l'ont exprimé {points} point plus souvent que {second} ({first_share} "
        "contre {second_share}) ; {verdict}.",
    },
    "compare.verdict.apart": {
        "en": "the 95% intervals do not overlap",
        "fr": "les intervalles à 95\u202f% ne se chevauchent pas",
    },
    "compare.verdict.overlap": {
        "en": "the 95% intervals overlap, so this gap may be chance",
        "fr": "les intervalles à 95\u202f% se chevauchent : cet écart peut être dû au hasard",
    },
    "compare.no_gap": {
        "en": "Every theme was voiced by the same share of both groups, to the nearest point.",
        "fr": "Chaque thème a été exprimé par la même part des deux groupes, au point près.",
    },
    "compare.caption": {
        "en": "Counted: participants reached, i.e. distinct participants who voiced the theme at least once, "
        "as a share of each group (A: {a}, n = {n_a}; B: {b}, n = {n_b}). Whiskers are 95% Wilson score "
        "intervals: the smaller the group, the wider they are. Right: the difference A − B in percentage "
        "points, faded where the two intervals overlap ({apart} of {themes} themes do not). The sidebar "
        "filters apply first, then the groups split what remains; group-level passages reach no one.",
        "fr": "Compté : participants atteints, c'est-à-dire participants distincts ayant exprimé le thème au "
        "moins une fois, en part de chaque groupe (A : {a}, n = {n_a} ; B : {b}, n = {n_b}). Les moustaches "
        "sont des intervalles de score de Wilson à 95\u202f% : plus le groupe est petit, plus ils sont larges. "
        "À droite : l'écart A − B en points de pourcentage, estompé quand les deux intervalles se chevauchent "
        "({apart} thèmes sur {themes} ne se chevauchent pas). Les filtres de la barre latérale s'appliquent "
        "d'abord, puis les groupes se partagent ce qui reste ; les passages collectifs n'atteignent personne.",
    },
    "compare.caption_activity": {
        "en": "An activity's group holds the participants who spoke in it (at least one coded passage there, "
        "whatever its theme or stance) and counts only what they said in it, so one person can be in both "
        "groups; passages with no activity are left out.",
        "fr": "Le groupe d'une activité réunit les participants qui s'y sont exprimés (au moins un passage codé, "
        "quels que soient son thème et sa position) et ne compte que ce qu'ils y ont dit : une même personne "
        "peut figurer dans les deux groupes ; les passages sans activité sont écartés.",
    },
    "compare.small": {
        "en": "{group} has only {size} participants: its intervals are wide, so read its differences with care.",
        "fr": "{group} ne compte que {size} participants : ses intervalles sont larges, lisez ses écarts avec prudence.",
    },
    "compare.small.one": {
        "en": "{group} has a single participant: its intervals are very wide, so read its differences with care.",
        "fr": "{group} ne compte qu'un participant : ses intervalles sont très larges, lisez ses écarts avec prudence.",
    },
    "compare.empty_group": {
        "en": "No participant is left in {group} (n = 0) under the sidebar filters, so there is nothing to "
        "compare. Pick another group above, or clear a filter in the sidebar.",
        "fr": "Il ne reste aucun participant dans {group} (n = 0) avec les filtres de la barre latérale : rien "
        "à comparer. Choisissez un autre groupe ci-dessus ou retirez un filtre dans la barre latérale.",
    },
    "compare.no_values": {
        "en": "This data has no value to compare by this dimension: pick another one.",
        "fr": "Ces données n'offrent aucune valeur à comparer selon cette dimension : choisissez-en une autre.",
    },
    "compare.legend": {"en": "{letter}: {group} (n = {n})", "fr": "{letter} : {group} (n = {n})"},
    "compare.axis.share": {
        "en": "Share of the group's participants who voiced it<br>(95% interval)",
        "fr": "Part des participants du groupe l'ayant exprimé<br>(intervalle à 95\u202f%)",
    },
    "compare.axis.difference": {
        "en": "Difference A − B<br>(percentage points)",
        "fr": "Écart A − B<br>(points de pourcentage)",
    },
    "compare.hover.group": {
        "en": "{group}: {k} of {n} participants, {share} (95% interval {low} to {high})",
        "fr": "{group} : {k} participants sur {n}, {share} (intervalle à 95\u202f% : {low} à {high})",
    },
    "compare.hover.difference": {
        "en": "Difference A − B: {points} points",
        "fr": "Écart A − B : {points} points",
    },
    "compare.spread.title": {"en": "Shared or distinctive?", "fr": "Commun ou distinctif ?"},
    "compare.spread.rule": {
        "en": "For each theme: how many disciplines voiced it, and which share of the participants who voiced "
        "it belong to the discipline holding most of them. Distinctive: one discipline holds more than {share} "
        "of them. Shared: voiced in all {n} disciplines the filters keep, none holding more than {share}. "
        "In between: voiced in several but not all, none holding more than {share}.",
        "fr": "Pour chaque thème : combien de disciplines l'ont exprimé, et quelle part des participants qui "
        "l'ont exprimé relève de la discipline qui en réunit le plus. Distinctif : une discipline en réunit plus "
        "de {share}. Commun : exprimé dans les {n} disciplines retenues par les filtres, aucune n'en réunissant "
        "plus de {share}. Intermédiaire : exprimé dans plusieurs disciplines mais pas toutes, aucune n'en "
        "réunissant plus de {share}.",
    },
    "compare.spread.sentence": {
        "en": "Shared by every discipline: {shared} of {themes} themes; distinctive of one discipline: "
        "{distinctive}. The most concentrated is {theme}: {discipline} holds {share} of the participants who "
        "voiced it ({k} of {n}).",
        "fr": "Communs à toutes les disciplines : {shared} thèmes sur {themes} ; distinctifs d'une discipline : "
        "{distinctive}. Le plus concentré est {theme} : {discipline} réunit {share} des participants qui l'ont "
        "exprimé ({k} sur {n}).",
    },
    "compare.spread.caption": {
        "en": "Counted: participants reached, under the sidebar filters (group-level passages have no "
        "discipline). The black tick marks the top discipline's share of all the filtered participants: a bar "
        "well past its tick means that discipline voiced the theme more than its size alone would give.",
        "fr": "Compté : participants atteints, avec les filtres de la barre latérale (les passages collectifs "
        "n'ont pas de discipline). Le trait noir marque la part de la discipline principale parmi tous les "
        "participants filtrés : une barre qui le dépasse nettement signifie que cette discipline a exprimé le "
        "thème plus que sa seule taille ne le donnerait.",
    },
    "compare.spread.one": {
        "en": "The filters leave fewer than two disciplines, so no theme can be shared or distinctive across "
        "them: clear the discipline filter to see this view.",
        "fr": "Les filtres laissent moins de deux disciplines : aucun thème ne peut être commun ou distinctif "
        "entre elles. Retirez le filtre de discipline pour voir cette vue.",
    },
    "compare.spread.shared": {"en": "shared", "fr": "commun"},
    "compare.spread.distinctive": {"en": "distinctive", "fr": "distinctif"},
    "compare.spread.between": {"en": "in between", "fr": "intermédiaire"},
    "compare.spread.unvoiced": {"en": "not voiced", "fr": "non exprimé"},
    "compare.spread.disciplines": {
        "en": "{class_} · {k} of {n} disciplines",
        "fr": "{class_} · {k} disciplines sur {n}",
    },
    "compare.spread.bar": {"en": "{discipline} {share}", "fr": "{discipline} {share}"},
    "compare.spread.bar_tied": {
        "en": "{discipline} and {others} more, {share} each",
        "fr": "{discipline} et {others} autre(s), {share} chacune",
    },
    "compare.spread.axis": {
        "en": "Top discipline's share of the participants who voiced the theme",
        "fr": "Part de la discipline principale parmi les participants ayant exprimé le thème",
    },
    "compare.spread.threshold": {"en": "{share}<br>(distinctive beyond)", "fr": "{share}<br>(distinctif au-delà)"},
    "compare.spread.baseline": {
        "en": "Top discipline's share of all filtered participants",
        "fr": "Part de la discipline principale parmi tous les participants filtrés",
    },
    "compare.spread.hover": {
        "en": "{discipline}: {k} of the {n} participants who voiced it ({share})<br>{discipline} is {baseline} "
        "of the filtered participants<br>Voiced in {d} of {total} disciplines",
        "fr": "{discipline} : {k} des {n} participants l'ayant exprimé ({share})<br>{discipline} représente "
        "{baseline} des participants filtrés<br>Exprimé dans {d} disciplines sur {total}",
    },
    "compare.suppressed": {
        "en": "{a} or {b} has fewer than {k} participants under these filters, so the whole comparison is "
        "suppressed in this public view: with so few people, a share could point at someone. Pick larger "
        "groups above, or clear a filter in the sidebar.",
        "fr": "{a} ou {b} compte moins de {k} participants avec ces filtres : toute la comparaison est donc "
        "masquée dans cette vue publique, car avec si peu de personnes une part pourrait désigner quelqu'un. "
        "Choisissez des groupes plus grands ci-dessus ou retirez un filtre dans la barre latérale.",
    },
    "compare.suppressed_themes": {
        "en": "{count} themes are suppressed: fewer than {k} participants of a group voiced them. They are "
        "listed last, in codebook order, and left out of the count above.",
        "fr": "{count} thèmes sont masqués : moins de {k} participants d'un groupe les ont exprimés. Ils "
        "figurent en dernier, dans l'ordre du codebook, et ne sont pas comptés ci-dessus.",
    },
    "compare.suppressed_themes.one": {
        "en": "1 theme is suppressed: fewer than {k} participants of a group voiced it. It is listed last "
        "and left out of the count above.",
        "fr": "1 thème est masqué : moins de {k} participants d'un groupe l'ont exprimé. Il figure en dernier "
        "et n'est pas compté ci-dessus.",
    },
    "compare.spread.suppressed": {
        "en": "{count} themes are suppressed: they, or their top discipline, rest on fewer than {k} "
        "participants. They are listed last, in codebook order, and not counted in the sentence above.",
        "fr": "{count} thèmes sont masqués : eux ou leur discipline principale reposent sur moins de {k} "
        "participants. Ils figurent en dernier, dans l'ordre du codebook, et ne sont pas comptés ci-dessus.",
    },
    "compare.spread.suppressed.one": {
        "en": "1 theme is suppressed: it, or its top discipline, rests on fewer than {k} participants. It is "
        "listed last and not counted in the sentence above.",
        "fr": "1 thème est masqué : lui ou sa discipline principale repose sur moins de {k} participants. Il "
        "figure en dernier et n'est pas compté ci-dessus.",
    },
    # @rules
    "nav.rules": {"en": "Rules", "fr": "Règles"},
    "rules.absent": {
        "en": "This export set has no rules table, so there are no rules to show.",
        "fr": "Ce jeu d'exports n'a pas de table rules : aucune règle à afficher.",
    },
    "rules.unlinked": {
        "en": "This export set has no rule_themes table: the rules are not linked to themes, so no evidence is shown.",
        "fr": "Ce jeu d'exports n'a pas de table rule_themes : les règles ne sont pas reliées aux thèmes, "
        "aucun élément à l'appui n'est donc affiché.",
    },
    "rules.illustrative": {
        "en": "Which themes support which rule is illustrative in this sample: the mapping was invented for demonstration.",
        "fr": "Le lien entre thèmes et règles est illustratif dans cet échantillon : il a été inventé pour la démonstration.",
    },
    "rules.flow_label": {"en": "Link width", "fr": "Largeur des liens"},
    "rules.flow_help": {
        "en": "Participants reached: distinct participants who voiced the theme. Excerpts: distinct coded passages.",
        "fr": "Participants atteints : participants distincts ayant exprimé le thème. Extraits : passages codés distincts.",
    },
    "rules.sentence": {
        "en": "Rule {number}, {title}, has the widest support: {n} of {total} filtered participants ({share}) "
        "voiced at least one of its themes.",
        "fr": "La règle {number}, {title}, est la plus largement fondée : {n} participants filtrés sur {total} "
        "({share}) ont exprimé au moins un de ses thèmes.",
    },
    "rules.cards": {"en": "The rules and the evidence behind them", "fr": "Les règles et ce qui les fonde"},
    "rules.number": {"en": "Rule {number}", "fr": "Règle {number}"},
    "rules.themes": {"en": "Supporting themes: {themes}", "fr": "Thèmes à l'appui : {themes}"},
    "rules.no_themes": {"en": "No supporting theme is listed for this rule.", "fr": "Aucun thème n'est associé à cette règle."},
    "rules.evidence": {
        "en": "Its themes were voiced by {reached} of {total} participants ({share}), in {sessions} and {disciplines}; {excerpts}.",
        "fr": "Ses thèmes ont été exprimés par {reached} participants sur {total} ({share}), dans {sessions} et {disciplines} ; {excerpts}.",
    },
    "rules.n_sessions": {"en": "{count} sessions", "fr": "{count} sessions"},
    "rules.n_sessions.one": {"en": "1 session", "fr": "1 session"},
    "rules.n_disciplines": {"en": "{count} disciplines", "fr": "{count} disciplines"},
    "rules.n_disciplines.one": {"en": "1 discipline", "fr": "1 discipline"},
    "rules.n_excerpts": {"en": "{count} coded excerpts", "fr": "{count} extraits codés"},
    "rules.n_excerpts.one": {"en": "1 coded excerpt", "fr": "1 extrait codé"},
    "rules.read": {"en": "Read {shown} of its {total} excerpts", "fr": "Lire {shown} de ses {total} extraits"},
    "rules.read.one": {"en": "Read its only excerpt", "fr": "Lire son unique extrait"},
    "rules.no_evidence": {
        "en": "No excerpt under these filters carries its themes.",
        "fr": "Aucun extrait retenu par ces filtres ne porte ses thèmes.",
    },
    "rules.excerpt_meta": {"en": "{session} · {who}", "fr": "{session} · {who}"},
    "rules.flow_title": {"en": "From disciplines to themes to rules", "fr": "Des disciplines aux thèmes, puis aux règles"},
    "rules.flow_caption.participants": {
        "en": "Link width: participants reached. Discipline → theme: distinct participants of that discipline who "
        "voiced the theme. Theme → rule: distinct participants who voiced the theme; a theme sends all of them to "
        "each rule it supports, and a participant who voiced several themes counts in each. Only themes that "
        "support a rule are drawn.",
        "fr": "Largeur des liens : participants atteints. Discipline → thème : participants distincts de la "
        "discipline ayant exprimé le thème. Thème → règle : participants distincts ayant exprimé le thème ; un "
        "thème les envoie tous vers chaque règle qu'il fonde, et un participant ayant exprimé plusieurs thèmes "
        "compte dans chacun. Seuls les thèmes qui fondent une règle sont tracés.",
    },
    "rules.flow_caption.excerpts": {
        "en": "Link width: coded excerpts. Discipline → theme: distinct excerpts by speakers of that discipline "
        "carrying the theme. Theme → rule: all the theme's excerpts, group-level passages included (they have "
        "no discipline); a theme sends all of them to each rule it supports. Only themes that support a rule are drawn.",
        "fr": "Largeur des liens : extraits codés. Discipline → thème : extraits distincts de personnes de la "
        "discipline portant le thème. Thème → règle : tous les extraits du thème, passages collectifs compris "
        "(ils n'ont pas de discipline) ; un thème les envoie tous vers chaque règle qu'il fonde. Seuls les "
        "thèmes qui fondent une règle sont tracés.",
    },
    "rules.hover_link": {"en": "{source} → {target}: {value}", "fr": "{source} → {target} : {value}"},
    "rules.hover_node": {"en": "{label}: {value}", "fr": "{label} : {value}"},
    "rules.unit.participants": {"en": "{n} participants", "fr": "{n} participants"},
    "rules.unit.excerpts": {"en": "{n} excerpts", "fr": "{n} extraits"},
    "rules.evidence_suppressed": {
        "en": "Its evidence is suppressed under these filters: its themes were voiced by fewer than {k} "
        "participants.",
        "fr": "Ce qui la fonde est masqué avec ces filtres : ses thèmes ont été exprimés par moins de {k} "
        "participants.",
    },
    "rules.read_some": {"en": "Read some of its excerpts", "fr": "Lire quelques-uns de ses extraits"},
    "rules.no_quotes": {"en": "No excerpt to show.", "fr": "Aucun extrait à montrer."},
    "rules.flow_suppressed": {
        "en": "{count} links rest on fewer than {k} participants (or were hidden with such a link, so that "
        "totals cannot reveal it): they are suppressed and left out of the flow.",
        "fr": "{count} liens reposent sur moins de {k} participants (ou ont été masqués avec un tel lien, pour "
        "que les totaux ne le révèlent pas) : ils sont masqués et absents du flux.",
    },
    "rules.flow_all_suppressed": {
        "en": "Every link of this flow rests on fewer than {k} participants, or was hidden with such a link so "
        "that totals cannot reveal it: the flow is suppressed in this public view. Widen the filters to see it.",
        "fr": "Chaque lien de ce flux repose sur moins de {k} participants, ou a été masqué avec un tel lien pour "
        "que les totaux ne le révèlent pas : le flux est masqué dans cette vue publique. Élargissez les filtres "
        "pour le voir.",
    },
    "rules.flow_suppressed.one": {
        "en": "1 link rests on fewer than {k} participants: it is suppressed and left out of the flow.",
        "fr": "1 lien repose sur moins de {k} participants : il est masqué et absent du flux.",
    },
    # @archive
    "nav.archive": {"en": "Archive", "fr": "Archives"},
    "archive.not_applied": {
        "en": "Not applied on this page: {filters}.",
        "fr": "Non appliqués sur cette page : {filters}.",
    },
    "archive.sentence": {"en": "{parts} were recorded.", "fr": "Ont été enregistrés : {parts}."},
    "archive.part_video": {"en": "{hours} of film ({size})", "fr": "{hours} de film ({size})"},
    "archive.part_audio": {"en": "{hours} of audio ({size})", "fr": "{hours} d'audio ({size})"},
    "archive.part_photo": {"en": "{count} photos ({size})", "fr": "{count} photos ({size})"},
    "archive.part_photo.one": {"en": "1 photo ({size})", "fr": "1 photo ({size})"},
    "archive.and": {"en": " and ", "fr": " et "},
    "archive.list_separator": {"en": ", ", "fr": ", "},
    "archive.unit_label": {"en": "Show", "fr": "Afficher"},
    "archive.unit.hours": {"en": "Hours", "fr": "Heures"},
    "archive.unit.bytes": {"en": "Size", "fr": "Taille"},
    "archive.unit.files": {"en": "Files", "fr": "Fichiers"},
    "archive.by_session": {"en": "By session and kind", "fr": "Par session et par type"},
    "archive.axis.hours": {"en": "Hours recorded", "fr": "Heures enregistrées"},
    "archive.axis.bytes": {"en": "Size stored (log scale)", "fr": "Volume stocké (échelle log.)"},
    "archive.axis.files": {"en": "Files", "fr": "Fichiers"},
    "archive.bars_caption.hours": {
        "en": "Hours of audio and film per session (photos have no duration).",
        "fr": "Heures d'audio et de film par session (les photos n'ont pas de durée).",
    },
    "archive.bars_caption.bytes": {
        "en": "Bytes stored per session and kind, on a logarithmic scale so that audio and photos stay visible next to film.",
        "fr": "Octets stockés par session et par type, en échelle logarithmique pour que l'audio et les photos restent "
        "visibles à côté du film.",
    },
    "archive.bars_caption.files": {
        "en": "Number of files per session and kind.",
        "fr": "Nombre de fichiers par session et par type.",
    },
    "archive.no_hours": {
        "en": "No recording with a duration under these filters.",
        "fr": "Aucun enregistrement avec une durée pour ces filtres.",
    },
    "archive.treemap": {"en": "Where the bytes are", "fr": "Où sont les octets"},
    "archive.treemap_caption": {
        "en": "Area: bytes stored, by kind then session. {kind} holds {share} of the {total} stored.",
        "fr": "Surface : octets stockés, par type puis par session. {kind} représente {share} des {total} stockés.",
    },
    "archive.no_session": {"en": "No session", "fr": "Sans session"},
    "archive.hover_hours": {"en": "{hours} recorded", "fr": "{hours} enregistrées"},
    # @data
    # the contract's own words (findings/contract.py), in French too; the English must match it
    "data.doc.sessions": {"en": "One row per assembly session.", "fr": "Une ligne par session d'assemblée."},
    "data.doc.participants": {"en": "One row per participant.", "fr": "Une ligne par participant·e."},
    "data.doc.themes": {"en": "The codebook: one row per theme.", "fr": "La grille de codage : une ligne par thème."},
    "data.doc.theme_codes": {
        "en": "One row per application of a theme to an excerpt.",
        "fr": "Une ligne par application d'un thème à un extrait.",
    },
    "data.doc.rules": {"en": "Optional: the rules distilled from the findings.", "fr": "Facultative : les règles tirées des résultats."},
    "data.doc.rule_themes": {"en": "Optional: which themes support which rule.", "fr": "Facultative : quels thèmes appuient quelle règle."},
    "data.doc.media": {
        "en": "Optional: the recorded material, one row per file.",
        "fr": "Facultative : les enregistrements, une ligne par fichier.",
    },
    "data.doc.participants.participant_id": {"en": "pseudonymous id", "fr": "identifiant pseudonyme"},
    "data.doc.participants.role": {"en": "e.g. Director, Composer", "fr": "p. ex. Réalisateur·rice, Compositeur·rice"},
    "data.doc.participants.discipline": {"en": "e.g. Film & TV, Music", "fr": "p. ex. Cinéma et télévision, Musique"},
    "data.doc.participants.quote_consent": {
        "en": "who may read this person's excerpts",
        "fr": "qui peut lire les extraits de cette personne",
    },
    "data.doc.theme_codes.excerpt_id": {"en": "rows sharing it are one passage", "fr": "les lignes qui le partagent forment un passage"},
    "data.doc.theme_codes.participant_id": {"en": "null for group-level passages", "fr": "vide pour les passages du groupe"},
    "data.doc.theme_codes.activity": {"en": "e.g. Tactile modelling", "fr": "p. ex. Modelage tactile"},
    "data.doc.theme_codes.excerpt": {"en": "the passage text", "fr": "le texte du passage"},
    "nav.data": {"en": "Data", "fr": "Données"},
    "data.whole_set": {
        "en": "This page describes the whole export set: the sidebar filters do not apply to it.",
        "fr": "Cette page décrit tout le jeu d'exports : les filtres de la barre latérale ne s'y appliquent pas.",
    },
    "data.sentence": {
        "en": "The loaded export set has {tables} tables and {rows} rows, and it meets the data contract (warnings: {warnings}).",
        "fr": "Le jeu d'exports chargé compte {tables} tables et {rows} lignes, et il respecte le contrat de données (avertissements : {warnings}).",
    },
    "data.loaded": {"en": "What is loaded", "fr": "Ce qui est chargé"},
    "data.field.description": {"en": "Description", "fr": "Description"},
    "data.field.imported": {"en": "Imported", "fr": "Importé"},
    "data.field.upload": {"en": "Your upload, for this browser session only", "fr": "Votre envoi, pour cette session de navigateur uniquement"},
    "data.tables": {"en": "Tables", "fr": "Tables"},
    "data.tables_caption": {
        "en": "As found in the files. Columns outside the contract are listed as other columns; the dashboard does not use them.",
        "fr": "Telles que trouvées dans les fichiers. Les colonnes hors contrat figurent parmi les autres colonnes ; le tableau de bord ne les utilise pas.",
    },
    "data.col.table": {"en": "Table", "fr": "Table"},
    "data.col.kind": {"en": "In the contract", "fr": "Dans le contrat"},
    "data.col.rows": {"en": "Rows", "fr": "Lignes"},
    "data.col.files": {"en": "Files", "fr": "Fichiers"},
    "data.col.columns": {"en": "Columns", "fr": "Colonnes"},
    "data.col.extra": {"en": "Other columns", "fr": "Autres colonnes"},
    "data.table.required": {"en": "required", "fr": "obligatoire"},
    "data.table.optional": {"en": "optional", "fr": "facultative"},
    "data.table.absent": {"en": "(absent)", "fr": "(absente)"},
    "data.files_folder": {"en": "{folder} ({n} parts)", "fr": "{folder} ({n} parties)"},
    "data.validation": {"en": "Validation", "fr": "Validation"},
    "data.validation_caption": {
        "en": "The validator's report: the same lines as `python -m findings validate` prints.",
        "fr": "Le rapport du validateur : les mêmes lignes que celles qu'affiche `python -m findings validate`.",
    },
    "data.download": {"en": "Download", "fr": "Télécharger"},
    "data.download_button": {"en": "Export set (.zip of Parquet files)", "fr": "Jeu d'exports (.zip de fichiers Parquet)"},
    "data.download_public": {
        "en": "Public view: the sessions, the codebook, the rules and the recordings list. The participants and "
        "the coded excerpts (one row per person or per code) are kept for research deployments.",
        "fr": "Vue publique : les sessions, la grille de codage, les règles et la liste des enregistrements. Les "
        "participants et les extraits codés (une ligne par personne ou par code) sont réservés aux "
        "déploiements de recherche.",
    },
    "data.download_research": {
        "en": "Research view: the files as loaded, except the words of people who refused any quotation "
        "(left out of theme_codes; their rows stay). Includes words quotable for research only: not for public sharing.",
        "fr": "Vue recherche : les fichiers tels que chargés, sauf les propos des personnes qui ont refusé toute "
        "citation (retirés de theme_codes ; leurs lignes restent). Contient des propos citables pour la "
        "recherche seulement : à ne pas diffuser publiquement.",
    },
    "data.download_too_big": {
        "en": "The export set is {size}: too large to download from the browser; copy its folder instead.",
        "fr": "Le jeu d'exports pèse {size} : trop pour un téléchargement depuis le navigateur ; copiez plutôt son dossier.",
    },
    "data.upload": {"en": "Your own data", "fr": "Vos propres données"},
    "data.upload_intro": {
        "en": "Upload a .zip of an export set (Parquet or CSV files) or a REFI-QDA project (.qdpx), up to {mb} MB. "
        "It is checked against the data contract and, if valid, shown to you alone in this browser session: it is "
        "never written to the shared data folder, nobody else sees it, and it is gone when the session ends.",
        "fr": "Envoyez un .zip de jeu d'exports (fichiers Parquet ou CSV) ou un projet REFI-QDA (.qdpx), jusqu'à {mb} Mo. "
        "Il est vérifié selon le contrat de données et, s'il est valide, montré à vous seul dans cette session de "
        "navigateur : il n'est jamais écrit dans le dossier de données partagé, personne d'autre ne le voit, et il "
        "disparaît à la fin de la session.",
    },
    "data.upload_label": {"en": "Export set (.zip) or QDA project (.qdpx)", "fr": "Jeu d'exports (.zip) ou projet QDA (.qdpx)"},
    "data.map_label": {"en": "Map file for a .qdpx (optional, .toml)", "fr": "Fichier de correspondance pour un .qdpx (facultatif, .toml)"},
    "data.map_help": {
        "en": "Which case variable is the discipline, the role, the session and the consent. Without it they are "
        "guessed from the variable names, and the import summary shows the mapping used.",
        "fr": "Quelle variable de cas est la discipline, le rôle, la session et le consentement. Sans ce fichier, "
        "elles sont devinées d'après les noms des variables, et le résumé de l'import montre la correspondance utilisée.",
    },
    "data.upload_checking": {"en": "Checking {name}…", "fr": "Vérification de {name}…"},
    "data.upload_ok": {"en": "{name} is loaded for this browser session only.", "fr": "{name} est chargé pour cette session de navigateur uniquement."},
    "data.upload_invalid": {
        "en": "{name} cannot be shown: it does not meet the data contract. Fix these problems and upload it again.",
        "fr": "{name} ne peut pas être affiché : il ne respecte pas le contrat de données. Corrigez ces problèmes puis envoyez-le à nouveau.",
    },
    "data.upload_summary": {"en": "What the import did", "fr": "Ce qu'a fait l'import"},
    "data.upload_back": {"en": "Back to the shared data", "fr": "Revenir aux données partagées"},
    "data.contract": {"en": "The data contract (version {version})", "fr": "Le contrat de données (version {version})"},
    "data.contract_intro": {
        "en": "Each table is one `<table>.parquet` file or a folder `<table>/` of Parquet parts, next to a "
        "`datapackage.json` describing the set. A text column may have a French sibling `<column>_fr`; other extra "
        "columns are ignored.",
        "fr": "Chaque table est un fichier `<table>.parquet` ou un dossier `<table>/` de fichiers Parquet, à côté "
        "d'un `datapackage.json` qui décrit le jeu. Une colonne de texte peut avoir une version française "
        "`<colonne>_fr` ; les autres colonnes en plus sont ignorées.",
    },
    "data.contract_table": {"en": "{table} ({kind})", "fr": "{table} ({kind})"},
    "data.ccol.column": {"en": "Column", "fr": "Colonne"},
    "data.ccol.type": {"en": "Type", "fr": "Type"},
    "data.ccol.rules": {"en": "Constraints", "fr": "Contraintes"},
    "data.rule.required": {"en": "must have a value", "fr": "valeur obligatoire"},
    "data.rule.unique": {"en": "unique", "fr": "unique"},
    "data.rule.references": {"en": "refers to {target}", "fr": "renvoie à {target}"},
    "data.rule.allowed": {"en": "one of {values}", "fr": "parmi {values}"},
    "data.ccol.french": {"en": "French sibling", "fr": "Version française"},
    "data.ccol.about": {"en": "About", "fr": "À propos"},
    "data.kind.string": {"en": "text", "fr": "texte"},
    "data.kind.integer": {"en": "whole number", "fr": "nombre entier"},
    "data.kind.number": {"en": "number", "fr": "nombre"},
    "data.kind.date": {"en": "date", "fr": "date"},
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
