"""The sample's rows, drawn from its reference data (`facts.py`) with seeded numpy streams.

The small tables are written out from the facts; participants and media are drawn once; excerpts
are drawn in batches by `Generator`, each batch depending only on (seed, start, stop), so the
same arguments always give the same rows, and ten million excerpts fit in bounded memory.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from findings.sample.facts import (
    ACTIVITIES,
    ACTIVITY_P,
    AUDIO_BYTES,
    AUDIO_FILES,
    AUDIO_SECONDS,
    CO_CODE_FOCUS,
    CODERS,
    DISCIPLINES,
    FAVOURITE_FOCUS,
    FAVOURITES_P,
    GROUP_SHARE,
    LEAD_IN_SHARE,
    MIN_EXCERPTS_EACH,
    NON_PUBLIC_SHARE,
    NONE_SHARE_OF_NON_PUBLIC,
    PHOTO_BYTES,
    PHOTO_FILES,
    PHOTO_RECCE_FILES,
    PRACTICAL_GROUPS,
    RELATED_PER_SHARED_RULE,
    RELATED_PRACTICAL,
    ROLES,
    RULES,
    SECOND_CODER_EXTRA,
    SECOND_CODER_KEEPS,
    SECOND_CODER_RESTANCE,
    SECOND_CODER_SHARE,
    SENTENCES_P,
    SESSIONS,
    STANCE_BY_THEME,
    STANCE_LEAN,
    STANCE_NULL_SHARE,
    STRAY_SHARE,
    TEXT_NULL_SHARE,
    THEME_GROUPS,
    THEME_IDS,
    THEME_LEAN,
    THEMES,
    THEMES_PER_EXCERPT_P,
    VENUE_FR,
    VIDEO_BYTES,
    VIDEO_FILES,
    VIDEO_SECONDS,
    Session,
)
from findings.sample.schema import CONSENTS, MEDIA_KINDS, SCHEMAS, STANCES
from findings.sample.text import LEAD_INS, POOLS

# Independent random streams, so that changing one table never reshuffles another.
_STREAM_PEOPLE, _STREAM_MEDIA, _STREAM_EXCERPTS, _STREAM_AFFINITY, _STREAM_SECOND_CODER = 1, 2, 3, 4, 5

# The contract's allowed values, by role: it lists consents from the most to the least open.
_PUBLIC, _RESEARCH, _NO_QUOTES = CONSENTS
_AUDIO, _PHOTO, _VIDEO = MEDIA_KINDS

# ---------------------------------------------------------------------------------------------
# Small tables
# ---------------------------------------------------------------------------------------------


def _session_title(s: Session, fr: bool) -> str:
    number = s.session_id[1:]
    venue = VENUE_FR[s.venue] if fr else s.venue
    return f"{'Assemblée' if fr else 'Assembly'} {number} · {venue}"


def sessions_table() -> pa.Table:
    return pa.Table.from_pylist(
        [
            {
                "session_id": s.session_id,
                "title": _session_title(s, fr=False),
                "title_fr": _session_title(s, fr=True),
                "venue": s.venue,
                "venue_fr": VENUE_FR[s.venue],
                "date": s.date,
                "duration_minutes": s.duration_minutes,
            }
            for s in SESSIONS
        ],
        schema=SCHEMAS["sessions"],
    )


def themes_table() -> pa.Table:
    return pa.Table.from_pylist(
        [
            {
                "theme_id": t.theme_id,
                "label": t.label,
                "label_fr": t.label_fr,
                "theme_group": THEME_GROUPS[t.group][0],
                "theme_group_fr": THEME_GROUPS[t.group][1],
                "description": t.description,
                "description_fr": t.description_fr,
            }
            for t in THEMES
        ],
        schema=SCHEMAS["themes"],
    )


def rules_table() -> pa.Table:
    return pa.Table.from_pylist(
        [
            {
                "rule_id": f"R{n}",
                "number": n,
                "title": r.title,
                "title_fr": r.title_fr,
                "summary": r.summary,
                "summary_fr": r.summary_fr,
            }
            for n, r in enumerate(RULES, start=1)
        ],
        schema=SCHEMAS["rules"],
    )


def rule_themes_table() -> pa.Table:
    return pa.Table.from_pylist(
        [{"rule_id": f"R{n}", "theme_id": theme} for n, r in enumerate(RULES, start=1) for theme in r.themes],
        schema=SCHEMAS["rule_themes"],
    )


@dataclass(frozen=True)
class People:
    """The 91 participants, plus what excerpt generation needs to know about them."""

    table: pa.Table
    ids: pa.Array  # participant_id, by participant index
    session: np.ndarray  # session index per participant
    discipline: np.ndarray  # discipline index per participant
    talk: np.ndarray  # probability that a given personal excerpt is theirs
    affinity: np.ndarray  # [participant, theme] main-theme probabilities; a last row for groups
    favourites: np.ndarray  # how many favourite themes each has (no excerpt of theirs has more)
    order: np.ndarray  # round-robin order guaranteeing everyone a few excerpts


def draw_people(seed: int) -> People:
    rng = np.random.default_rng([seed, _STREAM_PEOPLE])
    sizes = [s.size for s in SESSIONS]
    n = sum(sizes)
    role = rng.permutation(np.repeat(np.arange(len(ROLES)), [r.count for r in ROLES]))
    session = np.repeat(np.arange(len(SESSIONS)), sizes)
    disc_names = list(DISCIPLINES)
    discipline = np.array([disc_names.index(ROLES[r].discipline) for r in role])

    # Consent is dealt per discipline so that no discipline is all public (or all anything).
    consent = np.empty(n, dtype=object)
    for d in range(len(disc_names)):
        members = np.flatnonzero(discipline == d)
        k = len(members)
        non_public = min(max(1, int(k * NON_PUBLIC_SHARE + 0.5)), k - 1)
        refused = int(non_public * NONE_SHARE_OF_NON_PUBLIC + 0.5)
        labels = [_NO_QUOTES] * refused + [_RESEARCH] * (non_public - refused) + [_PUBLIC] * (k - non_public)
        consent[members] = rng.permutation(np.array(labels, dtype=object))

    talk = rng.gamma(1.5, 1 / 1.5, n)  # some speak up far more than others
    affinity, favourites = _affinity(seed, discipline)
    ids = [f"P{i + 1:03d}" for i in range(n)]
    table = pa.table(
        {
            "participant_id": ids,
            "session_id": [SESSIONS[s].session_id for s in session],
            "role": [ROLES[r].role for r in role],
            "role_fr": [ROLES[r].role_fr for r in role],
            "discipline": [ROLES[r].discipline for r in role],
            "discipline_fr": [DISCIPLINES[ROLES[r].discipline] for r in role],
            "quote_consent": consent.tolist(),
        },
        schema=SCHEMAS["participants"],
    )
    return People(
        table=table,
        ids=pa.array(ids, pa.string()),
        session=session,
        discipline=discipline,
        talk=talk / talk.sum(),
        order=rng.permutation(n),
        affinity=affinity,
        favourites=favourites,
    )


def _related() -> np.ndarray:
    """[theme, theme] relatedness (see `RELATED_PER_SHARED_RULE`); 0 on the diagonal, since a
    theme is never drawn twice for one participant or coded twice on one excerpt by one coder."""
    index = {t: i for i, t in enumerate(THEME_IDS)}
    practical = np.array([t.group in PRACTICAL_GROUPS for t in THEMES])
    out = 1.0 + RELATED_PRACTICAL * (practical[:, None] & practical[None, :])
    for rule in RULES:
        members = [index[t] for t in rule.themes]
        out[np.ix_(members, members)] += RELATED_PER_SHARED_RULE
    np.fill_diagonal(out, 0.0)
    return out


def _affinity(seed: int, discipline: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each participant's main-theme probabilities, with a last row (the base rates) for excerpts
    spoken by a table or the room; and how many favourite themes each participant has.

    Two to four favourites are drawn one after another, by the discipline's rates times their
    relatedness to the favourites drawn so far; each gets a share by the rate (to the power
    `FAVOURITE_FOCUS`) times a personal factor, and `STRAY_SHARE` is left over for the other
    themes. Its own random stream, so the participants table does not depend on it.
    """
    rng = np.random.default_rng([seed, _STREAM_AFFINITY])
    rates = _theme_weights()
    related = _related()
    n = len(discipline)
    favourites = 2 + np.searchsorted(np.cumsum(FAVOURITES_P)[:-1], rng.random(n), "right")
    out = np.empty((n + 1, len(THEMES)))
    for i in range(n):  # 91 people: a plain loop is clearer than vectorising
        w = rates[discipline[i]]
        chosen = np.zeros(len(THEMES), dtype=bool)
        pull = np.ones(len(THEMES))
        for _ in range(favourites[i]):
            p = np.where(chosen, 0.0, w * pull)
            t = rng.choice(len(THEMES), p=p / p.sum())
            chosen[t] = True
            pull *= related[t]
        strength = np.where(chosen, w**FAVOURITE_FOCUS * rng.gamma(2.0, 0.5, len(THEMES)), 0.0)
        stray = np.where(chosen, 0.0, w)
        out[i] = (1 - STRAY_SHARE) * strength / strength.sum() + STRAY_SHARE * stray / stray.sum()
    out[n] = rates[-1]
    return out, favourites


