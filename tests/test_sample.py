"""The sample export set: public facts exact, illustrative parts flagged, deterministic, consistent.

The public facts are restated here from FACTS.md rather than imported from findings.sample, so a
typo in the generator fails a test instead of agreeing with itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from findings import agreement, sample
from findings.sample import write_sample

TABLES = ("sessions", "participants", "themes", "theme_codes", "rules", "rule_themes", "media")

ROLES = {
    "Director",
    "Producer",
    "Animator",
    "Artist",
    "Musician",
    "Composer",
    "Technologist",
    "Academic",
    "Content creator",
    "Storyteller",
}
ACTIVITIES = {
    "Blindfolded deep listening": "Écoute profonde les yeux bandés",
    "Tactile modelling": "Modelage tactile",
    "Facilitated dialogue": "Dialogue animé",
}
GROUP_1 = ("The conflicting natures of AI and creativity", "Les contradictions entre l'IA et la créativité")
GROUP_2 = ("The impact of AI on the industry", "L'impact de l'IA sur l'industrie des médias")
GROUP_3 = ("The way forward", "La voie à suivre")
THEMES = {  # theme_id: (label, label_fr, group)
    "accelerates-flattens": (
        "AI accelerates but flattens",
        "L'IA accélère mais appauvrit la créativité",
        GROUP_1,
    ),
    "simulation-experience": ("Simulation ≠ experience", "Simulation ≠ expérience", GROUP_1),
    "disrupts-value": ("AI disrupts value itself", "L'IA bouleverse la notion même de valeur", GROUP_1),
    "friction-matters": ("Friction matters", "La friction compte", GROUP_1),
    "shifting-roles": ("Artists are shifting roles", "Le rôle des artistes change", GROUP_2),
    "work-under-threat": ("Creative work is under threat", "Le travail créatif est menacé", GROUP_2),
    "systemic-design": ("Systemic design is essential", "La conception systémique est essentielle", GROUP_3),
    "resistance-redesign": ("Resistance means redesign", "La résistance implique une refonte", GROUP_3),
}
RULE_TITLES = [
    "Build for Process, Not Just Output",
    "Encourage Randomness and Glitchiness",
    "Keep Friction in the Creative Flow",
    "Protect Lineage and Give Credit",
    "Put Human Purpose at the Center",
    "Make AI Transparent and Conversational",
    "Value Deliberate Slowness and Depth",
    "Design for the Whole Creative Ecosystem",
]
S, I32, I64, F64, D32 = pa.string(), pa.int32(), pa.int64(), pa.float64(), pa.date32()
SCHEMAS = {
    "sessions": [
        ("session_id", S),
        ("title", S),
        ("title_fr", S),
        ("venue", S),
        ("venue_fr", S),
        ("date", D32),
        ("duration_minutes", I32),
    ],
    "participants": [
        ("participant_id", S),
        ("session_id", S),
        ("role", S),
        ("role_fr", S),
        ("discipline", S),
        ("discipline_fr", S),
        ("quote_consent", S),
    ],
    "themes": [
        ("theme_id", S),
        ("label", S),
        ("label_fr", S),
        ("theme_group", S),
        ("theme_group_fr", S),
        ("description", S),
        ("description_fr", S),
    ],
    "theme_codes": [
        ("code_id", S),
        ("excerpt_id", S),
        ("theme_id", S),
        ("session_id", S),
        ("participant_id", S),
        ("activity", S),
        ("activity_fr", S),
        ("stance", S),
        ("excerpt", S),
        ("coder", S),
    ],
    "rules": [
        ("rule_id", S),
        ("number", I32),
        ("title", S),
        ("title_fr", S),
        ("summary", S),
        ("summary_fr", S),
    ],
    "rule_themes": [("rule_id", S), ("theme_id", S)],
    "media": [("media_id", S), ("session_id", S), ("kind", S), ("duration_s", F64), ("size_bytes", I64)],
}


def rows(out: Path, table: str) -> list[dict]:
    return pq.read_table(out / f"{table}.parquet").to_pylist()


def digests(out: Path) -> dict[str, str]:
    return {
        p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*"))
        if p.is_file()
    }


def read_codes(out: Path) -> pa.Table:
    """theme_codes in either form, with session_id as a plain string column."""
    if (out / "theme_codes.parquet").exists():
        return pq.read_table(out / "theme_codes.parquet")
    folder = ds.dataset(
        out / "theme_codes",
        format="parquet",
        partitioning=ds.partitioning(pa.schema([("session_id", S)]), flavor="hive"),
    )
    return folder.to_table().select([name for name, _ in SCHEMAS["theme_codes"]])


@pytest.fixture(scope="module")
def default_set(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("default") / "export"
    return out, write_sample(out)


@pytest.fixture(scope="module")
def out(default_set) -> Path:
    return default_set[0]


@pytest.fixture(scope="module")
def codes(out) -> list[dict]:
    return read_codes(out).to_pylist()


# --- files and schemas ---------------------------------------------------------------------------


def test_writes_one_file_per_table_and_a_descriptor(default_set):
    out, summary = default_set
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{t}.parquet" for t in TABLES] + ["datapackage.json"]
    )
    assert summary == {t: pq.read_metadata(out / f"{t}.parquet").num_rows for t in TABLES}


@pytest.mark.parametrize("table", TABLES)
def test_columns_and_arrow_types_are_exact(out, table):
    schema = pq.read_schema(out / f"{table}.parquet")
    assert [(f.name, f.type) for f in schema] == SCHEMAS[table]
    assert pq.read_metadata(out / f"{table}.parquet").row_group(0).column(0).compression == "ZSTD"


# --- public facts --------------------------------------------------------------------------------


def test_five_sessions_of_12_to_20_make_91_participants(out):
    sessions = rows(out, "sessions")
    people = rows(out, "participants")
    assert [s["session_id"] for s in sessions] == ["S1", "S2", "S3", "S4", "S5"]
    sizes = {s["session_id"]: sum(p["session_id"] == s["session_id"] for p in people) for s in sessions}
    assert all(12 <= n <= 20 for n in sizes.values()), sizes
    assert sum(sizes.values()) == len(people) == 91
    assert [p["participant_id"] for p in people] == [f"P{i:03d}" for i in range(1, 92)]


def test_sessions_use_both_venues_in_early_2025(out):
    sessions = rows(out, "sessions")
    assert {(s["venue"], s["venue_fr"]) for s in sessions} == {
        ("Bradbury Building", "Bradbury Building"),
        ("Hearst Estate", "Domaine Hearst"),
    }
    for s in sessions:
        assert dt.date(2025, 1, 1) <= s["date"] <= dt.date(2025, 3, 31)
        assert 330 <= s["duration_minutes"] <= 390  # the method takes six hours
        assert s["title"] == f"Assembly {s['session_id'][1:]} · {s['venue']}"
        assert s["title_fr"] == f"Assemblée {s['session_id'][1:]} · {s['venue_fr']}"


def test_all_ten_professions_are_present_and_grouped_by_discipline(out):
    people = rows(out, "participants")
    assert {p["role"] for p in people} == ROLES
    discipline_of = {p["role"]: p["discipline"] for p in people}
    assert discipline_of["Musician"] == discipline_of["Composer"] == "Music"
    assert discipline_of["Director"] == discipline_of["Producer"] == "Film & TV"
    assert discipline_of["Content creator"] == discipline_of["Storyteller"] == "Digital storytelling"
    assert len({p["discipline"] for p in people}) == 7
    for key in ("role", "discipline"):  # one French label per English one, and a real translation
        pairs = {(p[key], p[f"{key}_fr"]) for p in people}
        assert len(pairs) == len({p[key] for p in people})
    assert ("Music", "Musique") in {(p["discipline"], p["discipline_fr"]) for p in people}


def test_consent_is_mostly_public_and_never_uniform_within_a_discipline(out):
    people = rows(out, "participants")
    consent = [p["quote_consent"] for p in people]
    assert set(consent) == {"public", "research", "none"}
    assert 0.65 <= consent.count("public") / len(consent) <= 0.85
    for discipline in {p["discipline"] for p in people}:
        values = {p["quote_consent"] for p in people if p["discipline"] == discipline}
        assert len(values) > 1, discipline


def test_eight_themes_with_published_labels_groups_and_french(out):
    themes = rows(out, "themes")
    assert [t["theme_id"] for t in themes] == list(THEMES)
    for t in themes:
        label, label_fr, (group, group_fr) = THEMES[t["theme_id"]]
        assert (t["label"], t["label_fr"], t["theme_group"], t["theme_group_fr"]) == (
            label,
            label_fr,
            group,
            group_fr,
        )
        assert t["description"][0].isupper() and t["description"][-1] in ".?"
        assert t["description_fr"] and t["description_fr"] != t["description"]


def test_eight_rules_with_published_titles_in_order(out):
    rules = rows(out, "rules")
    assert [r["title"] for r in rules] == RULE_TITLES
    assert [(r["rule_id"], r["number"]) for r in rules] == [(f"R{n}", n) for n in range(1, 9)]
    assert all(r["title_fr"] and r["summary"] and r["summary_fr"] for r in rules)


def test_each_rule_rests_on_one_to_three_known_themes(out):
    links = rows(out, "rule_themes")
    per_rule = {f"R{n}": [] for n in range(1, 9)}
    for link in links:
        per_rule[link["rule_id"]].append(link["theme_id"])
    assert all(1 <= len(t) <= 3 and len(set(t)) == len(t) for t in per_rule.values()), per_rule
    assert {link["theme_id"] for link in links} <= set(THEMES)


def test_media_totals_match_the_published_figures_exactly(out):
    media = rows(out, "media")
    by_kind = {k: [m for m in media if m["kind"] == k] for k in ("audio", "photo", "video")}
    assert sum(len(v) for v in by_kind.values()) == len(media)
    assert sum(m["duration_s"] for m in by_kind["audio"]) == 30 * 3600
    assert sum(m["size_bytes"] for m in by_kind["audio"]) == 18_000_000_000
    assert len(by_kind["photo"]) > 4500
    assert sum(m["size_bytes"] for m in by_kind["photo"]) == 16_000_000_000
    assert all(m["duration_s"] is None for m in by_kind["photo"])
    assert sum(m["duration_s"] for m in by_kind["video"]) > 60 * 3600
    assert sum(m["size_bytes"] for m in by_kind["video"]) == 6_700_000_000_000
    assert all(m["size_bytes"] > 0 for m in media)
    assert all(m["duration_s"] > 0 for m in by_kind["audio"] + by_kind["video"])
    sessions = {m["session_id"] for m in media}
    assert None in sessions and sessions - {None} == {"S1", "S2", "S3", "S4", "S5"}
    assert len({m["media_id"] for m in media}) == len(media)


# --- theme codes ---------------------------------------------------------------------------------


def test_default_writes_1500_excerpts_each_coder_applying_distinct_themes(codes):
    per_coding: dict[tuple[str, str], list[str]] = {}
    for c in codes:
        per_coding.setdefault((c["excerpt_id"], c["coder"]), []).append(c["theme_id"])
    first = {e: t for (e, coder), t in per_coding.items() if coder == "Coder A"}
    second = {e: t for (e, coder), t in per_coding.items() if coder == "Coder B"}
    assert len(per_coding) == len(first) + len(second)  # no other coder
    assert len(first) == len({c["excerpt_id"] for c in codes}) == 1500  # A coded every excerpt
    assert all(1 <= len(t) <= 3 and len(set(t)) == len(t) for t in first.values())
    # B keeps some of A's themes and may add one
    assert all(1 <= len(t) <= 4 and len(set(t)) == len(t) for t in second.values())
    assert len({c["code_id"] for c in codes}) == len(codes)


def test_theme_codes_resolve_to_known_rows(out, codes):
    participants = {p["participant_id"]: p["session_id"] for p in rows(out, "participants")}
    themes = {t["theme_id"] for t in rows(out, "themes")}
    for c in codes:
        assert c["theme_id"] in themes
        assert c["session_id"] in {"S1", "S2", "S3", "S4", "S5"}
        if c["participant_id"] is not None:  # a person speaks in their own session
            assert participants[c["participant_id"]] == c["session_id"]
    assert {c["activity"] for c in codes} == set(ACTIVITIES) | {None}
    assert all(ACTIVITIES.get(c["activity"]) == c["activity_fr"] for c in codes)
    assert {c["stance"] for c in codes} == {"risk", "opportunity", "mixed", None}


def test_rows_of_one_excerpt_share_speaker_session_activity_and_text(codes):
    first: dict[str, tuple] = {}
    shared = ("session_id", "participant_id", "activity", "activity_fr", "excerpt")
    for c in codes:
        key = tuple(c[k] for k in shared)
        assert first.setdefault(c["excerpt_id"], key) == key, c["code_id"]


def test_everyone_speaks_and_some_excerpts_are_group_level_or_untranscribed(out, codes):
    excerpts = {c["excerpt_id"]: c for c in codes}.values()
    counts: dict[str, int] = {}
    for e in excerpts:
        counts[e["participant_id"]] = counts.get(e["participant_id"], 0) + 1
    assert len(counts) - (None in counts) == 91
    assert min(n for p, n in counts.items() if p is not None) >= 3
    assert 0.04 <= counts.get(None, 0) / len(excerpts) <= 0.12
    texts = [e["excerpt"] for e in excerpts]
    assert 0.01 <= texts.count(None) / len(texts) <= 0.06
    spoken = [t for t in texts if t is not None]
    assert len(set(spoken)) > 0.7 * len(spoken)  # varied, not a handful of stock lines
    assert all(t[0].isupper() and t[-1] in ".?!" and "  " not in t for t in spoken)


def test_themes_differ_in_prevalence_and_disciplines_lean_differently(out, codes):
    discipline = {p["participant_id"]: p["discipline"] for p in rows(out, "participants")}
    by_theme: dict[str, int] = {}
    for c in codes:
        by_theme[c["theme_id"]] = by_theme.get(c["theme_id"], 0) + 1
    assert max(by_theme.values()) > 2 * min(by_theme.values())

    def share(theme, who):
        mine = [c for c in codes if c["participant_id"] and discipline[c["participant_id"]] == who]
        return sum(c["theme_id"] == theme for c in mine) / len(mine)

    def overall(theme):
        return by_theme[theme] / len(codes)

    assert share("friction-matters", "Music") > 1.5 * overall("friction-matters")
    assert share("systemic-design", "Technology") > 1.5 * overall("systemic-design")


# --- the second coder ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def double_coded(out) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The codings of the passages both coders coded, and which coder read which passage, in the
    shape findings.agreement reads (`passage`, `coder`, `theme`)."""
    codes = read_codes(out).to_pandas()
    both = codes.groupby("excerpt_id")["coder"].transform("nunique") == 2
    codings = codes[both].rename(columns={"excerpt_id": "passage", "theme_id": "theme"})
    return codings, codings[["passage", "coder"]].drop_duplicates()


