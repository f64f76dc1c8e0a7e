"""Private-information figures: entities by type and by source, co-occurrence, re-identifying combinations.

Only each entity's type and source are read; its text, where records kept it, never is.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations
from typing import Any

SOURCE_GROUPS = ("image", "caption", "metadata", "json", "url", "text")
# What re-identifies a person: a name with a date, a place, or a phone number or an ID.
KINDS = {
    "name": {"PERSON"},
    "date": {"DATE_TIME"},
    "place": {"LOCATION", "MEDICAL_FACILITY"},
    "phone_or_id": {"PHONE_NUMBER", "PATIENT_ID"},
}
COMBINATIONS = ("name", "name+date", "name+place", "name+date+place", "name+phone_or_id",
                "name+date+place+phone_or_id")


def source_group(source: str) -> str:
    """`image`, `caption`, `metadata`, `url`, `json` (any `json:PATH`) or `text` (other text members)."""
    if source.startswith("json"):
        return "json"
    return source if source in SOURCE_GROUPS else "text"


class PrivateInfo:
    def __init__(self) -> None:
        self.by_type: Counter = Counter()
        self.by_source: Counter = Counter()
        self.by_type_and_source: dict[str, Counter] = defaultdict(Counter)
        self.pairs: Counter = Counter()
        self.samples_with: Counter = Counter()
        self.per_image: Counter = Counter()
        self.samples_with_entities = 0

    def add(self, columns: dict[str, list[Any]]) -> None:
        for types, sources, ocr_ran, error in zip(columns["entity_types"], columns["entity_sources"],
                                                  columns["ocr_ran"], columns["error"]):
            groups = [source_group(source or "") for source in sources]
            self.by_type.update(types)
            self.by_source.update(groups)
            for kind, group in zip(types, groups):
                self.by_type_and_source[kind][group] += 1
            present = set(types)
            self.samples_with_entities += bool(present)
            self.pairs.update((a, a) for a in present)
            self.pairs.update(combinations(sorted(present), 2))
            kinds = {kind for kind, members in KINDS.items() if present & members}
            self.samples_with.update(c for c in COMBINATIONS if set(c.split("+")) <= kinds)
            if error is None and ocr_ran is not False:  # OCR'd images, or every image where records do not say
                self.per_image[sum(group == "image" for group in groups)] += 1

    def figures(self) -> dict[str, Any]:
        types = sorted(self.by_type)
        matrix = [[self.pairs[tuple(sorted((a, b)))] for b in types] for a in types]
        return {
            "entities_by_type": dict(self.by_type.most_common()),
            "entities_by_source": {group: self.by_source[group] for group in SOURCE_GROUPS},
            "entities_by_type_and_source": {kind: {group: self.by_type_and_source[kind][group] for group in SOURCE_GROUPS}
                                            for kind in types},
            "samples_with_entities": self.samples_with_entities,
            "co_occurrence": {"types": types, "samples": matrix},
            "samples_with": {c: self.samples_with[c] for c in COMBINATIONS},
            "entities_per_image": {str(n): self.per_image[n] for n in sorted(self.per_image)},
        }
