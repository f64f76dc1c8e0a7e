"""Scores of a block of embedding rows on all three paths, in one matrix product where it can.

The rows are taken as they are stored (float16 or float32, not necessarily of unit length): every
path is linear in the normalised row, so the product is made on the raw rows and divided by their
norms afterwards, which spares a pass over the block. A logistic head (standardise, then linear)
folds into one more column of the same product; an MLP head runs on the normalised rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from piu_filter.scan.queries import ScanQueries

if TYPE_CHECKING:
    from piu_filter.models.head import ClassifierHead


class Scorer:
    """`clip_score`, `clip_similarity`, `image_query_score` and `classifier_prob` for blocks of rows,
    computed as the CLIP and classifier stages compute them for one image."""

    def __init__(self, queries: ScanQueries, head: ClassifierHead | None) -> None:
        self.queries = queries
        self.head = head
        columns = [queries.prompts]
        if queries.exemplars is not None:
            columns.append(queries.exemplars)
        self.linear_head = _folded_logistic(head) if head is not None else None
        if self.linear_head is not None:
            columns.append(self.linear_head[0][None, :])
        self.matrix = np.ascontiguousarray(np.concatenate(columns).T, dtype=np.float32)

    def score(self, rows: np.ndarray) -> dict[str, np.ndarray | None]:
        """Score field -> float32 column for `rows` (None for a path this scan does not have)."""
        block = np.asarray(rows, dtype=np.float32)
        norms = np.sqrt(np.einsum("ij,ij->i", block, block))
        norms[norms == 0] = 1.0
        products = block @ self.matrix
        products /= norms[:, None]
        prompts, positives = len(self.queries.prompts), self.queries.positives
        logits = products[:, :prompts] * np.float32(self.queries.logit_scale)
        logits -= logits.max(axis=1, keepdims=True)
        np.exp(logits, out=logits)
        scores = {
            "clip_score": logits[:, :positives].sum(axis=1) / logits.sum(axis=1),
            "clip_similarity": products[:, :positives].max(axis=1),
            "image_query_score": None,
            "classifier_prob": None,
        }
        end = prompts
        if self.queries.exemplars is not None:
            end += len(self.queries.exemplars)
            scores["image_query_score"] = products[:, prompts:end].max(axis=1)
        if self.linear_head is not None:
            scores["classifier_prob"] = 1.0 / (1.0 + np.exp(-(products[:, end] + self.linear_head[1])))
        elif self.head is not None:
            scores["classifier_prob"] = self.head.predict(block / norms[:, None]).astype(np.float32)
        return scores


def _folded_logistic(head: ClassifierHead) -> tuple[np.ndarray, np.float32] | None:
    """(weights, bias) of a logistic head with its standardisation folded in; None for other heads."""
    if head.meta.get("kind") != "logistic":
        return None
    standardize, linear = head.module[0], head.module[1]
    weights = linear.weight.detach().numpy()[0].astype(np.float64)
    scale, mean = standardize.scale.numpy().astype(np.float64), standardize.mean.numpy().astype(np.float64)
    bias = float(linear.bias.detach().numpy()[0]) - float(np.dot(mean / scale, weights))
    return (weights / scale).astype(np.float32), np.float32(bias)
