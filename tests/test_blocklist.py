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
from piu_filter.blocklist.urls import url_sha256


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
    from piu_filter.blocklist.build import write_blocklist

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
        from piu_filter.blocklist.build import read_manifest

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


def test_apply_to_shards_reports_an_unreadable_shard_and_writes_nothing_for_it(blocklist, tmp_path, capsys):
    cut = tmp_path / "cut.tar"
    cut.write_bytes((EXAMPLE_SHARDS / "00000.tar").read_bytes()[:50_000])
    assert main(["blocklist", "apply", str(blocklist["folder"]), "--shards", str(cut), str(EXAMPLE_SHARDS / "00001.tar"),
                 "--out", str(tmp_path / "clean")]) == 1
    captured = capsys.readouterr()
    assert "cut.tar" in json.loads(captured.out)["unreadable_shards"] and "cut.tar" in captured.err
    assert sorted(p.name for p in (tmp_path / "clean").iterdir()) == ["00001.tar"]


def test_apply_to_url_tables_keeps_every_kept_byte_and_every_sub_folder(blocklist, tmp_path, capsys):
    blocked, fine = blocklist["blocked"][0], next(u for u in blocklist["all"] if u not in blocklist["blocked"])
    meta = tmp_path / "meta"
    for sub in ("a", "b"):
        (meta / sub).mkdir(parents=True)
        (meta / sub / "urls.csv").write_bytes(
            b'id,url,price,note\r\n000000012,' + fine.encode() + b',1.50,"two\nlines, one ""quote"""\r\n'
            b'000000013,' + blocked.encode() + b',2.00,x\r\n')
    (meta / "a" / "big.jsonl").write_bytes(
        b'{"url": "' + fine.encode() + b'", "id": 123456789012345678901234567890, "x": 1.50}\n'
        b'{"url": "' + blocked.encode() + b'", "id": "mixed"}\n{"url": null}\n')
    (meta / "b" / "list.txt").write_bytes(fine.encode() + b"\n" + blocked.encode() + b"\n")
    assert main(["blocklist", "apply", str(blocklist["folder"]), "--urls", str(meta), "--out", str(tmp_path / "clean")]) == 0
    report = json.loads(capsys.readouterr().out)
    clean = tmp_path / "clean"
    for sub in ("a", "b"):
        assert (clean / sub / "urls.csv").read_bytes() == (
            b'id,url,price,note\r\n000000012,' + fine.encode() + b',1.50,"two\nlines, one ""quote"""\r\n')
    assert (clean / "a" / "big.jsonl").read_bytes() == (
        b'{"url": "' + fine.encode() + b'", "id": 123456789012345678901234567890, "x": 1.50}\n{"url": null}\n')
    assert (clean / "b" / "list.txt").read_bytes() == fine.encode() + b"\n"
    assert report["rows_in"] == 9 and report["removed"] == 4


def test_apply_to_url_tables_reads_an_img2dataset_output_folder_as_it_is(blocklist, tmp_path, capsys):
    folder = tmp_path / "downloaded"
    folder.mkdir()
    pq.write_table(pa.table({"url": blocklist["all"][:4], "key": ["0", "1", "2", "3"]}), folder / "00000.parquet")
    (folder / "00000_stats.json").write_text('{"count": 4}')
    (folder / "00000.tar").write_bytes(b"")
    assert main(["blocklist", "apply", str(blocklist["folder"]), "--urls", str(folder), "--out", str(tmp_path / "o")]) == 0
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == ["00000.parquet"]
    assert pq.read_table(tmp_path / "o" / "00000.parquet").schema == pq.read_table(folder / "00000.parquet").schema


