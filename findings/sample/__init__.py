"""The deterministic, illustrative sample export set.

`write_sample(out_dir)` writes one Parquet file per contract table plus a `datapackage.json`
descriptor. The public facts about the Imaginative Intelligences Assemblies (sessions, head count,
venues, professions, activities, themes, rule titles, media totals) are reproduced exactly;
everything else (dates, who sat where, consent, every excerpt, stance and code, the two coders
and their disagreements, the rule-theme mapping) is invented and flagged as illustrative in the
descriptor.

Each participant has a personal affinity: a few favourite themes they keep returning to, drawn
with their discipline's leanings, so that themes and theme groups reach clearly different shares
of the participants.

Every code is a first coder's ("Coder A"); a second ("Coder B") independently codes about a fifth
of the passages again, disagreeing now and then, so that intercoder agreement has something to
show (`facts.SECOND_CODER_*`). The app counts every coding: a theme is on a passage if any coder
applied it.

The same arguments always give byte-identical files. Excerpts are drawn in batches with numpy and
assembled with pyarrow compute, so ten million of them fit in bounded memory; above
`PARTITION_ABOVE` excerpts `theme_codes` becomes a hive-partitioned folder by session.

- `facts.py`: the reference data, public and illustrative;
- `text.py`: the sentences the excerpts are built from (none is a quote);
- `schema.py`: the tables' Arrow schemas, keys and allowed values, derived from the data contract;
- `generate.py`: the rows, drawn with seeded random streams;
- `descriptor.py`: the `datapackage.json`;
- `export.py`: `write_sample`, which writes them all into a folder.
"""

from __future__ import annotations

from findings.sample.descriptor import CREATED, PACKAGE_NAME
from findings.sample.export import BATCH_EXCERPTS, PARTITION_ABOVE, write_sample
from findings.sample.facts import THEMES
from findings.sample.schema import SCHEMAS, TABLE_NAMES

__all__ = [
    "BATCH_EXCERPTS",
    "CREATED",
    "PACKAGE_NAME",
    "PARTITION_ABOVE",
    "SCHEMAS",
    "TABLE_NAMES",
    "THEMES",
    "write_sample",
]
