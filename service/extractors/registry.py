"""The registered extractors, in the order the pipeline runs them.

Adding an extractor is a package under `service/extractors/` that defines an
`Extractor`, and a line here (plus its fusion in `service.fusion.fuse` if a tagger
head feeds it, and its wire type in `service.api` if it is a new kind of result).
"""

from __future__ import annotations

from service.extractors.attribution.extractor import EXTRACTOR as ATTRIBUTION
from service.extractors.base import Extractor
from service.extractors.dates.extractor import EXTRACTOR as DATES
from service.extractors.quantities.extractor import EXTRACTOR as QUANTITIES

EXTRACTORS: tuple[Extractor, ...] = (QUANTITIES, DATES, ATTRIBUTION)