def _split_total(total: int, weights: np.ndarray) -> np.ndarray:
    """Integers proportional to `weights` that sum to `total` exactly (largest remainders)."""
    share = total * (weights / weights.sum())
    parts = np.floor(share).astype(np.int64)
    short = total - int(parts.sum())
    parts[np.argsort(parts - share, kind="stable")[:short]] += 1
    return parts


def draw_media(seed: int) -> pa.Table:
    rng = np.random.default_rng([seed, _STREAM_MEDIA])
    session_ids = [s.session_id for s in SESSIONS]
    size_weights = np.array([s.size for s in SESSIONS], dtype=float)
    columns: dict[str, list] = {name: [] for name in SCHEMAS["media"].names}

    def add(kind, sessions, durations, sizes):
        for i, (s, d, b) in enumerate(zip(sessions, durations, sizes, strict=True), start=1):
            columns["media_id"].append(f"{kind}-{i:04d}")
            columns["session_id"].append(s)
            columns["kind"].append(kind)
            columns["duration_s"].append(None if d is None else float(d))
            columns["size_bytes"].append(int(b))

    def spread(files):  # session id per file, sessions in order, larger sessions get more
        per = _split_total(files, size_weights * rng.uniform(0.8, 1.2, len(SESSIONS)))
        return [sid for sid, k in zip(session_ids, per, strict=True) for _ in range(k)]

    seconds = _split_total(AUDIO_SECONDS, rng.uniform(0.6, 1.4, AUDIO_FILES))
    add(
        _AUDIO,
        spread(AUDIO_FILES),
        seconds,
        _split_total(AUDIO_BYTES, seconds * rng.uniform(0.97, 1.03, AUDIO_FILES)),
    )

    photo_sessions = [None] * PHOTO_RECCE_FILES + spread(PHOTO_FILES - PHOTO_RECCE_FILES)
    add(
        _PHOTO,
        photo_sessions,
        [None] * PHOTO_FILES,
        _split_total(PHOTO_BYTES, rng.lognormal(0.0, 0.3, PHOTO_FILES)),
    )

    seconds = _split_total(VIDEO_SECONDS, rng.uniform(0.5, 1.5, VIDEO_FILES))
    add(
        _VIDEO,
        spread(VIDEO_FILES),
        seconds,
        _split_total(VIDEO_BYTES, seconds * rng.uniform(0.9, 1.1, VIDEO_FILES)),
    )
    return pa.table(columns, schema=SCHEMAS["media"])