def test_a_second_coder_codes_a_seeded_fifth_of_the_passages_in_every_session(codes, double_coded):
    codings, coded = double_coded
    assert {c["coder"] for c in codes} == {"Coder A", "Coder B"}
    second = {c["excerpt_id"] for c in codes if c["coder"] == "Coder B"}
    assert 0.15 <= len(second) / 1500 <= 0.20
    assert set(coded["passage"]) == second  # every passage B coded, A coded too
    per_session = codings.drop_duplicates("passage")["session_id"].value_counts()
    assert sorted(per_session.index) == ["S1", "S2", "S3", "S4", "S5"] and per_session.min() >= 20


def test_an_excerpts_codes_are_numbered_in_order_the_first_coders_first(codes):
    coders: dict[str, list[str]] = {}
    for c in codes:
        coders.setdefault(c["excerpt_id"], []).append(c["coder"])
        assert c["code_id"] == f"{c['excerpt_id']}-{len(coders[c['excerpt_id']])}"
    assert all(order == sorted(order) for order in coders.values())


def test_the_two_coders_disagree_realistically(double_coded):
    codings, coded = double_coded
    kappa = agreement.theme_agreement(codings, coded, list(THEMES)).set_index("theme")["kappa"]
    assert kappa.between(0.5, 0.95).all(), kappa.round(2).to_dict()
    assert kappa.max() - kappa.min() >= 0.15, kappa.round(2).to_dict()  # some themes are harder
    applied = codings.groupby(["passage", "coder"])["theme"].apply(frozenset).unstack()
    added = [bool(b - a) for a, b in zip(applied["Coder A"], applied["Coder B"], strict=True)]
    assert 0.05 <= sum(added) / len(added) <= 0.25  # B now and then applies a theme A did not
    stances = codings.groupby(["passage", "theme", "coder"])["stance"].first().unstack().dropna()
    differ = (stances["Coder A"] != stances["Coder B"]).mean()
    assert 0.02 <= differ <= 0.2, differ  # and now and then reads a shared theme's stance otherwise


