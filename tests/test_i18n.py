"""Numbers and words in each language."""

from __future__ import annotations

import pytest

from findings import i18n

N = i18n.NNBSP


@pytest.mark.parametrize(
    ("func", "value", "en", "fr"),
    [
        (i18n.fmt_int, 1486, "1,486", f"1{N}486"),
        (i18n.fmt_int, 91, "91", "91"),
        (i18n.fmt_int, None, "–", "–"),
        (i18n.fmt_pct, 0.64, "64%", f"64{N}%"),
        (i18n.fmt_pct, 2 / 3, "67%", f"67{N}%"),
        (i18n.fmt_bytes, 18_000_000_000, "18 GB", f"18{N}Go"),
        (i18n.fmt_bytes, 6_700_000_000_000, "6.7 TB", f"6,7{N}To"),
        (i18n.fmt_bytes, 999, "999 B", f"999{N}o"),
        (i18n.fmt_hours, 30.0, f"30{N}h", f"30{N}h"),
        (i18n.fmt_hours, 1.5, f"1.5{N}h", f"1,5{N}h"),
    ],
)
def test_formats(func, value, en, fr):
    assert func(value, "en") == en
    assert func(value, "fr") == fr


def test_translation_fills_placeholders_and_falls_back():
    assert i18n.t("metric.of_total", "fr", total="91") == "sur 91"
    assert i18n.t("metric.of_total", "de", total="91") == "of 91"  # unknown language: English
    assert i18n.tn("archive.files_size", 1, "en", files="1", size="2 GB") == "1 file · 2 GB"
    assert i18n.tn("archive.files_size", 3, "fr", files="3", size="2 Go") == "3 fichiers · 2 Go"


def test_language_parameter_is_normalised():
    assert i18n.normalise_language("fr") == "fr"
    assert i18n.normalise_language("FR<script>") == "en"
    assert i18n.normalise_language(None) == "en"
