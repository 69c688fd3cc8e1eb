"""Distinctive words (findings/distinctive.py): the reading of the text, the weighted log-odds of
Monroe, Colaresi and Quinn checked by hand, who used a term, and keyword-in-context lines."""

from __future__ import annotations

import math
from collections import Counter

import pandas as pd
import pytest

from findings import distinctive

# --- reading the text ---------------------------------------------------------------------------


def test_english_stop_words_are_left_out():
    text = "The students and I were talking about the music of their own instruments"
    assert distinctive.tokens(text, "en") == ["students", "talking", "music", "instruments"]


def test_french_stop_words_are_left_out():
    text = "Les élèves et moi avons parlé de la musique de leurs propres instruments"
    assert distinctive.tokens(text, "fr") == ["élèves", "parlé", "musique", "propres", "instruments"]


def test_french_elision_is_undone():
    text = "L'intelligence d'une machine qu'on programme, j'imagine, n'apprend pas jusqu'ici"
    # d'une, qu'on, pas and jusqu'ici are stop words once the elided word is off (une, on, ici)
    assert distinctive.tokens(text, "fr") == ["intelligence", "machine", "programme", "imagine", "apprend"]
    assert distinctive.tokens("l'intelligence", "fr") == ["intelligence"]


def test_elision_reads_any_apostrophe_and_case_but_keeps_words_that_own_theirs():
    # typographic apostrophe, capitals; aujourd'hui and quelqu'un are stop words, presqu'île a word
    text = "L’IA D’abord : aujourd’hui quelqu'un sur la presqu'île"
    assert distinctive.tokens(text, "fr") == ["ia", "abord", "presqu'île"]


def test_elision_is_french_only():
    assert distinctive.tokens("l'intelligence", "en") == ["l'intelligence"]


def test_english_contractions_and_possessives():
    text = "The teacher's view: don't, it's, we've, they'd, should've, can't, let's"
    assert distinctive.tokens(text, "en") == ["teacher", "view"]


def test_hyphenated_words():
    # peut-être is a stop word; a pronoun after a verb or a demonstrative comes off (pensez-vous,
    # a-t-il, celle-ci, ce jour-là, vous-même), except in rendez-vous
    text = "Peut-être le bien-être, pensez-vous ? A-t-il celle-ci ce jour-là, vous-même au rendez-vous"
    assert distinctive.tokens(text, "fr") == ["bien-être", "pensez", "jour", "rendez-vous"]
    assert distinctive.tokens("Well-being and x-ray", "en") == ["well-being", "x-ray"]


def test_digits_separate_words_and_single_letters_are_dropped():
    assert distinctive.tokens("Covid19 plan B, 3D", "en") == ["covid", "plan"]


def test_unicode_letters_in_either_normal_form():
    decomposed = "E\u0301le\u0300ves"  # É and è each typed as a letter and a combining accent
    assert distinctive.tokens(decomposed, "fr") == ["élèves"]
    assert distinctive.tokens("Müller's Ångström naïve", "en") == ["müller", "ångström", "naïve"]


def test_bigrams_follow_word_order_and_stop_at_punctuation():
    text = "Tactile models help. Blind students use tactile models"
    assert distinctive.terms(text, "en") == [
        *["tactile", "models", "help", "blind", "students", "use", "tactile", "models"],
        *["tactile models", "models help", "blind students", "students use", "use tactile", "tactile models"],
    ]  # no "help blind": a full stop stands between them


@pytest.mark.parametrize(
    "text",
    [
        "music and sound",  # a stop word
        "music, sound",
        "music; sound",
        "music - sound",
        '"music" sound',
        "music (sound)",
        "music 3 sound",  # a digit
        "music B sound",  # a dropped single letter
    ],
)
def test_bigrams_do_not_cross_stop_words_or_punctuation(text):
    assert distinctive.terms(text, "en") == ["music", "sound"]


def test_a_line_break_is_white_space():
    assert distinctive.terms("tactile\nmodels", "en") == ["tactile", "models", "tactile models"]


def test_french_bigrams_and_elided_stop_words():
    # the elided article of l'intelligence stands before the phrase, not inside it; the d' of
    # d'art is a stop word between musée and art; the -vous of pensez-vous one after pensez
    text = "L'intelligence artificielle au musée d'art moderne : pensez-vous Internet ?"
    assert distinctive.terms(text, "fr") == [
        *["intelligence", "artificielle", "musée", "art", "moderne", "pensez", "internet"],
        *["intelligence artificielle", "art moderne"],
    ]


