"""`piu-filter run --output s3://...` against moto's S3 server on 127.0.0.1, through the real s3fs
client (endpoint and credentials from the AWS environment variables, as a user would give them).
The CLIP model is the tiny RANDOM-weight fixture."""

from __future__ import annotations

import io
import json
import pickle
import tarfile
import tempfile
from pathlib import Path

import fsspec
import pyarrow.parquet as pq
import pytest
from conftest import EXAMPLE_SHARDS

from piu_filter.cli.main import main
from piu_filter.io.layout import OutputLayout
from piu_filter.io.shards import ShardSource
from piu_filter.pipeline import Pipeline
from piu_filter.run.shard_job import process_shard

pytest.importorskip("s3fs")
moto_server = pytest.importorskip("moto.server")

BUCKET = "piu-test"
TIMING_FIELDS = {"stage_seconds", "prepare_seconds", "this_run", "seconds"}


@pytest.fixture(scope="session")
def s3():
    """An S3 server on 127.0.0.1 with one bucket; the s3fs filesystem that reaches it."""
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    with pytest.MonkeyPatch.context() as env:
        for name, value in {"AWS_ENDPOINT_URL": f"http://{host}:{port}", "AWS_ACCESS_KEY_ID": "testing",
                            "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"}.items():
            env.setenv(name, value)
        env.delenv("AWS_PROFILE", raising=False)
        fs = fsspec.filesystem("s3", skip_instance_cache=True)
        fs.mkdir(BUCKET)
        yield fs
        type(fs).clear_instance_cache()
    server.stop()


def run_cli(*args: str) -> int:
    return main(["run", *args, "--quiet", "--ocr-scope", "none", "--device", "cpu"])


def objects(fs, prefix: str) -> dict[str, bytes]:
    """Every object under `prefix`, by its name below it."""
    fs.invalidate_cache()
    root = f"{BUCKET}/{prefix}"
    return {path[len(root) + 1:]: fs.cat_file(path) for path in fs.find(root)}


def local_files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def without_timing(data: dict) -> dict:
    return {k: without_timing(v) if isinstance(v, dict) else v for k, v in data.items() if k not in TIMING_FIELDS}


def tar_members(data: bytes) -> dict[str, bytes]:
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers()}


