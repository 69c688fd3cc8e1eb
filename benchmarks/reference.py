"""The pandas reference: each page's aggregations done the way most Streamlit dashboards do them.

Read every Parquet table into pandas once (and keep it: `st.cache_data` in such an app), join the
codes to their people, sessions and themes once, then on every filter change filter with boolean
masks and aggregate with `groupby`. The numbers are the named queries' numbers, so timing this
against the queries compares two ways of doing the same work. Counting over every code row, it is
also the oracle the queries (which count over excerpt patterns) are tested against:
tests/test_benchmarks_reference.py page by page, tests/test_patterns.py query by query.

Only the numbers are computed here, in English: labels, translation and charts are left out, which
flatters pandas a little. The one exception is the activity an excerpt shows, in the UI language,
because the Evidence page picks its top activity by that name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from findings.site import EVIDENCE_PAGE_SIZE, RULE_QUOTE_POOL
from findings.stats import DISTINCTIVE_SHARE, REST

STANCE_ORDER = ("risk", "mixed", "opportunity")


def _read(data_dir: Path, name: str) -> pd.DataFrame | None:
    file, folder = data_dir / f"{name}.parquet", data_dir / name
    if file.exists():
        return pd.read_parquet(file)
    if folder.is_dir():
        frame = pd.read_parquet(folder)  # hive partitions come back as categoricals
        for column in frame.columns:
            if isinstance(frame[column].dtype, pd.CategoricalDtype):
                frame[column] = frame[column].astype("str")
        return frame
    return None


@dataclass
class Tables:
    """Everything in memory: the tables as read, and the codes joined to what describes them."""

    sessions: pd.DataFrame
    participants: pd.DataFrame  # with its session's venue
    themes: pd.DataFrame  # codebook order, with theme_order and group_order
    codes: pd.DataFrame  # theme_codes + theme_group, venue, discipline, role, quote_consent
    rules: pd.DataFrame
    rule_themes: pd.DataFrame
    media: pd.DataFrame

    def memory_bytes(self) -> int:
        return sum(int(f.memory_usage(deep=True).sum()) for f in vars(self).values())


def load(data_dir: Path) -> Tables:
    """Read the export set into pandas and join the codes once (what a dashboard would cache)."""
    data_dir = Path(data_dir)
    sessions = _read(data_dir, "sessions")
    participants = _read(data_dir, "participants").merge(sessions[["session_id", "venue"]], on="session_id")
    themes = _read(data_dir, "themes").reset_index(drop=True)
    themes["theme_order"] = np.arange(1, len(themes) + 1)
    first = themes.groupby("theme_group")["theme_order"].min().rank(method="dense").astype(int)
    themes["group_order"] = themes["theme_group"].map(first)
    codes = (
        _read(data_dir, "theme_codes")
        .merge(themes[["theme_id", "theme_group"]], on="theme_id")
        .merge(sessions[["session_id", "venue", "date"]], on="session_id")
        .merge(
            participants[["participant_id", "discipline", "role", "quote_consent"]],
            on="participant_id",
            how="left",
        )
    )
    empty_rules = pd.DataFrame({"rule_id": pd.Series(dtype="str"), "number": pd.Series(dtype="int64")})
    rules = _read(data_dir, "rules")
    rule_themes = _read(data_dir, "rule_themes")
    media = _read(data_dir, "media")
    return Tables(
        sessions=sessions,
        participants=participants,
        themes=themes,
        codes=codes,
        rules=rules if rules is not None else empty_rules,
        rule_themes=rule_themes
        if rule_themes is not None
        else pd.DataFrame({"rule_id": [], "theme_id": []}, dtype="str"),
        media=media
        if media is not None
        else pd.DataFrame({"session_id": [], "kind": [], "duration_s": [], "size_bytes": []}),
    )


# --- filtering ---------------------------------------------------------------------------------


def _keep(frame: pd.DataFrame, column: str, selected) -> pd.Series:
    if not selected:
        return pd.Series(True, index=frame.index)
    return frame[column].isin(list(selected))  # a missing value is never kept by a filter


def kept_participants(t: Tables, f: dict) -> pd.DataFrame:
    p = t.participants
    mask = (
        _keep(p, "discipline", f.get("discipline"))
        & _keep(p, "role", f.get("role"))
        & _keep(p, "session_id", f.get("session"))
        & _keep(p, "venue", f.get("venue"))
    )
    return p[mask]


def kept_codes(t: Tables, f: dict) -> pd.DataFrame:
    c = t.codes
    mask = (
        _keep(c, "discipline", f.get("discipline"))
        & _keep(c, "role", f.get("role"))
        & _keep(c, "session_id", f.get("session"))
        & _keep(c, "venue", f.get("venue"))
        & _keep(c, "activity", f.get("activity"))
        & _keep(c, "theme_group", f.get("theme_group"))
        & _keep(c, "stance", f.get("stance"))
    )
    return c[mask]


def kept_themes(t: Tables, f: dict) -> pd.DataFrame:
    return t.themes[_keep(t.themes, "theme_group", f.get("theme_group"))]


def _measures(codes: pd.DataFrame, by) -> pd.DataFrame:
    grouped = codes.groupby(by, dropna=False, observed=True)
    return pd.DataFrame(
        {
            "participants_reached": grouped["participant_id"].nunique(),
            "excerpts": grouped["excerpt_id"].nunique(),
            "code_applications": grouped.size(),
        }
    ).reset_index()


def _fill(frame: pd.DataFrame, columns) -> pd.DataFrame:
    for column in columns:
        frame[column] = frame[column].fillna(0).astype("int64")
    return frame


def _share(k, n):
    return np.where(n > 0, k / np.where(n > 0, n, 1), np.nan)


# --- one function per query --------------------------------------------------------------------


def headline(t: Tables, f: dict, people=None, codes=None) -> pd.DataFrame:
    people = kept_participants(t, f) if people is None else people
    codes = kept_codes(t, f) if codes is None else codes
    return pd.DataFrame(
        [
            {
                "participants": len(people),
                "participants_total": len(t.participants),
                "sessions": len(people[["session_id", "venue"]].drop_duplicates()),
                "sessions_total": len(t.sessions),
                "venues": people["venue"].nunique(),
                "venues_total": t.sessions["venue"].nunique(),
                "excerpts": codes["excerpt_id"].nunique(),
                "excerpts_total": t.codes["excerpt_id"].nunique(),
                "code_applications": len(codes),
                "code_applications_total": len(t.codes),
                "participants_reached": codes["participant_id"].nunique(),
                "themes_voiced": codes["theme_id"].nunique(),
                "themes_total": len(t.themes),
                "rules_total": len(t.rules),
            }
        ]
    )


def theme_group_reach(t, f, people, codes) -> pd.DataFrame:
    groups = (
        t.themes.groupby("theme_group")
        .agg(themes=("theme_id", "size"), group_order=("group_order", "min"))
        .reset_index()
    )
    out = _fill(
        groups.merge(_measures(codes, "theme_group"), on="theme_group", how="left"),
        ["participants_reached", "excerpts", "code_applications"],
    )
    out["participants"] = len(people)
    out["share_reached"] = _share(out["participants_reached"], out["participants"])
    return out.sort_values("group_order").reset_index(drop=True)


def theme_prevalence(t, f, people, codes) -> pd.DataFrame:
    out = _fill(
        kept_themes(t, f)[["theme_id", "theme_group", "theme_order"]].merge(
            _measures(codes, "theme_id"), on="theme_id", how="left"
        ),
        ["participants_reached", "excerpts", "code_applications"],
    )
    out["participants"] = len(people)
    out["share_reached"] = _share(out["participants_reached"], out["participants"])
    return out.sort_values("theme_order").reset_index(drop=True)


def theme_discipline_reach(t, f, people, codes) -> pd.DataFrame:
    disciplines = people.groupby("discipline").size().rename("participants").reset_index()
    spoken = codes[codes["participant_id"].notna()]
    reach = (
        spoken.groupby(["theme_id", "discipline"])["participant_id"]
        .nunique()
        .rename("participants_reached")
        .reset_index()
    )
    grid = kept_themes(t, f)[["theme_id", "theme_order"]].merge(disciplines, how="cross")
    out = _fill(grid.merge(reach, on=["theme_id", "discipline"], how="left"), ["participants_reached"])
    out["share_reached"] = out["participants_reached"] / out["participants"]
    top = out.groupby("theme_id")["share_reached"].transform("max")
    out["top_discipline"] = (out["participants_reached"] > 0) & (out["share_reached"] == top)
    return out.sort_values(["theme_order", "discipline"]).reset_index(drop=True)


def theme_stance_split(t, f, people, codes) -> pd.DataFrame:
    stances = pd.DataFrame({"stance": STANCE_ORDER, "stance_order": range(1, 4)})
    stances = stances[_keep(stances, "stance", f.get("stance"))]
    counted = (
        codes.groupby("theme_id")
        .agg(
            with_stance=("stance", "count"),
            rows=("theme_id", "size"),
            theme_participants=("participant_id", "nunique"),
        )
        .reset_index()
    )
    counted["without_stance"] = counted["rows"] - counted["with_stance"]
    by_stance = (
        codes[codes["stance"].notna()]
        .groupby(["theme_id", "stance"])
        .agg(code_applications=("theme_id", "size"), participants=("participant_id", "nunique"))
        .reset_index()
    )
    grid = kept_themes(t, f)[["theme_id", "theme_order"]].merge(stances, how="cross")
    out = grid.merge(counted, on="theme_id", how="left").merge(
        by_stance, on=["theme_id", "stance"], how="left"
    )
    out = _fill(
        out, ["code_applications", "participants", "with_stance", "without_stance", "theme_participants"]
    )
    out["share"] = _share(out["code_applications"], out["with_stance"])
    return out.sort_values(["theme_order", "stance_order"]).reset_index(drop=True)


def theme_cooccurrence(t, f, people, codes) -> pd.DataFrame:
    tagged = codes[["excerpt_id", "theme_id", "participant_id"]].drop_duplicates()
    per_theme = tagged.groupby("theme_id").agg(
        excerpts=("excerpt_id", "nunique"), participants=("participant_id", "nunique")
    )
    pairs = tagged.merge(tagged, on="excerpt_id", suffixes=("_a", "_b"))
    shared = (
        pairs.groupby(["theme_id_a", "theme_id_b"])
        .agg(shared_excerpts=("excerpt_id", "nunique"), shared_participants=("participant_id_a", "nunique"))
        .reset_index()
    )
    shared = shared.rename(columns={"theme_id_a": "theme_a", "theme_id_b": "theme_b"})
    # people who voiced both themes of a pair, on any of their excerpts
    speakers = tagged.loc[tagged["participant_id"].notna(), ["theme_id", "participant_id"]].drop_duplicates()
    both = speakers.merge(speakers, on="participant_id", suffixes=("_a", "_b"))
    both = both.groupby(["theme_id_a", "theme_id_b"]).size().rename("participants_both").reset_index()
    both = both.rename(columns={"theme_id_a": "theme_a", "theme_id_b": "theme_b"})
    themes = kept_themes(t, f)[["theme_id", "theme_order"]]
    grid = themes.rename(columns={"theme_id": "theme_a", "theme_order": "order_a"}).merge(
        themes.rename(columns={"theme_id": "theme_b", "theme_order": "order_b"}), how="cross"
    )
    out = grid.merge(shared, on=["theme_a", "theme_b"], how="left").merge(
        both, on=["theme_a", "theme_b"], how="left"
    )
    out = _fill(out, ["shared_excerpts", "shared_participants", "participants_both"])
    for side in ("a", "b"):
        for measure in ("excerpts", "participants"):
            out[f"{measure}_{side}"] = out[f"theme_{side}"].map(per_theme[measure]).fillna(0).astype("int64")
    out["participants_either"] = out["participants_a"] + out["participants_b"] - out["participants_both"]
    out["same_theme"] = out["theme_a"] == out["theme_b"]
    out["either_excerpts"] = out["excerpts_a"] + out["excerpts_b"] - out["shared_excerpts"]
    out["jaccard"] = _share(out["shared_excerpts"], out["either_excerpts"])
    return out.sort_values(["order_a", "order_b"]).reset_index(drop=True)


def discipline_roles(t, f, people, codes) -> pd.DataFrame:
    out = people.groupby(["discipline", "role"]).size().rename("participants").reset_index()
    out["discipline_participants"] = out.groupby("discipline")["participants"].transform("sum")
    out["total_participants"] = out["participants"].sum()
    return out.sort_values(
        ["discipline_participants", "discipline", "participants", "role"],
        ascending=[False, True, False, True],
    ).reset_index(drop=True)


def participant_list(t, f, people, codes) -> pd.DataFrame:
    per_speaker = codes[codes["participant_id"].notna()].groupby("participant_id")["excerpt_id"].nunique()
    out = people[["participant_id", "session_id"]].merge(t.sessions[["session_id", "date"]], on="session_id")
    out["excerpts"] = out["participant_id"].map(per_speaker).fillna(0).astype("int64")
    return out.sort_values(["date", "session_id", "participant_id"], na_position="last").reset_index(
        drop=True
    )


def session_composition(t, f, people, codes, by: str = "discipline") -> pd.DataFrame:
    column = "role" if by == "role" else "discipline"
    out = people.groupby(["session_id", column]).size().rename("participants").reset_index()
    out = out.rename(columns={column: "value"})
    out["session_participants"] = out.groupby("session_id")["participants"].transform("sum")
    out = out.merge(t.sessions[["session_id", "date"]], on="session_id")
    return out.sort_values(["date", "session_id", "value"], na_position="last").reset_index(drop=True)


def _kept_sessions(t, f, people) -> pd.DataFrame:
    s = t.sessions
    mask = _keep(s, "session_id", f.get("session")) & _keep(s, "venue", f.get("venue"))
    if f.get("discipline") or f.get("role"):
        mask &= s["session_id"].isin(people["session_id"])
    return s[mask]


def session_roster(t, f, people, codes) -> pd.DataFrame:
    out = _kept_sessions(t, f, people)[["session_id", "date"]]
    out = out.assign(
        participants=out["session_id"].map(people.groupby("session_id").size()),
        participants_total=out["session_id"].map(t.participants.groupby("session_id").size()),
    ).merge(_measures(codes, "session_id"), on="session_id", how="left")
    out = _fill(
        out, ["participants", "participants_total", "participants_reached", "excerpts", "code_applications"]
    )
    return out.sort_values(["date", "session_id"], na_position="last").reset_index(drop=True)


def session_theme_matrix(t, f, people, codes) -> pd.DataFrame:
    sessions = _kept_sessions(t, f, people)[["session_id", "date"]]
    grid = sessions.merge(kept_themes(t, f)[["theme_id", "theme_order"]], how="cross")
    out = grid.merge(_measures(codes, ["session_id", "theme_id"]), on=["session_id", "theme_id"], how="left")
    out["participants"] = out["session_id"].map(people.groupby("session_id").size())
    out = _fill(out, ["participants", "participants_reached", "excerpts", "code_applications"])
    out["share_reached"] = _share(out["participants_reached"], out["participants"])
    return out.sort_values(["date", "session_id", "theme_order"], na_position="last").reset_index(drop=True)


def activity_theme_matrix(t, f, people, codes) -> pd.DataFrame:
    activities = t.codes.loc[_keep(t.codes, "activity", f.get("activity")), "activity"].drop_duplicates()
    grid = pd.DataFrame({"activity": activities}).merge(
        kept_themes(t, f)[["theme_id", "theme_order"]], how="cross"
    )
    out = grid.merge(_measures(codes, ["activity", "theme_id"]), on=["activity", "theme_id"], how="left")
    out = _fill(out, ["participants_reached", "excerpts", "code_applications"])
    out["participants"] = len(people)
    out["share_reached"] = _share(out["participants_reached"], out["participants"])
    return out.sort_values(["activity", "theme_order"], na_position="last").reset_index(drop=True)


def theme_options(t, f, people, codes) -> pd.DataFrame:
    out = t.themes[["theme_id", "theme_order"]].copy()
    per_theme = codes.groupby("theme_id").agg(
        excerpts=("excerpt_id", "nunique"), participants=("participant_id", "nunique")
    )
    for measure in ("excerpts", "participants"):
        out[measure] = out["theme_id"].map(per_theme[measure]).fillna(0).astype("int64")
    return out


def _matching_excerpts(
    t, codes, theme=(), q: str = "", audience: str = "public", lang: str = "en", all_themes: bool = False
) -> pd.DataFrame:
    """One row per excerpt the filters, a theme choice (any of its themes, or with `all_themes` every
    one) and a search keep, with the session, speaker and activity it shows (its first code's; an
    excerpt's codes agree in a well-formed export) and whether its words may reach `audience` (the
    readable_by macro in queries/_macros.sql)."""
    chosen = codes[_keep(codes, "theme_id", theme)]
    if all_themes and theme:
        carried = chosen.groupby("excerpt_id")["theme_id"].nunique()
        kept = carried.index[carried == len(set(theme))]
    else:
        kept = chosen["excerpt_id"].unique()
    rows = t.codes[t.codes["excerpt_id"].isin(kept)].drop_duplicates("excerpt_id")
    rows = rows[
        ["excerpt_id", "session_id", "date", "participant_id", "activity", "quote_consent", "excerpt"]
        + (["activity_fr"] if "activity_fr" in rows.columns else [])
    ].copy()
    if lang == "fr" and "activity_fr" in rows.columns:
        rows["activity"] = rows["activity_fr"].fillna(rows["activity"])
    consent = rows["quote_consent"]
    rows["quotable"] = (
        rows["participant_id"].isna()
        | (consent == "public")
        | ((audience == "research") & (consent == "research"))
    )
    if q:
        words = rows["excerpt"].str.lower().str.contains(q.lower(), regex=False, na=False)
        rows = rows[rows["quotable"] & words]
    return rows


def _listed(rows: pd.DataFrame, audience: str) -> pd.DataFrame:
    """The matching excerpts a list holds (the listed_by macro): the public's, quotable ones only."""
    return rows if audience == "research" else rows[rows["quotable"]]