# --- how themes spread over participants ("participants reached") ------------------------------


@pytest.fixture(scope="module")
def voiced(out) -> pd.DataFrame:
    """One row per personal code: participant, discipline, theme and theme group."""
    codes = read_codes(out).to_pandas()
    people = pq.read_table(out / "participants.parquet").to_pandas()
    themes = pq.read_table(out / "themes.parquet").to_pandas()
    return (
        codes.dropna(subset=["participant_id"])
        .merge(people[["participant_id", "discipline"]], on="participant_id")
        .merge(themes[["theme_id", "theme_group"]], on="theme_id")
    )


def reach(voiced: pd.DataFrame, by: str, people: int = 91) -> pd.Series:
    """Percentage of the participants with at least one code for each value of `by`."""
    return voiced.groupby(by)["participant_id"].nunique() / people * 100


def test_themes_reach_clearly_different_shares_of_participants(voiced):
    per_theme = reach(voiced, "theme_id").reindex(list(THEMES), fill_value=0)
    assert per_theme.between(15, 90).all(), per_theme.round(1).to_dict()
    assert per_theme.max() - per_theme.min() >= 30, per_theme.round(1).to_dict()
    # the illustrative base prevalence still orders them, by and large
    weight = pd.Series({t.theme_id: t.weight for t in sample.THEMES})
    assert per_theme.rank().corr(weight.rank()) >= 0.7, per_theme.round(1).to_dict()


