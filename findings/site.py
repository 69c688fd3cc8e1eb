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

    @property
    def file(self) -> str:
        return f"views/{self.name}.py"

    @property
    def title_key(self) -> str:
        return f"nav.{self.name}"


PAGES = (
    Page("overview", ":material/dashboard:", ""),
    Page("themes", ":material/insights:", "themes"),
    Page("voices", ":material/groups:", "voices"),
    Page("sessions", ":material/event:", "sessions"),
    Page("evidence", ":material/format_quote:", "evidence"),
    Page("compare", ":material/compare_arrows:", "compare"),
    Page("agreement", ":material/handshake:", "agreement"),
    Page("matrix", ":material/grid_view:", "matrix"),
    Page("words", ":material/text_fields:", "words"),
    Page("rules", ":material/gavel:", "rules"),
    Page("archive", ":material/perm_media:", "archive"),
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