@pytest.fixture(scope="module")
def profile(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("profile") / "half.yaml"
    path.write_text("detection:\n  text_threshold: 0.4\n")  # drops about half the examples with the tiny model
    return str(path)


@pytest.fixture(scope="module")
def runs(s3, tiny_clip, profile, tmp_path_factory):
    """The same drop run to a local folder and to s3://BUCKET/out/: (local files, remote objects)."""
    local = tmp_path_factory.mktemp("local")
    args = [str(EXAMPLE_SHARDS), "--clip-model", tiny_clip, "--profile", profile]
    assert run_cli(*args, "--output", str(local)) == 0
    assert run_cli(*args, "--output", f"s3://{BUCKET}/out/") == 0
    return local_files(local), objects(s3, "out")


def test_a_run_to_s3_writes_what_a_local_run_writes(runs):
    local, remote = runs
    assert sorted(remote) == sorted(local) == sorted(
        [f"{sub}/{i:05d}.{ext}" for i in range(3) for sub, ext in (("shards", "tar"), ("records", "parquet"), ("done", "json"))]
        + ["blocklist/blocklist.parquet", "blocklist/manifest.json", "blocklist/url_sha256.txt", "stats.json"])
    for name in local:
        if name.endswith(".parquet"):
            assert pq.read_table(io.BytesIO(remote[name])).equals(pq.read_table(io.BytesIO(local[name]))), name
        elif name.endswith(".tar"):
            assert tar_members(remote[name]) == tar_members(local[name]), name
        elif name.endswith(".json"):
            found, expected = json.loads(remote[name]), json.loads(local[name])
            found.pop("created", None), expected.pop("created", None)
            assert without_timing(found) == without_timing(expected), name
        else:
            assert remote[name] == local[name], name
    stats = json.loads(remote["stats.json"])
    assert stats["samples_in"] == 36 and 0 < stats["dropped"] < 36 and stats["blocklist_rows"] == stats["dropped"]


def test_a_rerun_on_s3_redoes_nothing_and_a_removed_marker_redoes_its_shard(s3, runs, tiny_clip, profile):
    args = [str(EXAMPLE_SHARDS), "--clip-model", tiny_clip, "--profile", profile, "--output", f"s3://{BUCKET}/out"]
    assert run_cli(*args) == 0
    again = objects(s3, "out")
    assert json.loads(again["stats.json"])["this_run"]["samples"] == 0
    assert all(again[name] == runs[1][name] for name in again if name.startswith(("done/", "records/", "shards/")))
    other_client = fsspec.filesystem("s3", skip_instance_cache=True)  # as another process or a user would
    other_client.rm_file(f"{BUCKET}/out/done/00001.json")
    assert run_cli(*args) == 0
    stats = json.loads(objects(s3, "out")["stats.json"])
    assert stats["this_run"]["samples"] == 12 and stats["samples_in"] == 36 and stats["shards"]["done"] == 3


def test_a_failed_shard_leaves_no_object_and_no_marker(s3, tiny_clip):
    assert run_cli("pipe:cat /missing/00042.tar", str(EXAMPLE_SHARDS / "00000.tar"), "--clip-model", tiny_clip,
                   "--output", f"s3://{BUCKET}/failed") == 1
    written = objects(s3, "failed")
    assert sorted(written) == ["blocklist/blocklist.parquet", "blocklist/manifest.json", "blocklist/url_sha256.txt",
                               "done/00000.json", "records/00000.parquet", "shards/00000.tar", "stats.json"]
    assert list(json.loads(written["stats.json"])["shards"]["failed"]) == ["00042.tar"]


def test_an_interrupted_shard_is_only_ever_local_and_is_cleaned_up(s3, tiny_clip, tmp_path, monkeypatch):
    """At any moment before a shard ends, its files exist only as local temporary files: a kill
    there leaves nothing under the final names. The layout travels pickled, as to a worker."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    layout = pickle.loads(pickle.dumps(OutputLayout(f"s3://{BUCKET}/interrupted/")))
    assert layout.root == f"s3://{BUCKET}/interrupted"
    pipeline = Pipeline.from_profile(action="drop", ocr_scope="none", clip_model=tiny_clip, device="cpu", batch_size=4)
    seen: list[tuple[list[str], dict[str, bytes]]] = []

    def interrupt(samples: int) -> None:
        seen.append((sorted(p.name for p in tmp_path.iterdir()), objects(s3, "interrupted")))
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        process_shard(ShardSource("00000.tar", str(EXAMPLE_SHARDS / "00000.tar")), layout, pipeline, marker={},
                      on_samples=interrupt)
    (local_then, remote_then), = seen
    assert [name.endswith(("00000.parquet", "00000.tar")) for name in local_then] == [True, True] and remote_then == {}
    assert objects(s3, "interrupted") == {} and list(tmp_path.iterdir()) == []


def test_overwrite_clears_the_remote_folder(s3, tiny_clip):
    shard = str(EXAMPLE_SHARDS / "00002.tar")
    url = f"s3://{BUCKET}/rewritten"
    assert run_cli(shard, "--clip-model", tiny_clip, "--output", url) == 0
    assert run_cli(shard, "--clip-model", tiny_clip, "--output", url, "--action", "tag") == 2
    assert run_cli(shard, "--clip-model", tiny_clip, "--output", url, "--action", "tag", "--overwrite") == 0
    written = objects(s3, "rewritten")
    assert not any(name.startswith("shards/") for name in written)
    assert json.loads(written["done/00002.json"])["settings"]["action"] == "tag"


@pytest.mark.parametrize("output, message", [
    (f"s3://no-such-bucket-{BUCKET}/out", "the bucket or folder does not exist"),
    ("nosuchfs://somewhere/out", "no fsspec filesystem has this protocol"),
    (f"s3://{BUCKET}/in/out", "overlaps the input"),
])
def test_unusable_outputs_fail_before_the_first_shard(s3, tiny_clip, capsys, output, message):
    inputs = f"s3://{BUCKET}/in/" if "overlaps" in message else str(EXAMPLE_SHARDS / "00000.tar")
    assert run_cli(inputs, "--clip-model", tiny_clip, "--output", output) == 2
    assert message in capsys.readouterr().err


def test_missing_credentials_and_filesystem_packages_are_named(s3, tiny_clip, capsys, monkeypatch):
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setitem(fsspec.config.conf, "s3", {"skip_instance_cache": True})  # a fresh client reads the environment
    shard = str(EXAMPLE_SHARDS / "00000.tar")
    assert run_cli(shard, "--clip-model", tiny_clip, "--output", f"s3://{BUCKET}/nocreds") == 2
    assert "NoCredentialsError" in capsys.readouterr().err
    if not _installed("gcsfs"):
        assert run_cli(shard, "--clip-model", tiny_clip, "--output", "gs://a-bucket/out") == 2
        assert "pip install gcsfs" in capsys.readouterr().err


def _installed(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None
