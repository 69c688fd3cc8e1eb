"""What a slide says in words and numbers, shared by the slides on screen (views/present.py) and the
saved deck (findings/deck_export.py), so that both say the same thing: for a set that records
participants, people reached; for one that records none, excerpts and sessions."""

from __future__ import annotations

from findings import i18n, privacy


def title_line(ctx, head) -> str:
    """'91 participants · 5 sessions', or '1,500 coded excerpts · 5 sessions' without participants."""
    if ctx.people:
        return ctx.t(
            "present.title_line",
            participants=ctx.int(head.participants_total),
            sessions=ctx.int(head.sessions_total),
        )
    return ctx.tn(
        "present.title_line_places",
        head.sessions_total,
        excerpts=ctx.int(head.excerpts_total),
        sessions=ctx.int(head.sessions_total),
    )


def number_cells(ctx, head, has_rules: bool) -> list[tuple[str, str]]:
    """The numbers slide's six (label, value) pairs, in reading order."""
    first = (
        (ctx.t("metric.participants"), ctx.fewer(head.participants))
        if ctx.people
        else (ctx.t("measure.codes"), ctx.int(head.code_applications))
    )
    return [
        first,
        (ctx.t("metric.sessions"), ctx.int(head.sessions)),
        (ctx.t("metric.venues"), ctx.int(head.venues)),
        (ctx.t("common.coded_excerpts"), ctx.int(head.excerpts)),
        (ctx.t("metric.themes"), ctx.int(head.themes_voiced)),
        (ctx.t("metric.rules"), ctx.int(head.rules_total) if has_rules else "–"),
    ]


def rule_reach(ctx, rule, head) -> tuple[str, str, str] | None:
    """A rule slide's big number, what it counts and the line under it; None when suppressed."""
    if ctx.people:
        if privacy.blanked(rule.participants_reached):
            return None
        evidence = ctx.t(
            "present.rule_evidence",
            n=ctx.int(rule.participants_reached),
            total=ctx.int(rule.participants),
            excerpts=ctx.int(rule.excerpts),
        )
        return i18n.fmt_pct(rule.share_reached, ctx.lang), ctx.t("present.rule_reach"), evidence
    share = int(rule.excerpts) / max(int(head.excerpts), 1)
    evidence = ctx.t("present.rule_evidence_places", n=ctx.int(rule.excerpts), total=ctx.int(head.excerpts))
    return i18n.fmt_pct(share, ctx.lang), ctx.t("present.rule_reach_places"), evidence


def groups_caption(ctx, head) -> str:
    if ctx.people:
        return ctx.t("overview.groups_caption", total=ctx.int(head.participants))
    return ctx.t("overview.groups_caption_excerpts", total=ctx.int(head.excerpts))


def nothing_to_chart(ctx, frame, head) -> bool:
    """The groups slide has nothing to draw under its filters."""
    return frame.empty or not (head.participants if ctx.people else head.excerpts)
