"""What a prevalence chart can count, and the result column that holds each measure.

One place for it: the pages' measure switch, the charts and the report read these names.
"""

from __future__ import annotations

#: participants reached (a share of the filtered participants), distinct excerpts, code applications
MEASURES = ("participants", "excerpts", "codes")
MEASURE_COLUMNS = {"participants": "share_reached", "excerpts": "excerpts", "codes": "code_applications"}
DEFAULT_MEASURE = "participants"