# ---------------------------------------------------------------------------------------------
# Excerpts and theme codes, in batches
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Pool:
    """One kind of sentence (openings, middles or closings) for all themes, flattened."""

    text: pa.Array
    offset: np.ndarray  # first index of each theme's sentences
    count: np.ndarray  # how many sentences each theme has

    @classmethod
    def build(cls, part: int) -> _Pool:
        lists = [POOLS[t][part] for t in THEME_IDS]
        count = np.array([len(x) for x in lists])
        offset = np.concatenate([[0], np.cumsum(count)[:-1]])
        return cls(pa.array([s for x in lists for s in x], pa.string()), offset, count)

    def draw(self, rng, theme: np.ndarray, keep: np.ndarray | None = None) -> pa.Array:
        """One sentence of `theme` per row; null where `keep` is False."""
        idx = self.offset[theme] + (rng.random(len(theme)) * self.count[theme]).astype(np.int64)
        mask = None if keep is None else ~keep
        return self.text.take(pa.array(idx, mask=mask))


def _theme_weights() -> np.ndarray:
    """Theme probabilities per discipline index, plus a last row for group-level excerpts."""
    base = np.array([t.weight for t in THEMES])
    rows = [base * np.array([THEME_LEAN[d].get(t, 1.0) for t in THEME_IDS]) for d in DISCIPLINES]
    rows.append(base)
    w = np.array(rows)
    return w / w.sum(axis=1, keepdims=True)