def excerpt_summary(
    t,
    f,
    people,
    codes,
    theme=(),
    q: str = "",
    audience: str = "public",
    lang: str = "en",
    all_themes: bool = False,
) -> pd.DataFrame:
    rows = _matching_excerpts(t, codes, theme, q, audience, lang, all_themes)
    by_activity = rows["activity"].value_counts()
    top = by_activity[by_activity == by_activity.max()].sort_index() if len(by_activity) else by_activity
    withheld, quotable = rows[~rows["quotable"]], rows[rows["quotable"]]
    top_rows = rows[rows["activity"] == top.index[0]] if len(top) else rows.iloc[:0]
    return pd.DataFrame(
        [
            {
                "excerpts": len(rows),
                "participants": rows["participant_id"].nunique(),
                "withheld": len(withheld),
                "withheld_participants": withheld["participant_id"].nunique(),
                "quotable": len(quotable),
                "quotable_participants": quotable["participant_id"].nunique(),
                "listed": len(_listed(rows, audience)),
                "top_activity": top.index[0] if len(top) else None,
                "top_activity_excerpts": int(top.iloc[0]) if len(top) else 0,
                "top_activity_participants": top_rows["participant_id"].nunique(),
            }
        ]
    )


def excerpts(
    t,
    f,
    people,
    codes,
    theme=(),
    q: str = "",
    limit: int = EVIDENCE_PAGE_SIZE,
    offset: int = 0,
    audience: str = "public",
    lang: str = "en",
    all_themes: bool = False,
) -> pd.DataFrame:
    rows = _listed(_matching_excerpts(t, codes, theme, q, audience, lang, all_themes), audience)
    page = (
        rows.sort_values(["date", "session_id", "excerpt_id"], na_position="last")
        .iloc[offset : offset + limit]
        .copy()
    )
    page["withheld"] = ~page["quotable"]
    page["excerpt"] = page["excerpt"].where(page["quotable"])
    page["total"] = len(rows)
    return page.reset_index(drop=True)


