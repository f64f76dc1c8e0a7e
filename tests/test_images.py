import io

import pytest
from conftest import encode
from PIL import Image
from synthetic import colour_scene

from piu_filter.io.images import ImageDecodeError, decode_image, image_phash

MAX = 100_000_000


def test_cmyk_jpeg_becomes_rgb():
    image, size = decode_image(encode(Image.new("CMYK", (40, 30), (0, 255, 255, 0)), "JPEG"), MAX)
    assert image.mode == "RGB" and size == (40, 30)
    r, g, b = image.getpixel((20, 15))
    assert r > 200 and g < 60 and b < 60  # cyan-free, magenta+yellow ink: red


def test_transparent_png_is_composited_on_white():
    image, _ = decode_image(encode(Image.new("RGBA", (10, 10), (0, 0, 255, 0)), "PNG"), MAX)
    assert image.getpixel((5, 5)) == (255, 255, 255)


def test_palette_with_transparency_and_sixteen_bit():
    palette = Image.new("P", (8, 8), 0)
    palette.info["transparency"] = 0
    assert decode_image(encode(palette, "PNG", transparency=0), MAX)[0].mode == "RGB"
    sixteen = Image.new("I;16", (8, 8), 65535)
    image, _ = decode_image(encode(sixteen, "PNG"), MAX)
    assert image.getpixel((0, 0)) == (255, 255, 255)


def test_animated_gif_gives_first_frame():
    frames = [Image.new("RGB", (16, 16), c) for c in ((255, 0, 0), (0, 255, 0))]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:])
    r, g, _ = decode_image(buffer.getvalue(), MAX)[0].getpixel((8, 8))
    assert r > 200 and g < 50


def test_exif_orientation_is_applied_and_size_is_upright():
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise to display
    data = encode(Image.new("RGB", (400, 200), "white"), "JPEG", exif=exif.tobytes())
    image, size = decode_image(data, MAX)
    assert image.size == (200, 400) and size == (200, 400)
    drafted, size = decode_image(data, MAX, draft_size=50)
    assert size == (200, 400) and drafted.size[0] < drafted.size[1] and min(drafted.size) >= 50


def test_draft_decodes_jpeg_at_reduced_size_keeping_original_size():
    data = encode(Image.new("RGB", (1600, 1200), "gray"), "JPEG")
    image, size = decode_image(data, MAX, draft_size=224)
    assert size == (1600, 1200)
    assert 224 <= min(image.size) < 600


@pytest.mark.parametrize("data, message", [
    (b"", "empty"),
    (b"garbage" * 50, "undecodable"),
])
def test_bad_bytes_give_clear_errors(data, message):
    with pytest.raises(ImageDecodeError, match=message):
        decode_image(data, MAX)


def test_decompression_bomb_is_refused_before_decoding():
    data = encode(Image.new("1", (5000, 5000)), "PNG")
    with pytest.raises(ImageDecodeError, match="decompression bomb: 5000x5000"):
        decode_image(data, max_pixels=1_000_000)


def test_truncated_jpeg_is_an_error():
    data = encode(Image.effect_noise((300, 300), 64).convert("RGB"), "JPEG")
    with pytest.raises(ImageDecodeError):
        decode_image(data[: len(data) // 2], MAX)


def test_phash_survives_reencoding_and_resizing():
    image = colour_scene(3, size=(320, 240)).image
    copy = Image.open(io.BytesIO(encode(image.resize((180, 180)), "JPEG", quality=60)))
    distance = bin(int(image_phash(image), 16) ^ int(image_phash(copy), 16)).count("1")
    assert len(image_phash(image)) == 16 and distance <= 6
