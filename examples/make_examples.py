"""Write the bundled example shards (examples/shards/*.tar) in img2dataset's layout.

Each sample is KEY.jpg, KEY.txt (caption) and KEY.json ({"url", "caption", ...}). The
images are synthetic (see synthetic.py) and every name in them is made up.

    python examples/make_examples.py [OUT_DIR]
"""

from __future__ import annotations

import io
import json
import random
import sys
import tarfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import PrivateText, clinical_screen, colour_scene, document, keepsake_card, xray_scan  # noqa: E402


def jpeg(image, quality: int = 75) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=quality)
    return buffer.getvalue()


def example_samples(shard_index: int, count: int = 12) -> list[tuple[bytes, str]]:
    """(jpeg bytes, caption) pairs: about a third ultrasound-like, the rest ordinary images."""
    rng = random.Random(shard_index)
    samples = []
    for i in range(count):
        seed = shard_index * 1000 + i
        person = PrivateText.random(rng)
        kind = i % 6
        if kind == 0:
            drawn = clinical_screen(person, seed, size=(512, 384))
            caption = f"First scan! {person.first} {person.last} at {person.place}"
        elif kind == 1:
            drawn = keepsake_card(person, seed, size=(480, 320))
            caption = f"We are expecting! Call us at {person.phone}"
        elif kind == 2:
            drawn = clinical_screen(person, seed, size=(512, 384))
            caption = "12 week ultrasound"
        elif kind == 3:
            drawn = colour_scene(seed, size=(480, 320))
            caption = f"Sunset over {person.city}"
        elif kind == 4:
            drawn = document(seed, size=(360, 460))
            caption = "meeting notes, page 2"
        else:
            drawn = xray_scan(seed, size=(384, 384))
            caption = "hand x-ray"
        samples.append((jpeg(drawn.image), caption))
    return samples


def write_shard(path: Path, shard_index: int) -> None:
    with tarfile.open(path, "w") as tar:
        for i, (image, caption) in enumerate(example_samples(shard_index)):
            key = f"{shard_index:05d}{i:04d}"
            meta = {"url": f"https://images.example.com/{shard_index}/{i}.jpg", "caption": caption,
                    "key": key, "status": "success"}
            for ext, data in (("jpg", image), ("txt", caption.encode()), ("json", json.dumps(meta).encode())):
                info = tarfile.TarInfo(f"{key}.{ext}")
                info.size = len(data)
                info.mtime = 0
                tar.addfile(info, io.BytesIO(data))


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "shards"
    out.mkdir(parents=True, exist_ok=True)
    for shard_index in range(3):
        write_shard(out / f"{shard_index:05d}.tar", shard_index)
    print(f"wrote 3 shards to {out}")


if __name__ == "__main__":
    main()