def test_no_theme_group_reaches_everyone_and_groups_differ(voiced):
    per_group = reach(voiced, "theme_group")
    assert sorted(per_group.index) == sorted(g for g, _ in (GROUP_1, GROUP_2, GROUP_3))
    assert per_group.between(40, 99.99).all(), per_group.round(1).to_dict()
    assert per_group.max() - per_group.min() >= 20, per_group.round(1).to_dict()


def test_participants_keep_to_a_few_themes(voiced):
    themes_each = voiced.groupby("participant_id")["theme_id"].nunique()
    assert themes_each.median() <= 4, themes_each.describe()
    assert (themes_each == len(THEMES)).mean() < 0.05


def test_discipline_leanings_show_in_reach_as_shares(out, voiced):
    people = pq.read_table(out / "participants.parquet").to_pandas()
    size = people["discipline"].value_counts()
    cells = (
        voiced.groupby(["discipline", "theme_id"])["participant_id"]
        .nunique()
        .unstack(fill_value=0)
        .reindex(columns=list(THEMES), fill_value=0)
        .div(size, axis=0)
        * 100
    )
    overall = reach(voiced, "theme_id")
    assert cells.loc["Music", "friction-matters"] > overall["friction-matters"] + 10
    assert cells.loc["Technology", "systemic-design"] > overall["systemic-design"] + 10
    extremes = ((cells == 0) | (cells == 100)).to_numpy().sum()
    assert extremes <= 0.1 * cells.size, cells.round(0)


