"""What each page asks of the database, and the data sets the benchmark runs on.

`page_queries` runs the named queries a page runs on a filter change, in the page's order and with
its default choices, so the queries can be timed without Streamlit. A test checks that every
`ctx.run(...)` in views/ is listed here, so the two cannot drift apart unnoticed.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pandas as pd

from findings import site

ROOT = Path(__file__).resolve().parent.parent
DATA_CACHE = ROOT / "benchmarks" / ".data"  # generated sets, git-ignored (a .gitignore inside says so)
BUNDLED = ROOT / "data"
BUNDLED_EXCERPTS = 1500

#: (page name, page file, url path) of every page the sidebar filters apply to, in navigation order.
PAGES = tuple((page.name, page.file, page.url) for page in site.PAGES if page.filtered)

#: The named queries each page runs with its default choices (the frame adds filter_options,
#: cached per language, so not counted). The Themes page runs `excerpts` (and `excerpt_summary`,
#: which says whether the public may see the list) only once a theme is picked; the Rules page asks
#: `excerpt_summary` why a rule's opened quotes are empty; the Evidence page's `excerpts_export`
#: runs only when a download is clicked.
PAGE_QUERIES = {
    "overview": ("headline", "theme_group_reach", "rules_list", "archive_totals"),
    "themes": (
        "headline",
        "theme_prevalence",
        "theme_discipline_reach",
        "theme_stance_split",
        "theme_cooccurrence",
    ),
    "voices": ("headline", "discipline_roles", "participant_list", "session_composition"),
    "sessions": ("headline", "session_roster", "session_theme_matrix", "activity_theme_matrix"),
    "evidence": ("headline", "theme_options", "excerpt_summary", "excerpts"),
    "compare": ("headline", "compare_theme_reach", "theme_discipline_spread"),
    "agreement": ("headline", "theme_agreement"),
    "matrix": ("headline", "theme_options", "cell_summaries", "cell_quotes"),
    "words": ("headline", "theme_options", "group_terms"),
    "rules": ("headline", "rule_evidence", "rule_flows", "excerpts"),
    "archive": ("headline", "archive_totals", "archive_by_session"),
}
ON_DEMAND = {
    "themes": ("excerpt_summary", "excerpts", "theme_group_reach"),  # the groups: with many themes only
    "evidence": ("excerpts_export",),
    "compare": ("compare_theme_excerpts",),  # a set without participants compares passages
    "rules": ("excerpt_summary",),
    "agreement": ("coder_disagreements",),  # the research team's list only
    "words": ("excerpt_summary", "excerpts"),  # a chosen word's lines
}

EVIDENCE_PAGE_SIZE = site.EVIDENCE_PAGE_SIZE


def page_queries(db, page: str, params: dict, first_discipline: str) -> dict[str, pd.DataFrame]:
    """Run page `page`'s queries as the page does on a rerun; return the frames by query name."""
    from findings.distinctive import STOP_WORDS
    from findings.filters import Filters
    from findings.quote_matrix import QUOTE_POOL
    from findings.stats import DISTINCTIVE_SHARE, REST

    extra = {
        "session_composition": {"by": "discipline"},
        "excerpt_summary": {"theme": [], "q": ""},
        "excerpts": {"theme": [], "q": "", "limit": EVIDENCE_PAGE_SIZE, "offset": 0},
        "compare_theme_reach": {"dim": "discipline", "a": first_discipline, "b": REST},
        "theme_discipline_spread": {"distinctive_share": DISTINCTIVE_SHARE},
        "group_terms": {
            "dim": "discipline",
            "a": first_discipline,
            "b": REST,
            "stop": sorted(STOP_WORDS),
            "per_group": site.WORDS_PER_GROUP,
        },
    }
    out = {}
    for name in PAGE_QUERIES[page]:
        if page == "rules" and name == "excerpts":  # a few excerpts per rule with themes
            for rule in out["rule_evidence"].itertuples(index=False):
                if len(rule.theme_ids):
                    out[f"excerpts:{rule.rule_id}"] = db.run(
                        "excerpts",
                        {
                            "audience": "public",
                            **params,
                            "theme": list(rule.theme_ids),
                            "q": "",
                            "limit": site.RULE_QUOTE_POOL,
                            "offset": 0,
                        },
                    )
            continue
        if page == "overview" and name in ("rules_list", "archive_totals"):
            table = "rules" if name == "rules_list" else "media"
            if not db.has(table):
                continue
        if page == "matrix" and name in ("cell_summaries", "cell_quotes"):  # the first group's row
            group = (params.get("discipline") or [first_discipline])[0]
            themes = sorted(out["theme_options"]["theme_id"])
            extra_row = {"theme": themes} | ({"limit": QUOTE_POOL} if name == "cell_quotes" else {})
            out[name] = db.run(name, {"audience": "public", **params, "discipline": [group], **extra_row})
            continue
        if page == "words" and name == "theme_options":  # the codebook's labels only: not filtered
            out[name] = db.run(name, {"audience": "public", **params, **Filters.of().params()})
            continue
        out[name] = db.run(name, {"audience": "public", **params, **extra.get(name, {})})
    return out


# --- data sets -----------------------------------------------------------------------------


def _generator_key() -> str:
    """A hash of the sample generator's code: a set generated by other code is generated again."""
    import hashlib

    digest = hashlib.sha256()
    for path in sorted((ROOT / "findings" / "sample").glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def dataset(excerpts: int, log=print) -> Path:
    """The export set with `excerpts` excerpts: the bundled sample, or a generated one, reused
    while the generator is the one that wrote it."""
    if excerpts == BUNDLED_EXCERPTS:
        return BUNDLED
    folder = DATA_CACHE / f"excerpts-{excerpts}"
    stamp = DATA_CACHE / f"excerpts-{excerpts}.generator"  # beside the set, not in it
    key = _generator_key()
    if (folder / "datapackage.json").exists() and stamp.exists() and stamp.read_text() == key:
        return folder
    from findings.sample import write_sample

    DATA_CACHE.mkdir(parents=True, exist_ok=True)
    ignore = DATA_CACHE / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n", encoding="utf-8")
    if folder.exists():  # a half-written set from an interrupted run, or an older generator's
        shutil.rmtree(folder)
    shown = folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder
    log(f"generating {excerpts:,} excerpts into {shown}/ ...")
    start = time.perf_counter()
    write_sample(folder, excerpts=excerpts)
    stamp.write_text(key, encoding="utf-8")
    log(f"  done in {time.perf_counter() - start:.0f} s")
    return folder