def cell_summaries(t, f, people, codes, theme=(), audience: str = "public", lang: str = "en") -> pd.DataFrame:
    """excerpt_summary for each chosen theme alone (its counts, without the top activity)."""
    columns = ["excerpts", "participants", "withheld", "withheld_participants", "quotable"]
    columns += ["quotable_participants", "listed"]
    rows = [
        {"theme_id": one, **excerpt_summary(t, f, people, codes, [one], "", audience, lang).iloc[0][columns]}
        for one in sorted(set(theme))
    ]
    return pd.DataFrame(rows, columns=["theme_id", *columns])


def cell_quotes(
    t, f, people, codes, theme=(), limit: int = 30, audience: str = "public", lang: str = "en"
) -> pd.DataFrame:
    """For each chosen theme, its first `limit` quotable excerpts in reading order, with their words."""
    frames = []
    for one in sorted(set(theme)):
        rows = _matching_excerpts(t, codes, [one], "", audience, lang)
        rows = rows[rows["quotable"]].sort_values(["date", "session_id", "excerpt_id"], na_position="last")
        frames.append(rows.head(limit).assign(theme_id=one)[["theme_id", "excerpt_id", "excerpt"]])
    return (
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame(columns=["theme_id", "excerpt_id", "excerpt"])
    )