def test_count_terms_over_texts():
    counts = distinctive.count_terms(["Tactile models.", None, "tactile maps", float("nan")], "en")
    assert counts == Counter({"tactile": 2, "models": 1, "maps": 1, "tactile models": 1, "tactile maps": 1})


def test_unknown_language():
    with pytest.raises(ValueError, match="'de'"):
        distinctive.tokens("Musik", "de")
    with pytest.raises(ValueError):
        distinctive.kwic("Musik", "Musik", lang="de")


# --- the weighted log-odds ratio ----------------------------------------------------------------


def test_log_odds_by_hand():
    # A: music 3, sound 1 (n_a = 4); B: sound 2, code 2 (n_b = 4). Pooled background: music 3,
    # sound 3, code 2 of 8; with a0 = 8 the prior is a_w = 8 * share = 3, 3, 2.
    #   music: log((3+3)/(4+8-3-3)) - log((0+3)/(4+8-0-3)) = log(6/6) - log(3/9) = log 3
    #          variance 1/6 + 1/3 = 1/2, z = log 3 / sqrt(1/2)
    #   sound: log((1+3)/(4+8-1-3)) - log((2+3)/(4+8-2-3)) = log(4/8) - log(5/7) = log(7/10)
    #          variance 1/4 + 1/5 = 9/20, z = log 0.7 / sqrt(0.45)
    #   code:  log((0+2)/(4+8-0-2)) - log((2+2)/(4+8-2-2)) = log(2/10) - log(4/8) = log(2/5)
    #          variance 1/2 + 1/4 = 3/4, z = log 0.4 / sqrt(0.75)
    table = distinctive.log_odds({"music": 3, "sound": 1}, {"sound": 2, "code": 2}, prior_scale=8)
    assert list(table.columns) == ["term", "count_a", "count_b", "delta", "z"]
    assert table.term.tolist() == ["music", "sound", "code"]  # by z, high to low
    assert table.count_a.tolist() == [3, 1, 0] and table.count_b.tolist() == [0, 2, 2]
    assert table.delta.tolist() == pytest.approx([math.log(3), math.log(0.7), math.log(0.4)], rel=1e-12)
    expected_z = [
        math.log(3) / math.sqrt(0.5),
        math.log(0.7) / math.sqrt(0.45),
        math.log(0.4) / math.sqrt(0.75),
    ]
    assert table.z.tolist() == pytest.approx(expected_z, rel=1e-12)
    assert table.z.tolist() == pytest.approx([1.553672, -0.531700, -1.058041], abs=5e-7)


def test_log_odds_default_prior_scale():
    # a0 = 500. A: x 1, y 1 (n_a = 2); B: y 2 (n_b = 2). Pooled: x 1, y 3 of 4 -> a_x = 125, a_y = 375.
    #   x: log((1+125)/(2+500-1-125)) - log((0+125)/(2+500-0-125)), variance 1/126 + 1/125
    #   y: log((1+375)/(2+500-1-375)) - log((2+375)/(2+500-2-375)), variance 1/376 + 1/377
    table = distinctive.log_odds({"x": 1, "y": 1}, {"y": 2}).set_index("term")
    delta_x = math.log(126 / 376) - math.log(125 / 377)
    delta_y = math.log(376 / 126) - math.log(377 / 125)
    assert table.delta.to_dict() == pytest.approx({"x": delta_x, "y": delta_y}, rel=1e-12)
    assert table.z["x"] == pytest.approx(delta_x / math.sqrt(1 / 126 + 1 / 125), rel=1e-12)
    assert table.z["y"] == pytest.approx(delta_y / math.sqrt(1 / 376 + 1 / 377), rel=1e-12)
    assert distinctive.PRIOR_SCALE == 500


