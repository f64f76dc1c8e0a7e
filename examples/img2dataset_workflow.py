"""The whole workflow around img2dataset, on this machine only (a local HTTP server on 127.0.0.1):

1. serve the example images and write a URL table, as a dataset's metadata would be;
2. download them with img2dataset into WebDataset shards;
3. filter the shards with `piu-filter run` (drop; OCR on every image);
4. build the blocklist from the records;
5. apply it to the URL table, before anyone else downloads (and to the shards, after).

    python examples/img2dataset_workflow.py WORK_DIR [--clip-model NAME|local-dir:PATH] [--count 6]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import io
import json
import os
import tarfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from piu_filter.cli.main import main as piu_filter

SHARD = Path(__file__).parent / "shards" / "00000.tar"


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 (port 80 when free, so that default-port spellings apply); yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 80), handler)
        base = "http://localhost"
    except OSError:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        """No access log."""


def write_images(folder: Path, count: int) -> list[tuple[str, str]]:
    """The first `count` example images as files; returns (file name, caption) pairs."""
    folder.mkdir(parents=True, exist_ok=True)
    pairs: dict[str, dict[str, bytes]] = {}
    with tarfile.open(SHARD) as tar:
        for member in tar.getmembers():
            key, ext = member.name.split(".", 1)
            pairs.setdefault(key, {})[ext] = tar.extractfile(member).read()
    files = []
    for key, members in list(pairs.items())[:count]:
        (folder / f"{key}.jpg").write_bytes(members["jpg"])
        files.append((f"{key}.jpg", members["txt"].decode()))
    return files


def download(urls: Path, shards: Path) -> None:
    os.environ.setdefault("NO_ALBUMENTATIONS_UPDATE", "1")  # no version check over the network
    from img2dataset import download as img2dataset_download

    with contextlib.redirect_stdout(io.StringIO()):
        img2dataset_download(
            url_list=str(urls), input_format="parquet", url_col="url", caption_col="caption",
            output_format="webdataset", output_folder=str(shards), processes_count=1, thread_count=4,
            resize_mode="no", number_sample_per_shard=1000, enable_wandb=False, timeout=5, retries=0,
            disallowed_header_directives=[],
        )


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("work", type=Path)
    parser.add_argument("--clip-model", default=None)
    parser.add_argument("--count", type=int, default=6)
    args = parser.parse_args(argv)
    work = args.work
    files = write_images(work / "www", args.count)
    with serve(work / "www") as base:
        urls = [f"{base}/{name}" for name, _ in files]
        pq.write_table(pa.table({"url": urls, "caption": [caption for _, caption in files]}), work / "urls.parquet")
        download(work / "urls.parquet", work / "shards")
    clip = ["--clip-model", args.clip_model] if args.clip_model else []
    steps = [
        ["run", str(work / "shards"), "--output", str(work / "filtered"), "--action", "drop", "--ocr-scope", "all",
         "--missing-models", "skip", "--quiet", *clip],
        ["blocklist", "build", str(work / "filtered" / "records"), "--out", str(work / "blocklist")],
        ["blocklist", "apply", str(work / "blocklist"), "--urls", str(work / "urls.parquet"), "--url-col", "url",
         "--out", str(work / "urls-clean")],
        ["blocklist", "apply", str(work / "blocklist"), "--shards", str(work / "shards"), "--out", str(work / "shards-clean")],
    ]
    for step in steps:
        if piu_filter(step) != 0:
            raise SystemExit(f"piu-filter {' '.join(step)} failed")
    summary = {"base_url": base, "urls": urls,
               "kept_urls": pq.read_table(work / "urls-clean" / "urls.parquet")["url"].to_pylist(),
               "stats": json.loads((work / "filtered" / "stats.json").read_text())}
    print(f"{len(urls)} URLs, {len(summary['kept_urls'])} left after the blocklist")
    return summary


if __name__ == "__main__":
    main()