def test_stance_split_differs_by_theme(voiced):
    split = (
        voiced.dropna(subset=["stance"])
        .groupby("theme_id")["stance"]
        .value_counts(normalize=True)
        .unstack(fill_value=0)
    )
    assert split.loc["work-under-threat", "risk"] > 0.5
    assert split.loc["resistance-redesign", "opportunity"] > split.loc["resistance-redesign", "risk"]
    assert split["risk"].max() - split["risk"].min() > 0.3


def test_themes_co_occur_mostly_with_related_themes(out):
    codes = read_codes(out).to_pandas()
    per_excerpt = codes.groupby("excerpt_id")["theme_id"].apply(frozenset)
    assert 0.25 <= (per_excerpt.map(len) > 1).mean() <= 0.6
    links = pq.read_table(out / "rule_themes.parquet").to_pandas()
    related = {  # two themes that support the same rule
        frozenset(pair)
        for _, rule in links.groupby("rule_id")
        for pair in itertools.combinations(rule["theme_id"], 2)
    }
    together: dict[frozenset, int] = {}
    for themes in per_excerpt:
        for pair in itertools.combinations(sorted(themes), 2):
            together[frozenset(pair)] = together.get(frozenset(pair), 0) + 1
    pairs = [frozenset(p) for p in itertools.combinations(THEMES, 2)]
    mean_related = sum(together.get(p, 0) for p in pairs if p in related) / len(related)
    mean_other = sum(together.get(p, 0) for p in pairs if p not in related) / (len(pairs) - len(related))
    assert mean_related > 2 * mean_other, (mean_related, mean_other)


