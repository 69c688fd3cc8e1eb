"""The shared filters: their names (which are also their URL parameters) and their values.

Streamlit-free, so queries, tests and benchmarks use the same object the sidebar fills.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

#: The filter dimensions, in sidebar order. Each name is its URL query parameter.
DIMENSIONS = ("discipline", "role", "session", "venue", "activity", "theme_group", "stance")
#: Dimensions that select people; the others select code applications.
PARTICIPANT_DIMENSIONS = ("discipline", "role", "session", "venue")
LANG_PARAM = "lang"


@dataclass(frozen=True)
class Filters:
    """Selected values per dimension; an empty tuple means no filter on that dimension."""

    values: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self):
        unknown = set(self.values) - set(DIMENSIONS)
        if unknown:
            raise ValueError(f"unknown filter dimensions: {sorted(unknown)}")

    @classmethod
    def of(cls, **selected: Iterable[str]) -> Filters:
        return cls({dim: tuple(vals) for dim, vals in selected.items() if vals})

    def get(self, dimension: str) -> tuple[str, ...]:
        return tuple(self.values.get(dimension, ()))

    @property
    def active(self) -> dict[str, tuple[str, ...]]:
        return {dim: self.get(dim) for dim in DIMENSIONS if self.get(dim)}

    def params(self) -> dict[str, list[str]]:
        """The query parameters every named query may bind: one list per dimension."""
        return {dim: list(self.get(dim)) for dim in DIMENSIONS}


def parse(
    query: Mapping[str, list[str]], options: Mapping[str, Iterable[str]]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Split URL values into those the data offers and those it does not (to be ignored).

    `query` maps a parameter to all its values (repeated parameters); `options` maps a
    dimension to its valid values. Duplicates are dropped, order is kept.
    """
    kept: dict[str, list[str]] = {}
    ignored: dict[str, list[str]] = {}
    for dim in DIMENSIONS:
        valid = set(options.get(dim, ()))
        for value in dict.fromkeys(query.get(dim, [])):
            (kept if value in valid else ignored).setdefault(dim, []).append(value)
    return kept, ignored
