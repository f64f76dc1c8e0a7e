"""CLIP preprocessing split in two: geometry per image, scaling and normalisation per batch.

open_clip's evaluation transform is Resize(shortest side, bicubic) -> CenterCrop -> RGB ->
ToTensor -> Normalize. `BatchPreprocess` gives the same tensor, with the resize and crop done
by Pillow directly on each image (as torchvision does on PIL images, without its overhead) and
the conversion to float and the normalisation done once on the stacked batch. Any other
transform is run as it is.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch
from PIL import Image
from torchvision import transforms as T

_PIL_FILTERS = {T.InterpolationMode.BICUBIC: Image.BICUBIC, T.InterpolationMode.BILINEAR: Image.BILINEAR,
                T.InterpolationMode.NEAREST: Image.NEAREST, T.InterpolationMode.LANCZOS: Image.LANCZOS}


class BatchPreprocess:
    """`prepare(image)` per image (thread-safe, no model needed), `stack(prepared)` per batch."""

    def __init__(self, transform: Any) -> None:
        self.transform = transform
        self.fast = self._standard_chain(transform)

    def _standard_chain(self, transform: Any) -> bool:
        steps = list(getattr(transform, "transforms", []))
        names = [type(step).__name__ for step in steps]
        if names != ["Resize", "CenterCrop", "MaybeConvertMode", "MaybeToTensor", "Normalize"]:
            return False
        resize, crop, _, _, normalize = steps
        if not isinstance(resize.size, int) or resize.max_size is not None or resize.interpolation not in _PIL_FILTERS:
            return False
        self.size = resize.size
        self.resample = _PIL_FILTERS[resize.interpolation]
        self.crop = tuple(crop.size) if isinstance(crop.size, (tuple, list)) else (crop.size, crop.size)
        self.mean = torch.tensor(normalize.mean, dtype=torch.float32).view(1, 3, 1, 1)
        self.std = torch.tensor(normalize.std, dtype=torch.float32).view(1, 3, 1, 1)
        return True

    def prepare(self, image: Image.Image) -> np.ndarray | torch.Tensor:
        if not self.fast:
            return self.transform(image)
        image = image.convert("RGB")
        w, h = image.size
        short, long = (w, h) if w <= h else (h, w)
        new_short, new_long = self.size, int(self.size * long / short)
        new_w, new_h = (new_short, new_long) if w <= h else (new_long, new_short)
        if (new_w, new_h) != (w, h):
            image = image.resize((new_w, new_h), self.resample)
        crop_h, crop_w = self.crop
        top, left = int(round((new_h - crop_h) / 2.0)), int(round((new_w - crop_w) / 2.0))
        return np.asarray(image.crop((left, top, left + crop_w, top + crop_h)))

    def stack(self, prepared: list[np.ndarray | torch.Tensor]) -> torch.Tensor:
        if not self.fast:
            return torch.stack(prepared)
        pixels = torch.from_numpy(np.stack(prepared)).permute(0, 3, 1, 2).float().div_(255)
        return pixels.sub_(self.mean).div_(self.std)
