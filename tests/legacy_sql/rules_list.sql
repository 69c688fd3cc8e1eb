-- purpose: the rules in their published order, in the UI language, with how many themes support each
-- grain: one row per rule
-- params: $lang
select
    rules.rule_id,
    rules.number,
    tr(rules.title, rules.title_fr, $lang) as title,
    tr(rules.summary, rules.summary_fr, $lang) as summary,
    count(rule_themes.theme_id) as supporting_themes,
from rules
left join rule_themes on rule_themes.rule_id = rules.rule_id
group by all
order by rules.number, rules.rule_id
