"""Robust image decoding: any mode to RGB, EXIF orientation, first frame, bomb guard, draft."""

from __future__ import annotations

import hashlib
import io
import warnings

import imagehash
import numpy as np
from PIL import Image, ImageOps

from piu_filter.errors import error_text

# Pillow's own guard is replaced by `max_pixels`, checked before any pixel is decoded.
Image.MAX_IMAGE_PIXELS = None
EXIF_ORIENTATION = 0x0112
PHASH_INPUT = 32
MIN_PHASH_DETAIL = 2.0  # standard deviation of grey levels (0-255) below which an image is near-uniform


class ImageDecodeError(ValueError):
    """The bytes are not an image this tool can use; the message says why."""


class UnreadableFramesError(ImageDecodeError):
    """A frame past the first cannot be read, or there are more frames than the limit."""


def decode_image(data: bytes, max_pixels: int, draft_size: int | None = None) -> tuple[Image.Image, tuple[int, int]]:
    """Decode `data` to an RGB image and return it with the original (width, height).

    With `draft_size`, JPEGs are decoded at the smallest DCT scale that keeps both sides at
    least `draft_size` pixels: much faster when a model only needs 224 px. Orientation from
    EXIF is applied, so the returned size is the upright one.
    """
    if not data:
        raise ImageDecodeError("empty image")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            image = Image.open(io.BytesIO(data))
            width, height = image.size
            if width * height > max_pixels:
                raise ImageDecodeError(f"decompression bomb: {width}x{height} exceeds {max_pixels} pixels")
            if draft_size is not None and image.format == "JPEG":
                image.draft("RGB", _draft_request(width, height, draft_size))
            image.seek(0)
            image.load()
            turned = image.getexif().get(EXIF_ORIENTATION, 1) in (5, 6, 7, 8)
            rgb = _to_rgb(ImageOps.exif_transpose(image))
    except ImageDecodeError:
        raise
    except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError) as exc:
        raise ImageDecodeError(f"undecodable image: {error_text(exc)}") from None
    return rgb, ((height, width) if turned else (width, height))


def decode_frames(data: bytes, max_pixels: int, max_frames: int) -> list[Image.Image]:
    """Every frame of an image (TIFF pages, GIF/WebP/APNG frames) as upright RGB; one for still images.

    More frames than `max_frames`, or a frame past the first that cannot be read, raise
    UnreadableFramesError; an unreadable first frame raises ImageDecodeError.
    """
    first, _ = decode_image(data, max_pixels)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        image = Image.open(io.BytesIO(data))
        count = getattr(image, "n_frames", 1)
        if count > max_frames:
            raise UnreadableFramesError(f"{count} frames, more than the limit of {max_frames}")
        frames = [first]
        for index in range(1, count):
            try:
                image.seek(index)
                too_large = image.size[0] * image.size[1] > max_pixels
                if not too_large:
                    image.load()
                    frames.append(_to_rgb(ImageOps.exif_transpose(image.copy())))
            except (OSError, SyntaxError, ValueError, EOFError) as exc:
                raise UnreadableFramesError(f"frame {index} of {count} unreadable: {type(exc).__name__}") from None
            if too_large:
                raise UnreadableFramesError(f"frame {index} exceeds {max_pixels} pixels")
    return frames


def _draft_request(width: int, height: int, draft_size: int) -> tuple[int, int]:
    """A request size whose aspect ratio matches the image, shortest side `draft_size`."""
    scale = draft_size / min(width, height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def _to_rgb(image: Image.Image) -> Image.Image:
    """RGB from any mode: alpha is composited on white, 16-bit and float are scaled to 8-bit."""
    if image.mode == "RGB":
        return image
    if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        sixteen_bit = np.asarray(image, dtype=np.float64)
        return Image.fromarray(np.clip(sixteen_bit / 257, 0, 255).astype(np.uint8)).convert("RGB")
    if image.mode == "P" and "transparency" in image.info:
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def image_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def image_phash(image: Image.Image) -> str | None:
    """64-bit DCT perceptual hash (imagehash.phash) as 16 hex digits; stable under re-encoding and resizing.

    The image is first reduced to phash's 32x32 grey input with a reducing gap, which gives the
    same hash bits up to rounding at a fraction of the cost on large images. A near-uniform image
    (grey levels spread less than MIN_PHASH_DETAIL) has no hash: every blank image would share it.
    """
    grey = image.convert("L").resize((PHASH_INPUT, PHASH_INPUT), Image.LANCZOS, reducing_gap=2.0)
    if float(np.asarray(grey, dtype=np.float32).std()) < MIN_PHASH_DETAIL:
        return None
    return str(imagehash.phash(grey, hash_size=8, highfreq_factor=PHASH_INPUT // 8))
