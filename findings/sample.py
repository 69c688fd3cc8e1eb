"""The deterministic, illustrative sample export set.

`write_sample(out_dir)` writes one Parquet file per contract table plus a `datapackage.json`
descriptor. The public facts about the Imaginative Intelligences Assemblies (sessions, head count,
venues, professions, activities, themes, rule titles, media totals) are reproduced exactly;
everything else (dates, who sat where, consent, every excerpt, stance and code, the rule-theme
mapping) is invented and flagged as illustrative in the descriptor.

Each participant has a personal affinity: a few favourite themes they keep returning to, drawn
with their discipline's leanings, so that themes and theme groups reach clearly different shares
of the participants.

The same arguments always give byte-identical files. Excerpts are drawn in batches with numpy and
assembled with pyarrow compute, so ten million of them fit in bounded memory; above
`PARTITION_ABOVE` excerpts `theme_codes` becomes a hive-partitioned folder by session.
"""

from __future__ import annotations

import datetime as dt
import json
import operator
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from findings.sample_text import LEAD_INS, POOLS

#: Above this many excerpts, theme_codes is written as `theme_codes/session_id=S1/part-00000.parquet`...
PARTITION_ABOVE = 200_000
#: Excerpts generated (and written as one row group) at a time; bounds memory.
BATCH_EXCERPTS = 250_000
COMPRESSION = "zstd"

PACKAGE_NAME = "imaginative-intelligences-assemblies-sample"
CREATED = "2025-06-01T00:00:00Z"  # fixed, so the descriptor is byte-identical run to run

# Independent random streams, so that changing one table never reshuffles another.
_STREAM_PEOPLE, _STREAM_MEDIA, _STREAM_EXCERPTS, _STREAM_AFFINITY = 1, 2, 3, 4

# ---------------------------------------------------------------------------------------------
# Reference data. Public facts are marked; the rest is illustrative.
# ---------------------------------------------------------------------------------------------

VENUE_FR = {"Bradbury Building": "Bradbury Building", "Hearst Estate": "Domaine Hearst"}


@dataclass(frozen=True)
class _Session:
    session_id: str
    venue: str
    date: dt.date
    duration_minutes: int
    size: int


