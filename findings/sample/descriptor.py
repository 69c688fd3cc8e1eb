"""The sample's `datapackage.json`: a Frictionless Data Package descriptor of its tables.

Each resource's Table Schema (fields, required, allowed values, primary and foreign keys) is
read from the columns in `schema.py`, and so from the data contract.
"""

from __future__ import annotations

from findings.contract import Column
from findings.sample.schema import COLUMNS, PARTITION_COLUMN, PARTITIONED_TABLE, TABLE_NAMES, primary_key

PACKAGE_NAME = "imaginative-intelligences-assemblies-sample"
CREATED = "2025-06-01T00:00:00Z"  # fixed, so the descriptor is byte-identical run to run

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
    "excerpt (written for this sample, none is a quote), every theme code and stance, the two "
    "coders (Coder A coded every excerpt, Coder B about a fifth of them again) and how they "
    "disagree, and so every count, percentage and agreement computed from them, rule summaries "
    "and French rule titles, which themes support which rule, and the individual media files."
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
    "pour cet échantillon, aucun n'est une citation), codes, positions, les deux codeurs (Coder A "
    "a codé tous les extraits, Coder B environ un cinquième d'entre eux une seconde fois) et leurs "
    "désaccords, et donc tous les effectifs, pourcentages et accords qui en découlent."
)

_RESOURCE_NOTES = {
    "sessions": "The five sessions (public). Dates, venue per session, sizes and durations are illustrative.",
    "participants": "91 pseudonymous participants (public count) across the ten professions "
    "(public). Who sat in which session, the split by profession and consent are illustrative.",
    "themes": "The codebook: eight themes in three groups, labels and French labels as published. "
    "Descriptions paraphrase the published summaries; French descriptions are this sample's own.",
    "theme_codes": "One row per theme a coder applied to an excerpt. Entirely illustrative: every "
    "excerpt was written for this sample and is no quote from a participant or the report; "
    "speakers, activities and stances are random draws. The coders are invented too: Coder A "
    "coded every excerpt; Coder B independently coded about a fifth of them again (more rows on "
    "the same excerpt_id), with random disagreements, so that intercoder agreement can be shown.",
    "rules": "The 8 Rules for AI; titles as published by the Mozilla Foundation. Summaries and "
    "French titles are illustrative paraphrases.",
    "rule_themes": "Which themes support which rule: an illustrative mapping, not published.",
    "media": "One row per recorded file. Totals per kind match the public figures exactly; the "
    "files themselves, their sessions and sizes are illustrative.",
}


def _field(column: Column) -> dict:
    """A Table Schema field. The contract's column kinds are Table Schema's type names."""
    out: dict = {"name": column.name, "type": column.kind}
    constraints: dict = {}
    if not column.nullable:
        constraints["required"] = True
    if column.allowed:
        constraints["enum"] = list(column.allowed)
    if constraints:
        out["constraints"] = constraints
    return out


def _resource(name: str, partitioned: bool) -> dict:
    columns = COLUMNS[name]
    folder = name == PARTITIONED_TABLE and partitioned
    table_schema: dict = {"fields": [_field(c) for c in columns], "primaryKey": primary_key(name)}
    references = [c for c in columns if c.references]
    if references:
        table_schema["foreignKeys"] = [
            {"fields": [c.name], "reference": {"resource": c.references[0], "fields": [c.references[1]]}}
            for c in references
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


def descriptor(excerpts: int, seed: int, partitioned: bool) -> dict:
    """The descriptor of a sample written with these arguments."""
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