def compare_theme_reach(t, f, people, codes, a: str, b: str = REST, dim: str = "discipline") -> pd.DataFrame:
    """Two groups (one and everyone else by default) theme by theme: the Compare page. The groups split
    the kept people by `dim`; an activity instead holds whoever spoke in it and counts only what they
    said there, so one person can be in both groups."""
    spoken = codes[codes["participant_id"].notna()]
    if dim == "activity":  # whoever spoke in it, whatever the theme group and stance filters
        said = kept_codes(t, {**f, "theme_group": [], "stance": []})
        said = said[said["participant_id"].notna() & said["activity"].notna()]
        members = said[["participant_id", "activity"]].rename(columns={"activity": "group"})
        spoken = spoken.assign(group=spoken["activity"])
        on = ["participant_id", "group"]
    else:
        column = {"discipline": "discipline", "role": "role", "session": "session_id", "venue": "venue"}[dim]
        members = people[["participant_id", column]].rename(columns={column: "group"})
        on = ["participant_id"]
    in_a = members[members["group"] == a]
    # everyone else: any member outside group a (a missing value is outside it too)
    in_b = members[(members["group"] != a) if b == REST else (members["group"] == b)]
    reach_a = spoken.merge(in_a[on].drop_duplicates(), on=on).groupby("theme_id")["participant_id"].nunique()
    reach_b = spoken.merge(in_b[on].drop_duplicates(), on=on).groupby("theme_id")["participant_id"].nunique()
    sizes = (in_a["participant_id"].nunique(), in_b["participant_id"].nunique())
    return _two_groups(kept_themes(t, f), ("reached", "participants"), (reach_a, reach_b), sizes)


