"""Finishing a scan: the candidate list and stats.json from every done marker of the output folder,
so that a rerun of a subset ends with the totals of the whole."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from piu_filter.io.filesystem import filesystem, write_json_whole, written_whole
from piu_filter.io.records import RECORD_SCHEMA
from piu_filter.scan.layout import ScanLayout
from piu_filter.scan.task import SCORE_FIELDS

CANDIDATE_COLUMNS = ["key", "url", *SCORE_FIELDS, "detected"]
CANDIDATE_SCHEMA = pa.schema([RECORD_SCHEMA.field(name) for name in CANDIDATE_COLUMNS])


def write_candidates(layout: ScanLayout, parts: list[str]) -> int:
    """`candidates.parquet`: url and scores of every candidate row (the private download list); its row count."""
    tables = []
    for part in parts:
        fs, path = filesystem(layout.records(part))
        if fs.isfile(path):
            tables.append(pq.read_table(path, columns=CANDIDATE_COLUMNS, filters=[("candidate", "==", True)], filesystem=fs))
    table = pa.concat_tables([t.cast(CANDIDATE_SCHEMA) for t in tables]) if tables else CANDIDATE_SCHEMA.empty_table()
    with written_whole(layout.candidates) as path:
        pq.write_table(table, path)
    return table.num_rows


def finish_scan(layout: ScanLayout, description: dict[str, Any], seconds: float, rows_this_run: int,
                failed: dict[str, str]) -> dict[str, Any]:
    """Sum every done marker into stats.json and write the candidate list; return the stats."""
    done = layout.done_markers()
    totals = {name: sum(marker[name] for marker in done.values()) for name in ("rows", "detected", "candidates")}
    write_candidates(layout, list(done))
    stats = {
        **totals,
        **description,
        "parts": {"done": len(done), "failed": dict(sorted(failed.items()))},
        "this_run": {"rows": rows_this_run, "seconds": round(seconds, 3),
                     "rows_per_second": round(rows_this_run / seconds, 1) if seconds > 0 else None},
    }
    write_json_whole(layout.stats, stats)
    return stats