def _broken(folder, tmp_path, what):
    import shutil

    bad = tmp_path / what
    shutil.copytree(folder, bad)
    if what == "manifest_not_json":
        (bad / "manifest.json").write_text("{not json")
    elif what == "manifest_without_key":
        manifest = json.loads((bad / "manifest.json").read_text())
        del manifest["includes_urls"]
        (bad / "manifest.json").write_text(json.dumps(manifest))
    elif what == "not_parquet":
        (bad / "blocklist.parquet").write_text("hello")
    elif what == "other_schema":
        pq.write_table(pa.table({"url_sha256": [1]}), bad / "blocklist.parquet")
    elif what == "bad_phash":
        table = pq.read_table(bad / "blocklist.parquet")
        pq.write_table(table.set_column(table.schema.get_field_index("image_phash"), "image_phash",
                                        pa.array(["zz"] * table.num_rows, pa.string())), bad / "blocklist.parquet")
    elif what == "missing_parquet":
        (bad / "blocklist.parquet").unlink()
    return bad


@pytest.mark.parametrize("what, message", [
    ("manifest_not_json", "manifest.json is not JSON"), ("manifest_without_key", "lacks includes_urls"),
    ("not_parquet", "is not a readable parquet file"), ("other_schema", "column url_sha256 must be string"),
    ("bad_phash", "image_phash 'zz' is not 16 hex digits"), ("missing_parquet", "blocklist.parquet is missing"),
])
def test_a_broken_blocklist_is_one_clear_line(blocklist, tmp_path, capsys, what, message):
    bad = _broken(blocklist["folder"], tmp_path, what)
    (tmp_path / "u.txt").write_text("http://a.example/x\n")
    assert main(["blocklist", "apply", str(bad), "--urls", str(tmp_path / "u.txt"), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("name, content, message", [
    ("latin.csv", "url,note\nhttp://a.example/x,caf\xe9\n".encode("latin-1"), "record 2 is not UTF-8"),
    ("bad.jsonl", b'{"url": "http://a.example/x"}\n[1, 2]\n', "record 2 is not a JSON object"),
    ("mixed.jsonl", b'{"url": "http://a.example/x"}\n{"url": 7}\n', "record 2 holds int 7 in 'url', not a text URL"),
])
def test_a_bad_url_table_is_one_clear_line(blocklist, tmp_path, capsys, name, content, message):
    (tmp_path / name).write_bytes(content)
    assert main(["blocklist", "apply", str(blocklist["folder"]), "--urls", str(tmp_path / name), "--out", str(tmp_path / "o")]) == 2
    assert message in capsys.readouterr().err


def test_an_integer_url_column_is_refused_by_name(blocklist, tmp_path, capsys):
    pq.write_table(pa.table({"url": [1, 2]}), tmp_path / "ints.parquet")
    assert main(["blocklist", "apply", str(blocklist["folder"]), "--urls", str(tmp_path / "ints.parquet"),
                 "--out", str(tmp_path / "o")]) == 2
    assert "column 'url' holds int64, not text URLs" in capsys.readouterr().err


def test_img2dataset_download_hash_is_recorded_and_matched(tmp_path, tiny_clip, capsys):
    from conftest import good_jpeg, write_tar

    source = "ab" * 32
    shard = write_tar(tmp_path / "in.tar", [("k.jpg", good_jpeg(1)),
                                            ("k.json", json.dumps({"url": "https://a.example/k.jpg", "sha256": source}).encode())])
    assert main(["run", str(shard), "--output", str(tmp_path / "run"), "--clip-model", tiny_clip, "--action", "tag",
                 "--ocr-scope", "none", "--quiet"]) == 0
    assert records(tmp_path / "run")[0]["source_sha256"] == source
    assert main(["blocklist", "build", str(tmp_path / "run"), "--out", str(tmp_path / "bl"), "--detected-threshold", "0"]) == 0
    assert blocklist_rows(tmp_path / "bl")[0]["source_sha256"] == source
    assert "source_sha256" in json.loads((tmp_path / "bl" / "manifest.json").read_text())["source_hash"]
    other = write_tar(tmp_path / "other.tar", [("o.jpg", good_jpeg(2)),
                                               ("o.json", json.dumps({"url": "https://b.example/o.jpg", "sha256": source}).encode())])
    capsys.readouterr()
    assert main(["blocklist", "apply", str(tmp_path / "bl"), "--shards", str(other), "--out", str(tmp_path / "clean")]) == 0
    assert json.loads(capsys.readouterr().out)["removed_by_match"] == {"image_sha256": 1}
