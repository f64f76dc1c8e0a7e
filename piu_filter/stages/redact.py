"""Redaction: blur (or fill) the faces, fill the word boxes of image entities in every member and frame (a
DICOM member's in its stored pixel values), anonymise every text channel, remove a URL that holds private
information; keep format, size and frames."""

from __future__ import annotations

import io
import json
from collections import defaultdict
from urllib.parse import urlsplit

import numpy as np
from PIL import Image, ImageDraw

from piu_filter.channels import set_json_string, text_channels
from piu_filter.stages.base import Stage
from piu_filter.io.images import decode_frames
from piu_filter.io.text_encoding import decode_text
from piu_filter.models.ocr.words import Quad
from piu_filter.profile_sections import FacesConfig, RedactConfig
from piu_filter.sample import DICOM_EXTENSIONS, Sample, last_part

_SAVE_OPTIONS = {"JPEG": {"subsampling": 0}, "WEBP": {"method": 4}, "PNG": {"optimize": False}}
_ANIMATION_INFO = ("duration", "loop")


class Redactor(Stage):
    """Applies the policy's `redact` decision to a sample's members: the last stage, after the policy."""

    name = "redact"
    failure = "while writing the output"

    def __init__(self, config: RedactConfig, max_pixels: int, max_frames: int = 16,
                 faces: FacesConfig | None = None) -> None:
        super().__init__()
        self.config = config
        self.faces = faces or FacesConfig()
        self.max_pixels = max_pixels
        self.max_frames = max_frames
        self.anonymizer = None

    def setup(self) -> None:
        from presidio_anonymizer import AnonymizerEngine

        self.anonymizer = AnonymizerEngine()

    def applies_to(self, sample: Sample) -> bool:
        return sample.action == "redact"

    def annotate(self, batch: list[Sample]) -> None:
        for sample in batch:
            self.apply(sample)

    def apply(self, sample: Sample) -> None:
        """Redact one sample in place: faces and text boxes of every member and frame, then its text channels."""
        boxes: dict[str, dict[int, list[tuple[int, int, int, int]]]] = defaultdict(lambda: defaultdict(list))
        outlines: dict[str, dict[int, list[Quad | None]]] = defaultdict(lambda: defaultdict(list))
        for entity in sample.entities:
            if entity.source == "image" and entity.box is not None:
                member, frame = entity.member or sample.image_extension, entity.frame or 0
                boxes[member][frame].append(entity.box)
                outlines[member][frame].append(entity.outline)
        faces: dict[str, dict[int, list[tuple[int, int, int, int]]]] = defaultdict(lambda: defaultdict(list))
        if self.faces.action == "redact":
            for face in sample.faces or []:
                faces[face.member][face.frame].append(face.box)
        for member in dict.fromkeys([*boxes, *faces]):
            if last_part(member) in DICOM_EXTENSIONS:
                sample.members[member] = self.redact_dicom(sample.members[member], boxes[member])
            else:
                sample.members[member] = self.redact_image(sample.members[member], boxes[member], faces[member],
                                                           outlines[member])
        self._redact_texts(sample)

    def _redact_texts(self, sample: Sample) -> None:
        findings = sample.text_findings
        parsed: dict[str, object] = {}
        for channel in text_channels(sample, metadata=False):  # metadata is stripped, not rewritten
            results = findings.get(channel.name)
            if not results or channel.source == "url":
                continue
            anonymised = self.anonymise(channel.text, results)
            if channel.path is None:  # written back in the member's own encoding
                sample.members[channel.member] = decode_text(sample.members[channel.member]).encode(anonymised)
            else:
                document = parsed.setdefault(channel.member, json.loads(decode_text(sample.members[channel.member]).text))
                parsed[channel.member] = set_json_string(document, channel.path, anonymised)
        if findings.get("url") and self.config.url != "keep" and sample.url is not None:  # sample.url keeps the input's
            document = parsed.setdefault("json", json.loads(decode_text(sample.members["json"]).text))
            if self.config.url == "remove":
                del document["url"]
            else:
                document["url"] = _without_path(document["url"])
        for member, document in parsed.items():
            sample.members[member] = decode_text(sample.members[member]).encode(json.dumps(document, ensure_ascii=False))

    def anonymise(self, text: str, findings: list) -> str:
        """Each entity replaced by `<TYPE>`."""
        self.ensure_ready()
        return self.anonymizer.anonymize(text=text, analyzer_results=findings).text

    def redact_image(self, data: bytes, boxes: dict[int, list[tuple[int, int, int, int]]],
                     faces: dict[int, list[tuple[int, int, int, int]]] | None = None,
                     outlines: dict[int, list[Quad | None]] | None = None) -> bytes:
        """Hide each face of each frame (see `hide_face`), then fill each text box (padded) with a solid colour,
        boxes that overlap with one colour (two colours meeting across a word would leave its outline); with
        `redact.shape: outline`, a box with an outline (`outlines[frame][i]` for `boxes[frame][i]`: tilted text) is
        filled only within the outline, padded, so that the lines above and below it stay; re-encode every frame in
        the original format at the original size."""
        frames = decode_frames(data, self.max_pixels, self.max_frames)
        source = Image.open(io.BytesIO(data))
        fmt = source.format or "PNG"
        for index, face_boxes in (faces or {}).items():
            for box in face_boxes:
                self.hide_face(frames[index], box)
        for index, frame_boxes in boxes.items():
            frame = frames[index]
            pixels = np.asarray(frame)
            draw = ImageDraw.Draw(frame)
            padded = [self._pad(box, frame.size) for box in frame_boxes]
            frame_outlines = (outlines or {}).get(index) if self.config.shape == "outline" else None
            frame_outlines = frame_outlines or [None] * len(frame_boxes)
            for group in overlapping(padded):
                colour = self._fill(pixels, [padded[i] for i in group])
                for i in group:
                    if frame_outlines[i] is None:
                        draw.rectangle(padded[i], fill=colour)
                    else:
                        draw.polygon(self._padded_outline(frame_outlines[i]), fill=colour)
        out = io.BytesIO()
        options = dict(_SAVE_OPTIONS.get(fmt, {}))
        if fmt in ("JPEG", "WEBP"):
            options["quality"] = self.config.jpeg_quality
        if source.info.get("icc_profile") and source.mode == "RGB":
            options["icc_profile"] = source.info["icc_profile"]
        if len(frames) > 1:
            options.update(save_all=True, append_images=frames[1:],
                           **{key: source.info[key] for key in _ANIMATION_INFO if key in source.info})
        else:
            frames = [_in_mode_of(source, frames[0])]
        frames[0].info = {}
        frames[0].save(out, format=fmt, **options)
        return out.getvalue()

    def redact_dicom(self, data: bytes, boxes: dict[int, list[tuple[int, int, int, int]]]) -> bytes:
        """Fill each box (padded) of each frame in the stored pixel values, every frame kept; the header is
        de-identified by the next output stage."""
        from piu_filter.io.dicom import cover_boxes, dicom_bytes, read_dicom

        dataset = read_dicom(data)
        size = (int(dataset.Columns), int(dataset.Rows))
        cover_boxes(dataset, {frame: [self._pad(box, size) for box in frame_boxes] for frame, frame_boxes in boxes.items()},
                    self.config.fill)
        return dicom_bytes(dataset)

    def hide_face(self, frame: Image.Image, box: tuple[int, int, int, int]) -> None:
        """Blur a face in place beyond recognition, its box widened by the profile's margin: pixelated to
        `blur_cells` cells across (the detail a face matcher needs is gone) and smoothed back to size (no
        cell edges left to read); or fill it, as text boxes are filled."""
        x0, y0, x1, y1 = box
        dx, dy = round((x1 - x0) * self.faces.margin), round((y1 - y0) * self.faces.margin)
        area = (max(0, x0 - dx), max(0, y0 - dy), min(frame.width, x1 + dx), min(frame.height, y1 + dy))
        width, height = area[2] - area[0], area[3] - area[1]
        if width < 1 or height < 1:
            return
        if self.faces.redact == "fill":
            edge = (area[0], area[1], area[2] - 1, area[3] - 1)
            ImageDraw.Draw(frame).rectangle(edge, fill=self._fill(np.asarray(frame), [edge]))
            return
        cells = (self.faces.blur_cells, max(1, round(self.faces.blur_cells * height / width)))
        coarse = frame.crop(area).resize(cells, Image.Resampling.BOX)
        frame.paste(coarse.resize((width, height), Image.Resampling.BICUBIC), area[:2])

    def _pad(self, box: tuple[int, int, int, int], size: tuple[int, int]) -> tuple[int, int, int, int]:
        x0, y0, x1, y1 = box
        pad = self._padding(y1 - y0)
        return max(0, x0 - pad), max(0, y0 - pad), min(size[0] - 1, x1 + pad), min(size[1] - 1, y1 + pad)

    def _padding(self, height: float) -> int:
        """Pixels added on every side of a word `height` pixels tall: `padding` of its height, at least 2."""
        return max(2, round(height * self.config.padding))

    def _padded_outline(self, outline: Quad) -> list[tuple[float, float]]:
        """A word's outline (start top, end top, end bottom, start bottom) widened on every side by `_padding`."""
        start_top, end_top, end_bottom, start_bottom = (np.asarray(point, dtype=np.float64) for point in outline)
        along, across = end_top - start_top, start_bottom - start_top
        height = float(np.linalg.norm(across))
        pad = self._padding(height)
        along = along / max(float(np.linalg.norm(along)), 1e-6) * pad
        across = across / max(height, 1e-6) * pad
        corners = (start_top - along - across, end_top + along - across, end_bottom + along + across,
                   start_bottom - along + across)
        return [tuple(corner.tolist()) for corner in corners]

    def _fill(self, pixels: np.ndarray, boxes: list[tuple[int, int, int, int]]) -> tuple[int, int, int]:
        """The profile's colour, or the median colour of the pixels along the edges of the boxes."""
        if self.config.fill != "background":
            return tuple(self.config.fill)
        ring = np.concatenate([edge for x0, y0, x1, y1 in boxes for edge in (
            pixels[y0, x0:x1 + 1], pixels[y1, x0:x1 + 1], pixels[y0:y1 + 1, x0], pixels[y0:y1 + 1, x1])])
        return tuple(int(v) for v in np.median(ring, axis=0))


def overlapping(boxes: list[tuple[int, int, int, int]]) -> list[list[int]]:
    """The indices of the boxes in groups that overlap, directly or through each other (in the order first seen)."""
    parent = list(range(len(boxes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(boxes):
        for j in range(i):
            b = boxes[j]
            if a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]:
                parent[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(boxes)):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def _in_mode_of(source: Image.Image, redacted: Image.Image) -> Image.Image:
    """The redacted (RGB) image back in the source's mode: grey stays grey, alpha is kept."""
    if source.mode in ("L", "LA", "RGBA") and source.size == redacted.size:
        alpha = source.getchannel("A") if "A" in source.mode else None
        image = redacted.convert("L" if source.mode.startswith("L") else "RGB")
        if alpha is not None:
            image.putalpha(alpha)
        return image
    return redacted


def _without_path(url: str) -> str:
    """The URL reduced to its scheme and host."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"
