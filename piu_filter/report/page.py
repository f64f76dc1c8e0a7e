"""The HTML page: one self-contained file (inline CSS, plots and thumbnails as data URIs, no script)."""

from __future__ import annotations

from typing import Any

import jinja2
from markupsafe import Markup

from piu_filter.detection import COMPONENTS
from piu_filter.report import plots
from piu_filter.report.clusters import Themes
from piu_filter.report.private_info import KINDS

SECTIONS = ("totals", "detection", "private-information", "unique-images", "themes")
MAX_SHARD_ROWS = 200

TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>piu-filter report</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #222; }
h1 { margin-bottom: .2rem; } h2 { border-bottom: 2px solid #4c72b0; padding-bottom: .2rem; margin-top: 2.5rem; }
table { border-collapse: collapse; margin: .6rem 0 1.2rem; font-size: .9rem; }
th, td { border: 1px solid #ddd; padding: .25rem .6rem; text-align: left; vertical-align: top; }
td.n { text-align: right; } th { background: #f2f4f8; }
.muted { color: #666; } .note { background: #fff7e0; border-left: 4px solid #e0a800; padding: .4rem .8rem; }
.row { display: flex; flex-wrap: wrap; gap: 2rem; align-items: flex-start; } .row > div { max-width: 34rem; }
.cards { display: flex; flex-wrap: wrap; gap: 1rem; } .card { background: #f2f4f8; padding: .6rem 1rem; border-radius: 6px; }
.card b { display: block; font-size: 1.5rem; } img.plot { max-width: 100%; }
.thumbs img { margin: .2rem; border: 1px solid #ccc; }
code { font-size: .85rem; }
</style>
</head>
<body>
<h1>piu-filter report</h1>
<p class="muted">{{ f.totals.samples_in }} samples from {{ f.inputs|length }} output folder{{ "s" if f.inputs|length > 1 }}:
{% for run in f.inputs %}<code>{{ run.path }}</code>{{ ", " if not loop.last }}{% endfor %}.
piu-filter {{ f.tool_version }}. No private text and no image of a sample is shown{% if thumbnails %} except thumbnails of redacted output images{% endif %}.</p>
{% if f.columns_missing %}<p class="note">The records lack {{ f.columns_missing|join(", ") }}: figures that need them are left out.</p>{% endif %}

<section id="totals">
<h2>1. Totals</h2>
<div class="cards">
{% for name, value in f.totals.items() %}<div class="card"><b>{{ "n/a" if value is none else value }}</b>{{ name|replace("_", " ") }}</div>{% endfor %}
</div>
<div class="row">
<div><h3>Per reason</h3>{{ table(["reason", "samples"], f.reasons.items()) }}</div>
<div><h3>Members removed</h3>{{ table(["member type", "members"], f.members_removed.items()) }}</div>
<div><h3>Errors per stage</h3>{{ table(["stage", "samples"], f.errors_by_stage.items()) }}</div>
<div><h3>Stages</h3>{{ table(["stage", "seconds", "samples/s"], stage_rows) }}</div>
</div>
<h3>Per shard</h3>
{{ table(["shard", "samples in", "kept", "redacted", "dropped", "errors"], shard_rows) }}
{% if f.per_shard|length > max_shard_rows %}<p class="muted">The first {{ max_shard_rows }} of {{ f.per_shard|length }} shards; report.json has all.</p>{% endif %}
<h3>Runs</h3>
<table><tr><th>output</th><th>action</th><th>shards done</th><th>shards damaged (kept up to the damage)</th><th>shards failed</th><th>samples/s</th><th>skipped stages</th><th>models</th></tr>
{% for run in f.inputs %}<tr><td><code>{{ run.path }}</code></td><td>{{ run.action or "n/a" }}</td><td>{{ run.shards_done if run.shards_done is not none else "n/a" }}</td>
<td>{% for name, why in run.shards_damaged.items() %}{{ name }}: {{ why }}<br>{% else %}none{% endfor %}</td>
<td>{% for name, why in run.shards_failed.items() %}{{ name }}: {{ why }}<br>{% else %}none{% endfor %}</td>
<td>{{ run.samples_per_second if run.samples_per_second is not none else "n/a" }}</td>
<td>{% for stage, why in run.skipped_stages.items() %}<b>{{ stage }}</b>: {{ why }}<br>{% else %}none{% endfor %}</td>
<td>{% for name, model in run.models.items() if model %}{{ name }}: {{ model.model if model is mapping else model }}<br>{% else %}n/a{% endfor %}</td></tr>{% endfor %}
</table>
<p>Profile <b>{{ f.profile.name }}</b>, digest <code>{{ f.profile.digest }}</code>, rule <code>{{ f.profile.rule }}</code>.</p>
{% if f.profile.matches_runs is false %}<p class="note">The runs were made with another profile (digest {{ f.profile.runs_made_with|join(", ") }}); the thresholds drawn are this profile's (pass the run's with --profile).</p>{% endif %}
</section>

<section id="detection">
<h2>2. Detection</h2>
<div class="cards">
<div class="card"><b>{{ f.detection.detected }}</b>detected</div><div class="card"><b>{{ f.detection.candidates }}</b>candidates</div>
<div class="card"><b>{{ f.detection.ocr_ran }}</b>OCR'd</div>
{% for name, count in f.detection.scored.items() %}<div class="card"><b>{{ count }}</b>scored by {{ labels[name] }}</div>{% endfor %}
</div>
{% if histograms %}
<img class="plot" alt="score histograms with thresholds" src="{{ histograms }}">
<div class="row">
<div><h3>Found alone and together</h3><p class="muted">Samples passing exactly these paths at their thresholds.</p>
{{ table(["paths", "samples"], f.detection.paths_alone_and_together.items()) }}</div>
<div><h3>What if</h3><p class="muted">Samples each path alone would block at other thresholds.</p>
<table><tr><th>path</th><th colspan="5">threshold &rarr; samples blocked</th></tr>
{% for name, rows in f.detection.what_if.items() %}<tr><td>{{ labels[name] }}</td>{% for row in rows %}<td>{{ row.threshold }} &rarr; {{ row.blocked }}</td>{% endfor %}</tr>{% endfor %}
</table></div>
</div>
{% else %}<p class="note">No detection scores in these records: the CLIP stage was skipped or not configured.</p>{% endif %}
</section>

<section id="private-information">
<h2>3. Private information</h2>
<p>{{ f.samples_with_entities }} samples carry private information; {{ f.entities_by_type.values()|sum }} entities in all. Only types and channels are shown.</p>
{% if f.entities_by_type %}
<div class="row">
<div><img class="plot" alt="entities by type and channel" src="{{ by_type }}"></div>
<div><h3>By channel</h3>{{ table(["found in", "entities"], f.entities_by_source.items()) }}</div>
</div>
<div class="row">
<div><h3>Types found together</h3><img class="plot" alt="co-occurrence of entity types" src="{{ co_occurrence }}"></div>
<div><h3>Re-identifying combinations</h3><p class="muted">Samples carrying at least these; {{ kinds }}.</p>
{{ table(["combination", "samples"], f.samples_with.items()) }}</div>
</div>
<h3>Entities per image</h3><p class="muted">Entities found in the pixels of each OCR'd image.</p>
<img class="plot" alt="entities per image" src="{{ per_image }}">
{% else %}<p class="note">No private information was found in these records.</p>{% endif %}
<h3>Faces</h3>
{% set faces = f.faces %}
{% if faces.samples_looked_at %}<p>{{ faces.samples_looked_at }} samples looked at for faces (<code>--face-scope</code>); {{ faces.samples_with_faces }} hold {{ faces.faces }} faces.</p>
<img class="plot" alt="faces per sample" src="{{ faces_per_sample }}">
{% else %}<p class="note">No sample was looked at for faces (<code>--face-scope none</code>, the face stage skipped, or records older than it).</p>{% endif %}
</section>

<section id="unique-images">
<h2>4. Unique images</h2>
<p class="muted">Grouped by {% for by, n in f.unique_images.grouped_by.items() %}{{ by }} ({{ n }}){{ ", " if not loop.last }}{% else %}nothing{% endfor %}.</p>
<table><tr><th></th><th>samples with an image</th><th>unique</th><th>duplicate groups</th><th>largest groups</th></tr>
<tr><td>all</td><td>{{ f.unique_images.samples }}</td><td>{{ f.unique_images.unique }}</td><td>{{ f.unique_images.duplicate_groups }}</td><td>{{ f.unique_images.largest_groups|join(", ") or "none" }}</td></tr>
<tr><td>detected</td><td>{{ f.unique_images.detected.samples }}</td><td>{{ f.unique_images.detected.unique }}</td><td>{{ f.unique_images.detected.duplicate_groups }}</td><td>{{ f.unique_images.detected.largest_groups|join(", ") or "none" }}</td></tr>
</table>
</section>

<section id="themes">
<h2>5. Themes</h2>
{% set c = f.clusters %}
<p>{{ c.detected }} detected samples, {{ c.with_embeddings }} with saved embeddings{% if c.clustered %}, {{ c.clustered }} clustered: {{ c.clusters|length }} clusters, {{ c.noise }} samples in none; named by {{ c.labelled_by }}{% endif %}.</p>
{% if c.note %}<p class="note">{{ c.note }}</p>{% endif %}
{% if themes_map %}<div class="row"><img class="plot" alt="t-SNE map of the clusters" src="{{ themes_map }}">
{{ table(["cluster", "name", "samples"], cluster_rows) }}</div>{% endif %}
</section>
{% if thumbnails %}
<section id="thumbnails">
<h2>Redacted images</h2>
<p class="muted">{{ thumbnails|length }} redacted output images, as written to the output shards.</p>
<div class="thumbs">{% for uri in thumbnails %}<img alt="redacted output image" src="{{ uri }}">{% endfor %}</div>
</section>
{% endif %}
</body>
</html>
"""

TABLE = """<table><tr>{% for h in head %}<th>{{ h }}</th>{% endfor %}</tr>
{% for row in rows %}<tr>{% for cell in row %}<td{% if cell is number %} class="n"{% endif %}>{{ "n/a" if cell is none else cell }}</td>{% endfor %}</tr>
{% else %}<tr><td colspan="{{ head|length }}" class="muted">none</td></tr>{% endfor %}</table>"""

_ENVIRONMENT = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)


def table(head: list[str], rows) -> Markup:
    return Markup(_ENVIRONMENT.from_string(TABLE).render(head=head, rows=list(rows)))


def render_page(f: dict[str, Any], themes: Themes, thumbnails: list[str]) -> str:
    """The page of the figures `f` (as in report.json), the t-SNE map and the thumbnails; plots are drawn here."""
    detection = f["detection"]
    return _ENVIRONMENT.from_string(TEMPLATE).render(
        f=f,
        table=table,
        labels={c.name: c.label for c in COMPONENTS},
        kinds="; ".join(f"{kind}: {', '.join(sorted(types))}" for kind, types in KINDS.items()),
        max_shard_rows=MAX_SHARD_ROWS,
        stage_rows=[(stage, v["seconds"], v["samples_per_second"]) for stage, v in f["stages"].items()],
        shard_rows=[(shard, *row.values()) for shard, row in list(f["per_shard"].items())[:MAX_SHARD_ROWS]],
        histograms=plots.score_histograms(detection["histograms"], detection["thresholds"]) if detection["histograms"] else None,
        by_type=plots.entities_by_type(f["entities_by_type_and_source"]) if f["entities_by_type"] else None,
        co_occurrence=plots.co_occurrence(**f["co_occurrence"]) if f["entities_by_type"] else None,
        per_image=plots.count_histogram(f["entities_per_image"], "entities in the image", "images") if f["entities_by_type"] else None,
        faces_per_sample=plots.count_histogram(f["faces"]["faces_per_sample"], "faces in the sample", "samples")
        if f["faces"]["samples_looked_at"] else None,
        themes_map=plots.themes_map(themes.points, themes.labels, f["clusters"]["clusters"])
        if f["clusters"]["clustered"] else None,
        cluster_rows=[(c["id"], c["label"], c["size"]) for c in f["clusters"]["clusters"]],
        thumbnails=thumbnails,
    )
