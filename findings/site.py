"""The one page table: every page of the dashboard, in navigation order.

The frame (dashboard.py) builds its navigation from it; the tests and the benchmark read it too,
so a page is added in exactly one place (plus its file in views/).
"""

from __future__ import annotations

from typing import NamedTuple


class Page(NamedTuple):
    name: str  # the file views/<name>.py and the title's catalogue key nav.<name>
    icon: str  # a Material Symbols name, drawn by Streamlit's own bundled font
    url: str  # the URL path ("" for the default page): part of the public interface
    filtered: bool = True  # whether the sidebar filters apply (the benchmark's load test uses these)
    #: the named queries the page runs with the filters alone (no choice of its own), started by the
    #: frame as it begins, so that they count while the sidebar is drawn (PageContext.start); a test
    #: checks that the page runs each of them with the same values
    starts: tuple[str, ...] = ()

    @property
    def file(self) -> str:
        return f"views/{self.name}.py"

    @property
    def title_key(self) -> str:
        return f"nav.{self.name}"


PAGES = (
    Page("overview", ":material/dashboard:", "", starts=("headline", "theme_group_reach")),
    Page(
        "themes",
        ":material/insights:",
        "themes",
        starts=(
            "headline",
            "theme_prevalence",
            "theme_discipline_reach",
            "theme_stance_split",
            "theme_cooccurrence",
        ),
    ),
    Page("voices", ":material/groups:", "voices", starts=("headline", "discipline_roles")),
    Page(
        "sessions",
        ":material/event:",
        "sessions",
        starts=("headline", "session_roster", "session_theme_matrix", "activity_theme_matrix"),
    ),
    Page("evidence", ":material/format_quote:", "evidence", starts=("headline", "theme_options")),
    Page("compare", ":material/compare_arrows:", "compare", starts=("headline",)),
    Page("agreement", ":material/handshake:", "agreement", starts=("headline", "theme_agreement")),
    Page("matrix", ":material/grid_view:", "matrix", starts=("headline", "theme_options")),
    Page("words", ":material/text_fields:", "words", starts=("headline",)),
    Page("rules", ":material/gavel:", "rules", starts=("headline", "rule_evidence", "rule_flows")),
    Page(
        "archive",
        ":material/perm_media:",
        "archive",
        starts=("headline", "archive_totals", "archive_by_session"),
    ),
    Page("present", ":material/slideshow:", "present", filtered=False),
    Page("data", ":material/database:", "data", filtered=False),
)

#: The presenter's slides: full screen, the sidebar folded away, always the public audience.
PRESENT = "present"

#: Excerpts per Evidence page, and the few excerpts a rule card offers (the benchmark runs the same).
EVIDENCE_PAGE_SIZE = 25
#: Above this many themes, charts show the TOP_THEMES counted highest (Themes offers all on request).
MANY_THEMES = 30
TOP_THEMES = 25
EXCERPTS_PER_RULE = 3
#: ... chosen among this many of the rule's public list, in stretches along it (varied by session and rule)
RULE_QUOTE_POOL = 60
#: A panel a click opens reads this many of its list, and shows the first few, words first, as cards
PANEL_POOL = 200
PANEL_QUOTES = 10
#: Words reads at most this many passages a group, the first of the group in a fixed pseudo-random
#: order (by a hash of their ids): some 75,000 words a group, enough for the top terms to hold still,
#: and a page that reruns within its budget at a million excerpts (benchmarks/RESULTS.md)
WORDS_PER_GROUP = 2500
