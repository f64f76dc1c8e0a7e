"""Blocklists: build (and re-decide) from records, merge, apply to URL tables and shards."""

from __future__ import annotations

import json
import tarfile

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
import pytest
from conftest import EXAMPLE_SHARDS

from piu_filter.cli.main import main
from piu_filter.errors import PiuFilterError
from piu_filter.urls import url_sha256


@pytest.fixture(scope="module")
def tagged(tmp_path_factory, tiny_clip):
    out = tmp_path_factory.mktemp("tagged")
    assert main(["run", str(EXAMPLE_SHARDS), "--output", str(out), "--clip-model", tiny_clip, "--action", "tag",
                 "--ocr-scope", "none", "--quiet"]) == 0
    return out


def records(run_dir):
    return pq.read_table(run_dir / "records").to_pylist()


def blocklist_rows(folder):
    return pq.read_table(folder / "blocklist.parquet").to_pylist()


def test_build_redecides_from_scores_without_recomputing(tagged, tmp_path, capsys):
    rows = records(tagged)
    threshold = sorted(r["clip_score"] for r in rows)[len(rows) // 2]
    assert main(["blocklist", "build", str(tagged / "records"), "--out", str(tmp_path / "bl"),
                 "--detected-threshold", str(threshold)]) == 0
    expected = {url_sha256(r["url"]) for r in rows if r["clip_score"] >= threshold}
    built = blocklist_rows(tmp_path / "bl")
    assert {r["url_sha256"] for r in built} == expected and len(built) == len(expected)
    assert all(r["reasons"] == ["detected"] for r in built)
    assert json.loads(capsys.readouterr().out)["rows"] == len(expected)
    manifest = json.loads((tmp_path / "bl" / "manifest.json").read_text())
    assert manifest["url_normalization"] and manifest["tool_version"] and manifest["counts_by_reason"] == {"detected": len(expected)}
    assert "url" not in pq.read_table(tmp_path / "bl" / "blocklist.parquet").column_names


def test_build_without_thresholds_lists_what_the_run_removed(tagged, tmp_path):
    assert main(["blocklist", "build", str(tagged), "--out", str(tmp_path / "bl")]) == 0
    assert blocklist_rows(tmp_path / "bl") == []  # a tag run removes nothing
    assert main(["blocklist", "build", str(tagged), "--out", str(tmp_path / "urls"), "--detected-threshold", "0",
                 "--include-urls"]) == 0
    assert {r["url"] for r in blocklist_rows(tmp_path / "urls")} == {r["url"] for r in records(tagged)}


def test_merge_unites_and_keeps_the_strictest_reasons(tmp_path):
    from piu_filter.blocklist import write_blocklist

    a = [{"url_sha256": "u1", "image_sha256": "i1", "image_phash": "00ff00ff00ff00ff", "reasons": ["detected"], "entity_types": []},
         {"url_sha256": "u2", "image_sha256": "i2", "image_phash": None, "reasons": ["pii_in_caption"], "entity_types": ["PERSON"]}]
    b = [{"url_sha256": "u1", "image_sha256": "i1", "image_phash": None, "reasons": ["pii_in_image"], "entity_types": ["DATE_TIME"]}]
    write_blocklist(a, tmp_path / "a", "p1")
    write_blocklist(b, tmp_path / "b", "p2")
    assert main(["blocklist", "merge", str(tmp_path / "a"), str(tmp_path / "b"), "--out", str(tmp_path / "m")]) == 0
    merged = {r["url_sha256"]: r for r in blocklist_rows(tmp_path / "m")}
    assert merged["u1"]["reasons"] == ["detected", "pii_in_image"]
    assert merged["u1"]["entity_types"] == ["DATE_TIME"] and merged["u1"]["image_phash"] == "00ff00ff00ff00ff"
    assert len(merged) == 2
    manifest = json.loads((tmp_path / "m" / "manifest.json").read_text())
    assert manifest["counts_by_reason"] == {"detected": 1, "pii_in_caption": 1, "pii_in_image": 1}
    assert len(manifest["merged_from"]) == 2


@pytest.fixture(scope="module")
def blocklist(tagged, tmp_path_factory):
    folder = tmp_path_factory.mktemp("bl")
    rows = records(tagged)
    threshold = sorted(r["clip_score"] for r in rows)[len(rows) // 2]
    assert main(["blocklist", "build", str(tagged), "--out", str(folder), "--detected-threshold", str(threshold)]) == 0
    blocked = [r["url"] for r in rows if r["clip_score"] >= threshold]
    return {"folder": folder, "blocked": blocked, "all": [r["url"] for r in rows]}


def spellings(url: str) -> list[str]:
    scheme, rest = url.split("://")
    host, path = rest.split("/", 1)
    return [url, f"{scheme.upper()}://{host.upper()}/{path}", f"{scheme}://{host}:443/{path}",
            f"{url}?utm_source=newsletter", f"{url}#section"]


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_apply_to_url_tables_removes_exactly_the_blocked_urls(blocklist, tmp_path, fmt, capsys):
    urls = [u for url in blocklist["all"] for u in spellings(url)]
    table = pa.table({"URL": urls, "TEXT": [f"caption {i}" for i in range(len(urls))]})
    folder = tmp_path / "meta"
    folder.mkdir()
    half = len(urls) // 2
    for i, part in enumerate((table.slice(0, half), table.slice(half))):
        path = folder / f"part{i}.{fmt}"
        if fmt == "parquet":
            pq.write_table(part, path)
        elif fmt == "csv":
            pa_csv.write_csv(part, path)
        else:
            path.write_text("".join(json.dumps(row) + "\n" for row in part.to_pylist()))
    assert main(["blocklist", "apply", str(blocklist["folder"]), "--urls", str(folder), "--url-col", "URL",
                 "--out", str(tmp_path / "clean"), "--workers", "2"]) == 0
    report = json.loads(capsys.readouterr().out)
    kept = []
    for i in range(2):
        path = tmp_path / "clean" / f"part{i}.{fmt}"
        if fmt == "parquet":
            kept += pq.read_table(path).to_pylist()
        elif fmt == "csv":
            kept += pa_csv.read_csv(path).to_pylist()
        else:
            kept += [json.loads(line) for line in path.read_text().splitlines()]
    blocked = {u for url in blocklist["blocked"] for u in spellings(url)}
    assert {row["URL"] for row in kept} == set(urls) - blocked
    assert report["removed"] == len(blocked) and report["removed_by_reason"] == {"detected": len(blocked)}
    assert all(row["TEXT"].startswith("caption") for row in kept)


def test_apply_refuses_a_missing_column_and_unknown_formats(blocklist, tmp_path, capsys):
    pq.write_table(pa.table({"link": ["http://a.example/x"]}), tmp_path / "t.parquet")
    assert main(["blocklist", "apply", str(blocklist["folder"]), "--urls", str(tmp_path / "t.parquet"),
                 "--out", str(tmp_path / "o")]) == 2
    assert "no column 'url'" in capsys.readouterr().err
    (tmp_path / "t.xlsx").write_text("x")
    assert main(["blocklist", "apply", str(blocklist["folder"]), "--urls", str(tmp_path / "t.xlsx"),
                 "--out", str(tmp_path / "o")]) == 2
    with pytest.raises(PiuFilterError, match="not a blocklist folder"):
        from piu_filter.blocklist import read_manifest

        read_manifest(tmp_path)


def test_apply_to_shards_matches_url_image_hash_and_rehosted_copies(blocklist, tagged, tmp_path, capsys):
    import io

    from conftest import write_tar
    from PIL import Image

    rows = {r["url"]: r for r in records(tagged)}
    blocked_url = blocklist["blocked"][0]
    with tarfile.open(EXAMPLE_SHARDS / f"{rows[blocked_url]['shard']}") as tar:
        original = tar.extractfile(f"{rows[blocked_url]['key']}.jpg").read()
    reencoded = io.BytesIO()
    Image.open(io.BytesIO(original)).resize((300, 225)).save(reencoded, format="JPEG", quality=70)
    members = [
        ("same.jpg", original), ("same.json", b'{"url": "https://elsewhere.example.org/copy.jpg"}'),
        ("rehosted.jpg", reencoded.getvalue()), ("rehosted.json", b'{"url": "https://mirror.example.net/r.jpg"}'),
        ("byurl.jpg", b"not even an image"), ("byurl.json", json.dumps({"url": spellings(blocked_url)[1]}).encode()),
    ]
    unblocked = [u for u in blocklist["all"] if u not in blocklist["blocked"]][0]
    with tarfile.open(EXAMPLE_SHARDS / f"{rows[unblocked]['shard']}") as tar:
        members += [("fine.jpg", tar.extractfile(f"{rows[unblocked]['key']}.jpg").read()),
                    ("fine.json", json.dumps({"url": unblocked}).encode())]
    shard = write_tar(tmp_path / "mixed.tar", members)
    assert main(["blocklist", "apply", str(blocklist["folder"]), "--shards", str(shard), "--out", str(tmp_path / "clean")]) == 0
    report = json.loads(capsys.readouterr().out)
    with tarfile.open(tmp_path / "clean" / "mixed.tar") as tar:
        assert sorted(m.name for m in tar.getmembers()) == ["fine.jpg", "fine.json"]
    assert report["removed_by_match"] == {"image_phash": 1, "image_sha256": 1, "url": 1}
