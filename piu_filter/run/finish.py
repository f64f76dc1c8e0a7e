"""Finishing a run: totals, blocklist and stats.json from every done marker of the output folder.

Every engine ends here, so that a rerun of a subset, or a run on another engine, ends with the
totals of one full run.
"""

from __future__ import annotations

from typing import Any

from piu_filter.blocklist.build import blocked_rows, write_blocklist
from piu_filter.io.filesystem import write_json_whole
from piu_filter.io.layout import OutputLayout
from piu_filter.run.stats import RunStats


def damaged_shards(done: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Finished shards that were read only up to damage in their bytes: name -> what the damage was."""
    return {marker.get("shard", stem): marker["damaged"] for stem, marker in sorted(done.items()) if marker.get("damaged")}


def finish(layout: OutputLayout, description: dict[str, Any], seconds: float, samples_this_run: int,
           failed: dict[str, str]) -> dict[str, Any]:
    """Sum every done marker into stats.json and build the blocklist from their records; return the stats."""
    total = RunStats()
    done = layout.done_markers()
    for marker in done.values():
        total.add(RunStats.from_dict(marker))
    manifest = write_blocklist(blocked_rows(layout.records(stem) for stem in done), layout.blocklist,
                               description["profile_digest"])
    stats = {
        **total.to_dict(),
        **description,
        "shards": {"done": len(done), "damaged": damaged_shards(done), "failed": dict(sorted(failed.items()))},
        "blocklist_rows": manifest["rows"],
        "this_run": {"samples": samples_this_run, "seconds": round(seconds, 3),
                     "samples_per_second": round(samples_this_run / seconds, 2) if seconds > 0 else None},
    }
    write_json_whole(layout.stats, stats)
    return stats
