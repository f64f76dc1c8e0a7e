"""Samples that carry one made-up person's private information in every channel but the obvious one.

Each sample hides the person's name (or birth date) in one place: a second image member, the
second page of a TIFF, EXIF and a JPEG comment, PNG text chunks, json fields (nested, and a
json that is a list), a text member, the URL. A clean sample, a scan with a JPEG comment and a
GIF with more frames than the limit complete the shard. Every name here is made up.
"""

from __future__ import annotations

import io
import json

from PIL import Image, ImageDraw, PngImagePlugin
from synthetic import colour_scene, font

from conftest import write_tar

GIVEN, FAMILY, BIRTH_DATE = "Greta", "Vanterpool", "03/14/1992"
SECRETS = (GIVEN, FAMILY, GIVEN.upper(), FAMILY.upper(), BIRTH_DATE)
NAME = f"{GIVEN} {FAMILY}"

# key -> the reason the sample is dropped under `--action drop --ocr-scope all`
DROP_REASONS = {
    "second_member": "pii_in_image",
    "second_page": "pii_in_image",
    "exif_comment": "pii_in_metadata",
    "png_text": "pii_in_metadata",
    "json_fields": "pii_in_json",
    "json_list": "pii_in_json",
    "text_member": "pii_in_caption",
    "url_slug": "pii_in_url",
    "many_frames": "unreadable_frames",
}


def plain(seed: int, size: tuple[int, int] = (320, 240)) -> Image.Image:
    return colour_scene(seed, size=size).image


def name_card(size: tuple[int, int] = (480, 160)) -> Image.Image:
    """A screen-like card with the name and birth date printed on it."""
    image = Image.new("RGB", size, (20, 20, 20))
    draw = ImageDraw.Draw(image)
    draw.text((16, 30), f"Name: {FAMILY.upper()}, {GIVEN.upper()}", font=font(22), fill=(235, 235, 235))
    draw.text((16, 80), f"DOB: {BIRTH_DATE}", font=font(22), fill=(235, 235, 235))
    return image


def encode(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def exif_with_name() -> Image.Exif:
    exif = Image.Exif()
    exif[0x013B] = NAME                                     # Artist
    exif[0x010E] = f"Scan of {NAME}"                        # ImageDescription
    exif[0x8298] = f"Copyright {NAME}"                      # Copyright
    exif[0x9C9D] = NAME.encode("utf-16-le") + b"\x00\x00"   # XPAuthor
    exif.get_ifd(0x8769)[0x9286] = b"ASCII\x00\x00\x00" + f"Patient {NAME}".encode()  # UserComment
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (40.0, 26.0, 46.0), 3: "W", 4: (79.0, 58.0, 56.0)})
    return exif


def leaky_members() -> list[tuple[str, bytes]]:
    """(member name, bytes) of every sample, in tar order."""
    url = "https://images.example.com/{}.jpg"
    members: list[tuple[str, bytes]] = []

    def add(key: str, files: dict[str, bytes], caption: str = "a sunny hill", meta: object | None = None) -> None:
        files = {**files, "txt": caption.encode()}
        files["json"] = json.dumps(meta if meta is not None else {"url": url.format(key), "caption": caption}).encode()
        members.extend((f"{key}.{ext}", data) for ext, data in files.items())

    add("clean", {"jpg": encode(plain(1), "JPEG", quality=90)})
    add("second_member", {"jpg": encode(plain(2), "JPEG", quality=90), "label.png": encode(name_card(), "PNG")})
    add("second_page", {"tiff": encode(plain(3), "TIFF", save_all=True, append_images=[name_card((320, 240))])})
    add("exif_comment", {"jpg": encode(plain(4), "JPEG", quality=90, exif=exif_with_name(), comment=f"Patient {NAME}".encode())})
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", NAME)
    text.add_itxt("Description", f"{NAME}, born {BIRTH_DATE}", zip=True)
    add("png_text", {"png": encode(plain(5), "PNG", pnginfo=text)})
    add("json_fields", {"jpg": encode(plain(6), "JPEG", quality=90)},
        meta={"url": url.format("json_fields"), "caption": "a sunny hill", "title": f"{NAME} at the beach",
              "meta": {"alt": [f"{NAME} on holiday"]}, "exif": json.dumps({"Image Artist": NAME}), "width": 320})
    add("json_list", {"jpg": encode(plain(7), "JPEG", quality=90)}, meta=[f"{NAME} at the beach", "a sunny hill"])
    add("text_member", {"jpg": encode(plain(8), "JPEG", quality=90), "caption": f"{NAME} on holiday".encode()})
    add("url_slug", {"jpg": encode(plain(9), "JPEG", quality=90)},
        meta={"url": "https://images.example.com/2021/03/greta-vanterpool-20-week-scan.jpg", "caption": "a sunny hill"})
    add("scan_comment", {"jpg": encode(name_card(), "JPEG", quality=90, comment=f"Patient {NAME}".encode())})
    frames = [Image.new("RGB", (32, 32), (12 * index, 255 - 12 * index, 90)) for index in range(20)]
    add("many_frames", {"gif": encode(frames[0], "GIF", save_all=True, append_images=frames[1:])})
    return members


def write_leaky_shard(path) -> None:
    write_tar(path, leaky_members())
