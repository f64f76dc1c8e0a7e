import tarfile

import pytest
from conftest import good_jpeg, sample_members, write_tar

from piu_filter.errors import PiuFilterError
from piu_filter.io.shards import ShardReadReport, ShardSource, expand_inputs, read_samples


@pytest.fixture
def shard_folder(tmp_path):
    for i in range(3):
        write_tar(tmp_path / f"{i:05d}.tar", sample_members(f"k{i}", b"x", url=None))
    return tmp_path


def test_brace_pattern_folder_glob_and_path(shard_folder):
    assert [s.name for s in expand_inputs([str(shard_folder / "{00000..00001}.tar")])] == ["00000.tar", "00001.tar"]
    assert [s.name for s in expand_inputs([str(shard_folder)])] == ["00000.tar", "00001.tar", "00002.tar"]
    assert len(expand_inputs([str(shard_folder / "*.tar")])) == 3
    assert len(expand_inputs([str(shard_folder / "00002.tar"), str(shard_folder / "00002.tar")])) == 1


def test_fsspec_and_pipe_urls(shard_folder):
    [source] = expand_inputs([f"file://{shard_folder}/00001.tar"])
    assert source.name == "00001.tar"
    [remote] = expand_inputs([f"memory://bucket/{i}.tar" for i in [0]][:0] + [f"pipe:cat {shard_folder}/00002.tar"])
    assert remote.name == "00002.tar"
    samples = list(read_samples(remote, ShardReadReport()))
    assert [s.key for s in samples] == ["k2"]


def test_memory_filesystem_folder_is_listed():
    import fsspec

    fs = fsspec.filesystem("memory")
    with fs.open("/bucket/shards/a.tar", "wb") as handle:
        with tarfile.open(fileobj=handle, mode="w") as tar:
            import io

            info = tarfile.TarInfo("k.jpg")
            info.size = 1
            tar.addfile(info, io.BytesIO(b"x"))
    [source] = expand_inputs(["memory://bucket/shards"])
    assert source.name == "a.tar"
    assert [s.key for s in read_samples(source, ShardReadReport())] == ["k"]


def test_missing_inputs_and_clashing_names_are_refused(tmp_path, shard_folder):
    with pytest.raises(PiuFilterError, match="input not found"):
        expand_inputs([str(tmp_path / "nope.tar")])
    other = tmp_path / "other"
    other.mkdir()
    write_tar(other / "00000.tar", sample_members("z", b"x"))
    with pytest.raises(PiuFilterError, match="share the name '00000.tar'"):
        expand_inputs([str(shard_folder / "00000.tar"), str(other / "00000.tar")])
    with pytest.raises(PiuFilterError, match="no token ending in .tar"):
        expand_inputs(["pipe:curl -s https://example.com/x"])


def test_members_are_grouped_by_key_with_webdataset_naming(tmp_path):
    path = write_tar(tmp_path / "s.tar", [
        ("dir/a.jpg", b"1"), ("dir/a.txt", b"cap"), ("dir/a.seg.png", b"2"), ("b.jpg", b"3"),
    ])
    samples = list(read_samples(ShardSource("s.tar", str(path)), ShardReadReport()))
    assert [(s.key, sorted(s.members)) for s in samples] == [("dir/a", ["jpg", "seg.png", "txt"]), ("b", ["jpg"])]
    assert samples[0].caption == "cap"


def test_duplicate_keys_fail_the_later_sample_only(faulty_shards):
    samples = list(read_samples(ShardSource("faults.tar", str(faulty_shards["faults"])), ShardReadReport()))
    assert len(samples) == faulty_shards["fault_samples"]
    dups = [s for s in samples if s.key == "dup"]
    assert [s.ok for s in dups] == [True, False]
    assert "duplicate key" in dups[1].error


def test_cut_tar_yields_what_was_read_and_reports_the_fault(faulty_shards):
    report = ShardReadReport()
    samples = list(read_samples(ShardSource("cut.tar", str(faulty_shards["cut"])), report))
    assert 1 <= len(samples) < 6
    assert report.error and "unreadable tar" in report.error


def test_tar_cut_inside_a_member_keeps_the_samples_before(tmp_path):
    full = write_tar(tmp_path / "full.tar", [m for i in range(4) for m in sample_members(f"k{i}", good_jpeg(i))])
    with tarfile.open(full) as tar:
        third_image = [m for m in tar.getmembers() if m.name == "k2.jpg"][0]
    cut = tmp_path / "cut.tar"
    cut.write_bytes(full.read_bytes()[: third_image.offset_data + third_image.size // 2])
    report = ShardReadReport()
    samples = list(read_samples(ShardSource("cut.tar", str(cut)), report))
    assert [s.key for s in samples] == ["k0", "k1"]
    assert "unreadable tar after 2 samples" in report.error