@pytest.mark.parametrize("n", [1, 40])
def test_excerpt_count_is_honoured_for_small_sets(tmp_path, n):
    summary = write_sample(tmp_path / "small", excerpts=n)
    table = read_codes(tmp_path / "small")
    assert len(pc.unique(table["excerpt_id"])) == n
    assert summary["theme_codes"] == table.num_rows >= n


# --- determinism ---------------------------------------------------------------------------------


def test_same_arguments_give_byte_identical_files(out, tmp_path):
    write_sample(tmp_path / "again")
    assert digests(tmp_path / "again") == digests(out)


def test_another_seed_gives_other_data_but_the_same_public_facts(out, tmp_path):
    write_sample(tmp_path / "other", seed=7)
    before, after = digests(out), digests(tmp_path / "other")
    for table in ("theme_codes", "participants", "media"):
        assert before[f"{table}.parquet"] != after[f"{table}.parquet"], table
    for table in ("sessions", "themes", "rules", "rule_themes"):
        assert before[f"{table}.parquet"] == after[f"{table}.parquet"], table


# --- the data package ----------------------------------------------------------------------------


def test_descriptor_flags_the_set_as_illustrative_and_lists_every_table(out):
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert package["name"] == "imaginative-intelligences-assemblies-sample"
    assert package["illustrative"] is True
    assert "illustrative" in package["description"].lower()
    assert package["created"] == sample.CREATED
    assert any("Mozilla" in s["title"] and "Berggruen" in s["title"] for s in package["sources"])
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert [r["name"] for r in package["resources"]] == list(TABLES)
    for resource in package["resources"]:
        assert resource["path"] == f"{resource['name']}.parquet"
        assert resource["format"] == "parquet"
        names = [f["name"] for f in resource["schema"]["fields"]]
        assert names == pq.read_schema(out / resource["path"]).names


