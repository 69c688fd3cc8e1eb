"""The sample's reference data: the public facts about the Imaginative Intelligences Assemblies
(marked as public), and the illustrative choices the generator draws everything else with.

Edit here to change what the sample says; `generate.py` only turns these into rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

VENUE_FR = {"Bradbury Building": "Bradbury Building", "Hearst Estate": "Domaine Hearst"}


@dataclass(frozen=True)
class Session:
    session_id: str
    venue: str
    date: dt.date
    duration_minutes: int
    size: int


# Five sessions of 12-20 people, 91 in all, at two venues (public). Dates, venue per session,
# sizes and durations are illustrative.
SESSIONS: tuple[Session, ...] = (
    Session("S1", "Bradbury Building", dt.date(2025, 1, 25), 360, 18),
    Session("S2", "Hearst Estate", dt.date(2025, 2, 8), 365, 20),
    Session("S3", "Bradbury Building", dt.date(2025, 2, 22), 355, 17),
    Session("S4", "Hearst Estate", dt.date(2025, 3, 8), 360, 16),
    Session("S5", "Bradbury Building", dt.date(2025, 3, 22), 370, 20),
)

# discipline -> French label, in display order
DISCIPLINES: dict[str, str] = {
    "Film & TV": "Cinéma et télévision",
    "Animation": "Animation",
    "Visual arts": "Arts visuels",
    "Music": "Musique",
    "Technology": "Technologie",
    "Research": "Recherche",
    "Digital storytelling": "Narration numérique",
}


@dataclass(frozen=True)
class Role:
    role: str
    role_fr: str
    discipline: str
    count: int  # illustrative head count


# The ten professions are public; how many of each came is not.
ROLES: tuple[Role, ...] = (
    Role("Director", "Réalisateur·rice", "Film & TV", 11),
    Role("Producer", "Producteur·rice", "Film & TV", 8),
    Role("Animator", "Animateur·rice", "Animation", 8),
    Role("Artist", "Artiste", "Visual arts", 14),
    Role("Musician", "Musicien·ne", "Music", 10),
    Role("Composer", "Compositeur·rice", "Music", 7),
    Role("Technologist", "Technologue", "Technology", 12),
    Role("Academic", "Universitaire", "Research", 8),
    Role("Content creator", "Créateur·rice de contenu", "Digital storytelling", 7),
    Role("Storyteller", "Conteur·euse", "Digital storytelling", 6),
)

# Share of each discipline's people who withhold public quoting (at least one per discipline);
# of those, the share who refuse quoting altogether rather than allowing research use.
NON_PUBLIC_SHARE = 0.25
NONE_SHARE_OF_NON_PUBLIC = 0.4

THEME_GROUPS: tuple[tuple[str, str], ...] = (
    ("The conflicting natures of AI and creativity", "Les contradictions entre l'IA et la créativité"),
    ("The impact of AI on the industry", "L'impact de l'IA sur l'industrie des médias"),
    ("The way forward", "La voie à suivre"),
)


@dataclass(frozen=True)
class Theme:
    theme_id: str
    group: int  # index into THEME_GROUPS
    label: str
    label_fr: str
    description: str
    description_fr: str
    weight: float  # illustrative base prevalence


# Labels, groups and French labels are public; descriptions paraphrase the public summaries
# (the English keeps the report's question mark for "AI disrupts value itself").
THEMES: tuple[Theme, ...] = (
    Theme(
        "accelerates-flattens",
        0,
        "AI accelerates but flattens",
        "L'IA accélère mais appauvrit la créativité",
        "Output gets faster, but the struggle and discovery that give art depth go.",
        "La production va plus vite, mais la lutte et la découverte qui donnent sa profondeur "
        "à l'art disparaissent.",
        0.20,
    ),
    Theme(
        "simulation-experience",
        0,
        "Simulation ≠ experience",
        "Simulation ≠ expérience",
        "AI can mimic form but cannot create from lived memory, pain or joy.",
        "L'IA peut imiter une forme, mais elle ne peut pas créer à partir d'une mémoire vécue, "
        "de la douleur ou de la joie.",
        0.17,
    ),
    Theme(
        "disrupts-value",
        0,
        "AI disrupts value itself",
        "L'IA bouleverse la notion même de valeur",
        "If making is instant and cheap, what makes it meaningful or worth paying for?",
        "Si créer devient instantané et bon marché, qu'est-ce qui lui donne du sens ou justifie "
        "qu'on le paie\u00a0?",
        0.12,
    ),
    Theme(
        "friction-matters",
        0,
        "Friction matters",
        "La friction compte",
        "Speed and convenience are not always good; limits and slowness build meaning.",
        "La vitesse et la facilité ne sont pas toujours un bien\u00a0; les limites et la lenteur "
        "construisent le sens.",
        0.10,
    ),
    Theme(
        "shifting-roles",
        1,
        "Artists are shifting roles",
        "Le rôle des artistes change",
        "More curators, editors and system designers than original makers.",
        "Les artistes deviennent davantage commissaires, monteurs et concepteurs de systèmes "
        "que créateurs d'œuvres originales.",
        0.13,
    ),
    Theme(
        "work-under-threat",
        1,
        "Creative work is under threat",
        "Le travail créatif est menacé",
        "Work is more precarious; most artists feel unrepresented in tech debates.",
        "Le travail est plus précaire\u00a0; la plupart des artistes ne se sentent pas représentés "
        "dans les débats sur la technologie.",
        0.14,
    ),
    Theme(
        "systemic-design",
        2,
        "Systemic design is essential",
        "La conception systémique est essentielle",
        "AI is infrastructure that can flatten culture or deepen difference.",
        "L'IA est une infrastructure qui peut uniformiser la culture ou approfondir les différences.",
        0.08,
    ),
    Theme(
        "resistance-redesign",
        2,
        "Resistance means redesign",
        "La résistance implique une refonte",
        "The creative community does not reject AI; it wants it rebuilt around human goals.",
        "La communauté créative ne rejette pas l'IA\u00a0; elle veut qu'on la reconstruise autour "
        "d'objectifs humains.",
        0.06,
    ),
)
THEME_IDS = tuple(t.theme_id for t in THEMES)

# How much more (or less) often each discipline raises a theme than the base rate (illustrative).
THEME_LEAN: dict[str, dict[str, float]] = {
    "Film & TV": {"work-under-threat": 2.0, "disrupts-value": 1.5},
    "Animation": {"shifting-roles": 2.4, "work-under-threat": 1.6},
    "Visual arts": {"simulation-experience": 1.8, "accelerates-flattens": 1.3},
    "Music": {"friction-matters": 3.2, "simulation-experience": 1.3},
    "Technology": {"systemic-design": 3.5, "resistance-redesign": 2.2, "work-under-threat": 0.5},
    "Research": {"systemic-design": 2.4, "disrupts-value": 1.8},
    "Digital storytelling": {"shifting-roles": 1.8, "disrupts-value": 1.8},
}

STANCE_NULL_SHARE = 0.05
# theme -> relative weights of risk, opportunity, mixed, as the contract orders its stances
# (see schema.STANCES; illustrative)
STANCE_BY_THEME: dict[str, tuple[float, float, float]] = {
    "accelerates-flattens": (0.55, 0.15, 0.30),
    "simulation-experience": (0.50, 0.15, 0.35),
    "disrupts-value": (0.50, 0.15, 0.35),
    "friction-matters": (0.35, 0.30, 0.35),
    "shifting-roles": (0.30, 0.35, 0.35),
    "work-under-threat": (0.75, 0.05, 0.20),
    "systemic-design": (0.30, 0.40, 0.30),
    "resistance-redesign": (0.15, 0.55, 0.30),
}
# discipline -> multipliers on risk, opportunity, mixed (in the order of schema.STANCES)
STANCE_LEAN: dict[str, tuple[float, float, float]] = {
    "Film & TV": (1.2, 1.0, 1.0),
    "Animation": (1.3, 1.0, 1.0),
    "Music": (1.2, 1.0, 1.0),
    "Technology": (0.8, 1.8, 1.0),
    "Research": (1.0, 1.0, 1.4),
}

# The three named activities are public; how often each produced an excerpt is not.
ACTIVITIES: tuple[tuple[str, str], ...] = (
    ("Blindfolded deep listening", "Écoute profonde les yeux bandés"),
    ("Tactile modelling", "Modelage tactile"),
    ("Facilitated dialogue", "Dialogue animé"),
)
ACTIVITY_P = (0.18, 0.25, 0.54)  # the remaining 0.03: activity not recorded

THEMES_PER_EXCERPT_P = (0.55, 0.35, 0.10)  # one, two or three themes

# Personal affinity (illustrative): each participant keeps returning to a few favourite themes,
# drawn with their discipline's leanings and favouring themes related to the ones already drawn;
# anything else comes up only now and then. So themes reach clearly different shares of the
# participants, instead of nearly everyone voicing every theme.
FAVOURITES_P = (0.25, 0.50, 0.25)  # two, three or four favourite themes
FAVOURITE_FOCUS = 2.0  # a favourite's share grows with the discipline's rate to this power
STRAY_SHARE = 0.03  # chance that a personal excerpt's main theme is none of the favourites
CO_CODE_FOCUS = 1.5  # an excerpt's other themes follow the speaker's affinity to this power
# Relatedness of two themes: 1, plus this for each rule both support...
RELATED_PER_SHARED_RULE = 2.0
# ...plus this when both are practical (the industry and the way forward go together).
RELATED_PRACTICAL = 1.0
PRACTICAL_GROUPS = (1, 2)

# Two coders (illustrative: who coded, and how they disagreed, is not public). The codes drawn
# with the settings above are the first coder's; the second independently codes a random share of
# the passages again, as a team checks its codebook, so that intercoder agreement has something to
# measure. On each of those passages the second coder applies each of the first's themes with the
# theme's probability below (the fuzzier a theme's edges, the lower), now and then adds a theme
# the first did not apply, and always applies at least one (one who kept none of the first's
# themes read the passage as another theme). An added theme is drawn like an excerpt's other
# themes, times its fuzziness (1 minus its probability below): a theme often dropped is often
# added too.
CODERS = ("Coder A", "Coder B")
SECOND_CODER_SHARE = 0.18  # passages both coders coded
SECOND_CODER_KEEPS: dict[str, float] = {
    "accelerates-flattens": 0.90,
    "simulation-experience": 0.95,
    "disrupts-value": 0.68,
    "friction-matters": 0.70,
    "shifting-roles": 0.92,
    "work-under-threat": 0.95,
    "systemic-design": 0.65,
    "resistance-redesign": 0.55,
}
SECOND_CODER_EXTRA = 0.10  # double-coded passages on which the second adds a theme
SECOND_CODER_RESTANCE = 0.15  # a theme both applied: the second reads its stance afresh

GROUP_SHARE = 0.10  # excerpts spoken by a table or the room rather than one person
MIN_EXCERPTS_EACH = 3  # the first 3 x 91 excerpts go round-robin so nobody is silent
TEXT_NULL_SHARE = 0.03
LEAD_IN_SHARE = 0.3
SENTENCES_P = (0.12, 0.50, 0.38)  # one, two or three sentences


@dataclass(frozen=True)
class Rule:
    title: str  # public
    title_fr: str
    summary: str  # illustrative paraphrase
    summary_fr: str
    themes: tuple[str, ...]  # illustrative mapping


RULES: tuple[Rule, ...] = (
    Rule(
        "Build for Process, Not Just Output",
        "Concevoir pour le processus, pas seulement pour le résultat",
        "Tools should support exploring, drafting and revising, not only deliver a finished piece.",
        "Les outils doivent accompagner l'exploration, les ébauches et les reprises, pas "
        "seulement livrer une œuvre finie.",
        ("accelerates-flattens", "friction-matters"),
    ),
    Rule(
        "Encourage Randomness and Glitchiness",
        "Encourager le hasard et les accidents",
        "Leave room for accidents and odd results, which are often where new ideas start.",
        "Laisser place aux accidents et aux résultats étranges, d'où naissent souvent les idées nouvelles.",
        ("accelerates-flattens", "simulation-experience"),
    ),
    Rule(
        "Keep Friction in the Creative Flow",
        "Garder de la friction dans le processus créatif",
        "Let makers choose resistance and constraint instead of removing every obstacle by default.",
        "Permettre aux créateurs de choisir la résistance et la contrainte plutôt que de supprimer "
        "d'office tout obstacle.",
        ("friction-matters",),
    ),
    Rule(
        "Protect Lineage and Give Credit",
        "Protéger la filiation et reconnaître les contributions",
        "Trace where material comes from, and credit and pay the people whose work it draws on.",
        "Retracer l'origine des contenus, créditer et rémunérer les personnes dont le travail est utilisé.",
        ("disrupts-value", "work-under-threat"),
    ),
    Rule(
        "Put Human Purpose at the Center",
        "Placer l'intention humaine au centre",
        "Start from what people are trying to say and make, and judge tools against that.",
        "Partir de ce que les personnes veulent dire et faire, et juger les outils à cette aune.",
        ("simulation-experience", "resistance-redesign"),
    ),
    Rule(
        "Make AI Transparent and Conversational",
        "Rendre l'IA transparente et conversationnelle",
        "Systems should explain what they do and invite questions, so that makers stay in charge.",
        "Les systèmes doivent expliquer ce qu'ils font et se prêter au questionnement, pour que "
        "les créateurs gardent la main.",
        ("shifting-roles", "systemic-design"),
    ),
    Rule(
        "Value Deliberate Slowness and Depth",
        "Valoriser la lenteur choisie et la profondeur",
        "Reward time spent going deep rather than the volume and speed of output.",
        "Récompenser le temps passé à approfondir plutôt que le volume et la vitesse de production.",
        ("friction-matters", "accelerates-flattens"),
    ),
    Rule(
        "Design for the Whole Creative Ecosystem",
        "Concevoir pour tout l'écosystème créatif",
        "Weigh livelihoods, training, diversity and the common good, not just individual users.",
        "Tenir compte des moyens de subsistance, de la formation, de la diversité et du bien "
        "commun, pas seulement des utilisateurs individuels.",
        ("systemic-design", "work-under-threat", "disrupts-value"),
    ),
)

# Recorded material: totals are public and reproduced exactly; file counts (beyond "more than
# 4,500 photos") and the per-file split are illustrative.
AUDIO_SECONDS = 30 * 3600
AUDIO_BYTES = 18_000_000_000
AUDIO_FILES = 48
PHOTO_FILES = 4_612
PHOTO_BYTES = 16_000_000_000
PHOTO_RECCE_FILES = 36  # venue recce photos, taken before any session
VIDEO_SECONDS = 62 * 3600
VIDEO_BYTES = 6_700_000_000_000
VIDEO_FILES = 150
