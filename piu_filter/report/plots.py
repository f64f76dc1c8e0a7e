"""The report's plots, drawn with matplotlib and returned as inline SVG data URIs (text drawn as paths: no fonts)."""

from __future__ import annotations

import base64
import io
from collections.abc import Mapping
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import MaxNLocator

from piu_filter.detection import COMPONENTS

plt.rcParams.update({"svg.fonttype": "path", "svg.hashsalt": "piu-filter", "font.size": 9,
                     "axes.spines.top": False, "axes.spines.right": False})
LABELS = {c.name: c.label for c in COMPONENTS}


def svg_uri(figure: plt.Figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def score_histograms(histograms: Mapping[str, Mapping[str, list]], thresholds: Mapping[str, float | None]) -> str:
    """One histogram per scored path, its threshold marked by a red line."""
    figure, axes = plt.subplots(1, len(histograms), figsize=(3.4 * len(histograms), 2.6), squeeze=False)
    for axis, (name, histogram) in zip(axes[0], histograms.items()):
        edges = np.asarray(histogram["edges"])
        axis.bar(edges[:-1], histogram["counts"], width=np.diff(edges), align="edge", color="#4c72b0", edgecolor="white")
        if thresholds.get(name) is not None:
            axis.axvline(thresholds[name], color="#c44e52", linewidth=1.5, label=f"threshold {thresholds[name]:g}")
            axis.legend(frameon=False, loc="upper center")
        axis.set_title(LABELS.get(name, name))
        axis.set_xlabel("score")
        axis.set_ylabel("samples")
    return svg_uri(figure)


def entities_by_type(by_type_and_source: Mapping[str, Mapping[str, int]]) -> str:
    """Horizontal bars of entity counts per type, stacked by where they were found."""
    types = sorted(by_type_and_source, key=lambda t: sum(by_type_and_source[t].values()))
    groups = list(next(iter(by_type_and_source.values())))
    figure, axis = plt.subplots(figsize=(6.5, 0.45 * len(types) + 1.0))
    left = np.zeros(len(types))
    for group, colour in zip(groups, plt.get_cmap("tab10").colors):
        counts = np.array([by_type_and_source[t][group] for t in types])
        if counts.any():
            axis.barh(types, counts, left=left, label=group, color=colour)
        left += counts
    axis.set_xlabel("entities")
    axis.legend(frameon=False, title="found in", loc="lower right")
    return svg_uri(figure)


def co_occurrence(types: list[str], samples: list[list[int]]) -> str:
    """Samples holding both types (the diagonal: samples holding the type)."""
    matrix = np.asarray(samples)
    figure, axis = plt.subplots(figsize=(0.45 * len(types) + 1.6, 0.45 * len(types) + 1.2))
    axis.imshow(matrix, cmap="Blues")
    axis.set_xticks(range(len(types)), types, rotation=45, ha="right")
    axis.set_yticks(range(len(types)), types)
    for (row, column), value in np.ndenumerate(matrix):
        axis.text(column, row, str(value), ha="center", va="center",
                  color="white" if value > matrix.max() / 2 else "black")
    axis.spines[:].set_visible(False)
    return svg_uri(figure)


def count_histogram(counts: Mapping[str, int], xlabel: str, ylabel: str) -> str:
    """Bars over whole numbers (the keys), gaps where a number has no count."""
    figure, axis = plt.subplots(figsize=(5.0, 2.6))
    axis.bar([int(k) for k in counts], list(counts.values()), color="#55a868")
    axis.xaxis.set_major_locator(MaxNLocator(integer=True))
    axis.yaxis.set_major_locator(MaxNLocator(integer=True))
    axis.set_xlabel(xlabel)
    axis.set_ylabel(ylabel)
    return svg_uri(figure)


def themes_map(points: np.ndarray, labels: np.ndarray, clusters: list[dict[str, Any]]) -> str:
    """The t-SNE map, one colour per cluster, noise in grey."""
    figure, axis = plt.subplots(figsize=(6.5, 5.0))
    noise = labels == -1
    axis.scatter(points[noise, 0], points[noise, 1], s=8, color="#bbbbbb", label="noise")
    colours = plt.get_cmap("tab20").colors
    for index, cluster in enumerate(clusters):
        inside = labels == cluster["id"]
        axis.scatter(points[inside, 0], points[inside, 1], s=10, color=colours[index % len(colours)],
                     label=f"{cluster['id']}: {cluster['label']} ({cluster['size']})")
    axis.set_xticks([])
    axis.set_yticks([])
    axis.legend(frameon=False, fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return svg_uri(figure)
