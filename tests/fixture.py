"""A tiny, hand-checked export set: every expected number in the tests can be counted by eye.

Sessions: S1 at the Bradbury Building; S2 and S3 at the Hearst Estate.
Participants (8): P1 Musician/Music/public, P2 Composer/Music/research, P3 Director/Film & TV/public
(all S1); P4 Technologist/Technology/none, P5 Musician/Music/public, P6 Artist/Visual arts/public
(all S2); P7 Director/Film & TV/public, P8 Producer/Film & TV/public (S3; P8 never speaks).
Themes: T1 Friction, T2 Simulation (group A), T3 Roles (group B), T4 Design (group C).
Excerpts (10) and their codes (12):
  E1  P1 S1 Deep listening        T1 risk, T2 mixed
  E2  P1 S1 Facilitated dialogue  T1 opportunity
  E3  P2 S1 Tactile modelling     T3 risk
  E4  P3 S1 Deep listening        T1 risk
  E5  P4 S2 Facilitated dialogue  T4 opportunity
  E6  P5 S2 Tactile modelling     T1 risk, T3 mixed
  E7  --  S2 Facilitated dialogue T4 opportunity      (group-level passage)
  E8  P6 S2 (no activity)         T2 (no stance)
  E9  P7 S3 Deep listening        T4 opportunity
  E10 P7 S3 Deep listening        T1 risk
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

DL, FD, TM = "Deep listening", "Facilitated dialogue", "Tactile modelling"
ACTIVITY_FR = {DL: "Écoute profonde", FD: "Dialogue animé", TM: "Modelage tactile"}

SESSIONS = {
    "session_id": ["S1", "S2", "S3"],
    "title": ["Morning", "Afternoon", "Evening"],
    "title_fr": ["Matin", "Après-midi", "Soir"],
    "venue": ["Bradbury Building", "Hearst Estate", "Hearst Estate"],
    "venue_fr": ["Bradbury Building", "Domaine Hearst", "Domaine Hearst"],
    "date": [dt.date(2025, 1, 10), dt.date(2025, 1, 11), None],
    "duration_minutes": [360, 300, None],
}

PARTICIPANTS = {
    "participant_id": [f"P{i}" for i in range(1, 9)],
    "session_id": ["S1", "S1", "S1", "S2", "S2", "S2", "S3", "S3"],
    "role": [
        "Musician",
        "Composer",
        "Director",
        "Technologist",
        "Musician",
        "Artist",
        "Director",
        "Producer",
    ],
    "role_fr": [
        "Musicien·ne",
        "Compositeur·rice",
        "Réalisateur·rice",
        "Technologue",
        "Musicien·ne",
        "Artiste",
        "Réalisateur·rice",
        "Producteur·rice",
    ],
    "discipline": [
        "Music",
        "Music",
        "Film & TV",
        "Technology",
        "Music",
        "Visual arts",
        "Film & TV",
        "Film & TV",
    ],
    "discipline_fr": [
        "Musique",
        "Musique",
        "Cinéma et télévision",
        "Technologie",
        "Musique",
        "Arts visuels",
        "Cinéma et télévision",
        "Cinéma et télévision",
    ],
    "quote_consent": ["public", "research", "public", "none", "public", "public", "public", "public"],
}

THEMES = {
    "theme_id": ["T1", "T2", "T3", "T4"],
    "label": ["Friction", "Simulation", "Roles", "Design"],
    "label_fr": ["Friction", "Simulation", "Rôles", "Conception"],
    "theme_group": ["Natures", "Natures", "Industry", "Way forward"],
    "theme_group_fr": ["Natures", "Natures", "Industrie", "Voie à suivre"],
    "description": ["Limits build meaning.", None, "Artists curate.", "AI is infrastructure."],
}

_CODES = [  # excerpt, participant, session, activity, theme, stance
    ("E1", "P1", "S1", DL, "T1", "risk"),
    ("E1", "P1", "S1", DL, "T2", "mixed"),
    ("E2", "P1", "S1", FD, "T1", "opportunity"),
    ("E3", "P2", "S1", TM, "T3", "risk"),
    ("E4", "P3", "S1", DL, "T1", "risk"),
    ("E5", "P4", "S2", FD, "T4", "opportunity"),
    ("E6", "P5", "S2", TM, "T1", "risk"),
    ("E6", "P5", "S2", TM, "T3", "mixed"),
    ("E7", None, "S2", FD, "T4", "opportunity"),
    ("E8", "P6", "S2", None, "T2", None),
    ("E9", "P7", "S3", DL, "T4", "opportunity"),
    ("E10", "P7", "S3", DL, "T1", "risk"),
]

THEME_CODES = {
    "code_id": [f"C{i:02d}" for i in range(1, len(_CODES) + 1)],
    "excerpt_id": [c[0] for c in _CODES],
    "theme_id": [c[4] for c in _CODES],
    "session_id": [c[2] for c in _CODES],
    "participant_id": [c[1] for c in _CODES],
    "activity": [c[3] for c in _CODES],
    "activity_fr": [ACTIVITY_FR.get(c[3]) for c in _CODES],
    "stance": [c[5] for c in _CODES],
    "excerpt": [f"Words of {c[1] or 'the group'} in {c[0]}." for c in _CODES],
}

RULES = {
    "rule_id": ["R1", "R2"],
    "number": [1, 2],
    "title": ["Build for Process, Not Just Output", "Design for the Whole Creative Ecosystem"],
    "title_fr": ["Concevoir pour le processus", "Concevoir pour tout l'écosystème"],
    "summary": ["Process first.", None],
}

RULE_THEMES = {"rule_id": ["R1", "R2", "R2"], "theme_id": ["T1", "T3", "T4"]}

MEDIA = {
    "media_id": ["M1", "M2", "M3", "M4", "M5"],
    "session_id": ["S1", "S2", "S1", None, "S3"],
    "kind": ["audio", "audio", "photo", "photo", "video"],
    "duration_s": [3600.0, 1800.0, None, None, 7200.0],
    "size_bytes": [1_000_000_000, 500_000_000, 1_000_000, 2_000_000, 10_000_000_000],
}

SCHEMAS = {
    "sessions": pa.schema(
        [
            ("session_id", pa.string()),
            ("title", pa.string()),
            ("title_fr", pa.string()),
            ("venue", pa.string()),
            ("venue_fr", pa.string()),
            ("date", pa.date32()),
            ("duration_minutes", pa.int32()),
        ]
    ),
    "media": pa.schema(
        [
            ("media_id", pa.string()),
            ("session_id", pa.string()),
            ("kind", pa.string()),
            ("duration_s", pa.float64()),
            ("size_bytes", pa.int64()),
        ]
    ),
}


def tables() -> dict[str, pa.Table]:
    """Fresh Arrow tables of the fixture, one per contract table."""
    raw = {
        "sessions": SESSIONS,
        "participants": PARTICIPANTS,
        "themes": THEMES,
        "theme_codes": THEME_CODES,
        "rules": RULES,
        "rule_themes": RULE_THEMES,
        "media": MEDIA,
    }
    return {name: pa.table(cols, schema=SCHEMAS.get(name)) for name, cols in raw.items()}


PACKAGE = {
    "name": "tiny-fixture",
    "title": "Tiny fixture",
    "description": "Hand-checked test data.",
    "illustrative": True,
    "question": "What is tested here?",
    "question_fr": "Que teste-t-on ici ?",
    "sources": [{"title": "The test suite"}],
    "licenses": [{"name": "CC0-1.0"}],
}


def write(directory: Path, overrides: dict[str, pa.Table | None] | None = None, package=PACKAGE) -> Path:
    """Write the fixture (with tables replaced or, for None, left out) as `<table>.parquet` files."""
    directory.mkdir(parents=True, exist_ok=True)
    data = tables()
    data.update(overrides or {})
    for name, table in data.items():
        if table is not None:
            pq.write_table(table, directory / f"{name}.parquet")
    if package is not None:
        (directory / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    return directory


def with_a_repeated_code() -> pa.Table:
    """The fixture's codes plus a second coding of Friction (T1) on E1, with another stance, as a
    second coder or a change of mind leaves it: E1 then carries T1 twice, so T1 has 5 excerpts but
    6 code applications (the only set here where the two measures differ)."""
    codes = tables()["theme_codes"]
    row = {
        "code_id": ["C13"],
        "excerpt_id": ["E1"],
        "theme_id": ["T1"],
        "session_id": ["S1"],
        "participant_id": ["P1"],
        "activity": [DL],
        "activity_fr": [ACTIVITY_FR[DL]],
        "stance": ["opportunity"],
        "excerpt": ["Words of P1 in E1."],
    }
    return pa.concat_tables([codes, pa.table(row, schema=codes.schema)])


def with_coders(extra: list[tuple[str, str, str]] | None = None, coder: str = "Ana") -> pa.Table:
    """The fixture's codes, each applied by `coder`, plus `extra` codings (excerpt, theme, coder) of
    the same passages by other coders (their session, speaker and words copied from the passage)."""
    codes = tables()["theme_codes"]
    rows = codes.to_pylist()
    for row in rows:
        row["coder"] = coder
    by_excerpt = {row["excerpt_id"]: row for row in rows}
    for i, (excerpt, theme, other) in enumerate(extra or [], start=1):
        rows.append({**by_excerpt[excerpt], "code_id": f"X{i:02d}", "theme_id": theme, "coder": other})
    return pa.Table.from_pylist(rows, schema=codes.schema.append(pa.field("coder", pa.string())))