def test_log_odds_with_a_background_corpus():
    # background x 1, y 1, w 2 (w used by neither group) with a0 = 4 -> a_x = 1, a_y = 1.
    # A: x 2; B: y 2 (n_a = n_b = 2).
    #   x: log((2+1)/(2+4-2-1)) - log((0+1)/(2+4-0-1)) = log(3/3) - log(1/5) = log 5
    #      variance 1/3 + 1/1 = 4/3
    # (pooled instead, a_x = a_y = 2: log(4/2) - log(2/4) = log 4: the background matters)
    table = distinctive.log_odds({"x": 2}, {"y": 2}, prior={"x": 1, "y": 1, "w": 2}, prior_scale=4)
    assert table.term.tolist() == ["x", "y"]  # a background-only term is no row
    assert table.delta.tolist() == pytest.approx([math.log(5), -math.log(5)], rel=1e-12)
    z = math.log(5) / math.sqrt(4 / 3)
    assert table.z.tolist() == pytest.approx([z, -z], rel=1e-12)
    pooled = distinctive.log_odds({"x": 2}, {"y": 2}, prior_scale=4)
    assert pooled.delta.tolist() == pytest.approx([math.log(4), -math.log(4)], rel=1e-12)


def test_log_odds_swapping_the_groups_negates_delta_and_z():
    a = distinctive.count_terms(["Tactile models help blind students.", "Tactile maps, tactile models"], "en")
    b = distinctive.count_terms(["Code and models: students write code", "code review"], "en")
    forward = distinctive.log_odds(a, b).set_index("term")
    backward = distinctive.log_odds(b, a).set_index("term").loc[forward.index]
    assert (forward.count_a == backward.count_b).all() and (forward.count_b == backward.count_a).all()
    assert backward.delta.tolist() == pytest.approx((-forward.delta).tolist(), rel=1e-12)
    assert backward.z.tolist() == pytest.approx((-forward.z).tolist(), rel=1e-12)
    assert forward.index[0] == "tactile" and forward.index[-1] == "code"  # the most typical each side


def test_log_odds_term_in_one_group_only():
    # A: music 2, sound 2 (n 4); B: sound 4 (n 4). Pooled music 2, sound 6 of 8; a0 = 8 -> 2, 6.
    #   music: log((2+2)/(4+8-2-2)) - log((0+2)/(4+8-0-2)) = log(4/8) - log(2/10) = log(5/2)
    #          variance 1/4 + 1/2 = 3/4: finite although B never says it
    table = distinctive.log_odds(Counter(music=2, sound=2), pd.Series({"sound": 4}), prior_scale=8)
    music = table.set_index("term").loc["music"]
    assert (music.count_a, music.count_b) == (2, 0)
    assert music.delta == pytest.approx(math.log(2.5), rel=1e-12)
    assert music.z == pytest.approx(math.log(2.5) / math.sqrt(0.75), rel=1e-12)
    assert table.term.tolist() == ["music", "sound"]


def test_log_odds_ties_by_term_and_empty_groups():
    table = distinctive.log_odds({"b": 1, "a": 1}, {})
    assert table.term.tolist() == ["a", "b"] and table.z[0] == table.z[1]
    empty = distinctive.log_odds({}, {"gone": 0})
    assert empty.empty and list(empty.columns) == ["term", "count_a", "count_b", "delta", "z"]


def test_log_odds_refuses_what_it_cannot_compute():
    with pytest.raises(ValueError, match="prior"):
        distinctive.log_odds({"x": 1}, {"y": 1}, prior={"x": 3})  # y has no prior weight
    with pytest.raises(ValueError):
        distinctive.log_odds({"x": 1}, {"y": 1}, prior_scale=0)
    with pytest.raises(ValueError):
        distinctive.log_odds({"x": -1}, {"y": 1})
    with pytest.raises(ValueError):
        distinctive.log_odds({"x": 1.5}, {"y": 1})


# --- who used a term ------------------------------------------------------------------------------


def excerpts() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "speaker": ["P1", "P1", "P2", None, "P3", "P4"],
            "excerpt": [
                "Tactile models help.",
                "Tactile models, tactile models again",  # P1 again: still one person
                "Tactile maps",
                "tactile models",  # a group-level passage: nobody's
                None,  # no text
                "Maps and code",
            ],
        }
    )


def test_speakers_per_term_counts_distinct_people():
    people = distinctive.speakers_per_term(excerpts(), "en")
    assert {term: len(who) for term, who in people.items()} == {
        "tactile": 2,
        "models": 1,
        "help": 1,
        "tactile models": 1,
        "models help": 1,
        "maps": 2,
        "tactile maps": 1,
        "code": 1,
    }
    assert people["tactile"] == {"P1", "P2"} and people["maps"] == {"P2", "P4"}