# Five sessions of 12-20 people, 91 in all, at two venues (public). Dates, venue per session,
# sizes and durations are illustrative.
SESSIONS: tuple[_Session, ...] = (
    _Session("S1", "Bradbury Building", dt.date(2025, 1, 25), 360, 18),
    _Session("S2", "Hearst Estate", dt.date(2025, 2, 8), 365, 20),
    _Session("S3", "Bradbury Building", dt.date(2025, 2, 22), 355, 17),
    _Session("S4", "Hearst Estate", dt.date(2025, 3, 8), 360, 16),
    _Session("S5", "Bradbury Building", dt.date(2025, 3, 22), 370, 20),
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
class _Role:
    role: str
    role_fr: str
    discipline: str
    count: int  # illustrative head count


# The ten professions are public; how many of each came is not.
ROLES: tuple[_Role, ...] = (
    _Role("Director", "Réalisateur·rice", "Film & TV", 11),
    _Role("Producer", "Producteur·rice", "Film & TV", 8),
    _Role("Animator", "Animateur·rice", "Animation", 8),
    _Role("Artist", "Artiste", "Visual arts", 14),
    _Role("Musician", "Musicien·ne", "Music", 10),
    _Role("Composer", "Compositeur·rice", "Music", 7),
    _Role("Technologist", "Technologue", "Technology", 12),
    _Role("Academic", "Universitaire", "Research", 8),
    _Role("Content creator", "Créateur·rice de contenu", "Digital storytelling", 7),
    _Role("Storyteller", "Conteur·euse", "Digital storytelling", 6),
)

# Share of each discipline's people who withhold public quoting (at least one per discipline);
# of those, the share who refuse quoting altogether rather than allowing research use.
_NON_PUBLIC_SHARE = 0.25
_NONE_SHARE_OF_NON_PUBLIC = 0.4

THEME_GROUPS: tuple[tuple[str, str], ...] = (
    ("The conflicting natures of AI and creativity", "Les contradictions entre l'IA et la créativité"),
    ("The impact of AI on the industry", "L'impact de l'IA sur l'industrie des médias"),
    ("The way forward", "La voie à suivre"),
)


@dataclass(frozen=True)
class _Theme:
    theme_id: str
    group: int  # index into THEME_GROUPS
    label: str
    label_fr: str
    description: str
    description_fr: str
    weight: float  # illustrative base prevalence


# Labels, groups and French labels are public; descriptions paraphrase the public summaries
# (the English keeps the report's question mark for "AI disrupts value itself").
THEMES: tuple[_Theme, ...] = (
    _Theme(
        "accelerates-flattens", 0,
        "AI accelerates but flattens",
        "L'IA accélère mais appauvrit la créativité",
        "Output gets faster, but the struggle and discovery that give art depth go.",
        "La production va plus vite, mais la lutte et la découverte qui donnent sa profondeur "
        "à l'art disparaissent.",
        0.20,
    ),
    _Theme(
        "simulation-experience", 0,
        "Simulation ≠ experience",
        "Simulation ≠ expérience",
        "AI can mimic form but cannot create from lived memory, pain or joy.",
        "L'IA peut imiter une forme, mais elle ne peut pas créer à partir d'une mémoire vécue, "
        "de la douleur ou de la joie.",
        0.17,
    ),
    _Theme(
        "disrupts-value", 0,
        "AI disrupts value itself",
        "L'IA bouleverse la notion même de valeur",
        "If making is instant and cheap, what makes it meaningful or worth paying for?",
        "Si créer devient instantané et bon marché, qu'est-ce qui lui donne du sens ou justifie "
        "qu'on le paie\u00a0?",
        0.12,
    ),
    _Theme(
        "friction-matters", 0,
        "Friction matters",
        "La friction compte",
        "Speed and convenience are not always good; limits and slowness build meaning.",
        "La vitesse et la facilité ne sont pas toujours un bien\u00a0; les limites et la lenteur "
        "construisent le sens.",
        0.10,
    ),
    _Theme(
        "shifting-roles", 1,
        "Artists are shifting roles",
        "Le rôle des artistes change",
        "More curators, editors and system designers than original makers.",
        "Les artistes deviennent davantage commissaires, monteurs et concepteurs de systèmes "
        "que créateurs d'œuvres originales.",
        0.13,
    ),
    _Theme(
        "work-under-threat", 1,
        "Creative work is under threat",
        "Le travail créatif est menacé",
        "Work is more precarious; most artists feel unrepresented in tech debates.",
        "Le travail est plus précaire\u00a0; la plupart des artistes ne se sentent pas représentés "
        "dans les débats sur la technologie.",
        0.14,
    ),
    _Theme(
        "systemic-design", 2,
        "Systemic design is essential",
        "La conception systémique est essentielle",
        "AI is infrastructure that can flatten culture or deepen difference.",
        "L'IA est une infrastructure qui peut uniformiser la culture ou approfondir les "
        "différences.",
        0.08,
    ),
    _Theme(
        "resistance-redesign", 2,
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
_THEME_LEAN: dict[str, dict[str, float]] = {
    "Film & TV": {"work-under-threat": 2.0, "disrupts-value": 1.5},
    "Animation": {"shifting-roles": 2.4, "work-under-threat": 1.6},
    "Visual arts": {"simulation-experience": 1.8, "accelerates-flattens": 1.3},
    "Music": {"friction-matters": 3.2, "simulation-experience": 1.3},
    "Technology": {"systemic-design": 3.5, "resistance-redesign": 2.2, "work-under-threat": 0.5},
    "Research": {"systemic-design": 2.4, "disrupts-value": 1.8},
    "Digital storytelling": {"shifting-roles": 1.8, "disrupts-value": 1.8},
}

STANCES = ("risk", "opportunity", "mixed")
_STANCE_NULL_SHARE = 0.05
# theme -> relative weights of risk, opportunity, mixed (illustrative)
_STANCE_BY_THEME: dict[str, tuple[float, float, float]] = {
    "accelerates-flattens": (0.55, 0.15, 0.30),
    "simulation-experience": (0.50, 0.15, 0.35),
    "disrupts-value": (0.50, 0.15, 0.35),
    "friction-matters": (0.35, 0.30, 0.35),
    "shifting-roles": (0.30, 0.35, 0.35),
    "work-under-threat": (0.75, 0.05, 0.20),
    "systemic-design": (0.30, 0.40, 0.30),
    "resistance-redesign": (0.15, 0.55, 0.30),
}
# discipline -> multipliers on risk, opportunity, mixed
_STANCE_LEAN: dict[str, tuple[float, float, float]] = {
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
_ACTIVITY_P = (0.18, 0.25, 0.54)  # the remaining 0.03: activity not recorded

_THEMES_PER_EXCERPT_P = (0.55, 0.35, 0.10)  # one, two or three themes

# Personal affinity (illustrative): each participant keeps returning to a few favourite themes,
# drawn with their discipline's leanings and favouring themes related to the ones already drawn;
# anything else comes up only now and then. So themes reach clearly different shares of the
# participants, instead of nearly everyone voicing every theme.
_FAVOURITES_P = (0.25, 0.50, 0.25)  # two, three or four favourite themes
_FAVOURITE_FOCUS = 2.0  # a favourite's share grows with the discipline's rate to this power
_STRAY_SHARE = 0.03  # chance that a personal excerpt's main theme is none of the favourites
_CO_CODE_FOCUS = 1.5  # an excerpt's other themes follow the speaker's affinity to this power
# Relatedness of two themes: 1, plus this for each rule both support...
_RELATED_PER_SHARED_RULE = 2.0
# ...plus this when both are practical (the industry and the way forward go together).
_RELATED_PRACTICAL = 1.0
_PRACTICAL_GROUPS = (1, 2)

_GROUP_SHARE = 0.10  # excerpts spoken by a table or the room rather than one person
_MIN_EXCERPTS_EACH = 3  # the first 3 x 91 excerpts go round-robin so nobody is silent
_TEXT_NULL_SHARE = 0.03
_LEAD_IN_SHARE = 0.3
_SENTENCES_P = (0.12, 0.50, 0.38)  # one, two or three sentences


@dataclass(frozen=True)
class _Rule:
    title: str  # public
    title_fr: str
    summary: str  # illustrative paraphrase
    summary_fr: str
    themes: tuple[str, ...]  # illustrative mapping


RULES: tuple[_Rule, ...] = (
    _Rule(
        "Build for Process, Not Just Output",
        "Concevoir pour le processus, pas seulement pour le résultat",
        "Tools should support exploring, drafting and revising, not only deliver a finished piece.",
        "Les outils doivent accompagner l'exploration, les ébauches et les reprises, pas "
        "seulement livrer une œuvre finie.",
        ("accelerates-flattens", "friction-matters"),
    ),
    _Rule(
        "Encourage Randomness and Glitchiness",
        "Encourager le hasard et les accidents",
        "Leave room for accidents and odd results, which are often where new ideas start.",
        "Laisser place aux accidents et aux résultats étranges, d'où naissent souvent les idées "
        "nouvelles.",
        ("accelerates-flattens", "simulation-experience"),
    ),
    _Rule(
        "Keep Friction in the Creative Flow",
        "Garder de la friction dans le processus créatif",
        "Let makers choose resistance and constraint instead of removing every obstacle by default.",
        "Permettre aux créateurs de choisir la résistance et la contrainte plutôt que de supprimer "
        "d'office tout obstacle.",
        ("friction-matters",),
    ),
    _Rule(
        "Protect Lineage and Give Credit",
        "Protéger la filiation et reconnaître les contributions",
        "Trace where material comes from, and credit and pay the people whose work it draws on.",
        "Retracer l'origine des contenus, créditer et rémunérer les personnes dont le travail est "
        "utilisé.",
        ("disrupts-value", "work-under-threat"),
    ),
    _Rule(
        "Put Human Purpose at the Center",
        "Placer l'intention humaine au centre",
        "Start from what people are trying to say and make, and judge tools against that.",
        "Partir de ce que les personnes veulent dire et faire, et juger les outils à cette aune.",
        ("simulation-experience", "resistance-redesign"),
    ),
    _Rule(
        "Make AI Transparent and Conversational",
        "Rendre l'IA transparente et conversationnelle",
        "Systems should explain what they do and invite questions, so that makers stay in charge.",
        "Les systèmes doivent expliquer ce qu'ils font et se prêter au questionnement, pour que "
        "les créateurs gardent la main.",
        ("shifting-roles", "systemic-design"),
    ),
    _Rule(
        "Value Deliberate Slowness and Depth",
        "Valoriser la lenteur choisie et la profondeur",
        "Reward time spent going deep rather than the volume and speed of output.",
        "Récompenser le temps passé à approfondir plutôt que le volume et la vitesse de "
        "production.",
        ("friction-matters", "accelerates-flattens"),
    ),
    _Rule(
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

# ---------------------------------------------------------------------------------------------
# Schemas: one place for Arrow types, nullability and the descriptor's field list.
# ---------------------------------------------------------------------------------------------


def _f(name: str, typ: pa.DataType = pa.string(), nullable: bool = False) -> pa.Field:
    return pa.field(name, typ, nullable=nullable)


SCHEMAS: dict[str, pa.Schema] = {
    "sessions": pa.schema([
        _f("session_id"), _f("title"), _f("title_fr"), _f("venue"), _f("venue_fr"),
        _f("date", pa.date32()), _f("duration_minutes", pa.int32()),
    ]),
    "participants": pa.schema([
        _f("participant_id"), _f("session_id"), _f("role"), _f("role_fr"),
        _f("discipline"), _f("discipline_fr"), _f("quote_consent"),
    ]),
    "themes": pa.schema([
        _f("theme_id"), _f("label"), _f("label_fr"), _f("theme_group"), _f("theme_group_fr"),
        _f("description"), _f("description_fr"),
    ]),
    "theme_codes": pa.schema([
        _f("code_id"), _f("excerpt_id"), _f("theme_id"), _f("session_id"),
        _f("participant_id", nullable=True), _f("activity", nullable=True),
        _f("activity_fr", nullable=True), _f("stance", nullable=True),
        _f("excerpt", nullable=True),
    ]),
    "rules": pa.schema([
        _f("rule_id"), _f("number", pa.int32()), _f("title"), _f("title_fr"),
        _f("summary"), _f("summary_fr"),
    ]),
    "rule_themes": pa.schema([_f("rule_id"), _f("theme_id")]),
    "media": pa.schema([
        _f("media_id"), _f("session_id", nullable=True), _f("kind"),
        _f("duration_s", pa.float64(), nullable=True), _f("size_bytes", pa.int64()),
    ]),
}
TABLE_NAMES = tuple(SCHEMAS)
PARTITION_COLUMN = "session_id"
_PART_FILE = "part-00000.parquet"

_PRIMARY_KEYS = {
    "sessions": ["session_id"],
    "participants": ["participant_id"],
    "themes": ["theme_id"],
    "theme_codes": ["code_id"],
    "rules": ["rule_id"],
    "rule_themes": ["rule_id", "theme_id"],
    "media": ["media_id"],
}
_FOREIGN_KEYS = {  # table -> [(column, referenced table)], the referenced column has the same name
    "participants": [("session_id", "sessions")],
    "theme_codes": [
        ("theme_id", "themes"), ("session_id", "sessions"), ("participant_id", "participants"),
    ],
    "rule_themes": [("rule_id", "rules"), ("theme_id", "themes")],
    "media": [("session_id", "sessions")],
}
_ENUMS = {
    ("participants", "quote_consent"): ["public", "research", "none"],
    ("theme_codes", "stance"): list(STANCES),
    ("media", "kind"): ["audio", "photo", "video"],
}
_RESOURCE_NOTES = {
    "sessions": "The five sessions (public). Dates, venue per session, sizes and durations are "
    "illustrative.",
    "participants": "91 pseudonymous participants (public count) across the ten professions "
    "(public). Who sat in which session, the split by profession and consent are illustrative.",
    "themes": "The codebook: eight themes in three groups, labels and French labels as published. "
    "Descriptions paraphrase the published summaries; French descriptions are this sample's own.",
    "theme_codes": "One row per theme applied to an excerpt. Entirely illustrative: every "
    "excerpt was written for this sample and is no quote from a participant or the report; "
    "speakers, activities and stances are random draws.",
    "rules": "The 8 Rules for AI; titles as published by the Mozilla Foundation. Summaries and "
    "French titles are illustrative paraphrases.",
    "rule_themes": "Which themes support which rule: an illustrative mapping, not published.",
    "media": "One row per recorded file. Totals per kind match the public figures exactly; the "
    "files themselves, their sessions and sizes are illustrative.",
}

_FRICTIONLESS_TYPES = {
    pa.string(): "string",
    pa.int32(): "integer",
    pa.int64(): "integer",
    pa.float64(): "number",
    pa.date32(): "date",
}

# ---------------------------------------------------------------------------------------------
# Public entry point
# ---------------------------------------------------------------------------------------------


def write_sample(
    out_dir: Path,
    excerpts: int = 1500,
    seed: int = 2025,
    *,
    partition_above: int = PARTITION_ABOVE,
    batch_excerpts: int = BATCH_EXCERPTS,
) -> dict:
    """Write the sample export set into `out_dir` and return its row count per table.

    `out_dir` is created if needed. If it exists it may hold only files this function writes
    (a previous sample), which are replaced; anything else makes it refuse with ValueError.
    `theme_codes` is one file up to `partition_above` excerpts and a hive-partitioned folder
    above. Same arguments, same bytes.
    """
    out_dir = Path(os.path.abspath(out_dir))  # so "." and "x/.." have a real name and parent
    excerpts = _positive_int("excerpts", excerpts)
    seed = _non_negative_int("seed", seed)
    partition_above = _non_negative_int("partition_above", partition_above)
    batch_excerpts = _positive_int("batch_excerpts", batch_excerpts)
    _check_out_dir(out_dir)

    partitioned = excerpts > partition_above
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".partial",
                                    dir=out_dir.parent))
    try:
        people = _people(seed)
        media = _media(seed)
        tables = {
            "sessions": _sessions_table(),
            "participants": people.table,
            "themes": _themes_table(),
            "rules": _rules_table(),
            "rule_themes": _rule_themes_table(),
            "media": media,
        }
        counts = {}
        for name in TABLE_NAMES:
            if name == "theme_codes":
                counts[name] = _write_theme_codes(
                    staging, people, excerpts, seed, partitioned, batch_excerpts
                )
            else:
                pq.write_table(tables[name], staging / f"{name}.parquet", compression=COMPRESSION)
                counts[name] = tables[name].num_rows
        descriptor = _descriptor(excerpts, seed, partitioned)
        (staging / "datapackage.json").write_text(
            json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        _move_into(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return counts


# ---------------------------------------------------------------------------------------------
# Arguments and the output folder
# ---------------------------------------------------------------------------------------------


def _non_negative_int(name: str, value) -> int:
    if isinstance(value, bool):
        raise TypeError(f"{name} must be an integer, not a bool")
    value = operator.index(value)
    if value < 0:
        raise ValueError(f"{name} must be zero or more, got {value}")
    return value


def _positive_int(name: str, value) -> int:
    value = _non_negative_int(name, value)
    if value == 0:
        raise ValueError(f"{name} must be at least 1")
    return value


_OWN_FILES = frozenset({f"{t}.parquet" for t in TABLE_NAMES} | {"datapackage.json"})
_OWN_FOLDER = "theme_codes"
_PARTITION_DIR = re.compile(rf"{PARTITION_COLUMN}=[A-Za-z0-9_-]+")
_PART_NAME = re.compile(r"part-\d{5}\.parquet")


def _foreign_entries(out_dir: Path) -> list[Path]:
    """Everything in out_dir that a previous run of write_sample could not have written."""
    foreign = []
    for entry in sorted(out_dir.iterdir()):
        if entry.is_symlink():
            foreign.append(entry)
        elif entry.name in _OWN_FILES and entry.is_file():
            continue
        elif entry.name == _OWN_FOLDER and entry.is_dir():
            for sub in sorted(entry.iterdir()):
                if sub.is_symlink() or not sub.is_dir() or not _PARTITION_DIR.fullmatch(sub.name):
                    foreign.append(sub)
                    continue
                foreign.extend(
                    part for part in sorted(sub.iterdir())
                    if part.is_symlink() or not part.is_file()
                    or not _PART_NAME.fullmatch(part.name)
                )
        else:
            foreign.append(entry)
    return foreign


def _check_out_dir(out_dir: Path) -> None:
    if not out_dir.exists():
        return
    if not out_dir.is_dir():
        raise ValueError(f"{out_dir} exists and is not a folder")
    foreign = _foreign_entries(out_dir)
    if foreign:
        shown = ", ".join(str(p.relative_to(out_dir)) for p in foreign[:5])
        more = f" and {len(foreign) - 5} more" if len(foreign) > 5 else ""
        raise ValueError(
            f"{out_dir} holds files that are not part of a sample export set ({shown}{more}); "
            "refusing to write there. Choose an empty or new folder."
        )


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def _move_into(staging: Path, out_dir: Path) -> None:
    """Replace out_dir's sample files by the freshly written ones (and drop the other form)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    _check_out_dir(out_dir)  # again: the folder may have changed during a long run
    for stale in ("theme_codes.parquet", _OWN_FOLDER):
        if not (staging / stale).exists():
            _remove(out_dir / stale)
    for entry in sorted(staging.iterdir()):
        _remove(out_dir / entry.name)
        os.replace(entry, out_dir / entry.name)


# ---------------------------------------------------------------------------------------------
# Small tables
# ---------------------------------------------------------------------------------------------


def _session_title(s: _Session, fr: bool) -> str:
    number = s.session_id[1:]
    venue = VENUE_FR[s.venue] if fr else s.venue
    return f"{'Assemblée' if fr else 'Assembly'} {number} · {venue}"


def _sessions_table() -> pa.Table:
    return pa.Table.from_pylist(
        [
            {
                "session_id": s.session_id,
                "title": _session_title(s, fr=False),
                "title_fr": _session_title(s, fr=True),
                "venue": s.venue,
                "venue_fr": VENUE_FR[s.venue],
                "date": s.date,
                "duration_minutes": s.duration_minutes,
            }
            for s in SESSIONS
        ],
        schema=SCHEMAS["sessions"],
    )


def _themes_table() -> pa.Table:
    return pa.Table.from_pylist(
        [
            {
                "theme_id": t.theme_id,
                "label": t.label,
                "label_fr": t.label_fr,
                "theme_group": THEME_GROUPS[t.group][0],
                "theme_group_fr": THEME_GROUPS[t.group][1],
                "description": t.description,
                "description_fr": t.description_fr,
            }
            for t in THEMES
        ],
        schema=SCHEMAS["themes"],
    )


def _rules_table() -> pa.Table:
    return pa.Table.from_pylist(
        [
            {
                "rule_id": f"R{n}",
                "number": n,
                "title": r.title,
                "title_fr": r.title_fr,
                "summary": r.summary,
                "summary_fr": r.summary_fr,
            }
            for n, r in enumerate(RULES, start=1)
        ],
        schema=SCHEMAS["rules"],
    )


def _rule_themes_table() -> pa.Table:
    return pa.Table.from_pylist(
        [
            {"rule_id": f"R{n}", "theme_id": theme}
            for n, r in enumerate(RULES, start=1)
            for theme in r.themes
        ],
        schema=SCHEMAS["rule_themes"],
    )


@dataclass(frozen=True)
class _People:
    """The 91 participants, plus what excerpt generation needs to know about them."""

    table: pa.Table
    ids: pa.Array  # participant_id, by participant index
    session: np.ndarray  # session index per participant
    discipline: np.ndarray  # discipline index per participant
    talk: np.ndarray  # probability that a given personal excerpt is theirs
    affinity: np.ndarray  # [participant, theme] main-theme probabilities; a last row for groups
    favourites: np.ndarray  # how many favourite themes each has (no excerpt of theirs has more)
    order: np.ndarray  # round-robin order guaranteeing everyone a few excerpts


def _people(seed: int) -> _People:
    rng = np.random.default_rng([seed, _STREAM_PEOPLE])
    sizes = [s.size for s in SESSIONS]
    n = sum(sizes)
    role = rng.permutation(np.repeat(np.arange(len(ROLES)), [r.count for r in ROLES]))
    session = np.repeat(np.arange(len(SESSIONS)), sizes)
    disc_names = list(DISCIPLINES)
    discipline = np.array([disc_names.index(ROLES[r].discipline) for r in role])

    # Consent is dealt per discipline so that no discipline is all public (or all anything).
    consent = np.empty(n, dtype=object)
    for d in range(len(disc_names)):
        members = np.flatnonzero(discipline == d)
        k = len(members)
        non_public = min(max(1, int(k * _NON_PUBLIC_SHARE + 0.5)), k - 1)
        none = int(non_public * _NONE_SHARE_OF_NON_PUBLIC + 0.5)
        labels = ["none"] * none + ["research"] * (non_public - none) + ["public"] * (k - non_public)
        consent[members] = rng.permutation(np.array(labels, dtype=object))

    talk = rng.gamma(1.5, 1 / 1.5, n)  # some speak up far more than others
    affinity, favourites = _affinity(seed, discipline)
    ids = [f"P{i + 1:03d}" for i in range(n)]
    table = pa.table(
        {
            "participant_id": ids,
            "session_id": [SESSIONS[s].session_id for s in session],
            "role": [ROLES[r].role for r in role],
            "role_fr": [ROLES[r].role_fr for r in role],
            "discipline": [ROLES[r].discipline for r in role],
            "discipline_fr": [DISCIPLINES[ROLES[r].discipline] for r in role],
            "quote_consent": consent.tolist(),
        },
        schema=SCHEMAS["participants"],
    )
    return _People(
        table=table,
        ids=pa.array(ids, pa.string()),
        session=session,
        discipline=discipline,
        talk=talk / talk.sum(),
        order=rng.permutation(n),
        affinity=affinity,
        favourites=favourites,
    )


def _related() -> np.ndarray:
    """[theme, theme] relatedness (see `_RELATED_PER_SHARED_RULE`); 0 on the diagonal, since a
    theme is never drawn twice for one participant or coded twice on one excerpt."""
    index = {t: i for i, t in enumerate(THEME_IDS)}
    practical = np.array([t.group in _PRACTICAL_GROUPS for t in THEMES])
    out = 1.0 + _RELATED_PRACTICAL * (practical[:, None] & practical[None, :])
    for rule in RULES:
        members = [index[t] for t in rule.themes]
        out[np.ix_(members, members)] += _RELATED_PER_SHARED_RULE
    np.fill_diagonal(out, 0.0)
    return out


def _affinity(seed: int, discipline: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each participant's main-theme probabilities, with a last row (the base rates) for excerpts
    spoken by a table or the room; and how many favourite themes each participant has.

    Two to four favourites are drawn one after another, by the discipline's rates times their
    relatedness to the favourites drawn so far; each gets a share by the rate (to the power
    `_FAVOURITE_FOCUS`) times a personal factor, and `_STRAY_SHARE` is left over for the other
    themes. Its own random stream, so the participants table does not depend on it.
    """
    rng = np.random.default_rng([seed, _STREAM_AFFINITY])
    rates = _theme_weights()
    related = _related()
    n = len(discipline)
    favourites = 2 + np.searchsorted(np.cumsum(_FAVOURITES_P)[:-1], rng.random(n), "right")
    out = np.empty((n + 1, len(THEMES)))
    for i in range(n):  # 91 people: a plain loop is clearer than vectorising
        w = rates[discipline[i]]
        chosen = np.zeros(len(THEMES), dtype=bool)
        pull = np.ones(len(THEMES))
        for _ in range(favourites[i]):
            p = np.where(chosen, 0.0, w * pull)
            t = rng.choice(len(THEMES), p=p / p.sum())
            chosen[t] = True
            pull *= related[t]
        strength = np.where(chosen, w**_FAVOURITE_FOCUS * rng.gamma(2.0, 0.5, len(THEMES)), 0.0)
        stray = np.where(chosen, 0.0, w)
        out[i] = (1 - _STRAY_SHARE) * strength / strength.sum() + _STRAY_SHARE * stray / stray.sum()
    out[n] = rates[-1]
    return out, favourites


def _split_total(total: int, weights: np.ndarray) -> np.ndarray:
    """Integers proportional to `weights` that sum to `total` exactly (largest remainders)."""
    share = total * (weights / weights.sum())
    parts = np.floor(share).astype(np.int64)
    short = total - int(parts.sum())
    parts[np.argsort(parts - share, kind="stable")[:short]] += 1
    return parts


def _media(seed: int) -> pa.Table:
    rng = np.random.default_rng([seed, _STREAM_MEDIA])
    session_ids = [s.session_id for s in SESSIONS]
    size_weights = np.array([s.size for s in SESSIONS], dtype=float)
    columns: dict[str, list] = {name: [] for name in SCHEMAS["media"].names}

    def add(kind, sessions, durations, sizes):
        for i, (s, d, b) in enumerate(zip(sessions, durations, sizes, strict=True), start=1):
            columns["media_id"].append(f"{kind}-{i:04d}")
            columns["session_id"].append(s)
            columns["kind"].append(kind)
            columns["duration_s"].append(None if d is None else float(d))
            columns["size_bytes"].append(int(b))

    def spread(files):  # session id per file, sessions in order, larger sessions get more
        per = _split_total(files, size_weights * rng.uniform(0.8, 1.2, len(SESSIONS)))
        return [sid for sid, k in zip(session_ids, per, strict=True) for _ in range(k)]

    seconds = _split_total(AUDIO_SECONDS, rng.uniform(0.6, 1.4, AUDIO_FILES))
    add("audio", spread(AUDIO_FILES), seconds,
        _split_total(AUDIO_BYTES, seconds * rng.uniform(0.97, 1.03, AUDIO_FILES)))

    photo_sessions = [None] * PHOTO_RECCE_FILES + spread(PHOTO_FILES - PHOTO_RECCE_FILES)
    add("photo", photo_sessions, [None] * PHOTO_FILES,
        _split_total(PHOTO_BYTES, rng.lognormal(0.0, 0.3, PHOTO_FILES)))

    seconds = _split_total(VIDEO_SECONDS, rng.uniform(0.5, 1.5, VIDEO_FILES))
    add("video", spread(VIDEO_FILES), seconds,
        _split_total(VIDEO_BYTES, seconds * rng.uniform(0.9, 1.1, VIDEO_FILES)))
    return pa.table(columns, schema=SCHEMAS["media"])


# ---------------------------------------------------------------------------------------------
# Excerpts and theme codes, in batches
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Pool:
    """One kind of sentence (openings, middles or closings) for all themes, flattened."""

    text: pa.Array
    offset: np.ndarray  # first index of each theme's sentences
    count: np.ndarray  # how many sentences each theme has

    @classmethod
    def build(cls, part: int) -> _Pool:
        lists = [POOLS[t][part] for t in THEME_IDS]
        count = np.array([len(x) for x in lists])
        offset = np.concatenate([[0], np.cumsum(count)[:-1]])
        return cls(pa.array([s for x in lists for s in x], pa.string()), offset, count)

    def draw(self, rng, theme: np.ndarray, keep: np.ndarray | None = None) -> pa.Array:
        """One sentence of `theme` per row; null where `keep` is False."""
        idx = self.offset[theme] + (rng.random(len(theme)) * self.count[theme]).astype(np.int64)
        mask = None if keep is None else ~keep
        return self.text.take(pa.array(idx, mask=mask))


def _theme_weights() -> np.ndarray:
    """Theme probabilities per discipline index, plus a last row for group-level excerpts."""
    base = np.array([t.weight for t in THEMES])
    rows = [
        base * np.array([_THEME_LEAN[d].get(t, 1.0) for t in THEME_IDS]) for d in DISCIPLINES
    ]
    rows.append(base)
    w = np.array(rows)
    return w / w.sum(axis=1, keepdims=True)


def _stance_cumulative() -> np.ndarray:
    """Cumulative probabilities of (risk, opportunity, mixed, null) by [discipline, theme]."""
    out = np.empty((len(DISCIPLINES) + 1, len(THEMES), 4))
    leans = [_STANCE_LEAN.get(d, (1.0, 1.0, 1.0)) for d in DISCIPLINES] + [(1.0, 1.0, 1.0)]
    for d, lean in enumerate(leans):
        for t, theme in enumerate(THEME_IDS):
            p = np.array(_STANCE_BY_THEME[theme]) * np.array(lean)
            p = p / p.sum() * (1 - _STANCE_NULL_SHARE)
            out[d, t] = np.cumsum(np.append(p, _STANCE_NULL_SHARE))
    out[..., -1] = 1.0
    return out


def _ids(prefix: str, numbers: np.ndarray, width: int) -> pa.Array:
    digits = pc.utf8_lpad(pc.cast(pa.array(numbers), pa.string()), width=width, padding="0")
    return pc.binary_join_element_wise(prefix, digits, "")


class _Generator:
    """Draws excerpts [start, stop) as theme-code rows. Batch content depends only on
    (seed, start, stop), so the same arguments always give the same rows."""

    def __init__(self, seed: int, people: _People, excerpts: int):
        self.seed = seed
        self.people = people
        self.width = max(4, len(str(excerpts)))
        self.log_affinity = np.log(people.affinity)
        with np.errstate(divide="ignore"):  # log(0) = -inf: a theme is never its own partner
            self.log_related = np.log(_related())
        self.stance_cum = _stance_cumulative()
        self.openings, self.middles, self.closings = (_Pool.build(i) for i in range(3))
        self.lead_ins = pa.array(LEAD_INS, pa.string())
        sizes = np.array([s.size for s in SESSIONS], dtype=float)
        self.session_p = sizes / sizes.sum()
        self.session_ids = pa.array([s.session_id for s in SESSIONS], pa.string())
        self.activity = pa.array([a for a, _ in ACTIVITIES], pa.string())
        self.activity_fr = pa.array([f for _, f in ACTIVITIES], pa.string())
        self.theme_ids = pa.array(THEME_IDS, pa.string())
        self.stances = pa.array(STANCES, pa.string())

    def batch(self, start: int, stop: int) -> tuple[pa.Table, np.ndarray]:
        """The code rows of excerpts start..stop-1, and each row's session index."""
        rng = np.random.default_rng([self.seed, _STREAM_EXCERPTS, start])
        people = self.people
        b = stop - start
        number = np.arange(start, stop, dtype=np.int64)

        # Who spoke, where. The first few hundred excerpts visit everyone in turn.
        speaker = rng.choice(len(people.talk), size=b, p=people.talk)
        group = rng.random(b) < _GROUP_SHARE
        rota = number < _MIN_EXCERPTS_EACH * len(people.talk)
        speaker[rota] = people.order[number[rota] % len(people.talk)]
        group[rota] = False
        session = np.where(
            group, rng.choice(len(SESSIONS), size=b, p=self.session_p), people.session[speaker]
        )
        discipline = np.where(group, len(DISCIPLINES), people.discipline[speaker])

        # Which themes: k distinct ones per excerpt, never more than the speaker has favourites.
        # The main one follows the speaker's affinity (the base rates for a table or the room);
        # any others follow it too, sharpened, times their relatedness to the main one
        # (Gumbel-max, then Gumbel top-2; the main theme's relatedness to itself is 0).
        k = 1 + np.searchsorted(np.cumsum(_THEMES_PER_EXCERPT_P)[:-1], rng.random(b), "right")
        who = np.where(group, len(people.talk), speaker)
        k = np.where(group, k, np.minimum(k, people.favourites[speaker]))
        log_p = self.log_affinity[who]
        main = np.argmax(log_p + rng.gumbel(size=log_p.shape), axis=1)
        keys = _CO_CODE_FOCUS * log_p + self.log_related[main] + rng.gumbel(size=log_p.shape)
        others = np.argsort(-keys, axis=1, kind="stable")[:, :2]
        ranked = np.column_stack([main, others])
        del log_p, keys, others
        activity = np.searchsorted(np.cumsum(_ACTIVITY_P), rng.random(b), "right")

        text = self._text(rng, ranked[:, 0], b)

        # One row per (excerpt, theme).
        row = np.repeat(np.arange(b), k)
        slot = np.arange(len(row)) - np.repeat(np.cumsum(k) - k, k)
        theme = ranked[row, slot]
        u = rng.random(len(row))
        stance = (u[:, None] >= self.stance_cum[discipline[row], theme]).sum(axis=1)

        excerpt_id = _ids("E", number + 1, self.width).take(pa.array(row))
        no_activity = activity[row] >= len(ACTIVITIES)
        activity_idx = pa.array(np.minimum(activity[row], len(ACTIVITIES) - 1), mask=no_activity)
        table = pa.table(
            {
                "code_id": pc.binary_join_element_wise(
                    excerpt_id, pc.cast(pa.array(slot + 1), pa.string()), "-"
                ),
                "excerpt_id": excerpt_id,
                "theme_id": self.theme_ids.take(pa.array(theme)),
                "session_id": self.session_ids.take(pa.array(session[row])),
                "participant_id": people.ids.take(pa.array(speaker[row], mask=group[row])),
                "activity": self.activity.take(activity_idx),
                "activity_fr": self.activity_fr.take(activity_idx),
                "stance": self.stances.take(
                    pa.array(np.minimum(stance, len(STANCES) - 1), mask=stance >= len(STANCES))
                ),
                "excerpt": text.take(pa.array(row)),
            },
            schema=SCHEMAS["theme_codes"],
        )
        return table, session[row]

    def _text(self, rng, theme: np.ndarray, b: int) -> pa.Array:
        """A passage per excerpt from its main theme's pools: [lead-in] opening [middle] [closing]."""
        sentences = 1 + np.searchsorted(np.cumsum(_SENTENCES_P)[:-1], rng.random(b), "right")
        coin = rng.random(b) < 0.5
        has_middle = (sentences == 3) | ((sentences == 2) & coin)
        has_closing = (sentences == 3) | ((sentences == 2) & ~coin)
        has_lead = rng.random(b) < _LEAD_IN_SHARE
        lead = self.lead_ins.take(
            pa.array(rng.integers(0, len(LEAD_INS), b), mask=~has_lead)
        )
        text = pc.binary_join_element_wise(
            lead,
            self.openings.draw(rng, theme),
            self.middles.draw(rng, theme, has_middle),
            self.closings.draw(rng, theme, has_closing),
            " ",
            null_handling="skip",
        )
        silent = rng.random(b) < _TEXT_NULL_SHARE  # passage not transcribed
        return pc.if_else(pa.array(silent), pa.scalar(None, pa.string()), text)


def _write_theme_codes(
    root: Path, people: _People, excerpts: int, seed: int, partitioned: bool, batch: int
) -> int:
    """Write theme_codes.parquet, or theme_codes/session_id=…/part-00000.parquet; return rows."""
    gen = _Generator(seed, people, excerpts)
    schema = SCHEMAS["theme_codes"]
    writers: dict[int, pq.ParquetWriter] = {}
    rows = 0
    try:
        for start in range(0, excerpts, batch):
            table, session = gen.batch(start, min(start + batch, excerpts))
            rows += table.num_rows
            if not partitioned:
                if not writers:
                    writers[0] = pq.ParquetWriter(
                        root / "theme_codes.parquet", schema, compression=COMPRESSION
                    )
                writers[0].write_table(table)
                continue
            file_schema = schema.remove(schema.get_field_index(PARTITION_COLUMN))
            for s, spec in enumerate(SESSIONS):
                mask = session == s
                if not mask.any():
                    continue
                if s not in writers:
                    folder = root / _OWN_FOLDER / f"{PARTITION_COLUMN}={spec.session_id}"
                    folder.mkdir(parents=True)
                    writers[s] = pq.ParquetWriter(
                        folder / _PART_FILE, file_schema, compression=COMPRESSION
                    )
                writers[s].write_table(table.filter(pa.array(mask)).drop_columns(PARTITION_COLUMN))
            del table, session
    finally:
        for writer in writers.values():
            writer.close()
    return rows


# ---------------------------------------------------------------------------------------------
# The Data Package descriptor
# ---------------------------------------------------------------------------------------------

_DESCRIPTION = (
    "Illustrative sample export set for the Assembly Findings dashboard, shaped like a real export "
    "of the Imaginative Intelligences Assemblies (hosted by the Mozilla Foundation and the "
    "Berggruen Institute in Los Angeles in early 2025). "
    "Public facts are reproduced exactly: five sessions of 12 to 20 participants, 91 in all; the "
    "Bradbury Building and the Hearst Estate as venues; the ten creative professions; the three "
    "named activities; the eight themes in three groups with their French labels; the titles of "
    "the 8 Rules for AI; and the recorded totals (30 hours of audio, 18 GB; more than 4,500 "
    "photos, 16 GB; more than 60 hours of film, 6.7 TB). "
    "Everything else is illustrative and invented: session dates and which session met at which "
    "venue, session sizes and durations, the split of participants by discipline, consent, every "
    "excerpt (written for this sample, none is a quote), every theme code and stance, and so "
    "every count and percentage computed from them, rule summaries and French rule titles, which "
    "themes support which rule, and the individual media files."
)

_DESCRIPTION_FR = (
    "Jeu d'exports illustratif pour le tableau de bord Assembly Findings, construit comme un export "
    "réel des assemblées Imaginative Intelligences (organisées par la Fondation Mozilla et le "
    "Berggruen Institute à Los Angeles début 2025). Les faits publics sont reproduits exactement : "
    "cinq sessions de 12 à 20 participants, 91 en tout ; le Bradbury Building et le domaine Hearst ; "
    "les dix métiers créatifs ; les trois activités ; les huit thèmes en trois groupes ; les titres "
    "des 8 règles pour l'IA ; les totaux enregistrés (30 heures d'audio, 18 Go ; plus de 4 500 "
    "photos, 16 Go ; plus de 60 heures de film, 6,7 To). Tout le reste est illustratif et inventé : "
    "dates, lieu de chaque session, répartition par discipline, consentements, extraits (écrits "
    "pour cet échantillon, aucun n'est une citation), codes, positions, et donc tous les effectifs "
    "et pourcentages qui en découlent."
)


def _field(table: str, field: pa.Field) -> dict:
    out: dict = {"name": field.name, "type": _FRICTIONLESS_TYPES[field.type]}
    constraints: dict = {}
    if not field.nullable:
        constraints["required"] = True
    if (table, field.name) in _ENUMS:
        constraints["enum"] = _ENUMS[(table, field.name)]
    if constraints:
        out["constraints"] = constraints
    return out


def _resource(name: str, partitioned: bool) -> dict:
    schema = SCHEMAS[name]
    folder = name == "theme_codes" and partitioned
    table_schema: dict = {
        "fields": [_field(name, f) for f in schema],
        "primaryKey": _PRIMARY_KEYS[name],
    }
    if name in _FOREIGN_KEYS:
        table_schema["foreignKeys"] = [
            {"fields": [col], "reference": {"resource": ref, "fields": [col]}}
            for col, ref in _FOREIGN_KEYS[name]
        ]
    resource: dict = {
        "name": name,
        "path": f"{name}/" if folder else f"{name}.parquet",
        "format": "parquet",
        "mediatype": "application/vnd.apache.parquet",
        "description": _RESOURCE_NOTES[name],
    }
    if folder:
        resource["partitioning"] = {"flavor": "hive", "fields": [PARTITION_COLUMN]}
    resource["schema"] = table_schema
    return resource


def _descriptor(excerpts: int, seed: int, partitioned: bool) -> dict:
    return {
        "name": PACKAGE_NAME,
        "title": "Imaginative Intelligences Assemblies (illustrative sample)",
        "title_fr": "Assemblées Imaginative Intelligences (échantillon illustratif)",
        "description": _DESCRIPTION,
        "description_fr": _DESCRIPTION_FR,
        "question": "What is creative purpose in the age of AI?",
        "question_fr": "Quel est le sens de la création à l'ère de l'IA ?",
        "illustrative": True,
        "created": CREATED,
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0 International",
            }
        ],
        "sources": [
            {
                "title": "Imaginative Intelligences, a report by the Mozilla Foundation and the "
                "Berggruen Institute (2025)",
            }
        ],
        "generator": {"module": "findings.sample", "seed": seed, "excerpts": excerpts},
        "resources": [_resource(name, partitioned) for name in TABLE_NAMES],
    }