# --- the partitioned form ------------------------------------------------------------------------


def test_large_sets_are_hive_partitioned_by_session(tmp_path):
    n = sample.PARTITION_ABOVE + 1
    write_sample(tmp_path / "big", excerpts=n)
    folder = tmp_path / "big" / "theme_codes"
    assert not (tmp_path / "big" / "theme_codes.parquet").exists()
    parts = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.parquet"))
    assert parts == [f"session_id=S{i}/part-00000.parquet" for i in range(1, 6)]
    assert "session_id" not in pq.read_schema(folder / parts[0]).names
    table = read_codes(tmp_path / "big")
    assert len(pc.unique(table["excerpt_id"])) == n
    package = json.loads((tmp_path / "big" / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == "theme_codes")
    assert resource["path"] == "theme_codes/"
    assert [f["name"] for f in resource["schema"]["fields"]] == [c for c, _ in SCHEMAS["theme_codes"]]


def test_partitioned_form_holds_the_same_rows_as_the_single_file(tmp_path):
    kw = {"excerpts": 700, "seed": 3, "batch_excerpts": 128}
    write_sample(tmp_path / "single", **kw)
    write_sample(tmp_path / "split", partition_above=100, **kw)
    single = read_codes(tmp_path / "single").sort_by("code_id")
    split = read_codes(tmp_path / "split").sort_by("code_id")
    assert split.num_rows == single.num_rows > 700
    assert split.to_pydict() == single.to_pydict()  # the session column only moved into the path
    assert pq.read_metadata(tmp_path / "single" / "theme_codes.parquet").num_row_groups == 6
    assert (tmp_path / "split" / "theme_codes" / "session_id=S3" / "part-00000.parquet").is_file()


# --- the output folder ---------------------------------------------------------------------------


def test_refuses_a_folder_holding_other_files_and_leaves_it_alone(tmp_path):
    target = tmp_path / "mine"
    target.mkdir()
    (target / "notes.txt").write_text("keep me")
    with pytest.raises(ValueError, match="notes.txt"):
        write_sample(target, excerpts=10)
    assert sorted(p.name for p in target.iterdir()) == ["notes.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["mine"]  # no staging folder left behind


def test_refuses_a_stray_file_inside_the_theme_codes_folder(tmp_path):
    target = tmp_path / "set"
    write_sample(target, excerpts=300, partition_above=100)
    stray = target / "theme_codes" / "session_id=S1" / "analysis.csv"
    stray.write_text("x")
    with pytest.raises(ValueError, match="analysis.csv"):
        write_sample(target, excerpts=10)
    assert stray.is_file() and (target / "theme_codes").is_dir()


def test_rewrites_its_own_output_and_switches_form_cleanly(tmp_path):
    target = tmp_path / "set"
    write_sample(target, excerpts=300, partition_above=100)
    assert (target / "theme_codes").is_dir()
    write_sample(target, excerpts=30)
    assert not (target / "theme_codes").exists()
    assert len(pc.unique(read_codes(target)["excerpt_id"])) == 30
    fresh = tmp_path / "fresh"
    write_sample(fresh, excerpts=30)
    assert digests(fresh) == digests(target)


@pytest.mark.parametrize("kw", [{"excerpts": 0}, {"excerpts": -5}, {"seed": -1}])
def test_rejects_impossible_arguments(tmp_path, kw):
    with pytest.raises(ValueError):
        write_sample(tmp_path / "x", **kw)
    assert not (tmp_path / "x").exists()