def test_speakers_per_term_reads_other_column_names():
    frame = excerpts().rename(columns={"speaker": "participant_id", "excerpt": "text"})
    people = distinctive.speakers_per_term(frame, "en", text="text", speaker="participant_id")
    assert people["tactile"] == {"P1", "P2"}


def test_only_terms_enough_people_used_are_shown():
    frame = excerpts()
    people = distinctive.speakers_per_term(frame, "en")
    table = distinctive.log_odds(
        distinctive.count_terms(frame.excerpt[:3], "en"), distinctive.count_terms(frame.excerpt[3:], "en")
    )
    shown = distinctive.used_by_at_least(table, people, 2)
    assert sorted(shown.term) == ["maps", "tactile"]
    assert shown.term.tolist() == [t for t in table.term if t in {"maps", "tactile"}]  # order kept
    assert distinctive.used_by_at_least(table, people, 0).equals(table)
    assert distinctive.used_by_at_least(table, {}, 1).empty  # an unknown term: used by nobody
    with pytest.raises(ValueError):
        distinctive.used_by_at_least(table, people, -1)


# --- keyword in context ---------------------------------------------------------------------------

TEXT = "Music matters. We built tactile models for music, and tactile models again at the end: music"


def test_kwic_lines_at_the_start_middle_and_end():
    assert distinctive.kwic(TEXT, "music", 3, lang="en") == [
        ("", "Music", "matters. We built"),
        ("tactile models for", "music", ", and tactile models"),
        ("at the end:", "music", ""),
    ]


def test_kwic_two_word_phrase():
    assert distinctive.kwic(TEXT, "Tactile Models", 2, lang="en") == [
        ("We built", "tactile models", "for music"),
        ("music, and", "tactile models", "again at"),
    ]


def test_kwic_short_context_and_none():
    assert distinctive.kwic("Say music now", "music", 5, lang="en") == [("Say", "music", "now")]
    assert distinctive.kwic(TEXT, "music", 0, lang="en")[1] == ("", "music", "")


def test_kwic_french_elision_and_line_breaks():
    text = "L'IA aide. Selon moi, l’IA\nreste un outil"
    assert distinctive.kwic(text, "IA", 2, lang="fr") == [
        ("", "L'IA", "aide. Selon"),
        ("Selon moi,", "l’IA", "reste un"),  # the line break made a space
    ]
    assert distinctive.kwic(text, "l'ia", 2, lang="fr") == distinctive.kwic(text, "ia", 2, lang="fr")


def test_kwic_matches_whole_words_only():
    text = "Un artiste de l'art, start, arts"
    assert distinctive.kwic(text, "art", 1, lang="fr") == [("de", "l'art", ", start")]
    assert distinctive.kwic(TEXT, "tactile music", lang="en") == []
    assert distinctive.kwic("music, sound", "music sound", lang="en") == []  # not across a comma


def test_kwic_refuses_a_term_with_no_word():
    with pytest.raises(ValueError):
        distinctive.kwic(TEXT, "42 !", lang="en")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (TEXT + ". Tactile maps; maps, models. The teacher's music and the teachers' music.", "en"),
        (
            "L'intelligence artificielle, selon l'intelligence des élèves : pensez-vous l'IA utile ? "
            "Au musée d'art moderne, l'art moderne et l'IA. Quelqu'un d'autre ? L'IA, l'IA !",
            "fr",
        ),
    ],
)
def test_every_counted_term_has_its_lines(text, lang):
    counts = Counter(distinctive.terms(text, lang))
    assert any(" " in term for term in counts)
    for term, count in counts.items():
        assert len(distinctive.kwic(text, term, lang=lang)) == count, term


def test_the_most_typical_text_shares_the_most_common_words():
    texts = ["Tape teaches friction.", "A cat sat here.", "Friction on tape, friction in the room.", None]
    # words: {tape, teaches, friction}, {cat, sat}, {friction, tape, room}: friction and tape are in two
    # texts each; text 0 scores (2+1+2)/3 = 1.67, text 2 scores (2+2+1)/3 = 1.67: the earliest wins
    assert distinctive.most_typical(texts, "en") == 0
    assert distinctive.most_typical(["the of and", None], "en") is None
    # {cat, sat}: 1.0; {friction, tape}: 2.0; {tape, friction, again}: 5/3: the second
    assert (
        distinctive.most_typical(["A cat sat here.", "Friction on tape.", "Tape and friction again."], "en")
        == 1
    )
