"""Optional extras: without one, the commands that need it say which in one line; the rest still work."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import good_jpeg, write_tar

# Runs the CLI with the named top-level modules made unimportable, as if their extra were not installed.
WITHOUT = """
import sys
blocked = set(sys.argv[1].split(","))

class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in blocked:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, Block())
from piu_filter.cli.main import main
sys.exit(main(sys.argv[2:]))
"""


def run_without(modules: list[str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", WITHOUT, ",".join(modules), *args], capture_output=True, text=True)


@pytest.mark.parametrize("modules, extra", [(["torch", "open_clip"], "clip"), (["presidio_analyzer", "spacy"], "ocr"),
                                           (["names_dataset"], "ocr")])
def test_a_run_without_an_extra_says_which_in_one_line_and_writes_nothing(tmp_path, tiny_clip, modules, extra):
    shard = write_tar(tmp_path / "in.tar", [("a.jpg", good_jpeg(1))])
    done = run_without(modules, "run", str(shard), "--output", str(tmp_path / "out"), "--ocr-scope", "all",
                       "--clip-model", tiny_clip)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [f"piu-filter: {modules[0]} is not installed: pip install 'piu-filter[{extra}]'"]
    assert not (tmp_path / "out" / "done").exists() or not any((tmp_path / "out" / "done").iterdir())


def test_a_run_skips_the_stages_of_a_missing_extra_when_asked(tmp_path):
    shard = write_tar(tmp_path / "in.tar", [("a.jpg", good_jpeg(1))])
    done = run_without(["torch", "open_clip", "presidio_analyzer"], "run", str(shard), "--output", str(tmp_path / "out"),
                       "--ocr-scope", "all", "--missing-models", "skip", "--action", "tag", "--quiet")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "records" / "in.parquet").is_file()


def test_blocklists_need_no_model_extra(tmp_path, tiny_clip):
    shard = write_tar(tmp_path / "in.tar", [("a.jpg", good_jpeg(1))])
    tagged = tmp_path / "tagged"
    assert run_without([], "run", str(shard), "--output", str(tagged), "--clip-model", tiny_clip, "--action", "tag",
                       "--ocr-scope", "none", "--quiet").returncode == 0
    models = ["torch", "torchvision", "open_clip", "presidio_analyzer", "spacy", "onnxruntime", "easyocr", "cv2"]
    built = run_without(models, "blocklist", "build", str(tagged / "records"), "--out", str(tmp_path / "bl"), "--text-threshold", "-1")
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "bl" / "blocklist.parquet").is_file()