def _stance_cumulative() -> np.ndarray:
    """Cumulative probabilities of (risk, opportunity, mixed, null) by [discipline, theme]."""
    out = np.empty((len(DISCIPLINES) + 1, len(THEMES), 4))
    leans = [STANCE_LEAN.get(d, (1.0, 1.0, 1.0)) for d in DISCIPLINES] + [(1.0, 1.0, 1.0)]
    for d, lean in enumerate(leans):
        for t, theme in enumerate(THEME_IDS):
            p = np.array(STANCE_BY_THEME[theme]) * np.array(lean)
            p = p / p.sum() * (1 - STANCE_NULL_SHARE)
            out[d, t] = np.cumsum(np.append(p, STANCE_NULL_SHARE))
    out[..., -1] = 1.0
    return out


def _ids(prefix: str, numbers: np.ndarray, width: int) -> pa.Array:
    digits = pc.utf8_lpad(pc.cast(pa.array(numbers), pa.string()), width=width, padding="0")
    return pc.binary_join_element_wise(prefix, digits, "")


class Generator:
    """Draws excerpts [start, stop) as theme-code rows. Batch content depends only on
    (seed, start, stop), so the same arguments always give the same rows."""

    def __init__(self, seed: int, people: People, excerpts: int):
        self.seed = seed
        self.people = people
        self.width = max(4, len(str(excerpts)))
        self.log_affinity = np.log(people.affinity)
        with np.errstate(divide="ignore"):  # log(0) = -inf: a theme is never its own partner
            self.log_related = np.log(_related())
        self.stance_cum = _stance_cumulative()
        self.openings, self.middles, self.closings = (_Pool.build(i) for i in range(3))
        self.lead_ins = pa.array(LEAD_INS, pa.string())
        sizes = np.array([s.size for s in SESSIONS], dtype=float)
        self.session_p = sizes / sizes.sum()
        self.session_ids = pa.array([s.session_id for s in SESSIONS], pa.string())
        self.activity = pa.array([a for a, _ in ACTIVITIES], pa.string())
        self.activity_fr = pa.array([f for _, f in ACTIVITIES], pa.string())
        self.theme_ids = pa.array(THEME_IDS, pa.string())
        self.stances = pa.array(STANCES, pa.string())
        self.coders = pa.array(CODERS, pa.string())
        self.second_keeps = np.array([SECOND_CODER_KEEPS[t] for t in THEME_IDS])
        self.log_fuzzy = np.log(1 - self.second_keeps)  # a theme often dropped is often added too

    def batch(self, start: int, stop: int) -> tuple[pa.Table, np.ndarray]:
        """The code rows of excerpts start..stop-1, and each row's session index."""
        rng = np.random.default_rng([self.seed, _STREAM_EXCERPTS, start])
        people = self.people
        b = stop - start
        number = np.arange(start, stop, dtype=np.int64)

        # Who spoke, where. The first few hundred excerpts visit everyone in turn.
        speaker = rng.choice(len(people.talk), size=b, p=people.talk)
        group = rng.random(b) < GROUP_SHARE
        rota = number < MIN_EXCERPTS_EACH * len(people.talk)
        speaker[rota] = people.order[number[rota] % len(people.talk)]
        group[rota] = False
        session = np.where(
            group, rng.choice(len(SESSIONS), size=b, p=self.session_p), people.session[speaker]
        )
        discipline = np.where(group, len(DISCIPLINES), people.discipline[speaker])

        # Which themes: k distinct ones per excerpt, never more than the speaker has favourites.
        # The main one follows the speaker's affinity (the base rates for a table or the room);
        # any others follow it too, sharpened, times their relatedness to the main one
        # (Gumbel-max, then Gumbel top-2; the main theme's relatedness to itself is 0).
        k = 1 + np.searchsorted(np.cumsum(THEMES_PER_EXCERPT_P)[:-1], rng.random(b), "right")
        who = np.where(group, len(people.talk), speaker)
        k = np.where(group, k, np.minimum(k, people.favourites[speaker]))
        log_p = self.log_affinity[who]
        main = np.argmax(log_p + rng.gumbel(size=log_p.shape), axis=1)
        keys = CO_CODE_FOCUS * log_p + self.log_related[main] + rng.gumbel(size=log_p.shape)
        others = np.argsort(-keys, axis=1, kind="stable")[:, :2]
        ranked = np.column_stack([main, others])
        del log_p, keys, others
        activity = np.searchsorted(np.cumsum(ACTIVITY_P), rng.random(b), "right")

        text = self._text(rng, ranked[:, 0], b)

        # One row per (excerpt, theme) the first coder applied, then the second coder's rows.
        row = np.repeat(np.arange(b), k)
        slot = np.arange(len(row)) - np.repeat(np.cumsum(k) - k, k)
        theme = ranked[row, slot]
        u = rng.random(len(row))
        stance = (u[:, None] >= self.stance_cum[discipline[row], theme]).sum(axis=1)
        first = (row, theme, stance, np.zeros(len(row), dtype=np.int64))
        second = self._second_coder(start, row, theme, stance, main, who, discipline)
        row, theme, stance, coder = (np.concatenate(pair) for pair in zip(first, second, strict=True))
        order = np.argsort(row, kind="stable")  # an excerpt's codes together, the first coder's first
        row, theme, stance, coder = row[order], theme[order], stance[order], coder[order]
        per_excerpt = np.bincount(row, minlength=b)
        nth = np.arange(len(row)) - np.repeat(np.cumsum(per_excerpt) - per_excerpt, per_excerpt)

        excerpt_id = _ids("E", number + 1, self.width).take(pa.array(row))
        no_activity = activity[row] >= len(ACTIVITIES)
        activity_idx = pa.array(np.minimum(activity[row], len(ACTIVITIES) - 1), mask=no_activity)
        table = pa.table(
            {
                "code_id": pc.binary_join_element_wise(
                    excerpt_id, pc.cast(pa.array(nth + 1), pa.string()), "-"
                ),
                "excerpt_id": excerpt_id,
                "theme_id": self.theme_ids.take(pa.array(theme)),
                "session_id": self.session_ids.take(pa.array(session[row])),
                "participant_id": people.ids.take(pa.array(speaker[row], mask=group[row])),
                "activity": self.activity.take(activity_idx),
                "activity_fr": self.activity_fr.take(activity_idx),
                "stance": self.stances.take(
                    pa.array(np.minimum(stance, len(STANCES) - 1), mask=stance >= len(STANCES))
                ),
                "excerpt": text.take(pa.array(row)),
                "coder": self.coders.take(pa.array(coder)),
            },
            schema=SCHEMAS["theme_codes"],
        )
        return table, session[row]

    def _second_coder(self, start, row, theme, stance, main, who, discipline) -> tuple[np.ndarray, ...]:
        """The second coder's codes in this batch, as (excerpt, theme, stance, coder) arrays, from the
        first coder's rows (`row`, `theme`, `stance`) and each excerpt's main theme, speaker row of
        the affinity table and discipline index. Its own random stream per batch, so the first
        coder's codes are the same with or without it.

        Each excerpt is double-coded with `SECOND_CODER_SHARE`. On those, each of the first coder's
        themes is applied again with its `SECOND_CODER_KEEPS`, its stance read afresh with
        `SECOND_CODER_RESTANCE` (from the same stance probabilities, so it may come out the same);
        with `SECOND_CODER_EXTRA`, or when none was kept, a theme the first did not apply is added,
        drawn like an excerpt's other themes (the speaker's affinity, sharpened, times relatedness to
        the main theme) times its fuzziness (1 minus its keep probability), with a stance of its own.
        """
        rng = np.random.default_rng([self.seed, _STREAM_SECOND_CODER, start])
        b = len(main)
        double = rng.random(b) < SECOND_CODER_SHARE
        keep = double[row] & (rng.random(len(row)) < self.second_keeps[theme])
        restance = rng.random(len(row)) < SECOND_CODER_RESTANCE
        fresh = (rng.random(len(row))[:, None] >= self.stance_cum[discipline[row], theme]).sum(axis=1)
        kept_stance = np.where(restance, fresh, stance)

        kept_any = np.bincount(row[keep], minlength=b) > 0
        add = np.flatnonzero(double & ((rng.random(b) < SECOND_CODER_EXTRA) | ~kept_any))
        applied = np.zeros((b, len(THEMES)), dtype=bool)
        applied[row, theme] = True
        keys = (
            CO_CODE_FOCUS * self.log_affinity[who[add]]
            + self.log_related[main[add]]
            + self.log_fuzzy
            + rng.gumbel(size=(len(add), len(THEMES)))
        )
        keys[applied[add]] = -np.inf  # never a theme the first coder applied
        extra = np.argmax(keys, axis=1)
        extra_stance = (rng.random(len(add))[:, None] >= self.stance_cum[discipline[add], extra]).sum(axis=1)
        return (
            np.concatenate([row[keep], add]),
            np.concatenate([theme[keep], extra]),
            np.concatenate([kept_stance[keep], extra_stance]),
            np.ones(int(keep.sum()) + len(add), dtype=np.int64),
        )

    def _text(self, rng, theme: np.ndarray, b: int) -> pa.Array:
        """A passage per excerpt from its main theme's pools: [lead-in] opening [middle] [closing]."""
        sentences = 1 + np.searchsorted(np.cumsum(SENTENCES_P)[:-1], rng.random(b), "right")
        coin = rng.random(b) < 0.5
        has_middle = (sentences == 3) | ((sentences == 2) & coin)
        has_closing = (sentences == 3) | ((sentences == 2) & ~coin)
        has_lead = rng.random(b) < LEAD_IN_SHARE
        lead = self.lead_ins.take(pa.array(rng.integers(0, len(LEAD_INS), b), mask=~has_lead))
        text = pc.binary_join_element_wise(
            lead,
            self.openings.draw(rng, theme),
            self.middles.draw(rng, theme, has_middle),
            self.closings.draw(rng, theme, has_closing),
            " ",
            null_handling="skip",
        )
        silent = rng.random(b) < TEXT_NULL_SHARE  # passage not transcribed
        return pc.if_else(pa.array(silent), pa.scalar(None, pa.string()), text)
