"""Ray Data: `ds.map_batches(**piu_filter.ray_map_batches(pipe, ...), concurrency=N, batch_size=B)`."""

from __future__ import annotations

from typing import Any

import numpy as np

from piu_filter.config import RunConfig
from piu_filter.integrations.hf import HfMap
from piu_filter.pipeline import Pipeline, worker_pipeline


def ray_map_batches(pipeline: Pipeline, image_column: str | list[str] = "image", caption_column: str | None = "text",
                    url_column: str | None = None, text_columns: list[str] | None = None) -> dict[str, Any]:
    """The keyword arguments of `ray.data.Dataset.map_batches` that run `pipeline` on a pool of actors
    (see `RayMapBatches`); add `concurrency` (how many actors) and `batch_size`, and `num_gpus` for GPUs:

        ds.map_batches(**piu_filter.ray_map_batches(pipe, image_column="image"), concurrency=4, batch_size=32)
    """
    return {
        "fn": RayMapBatches,
        "fn_constructor_kwargs": {"config": pipeline.config, "image_column": image_column,
                                  "caption_column": caption_column, "url_column": url_column,
                                  "text_columns": text_columns},
        "batch_format": "numpy",
    }


class RayMapBatches:
    """A callable class for `map_batches`: the columns and write-back of the HF map (`HfMap`) on Ray
    Data's batches, numpy (dict of arrays) or pandas.

    Image columns hold encoded bytes or decoded arrays (as `ray.data.read_images` gives them); a
    redacted image goes back in the form it came. Each actor loads the models once, when it starts.
    """

    def __init__(self, config: RunConfig, image_column: str | list[str] = "image", caption_column: str | None = "text",
                 url_column: str | None = None, text_columns: list[str] | None = None) -> None:
        self.map = HfMap(config, image_column, caption_column, url_column, text_columns)
        worker_pipeline(config).setup()

    def __call__(self, batch: Any) -> Any:
        if not isinstance(batch, dict):
            import pandas as pd

            missing_as_none = {name: [None if value is pd.NA else value for value in batch[name].tolist()]
                               for name in batch.columns}
            return pd.DataFrame(self.map(missing_as_none))
        given = {name: list(values) for name, values in batch.items()}
        found = self.map(given)
        return {name: batch[name] if values is given.get(name) else _array(values) for name, values in found.items()}


def _array(values: list[Any]) -> np.ndarray:
    """A column for Ray Data: images of one shape stacked, bytes and mixed values as objects, the rest typed."""
    if values and all(isinstance(v, np.ndarray) for v in values) and len({v.shape for v in values}) == 1:
        return np.stack(values)
    if all(isinstance(v, (str, bool, int, float)) for v in values):
        return np.asarray(values)
    column = np.empty(len(values), dtype=object)
    for row, value in enumerate(values):
        column[row] = value
    return column
