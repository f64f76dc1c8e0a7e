"""Reading and stripping the text-bearing metadata of image files, format by format (made-up name)."""

from __future__ import annotations

import io

import numpy as np
import pytest
from leaky_samples import NAME, encode, exif_with_name, plain
from PIL import Image, PngImagePlugin

from piu_filter.io.image_metadata import ORIENTATION, has_gps, metadata_text
from piu_filter.io.metadata_strip import strip_metadata

XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
       b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="' + NAME.encode() + b'"/></rdf:RDF></x:xmpmeta>')


def pixels(data: bytes, frame: int = 0) -> np.ndarray:
    image = Image.open(io.BytesIO(data))
    image.seek(frame)
    return np.asarray(image.convert("RGB"))


def png_with_text() -> bytes:
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", NAME)
    text.add_itxt("Description", f"{NAME} at 20 weeks", zip=True)
    text.add_text("Comment", NAME, zip=True)
    return encode(plain(1), "PNG", pnginfo=text)


def gif_with_comment() -> bytes:
    frames = [plain(1).convert("P"), plain(2).convert("P")]
    return encode(frames[0], "GIF", save_all=True, append_images=frames[1:], comment=NAME.encode())


CASES = {
    "jpeg exif, gps, comment": lambda: encode(plain(1), "JPEG", quality=85, exif=exif_with_name(), comment=NAME.encode()),
    "jpeg xmp": lambda: encode(plain(1), "JPEG", quality=85, xmp=XMP),
    "png text chunks": png_with_text,
    "webp exif and xmp": lambda: encode(plain(1), "WEBP", lossless=True, exif=exif_with_name(), xmp=XMP),
    "gif comment": gif_with_comment,
    "tiff text tags": lambda: encode(plain(1), "TIFF", save_all=True, append_images=[plain(2)], tiffinfo={315: NAME, 270: NAME}),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_metadata_is_read_then_stripped_and_pixels_stay(case):
    data = CASES[case]()
    assert NAME in metadata_text(data)
    stripped = strip_metadata(data)
    assert NAME not in metadata_text(stripped) and NAME.encode() not in stripped and not has_gps(stripped)
    frames = getattr(Image.open(io.BytesIO(data)), "n_frames", 1)
    assert getattr(Image.open(io.BytesIO(stripped)), "n_frames", 1) == frames
    for frame in range(frames):
        assert np.array_equal(pixels(stripped, frame), pixels(data, frame)), case


def test_jpeg_keeps_orientation_as_its_only_tag_and_its_icc_profile():
    from PIL import ImageCms

    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    exif = exif_with_name()
    exif[ORIENTATION] = 6
    data = encode(plain(1), "JPEG", quality=85, exif=exif, icc_profile=icc)
    stripped = Image.open(io.BytesIO(strip_metadata(data)))
    assert dict(stripped.getexif()) == {ORIENTATION: 6} and stripped.info["icc_profile"] == icc
    assert stripped.tobytes() == Image.open(io.BytesIO(data)).tobytes()


def test_files_without_metadata_come_back_unchanged():
    for data in (encode(plain(1), "JPEG"), encode(plain(1), "PNG"), encode(plain(1), "WEBP")):
        assert strip_metadata(data) is data
