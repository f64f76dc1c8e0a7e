"""`blocklist apply` on a large URL table against a pandas anti-join, same data, same run.

    python benchmarks/blocklist_apply.py [--rows 10000000] [--blocked 100000] [--work DIR]

Writes a parquet URL table of `--rows` synthetic URLs (some spelled with upper-case hosts,
default ports, tracking parameters and fragments) and a blocklist of `--blocked` hashes (half
of them URLs of the table), then measures, each in its own process: `piu-filter blocklist apply`
(streamed Arrow batches, URLs hashed in worker processes) and a plain pandas anti-join that
reads the table, hashes every URL with the same normalisation and keeps the rows not blocked.
Peak memory is the peak resident set (VmHWM) of the measured process, and the largest of its
worker processes. `apply` is also run
on a tenth of the table: its peak memory should not grow with the table.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

CHUNK = 1_000_000

_MEASURE = """
import json, resource, sys, time
started = time.perf_counter()
{body}
seconds = time.perf_counter() - started
# VmHWM, not ru_maxrss: ru_maxrss survives exec and would include the parent's size at fork
own = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({{"seconds": seconds, "peak_rss_mib": round(max(own, children) / 1024, 1),
                  "main_rss_mib": round(own / 1024, 1), "worker_rss_mib": round(children / 1024, 1)}}))
"""

APPLY = """
from pathlib import Path
from piu_filter.blocklist.apply import BlocklistIndex, apply_to_tables
report = apply_to_tables(BlocklistIndex.load([Path({blocklist!r})]), [{table!r}], "url", Path({out!r}), workers={workers})
"""

PANDAS = """
import pandas as pd
from piu_filter.blocklist.build import read_blocklist
from piu_filter.blocklist.urls import url_sha256
blocked = set(read_blocklist({blocklist!r})["url_sha256"].to_pylist())
frame = pd.read_parquet({table!r})
kept = frame[~frame["url"].map(url_sha256).isin(blocked)]
kept.to_parquet({out!r})
"""


def write_table(path: Path, rows: int, seed: int = 0) -> None:
    """Synthetic URLs, a tenth of them spelled differently from their normal form."""
    rng = np.random.default_rng(seed)
    writer = None
    for start in range(0, rows, CHUNK):
        ids = np.arange(start, min(start + CHUNK, rows))
        hosts = pc.cast(pa.array(rng.integers(0, 5000, len(ids))), pa.string())
        numbers = pc.cast(pa.array(ids), pa.string())
        urls = pc.binary_join_element_wise("https://img", hosts, ".example.com/photos/", numbers, ".jpg", "")
        odd = pa.array(ids % 10 == 0)
        urls = pc.if_else(odd, pc.binary_join_element_wise("HTTPS://IMG", hosts, ".EXAMPLE.com:443/photos/", numbers,
                                                           ".jpg?utm_source=feed#top", ""), urls)
        table = pa.table({"url": urls, "caption": pc.binary_join_element_wise("photo ", numbers, "")})
        if writer is None:
            writer = pq.ParquetWriter(path, table.schema, compression="zstd")
        writer.write_table(table)
    writer.close()


def write_blocklist_for(table: Path, folder: Path, blocked: int, seed: int = 0) -> None:
    from piu_filter.blocklist.build import write_blocklist
    from piu_filter.blocklist.urls import url_sha256

    rng = np.random.default_rng(seed)
    rows = pq.ParquetFile(table).metadata.num_rows
    picked = np.sort(rng.choice(rows, blocked // 2, replace=False))
    urls = pq.read_table(table, columns=["url"])["url"].take(pa.array(picked)).to_pylist()
    hashes = [url_sha256(u) for u in urls] + [f"{rng.integers(0, 2**63):064x}" for _ in range(blocked - len(urls))]
    write_blocklist([{"url_sha256": h, "image_sha256": None, "image_phash": None, "reasons": ["detected"],
                      "entity_types": []} for h in hashes], folder, None)


def measure(body: str) -> dict:
    result = subprocess.run([sys.executable, "-c", _MEASURE.format(body=body)], check=True, capture_output=True, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--blocked", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="piu-blocklist-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    table, small = work / "urls.parquet", work / "urls-small.parquet"
    write_table(table, args.rows)
    write_table(small, args.rows // 10)
    write_blocklist_for(table, work / "blocklist", args.blocked)
    blocklist = str(work / "blocklist")

    results = {}
    for name, body, path in (
        ("piu-filter apply", APPLY.format(blocklist=blocklist, table=str(table), out=str(work / "apply"), workers=args.workers), table),
        ("piu-filter apply, a tenth of the rows", APPLY.format(blocklist=blocklist, table=str(small), out=str(work / "apply-small"),
                                                               workers=args.workers), small),
        ("pandas anti-join", PANDAS.format(blocklist=blocklist, table=str(table), out=str(work / "pandas.parquet")), table),
    ):
        timing = measure(body)
        rows = pq.ParquetFile(path).metadata.num_rows
        results[name] = {"rows": rows, "rows_per_second": round(rows / timing["seconds"]), **timing}
    kept_apply = pq.ParquetFile(work / "apply" / "urls.parquet").metadata.num_rows
    kept_pandas = pq.ParquetFile(work / "pandas.parquet").metadata.num_rows
    results["same_rows_kept"] = kept_apply == kept_pandas
    results["rows_removed"] = args.rows - kept_apply
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