def _two_groups(themes: pd.DataFrame, names: tuple[str, str], counts: tuple, sizes: tuple) -> pd.DataFrame:
    """Compare's frame: per theme, each group's count (a Series by theme id) of its size, the two
    shares and their difference, the largest difference first (then codebook order)."""
    part, whole = names
    out = themes[["theme_id", "theme_order"]].copy()
    for group, count, size in zip("ab", counts, sizes, strict=True):
        out[f"{group}_{part}"] = out["theme_id"].map(count).fillna(0).astype("int64")
        out[f"{group}_{whole}"] = size
        out[f"{group}_share"] = _share(out[f"{group}_{part}"], out[f"{group}_{whole}"])
    out["difference"] = out["a_share"] - out["b_share"]
    return out.sort_values(
        ["difference", "theme_order"], ascending=[False, True], na_position="last"
    ).reset_index(drop=True)


def compare_theme_excerpts(
    t, f, people, codes, a: str, b: str = REST, dim: str = "discipline"
) -> pd.DataFrame:
    """Two groups of passages theme by theme: Compare for a set without participants. A group holds
    the passages whose codes record its value (kept by every filter but theme group and stance);
    a theme counts its passages under every filter."""
    column = {"discipline": "discipline", "role": "role", "session": "session_id", "venue": "venue"}.get(
        dim, dim
    )
    said = kept_codes(t, {**f, "theme_group": [], "stance": []})

    def sides(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
        in_a = rows[rows[column] == a]
        in_b = rows[(rows[column] != a) | rows[column].isna()] if b == REST else rows[rows[column] == b]
        return in_a, in_b

    (said_a, said_b), (coded_a, coded_b) = sides(said), sides(codes)
    counts = tuple(rows.groupby("theme_id")["excerpt_id"].nunique() for rows in (coded_a, coded_b))
    sizes = (said_a["excerpt_id"].nunique(), said_b["excerpt_id"].nunique())
    return _two_groups(kept_themes(t, f), ("excerpts", "total"), counts, sizes)


def theme_discipline_spread(
    t, f, people, codes, distinctive_share: float = DISTINCTIVE_SHARE
) -> pd.DataFrame:
    sizes = people.groupby("discipline").size()
    voices = codes.loc[codes["participant_id"].notna(), ["participant_id", "theme_id"]].drop_duplicates()
    voices = voices.merge(people[["participant_id", "discipline"]], on="participant_id")
    reached = voices.groupby(["theme_id", "discipline"]).size().rename("reached").reset_index()
    reached = reached.sort_values(["theme_id", "reached", "discipline"], ascending=[True, False, True])
    reached["top_tied"] = reached.groupby(["theme_id", "reached"])["discipline"].transform("size")
    reached["theme_reached"] = reached.groupby("theme_id")["reached"].transform("sum")
    reached["disciplines_voiced"] = reached.groupby("theme_id")["discipline"].transform("size")
    top = (
        reached.groupby("theme_id")
        .head(1)
        .rename(columns={"discipline": "top_discipline", "reached": "top_reached"})
    )
    out = kept_themes(t, f)[["theme_id", "theme_order"]].merge(top, on="theme_id", how="left")
    out["participants_reached"] = out["theme_reached"].fillna(0).astype("int64")
    out["disciplines_voiced"] = out["disciplines_voiced"].fillna(0).astype("int64")
    out["disciplines"] = people["discipline"].nunique()
    out["top_tied"] = out["top_tied"].fillna(0).astype("int64")
    out["top_share"] = out["top_reached"] / out["theme_reached"].where(out["theme_reached"] > 0)
    out["top_baseline"] = out["top_discipline"].map(sizes) / (len(people) or np.nan)
    out["top_reached"] = out["top_reached"].fillna(0).astype("int64")
    out["spread"] = np.select(
        [
            out["participants_reached"] == 0,
            out["top_share"] > distinctive_share,
            out["disciplines_voiced"] == out["disciplines"],
        ],
        ["unvoiced", "distinctive", "shared"],
        "between",
    )
    return out.sort_values("theme_order").reset_index(drop=True)


def _supports(t) -> pd.DataFrame:
    return (
        t.rule_themes[["rule_id", "theme_id"]]
        .drop_duplicates()
        .merge(t.themes[["theme_id", "theme_order"]], on="theme_id")
    )


def rule_evidence(t, f, people, codes) -> pd.DataFrame:
    supports = _supports(t)
    linked = supports.merge(
        codes[["theme_id", "participant_id", "session_id", "discipline", "excerpt_id"]], on="theme_id"
    )
    grouped = linked.groupby("rule_id")
    evidence = pd.DataFrame(
        {
            "participants_reached": grouped["participant_id"].nunique(),
            "sessions_reached": grouped["session_id"].nunique(),
            "disciplines_reached": grouped["discipline"].nunique(),
            "excerpts": grouped["excerpt_id"].nunique(),
        }
    )
    theme_ids = supports.sort_values("theme_order").groupby("rule_id")["theme_id"].agg(list)
    out = t.rules[["rule_id", "number"]].merge(evidence, left_on="rule_id", right_index=True, how="left")
    out = _fill(out, ["participants_reached", "sessions_reached", "disciplines_reached", "excerpts"])
    out["theme_ids"] = out["rule_id"].map(theme_ids).apply(lambda v: v if isinstance(v, list) else [])
    out["participants"] = len(people)
    out["share_reached"] = _share(out["participants_reached"], out["participants"])
    return out.sort_values(["number", "rule_id"]).reset_index(drop=True)


def rule_flows(t, f, people, codes) -> pd.DataFrame:
    supports = _supports(t)
    linked = codes[codes["theme_id"].isin(supports["theme_id"])]
    spoken = linked[linked["participant_id"].isin(t.participants["participant_id"])]
    first = (
        spoken.groupby(["discipline", "theme_id"])
        .agg(participants_reached=("participant_id", "nunique"), excerpts=("excerpt_id", "nunique"))
        .reset_index()
        .merge(t.themes[["theme_id", "theme_order"]], on="theme_id")
        .sort_values(["discipline", "theme_order"])  # the page's order: by discipline, then codebook
    )
    first = first.rename(columns={"discipline": "source", "theme_id": "target"}).assign(
        stage="discipline_theme"
    )
    totals = (
        codes.groupby("theme_id")
        .agg(participants_reached=("participant_id", "nunique"), excerpts=("excerpt_id", "nunique"))
        .reset_index()
    )
    second = supports.merge(t.rules[["rule_id", "number"]], on="rule_id").merge(totals, on="theme_id")
    second = second.sort_values(["theme_order", "number"])  # by codebook, then rule
    second = second.rename(columns={"theme_id": "source", "rule_id": "target"}).assign(stage="theme_rule")
    columns = ["stage", "source", "target", "participants_reached", "excerpts"]
    return pd.concat([first[columns], second[columns]], ignore_index=True)


def _media_kept(t, f) -> pd.DataFrame:
    media = t.media.merge(t.sessions[["session_id", "venue", "date"]], on="session_id", how="left")
    return media[_keep(media, "session_id", f.get("session")) & _keep(media, "venue", f.get("venue"))]


def archive_totals(t, f, people=None, codes=None) -> pd.DataFrame:
    grouped = _media_kept(t, f).groupby("kind")
    return pd.DataFrame(
        {
            "files": grouped.size(),
            "hours": grouped["duration_s"].sum(min_count=1) / 3600.0,
            "size_bytes": grouped["size_bytes"].sum(),
        }
    ).reset_index()


def archive_by_session(t, f, people=None, codes=None) -> pd.DataFrame:
    grouped = _media_kept(t, f).groupby(["session_id", "kind"], dropna=False)
    return pd.DataFrame(
        {
            "files": grouped.size(),
            "hours": grouped["duration_s"].sum(min_count=1) / 3600.0,
            "size_bytes": grouped["size_bytes"].sum(),
        }
    ).reset_index()


def rules_list(t, f, people=None, codes=None) -> pd.DataFrame:
    counts = t.rule_themes.groupby("rule_id").size()
    out = t.rules[["rule_id", "number"]].copy()
    out["supporting_themes"] = out["rule_id"].map(counts).fillna(0).astype("int64")
    return out.sort_values(["number", "rule_id"]).reset_index(drop=True)


# --- pages -------------------------------------------------------------------------------------


def page(t: Tables, name: str, f: dict) -> dict[str, pd.DataFrame]:
    """Everything page `name` computes under filters `f`, keyed by the query it stands for."""
    people, codes = kept_participants(t, f), kept_codes(t, f)
    out = {"headline": headline(t, f, people, codes)}
    args = (t, f, people, codes)
    if name == "overview":
        out |= {
            "theme_group_reach": theme_group_reach(*args),
            "rules_list": rules_list(*args),
            "archive_totals": archive_totals(*args),
        }
    elif name == "themes":
        out |= {
            "theme_prevalence": theme_prevalence(*args),
            "theme_discipline_reach": theme_discipline_reach(*args),
            "theme_stance_split": theme_stance_split(*args),
            "theme_cooccurrence": theme_cooccurrence(*args),
        }
    elif name == "voices":
        out |= {
            "discipline_roles": discipline_roles(*args),
            "participant_list": participant_list(*args),
            "session_composition": session_composition(*args),
        }
    elif name == "sessions":
        out |= {
            "session_roster": session_roster(*args),
            "session_theme_matrix": session_theme_matrix(*args),
            "activity_theme_matrix": activity_theme_matrix(*args),
        }
    elif name == "evidence":
        out |= {
            "theme_options": theme_options(*args),
            "excerpt_summary": excerpt_summary(*args),
            "excerpts": excerpts(*args),
        }
    elif name == "compare":
        first = min(t.participants["discipline"].dropna().unique())
        out |= {
            "compare_theme_reach": compare_theme_reach(*args, a=first),
            "theme_discipline_spread": theme_discipline_spread(*args),
        }
    elif name == "rules":
        evidence = rule_evidence(*args)
        out |= {"rule_evidence": evidence, "rule_flows": rule_flows(*args)}
        for rule in evidence.itertuples(index=False):
            if rule.theme_ids:
                out[f"excerpts:{rule.rule_id}"] = excerpts(*args, theme=rule.theme_ids, limit=RULE_QUOTE_POOL)
    elif name == "archive":
        out |= {"archive_totals": archive_totals(*args), "archive_by_session": archive_by_session(*args)}
    elif name == "agreement":
        out |= {"theme_agreement": theme_agreement(*args)}
    elif name == "matrix":
        from findings.quote_matrix import QUOTE_POOL

        out |= {"theme_options": theme_options(*args)}
        group = (f.get("discipline") or [min(t.participants["discipline"].dropna().unique())])[0]
        row = {**f, "discipline": [group]}
        row_args = (t, row, kept_participants(t, row), kept_codes(t, row))
        themes = sorted(out["theme_options"]["theme_id"])
        out |= {
            "cell_summaries": cell_summaries(*row_args, theme=themes),
            "cell_quotes": cell_quotes(*row_args, theme=themes, limit=QUOTE_POOL),
        }
    elif name == "words":
        from findings.distinctive import STOP_WORDS

        first = min(t.participants["discipline"].dropna().unique())
        out |= {
            # the codebook's labels only, so not filtered
            "theme_options": theme_options(t, {}, kept_participants(t, {}), kept_codes(t, {})),
            "group_terms": group_terms(*args, a=first, stop=STOP_WORDS),
        }
    else:
        raise ValueError(f"no page named {name!r}")
    return out


def _coded(t, f) -> pd.DataFrame:
    """The codings by a named coder of the passages the passage-level filters keep (the
    coded_passages macro): stance and theme group are each query's own."""
    c = t.codes if "coder" in t.codes.columns else t.codes.assign(coder=None)
    mask = (
        _keep(c, "discipline", f.get("discipline"))
        & _keep(c, "role", f.get("role"))
        & _keep(c, "session_id", f.get("session"))
        & _keep(c, "venue", f.get("venue"))
        & _keep(c, "activity", f.get("activity"))
        & c["coder"].notna()
    )
    return c[mask]


def theme_agreement(t, f, people, codes) -> pd.DataFrame:
    """Intercoder agreement per kept theme and pooled (findings/agreement.py on the codings of the
    passages the passage-level filters keep; the stance filter does not apply). The pooled row's
    bootstrap interval is the query's own (a Poisson bootstrap keyed by DuckDB's hash): not
    recomputed here, checked on its own in tests/test_agreement_page.py."""
    from findings import agreement

    named = _coded(t, f)
    codings = named.rename(columns={"excerpt_id": "passage", "theme_id": "theme"})[
        ["passage", "coder", "theme"]
    ]
    coded = codings[["passage", "coder"]].drop_duplicates()
    themes = kept_themes(t, f)
    kept = codings[codings["theme"].isin(themes["theme_id"])].drop_duplicates()
    per_theme = agreement.theme_agreement(kept, coded, list(themes["theme_id"]))
    readers = coded.groupby("passage")["coder"].nunique()
    double = set(readers.index[readers >= 2])
    speakers = named.drop_duplicates("excerpt_id").set_index("excerpt_id")["participant_id"]
    applied_by = kept[kept["passage"].isin(double)].groupby("theme")["passage"].unique()
    passage_people = speakers[speakers.index.isin(double)].nunique()
    coders = coded[coded["passage"].isin(double)]["coder"].nunique()
    rows = []
    for row in per_theme.itertuples(index=False):
        passages = applied_by.get(row.theme, [])
        rows.append(
            {
                "theme_id": row.theme,
                "passages": row.passages,
                "applied": row.applied,
                "disagreements": row.disagreements,
                "percent_agreement": row.percent_agreement,
                "kappa": row.kappa,
                "alpha": row.alpha,
                "coders": coders,
                "participants": speakers[speakers.index.isin(passages)].nunique(),
            }
        )
    pooled = agreement.pooled_alpha(kept, coded, list(themes["theme_id"]), draws=1)
    used = [r for r in rows if r["applied"] > 0]
    units = len(double) * len(used)
    unanimous = sum(r["passages"] - r["disagreements"] for r in used)
    used_passages = set().union(*(set(applied_by.get(r["theme_id"], [])) for r in used)) if used else set()
    rows.append(
        {
            "theme_id": None,
            "passages": pooled["passages"] if used else 0,
            "applied": sum(r["applied"] for r in used),
            "disagreements": units - unanimous,
            "percent_agreement": unanimous / units if units and used else np.nan,
            "kappa": np.nan,
            "alpha": pooled["alpha"],
            "coders": coders,
            "participants": speakers[speakers.index.isin(used_passages)].nunique(),
        }
    )
    out = pd.DataFrame(rows)
    out["passage_participants"] = passage_people
    return out


def coder_disagreements(t, f, people, codes, audience: str = "public", lang: str = "en") -> pd.DataFrame:
    """Each (passage, theme) on which the coders of a passage read by two or more disagree, with who
    applied the theme and who did not, and the words where consent lets the audience read them."""
    named = _coded(t, f)
    readers = named.groupby("excerpt_id")["coder"].agg(lambda v: sorted(set(v)))
    readers = readers[readers.map(len) >= 2]
    kept = set(kept_themes(t, f)["theme_id"])
    rows = []
    for (excerpt, theme), group in named[named["excerpt_id"].isin(readers.index)].groupby(
        ["excerpt_id", "theme_id"]
    ):
        applied = sorted(set(group["coder"]))
        everyone = readers[excerpt]
        if theme not in kept or len(applied) == len(everyone):
            continue
        first = group.iloc[0]
        readable = (
            pd.isna(first["participant_id"])
            or first["quote_consent"] == "public"
            or (audience == "research" and first["quote_consent"] == "research")
        )
        rows.append(
            {
                "excerpt_id": excerpt,
                "theme_id": theme,
                "applied_by": applied,
                "not_applied_by": [coder for coder in everyone if coder not in applied],
                "excerpt": first["excerpt"] if readable else None,
                "_date": first["date"],
            }
        )
    columns = ["excerpt_id", "theme_id", "applied_by", "not_applied_by", "excerpt"]
    out = pd.DataFrame(rows, columns=[*columns, "_date"])
    out = out.sort_values(["_date", "excerpt_id", "theme_id"], na_position="last", kind="stable")
    return out[columns].reset_index(drop=True)


_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|[.,;:!?()\"“”«»…—–]")
_ELIDED = re.compile(r"^(l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’]")
_CONTRACTED = re.compile(r"(n['’]t|['’](s|d|ll|re|ve|m))$")


def _sampled(excerpt_ids: pd.Series, side: np.ndarray, per_group: int) -> np.ndarray:
    """`side`, with None for every passage past the first `per_group` of its side in the order of
    DuckDB's hash of its id (then the id)."""
    import duckdb

    ids = [str(i) for i in excerpt_ids]
    hashes = duckdb.execute("select [hash(i) for i in $ids]", {"ids": ids}).fetchone()[0]
    order = sorted(range(len(ids)), key=lambda i: (hashes[i], ids[i]))
    kept, seen = np.full(len(ids), None, dtype=object), {"a": 0, "b": 0}
    for i in order:
        if side[i] is not None and seen[side[i]] < per_group:
            seen[side[i]] += 1
            kept[i] = side[i]
    return kept


def group_terms(
    t,
    f,
    people,
    codes,
    dim: str = "discipline",
    a: str = "",
    b: str = REST,
    stop=(),
    audience: str = "public",
    per_group: int | None = None,
) -> pd.DataFrame:
    """Each word and two-word phrase of two groups' quotable passages: uses per group and speakers.
    With `per_group`, only the first so many passages of each group are read, ordered by DuckDB's
    hash of their ids (then the ids): the query's fixed pseudo-random sample."""
    rows = _matching_excerpts(t, codes, (), "", audience)
    rows = rows[rows["quotable"]]
    described = rows.merge(
        t.participants[["participant_id", "discipline", "role"]], on="participant_id", how="left"
    ).merge(t.sessions[["session_id", "venue"]], on="session_id", how="left")
    if dim == "theme":
        in_a = described["excerpt_id"].isin(set(codes.loc[codes["theme_id"] == a, "excerpt_id"]))
        in_b = described["excerpt_id"].isin(set(codes.loc[codes["theme_id"] == b, "excerpt_id"]))
    else:
        value = described[{"session": "session_id"}.get(dim, dim)]
        in_a, in_b = value == a, value == b
    side = np.where(in_a, "a", np.where((b == REST) | in_b, "b", None))
    if per_group is not None:
        side = _sampled(described["excerpt_id"], side, per_group)
    stop = set(stop)
    found = []
    for text, speaker, where in zip(described["excerpt"], described["participant_id"], side, strict=True):
        if where is None or not isinstance(text, str):
            continue
        words = [_CONTRACTED.sub("", _ELIDED.sub("", w)) for w in _WORD.findall(text.lower())]
        kept = [w not in stop and len(w) >= 2 for w in words]
        found += [(w, speaker, where) for w, k in zip(words, kept, strict=True) if k]
        found += [
            (f"{words[i]} {words[i + 1]}", speaker, where)
            for i in range(len(words) - 1)
            if kept[i] and kept[i + 1]
        ]
    terms = pd.DataFrame(found, columns=["term", "participant_id", "side"])
    grouped = terms.groupby("term")
    return (
        pd.DataFrame(
            {
                "count_a": grouped["side"].apply(lambda s: int((s == "a").sum())),
                "count_b": grouped["side"].apply(lambda s: int((s == "b").sum())),
                "speakers": grouped["participant_id"].nunique(),
            }
        )
        .reset_index()
        .sort_values("term", kind="stable")
        .reset_index(drop=True)
    )
