"""Text and image queries for a search, embedded with the CLIP model that made the indexed embeddings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from piu_filter.errors import PiuFilterError
from piu_filter.index.search import Query
from piu_filter.profile import Profile
from piu_filter.scan.plan import model_name


def check_index_model(index_model: dict[str, Any] | None, clip: dict[str, Any]) -> None:
    """Refuse a CLIP model other than the one the index says made its embeddings (where it says)."""
    from piu_filter.models.clip import same_clip

    if not index_model:
        return
    if index_model.get("weights_sha256") and clip.get("weights_sha256"):
        mismatch = not same_clip(index_model, clip)
    else:
        mismatch = model_name(str(index_model.get("model"))) != model_name(str(clip.get("model")))
    if mismatch:
        raise PiuFilterError(f"the index holds embeddings of CLIP {index_model.get('model')}, the queries would be "
                             f"embedded with {clip.get('model')}: use --clip-model/--clip-pretrained of that model")


def clip_queries(texts: list[str], images: list[str], index_model: dict[str, Any] | None, profile: Profile,
                 clip_model: str | None, clip_pretrained: str | None, device: str) -> list[Query]:
    """A query per text and per image file, embedded with CLIP (loaded only when there are any)."""
    if not texts and not images:
        return []
    from piu_filter.io.images import decode_image
    from piu_filter.models.clip import ClipModel
    from piu_filter.scan.queries import model_description

    missing = [image for image in images if not Path(image).is_file()]
    if missing:
        raise PiuFilterError(f"--image {missing[0]}: no such file")
    model = ClipModel.load(*profile.clip.weights(clip_model, clip_pretrained), device=device)
    check_index_model(index_model, model_description(model))
    queries = [Query("text", text, vector) for text, vector in zip(texts, model.encode_texts(texts))] if texts else []
    if images:
        decoded = []
        for image in images:
            try:
                decoded.append(decode_image(Path(image).read_bytes(), profile.decode.max_pixels)[0])
            except Exception as exc:  # noqa: BLE001 - any decoding failure is the user's file
                raise PiuFilterError(f"--image {image}: not a readable image ({type(exc).__name__})") from None
        queries += [Query("image", Path(image).name, vector) for image, vector in zip(images, model.encode_images(decoded))]
    return queries
