"""Failing closed on text OCR could not read: UNREADABLE_TEXT where patient data is printed, and only there.
Names are made up."""

from __future__ import annotations

import pytest

from piu_filter.errors import PiuFilterError
from piu_filter.models.ocr.lines import build_text
from piu_filter.models.ocr.words import OcrWord
from piu_filter.models.pii.unreadable import UNREADABLE, unreadable_words
from piu_filter.models.vocabulary import load_vocabulary
from piu_filter.profile import Profile
from piu_filter.profile_sections import PiiConfig
from piu_filter.sample import Sample
from piu_filter.stages.pii import PiiStage

SIZE = (640, 480)


def word(text: str, x: int, y: int, confidence: float) -> OcrWord:
    return OcrWord(text, (x, y, x + 12 * len(text), y + 16), confidence)


def header(*extra: OcrWord) -> list[OcrWord]:
    """A screen's header line: a facility half read (no recognizer names it), a technical read-out read poorly."""
    return [word("Dautfs", 20, 20, 0.6), word("Wqmens", 110, 20, 0.55), word("TIs", 400, 20, 0.5),
            word("0.7", 440, 20, 0.6), *extra]


def test_words_read_without_confidence_in_the_header_are_unreadable_and_read_outs_are_not():
    misread_read_outs = [word("Galn", 500, 20, 0.5), word("121bpon", 560, 20, 0.4), word("Dr", 300, 20, 0.3)]
    text = build_text(header(word("Kqvm", 200, 22, 0.1), *misread_read_outs), min_confidence=0.2, size=SIZE)
    assert [w.text for w in text.unsure] == ["Kqvm"]  # below the trusted confidence: kept out of the text
    assert "Kqvm" not in text.text
    found = unreadable_words(text, [], load_vocabulary())
    assert sorted(w.text for w in found) == ["Dautfs", "Kqvm", "Wqmens"]


def test_settings_and_short_labelled_numbers_half_read_stay_and_identifiers_and_dates_do_not():
    half_read = ["A0=100%", "AO-10O%", "4>100%", "MI0.0", "T1s", "C9.2", "TT30.5"]
    private = ["MRN12345", "Jan12", "Hnrvq"]  # an identifier, a date, a name half read
    words = [word(text, 20 + 90 * i, 20, 0.5) for i, text in enumerate(half_read)]
    words += [word(text, 20 + 120 * i, 50, 0.5) for i, text in enumerate(private)]
    found = unreadable_words(build_text(words, size=SIZE), [], load_vocabulary())
    assert sorted(w.text for w in found) == sorted(private)


def test_the_middle_of_the_image_confident_words_and_covered_words_are_left_alone():
    vocabulary = load_vocabulary()
    middle = build_text([word("Wqmens", 90, 230, 0.55)], size=SIZE)
    assert unreadable_words(middle, [], vocabulary) == []  # the scan itself, between the bands
    confident = build_text([word("Name:", 20, 20, 0.97), word("Chaudhary", 90, 20, 0.96)], size=SIZE)
    assert unreadable_words(confident, [], vocabulary) == []
    text = build_text(header(), size=SIZE)
    boxes = [w.box for w in text.words if w.text in ("Dautfs", "Wqmens")]
    assert unreadable_words(text, boxes, vocabulary) == []  # already inside an entity's box


def analyse(pii_analyzer, config: PiiConfig, detected: bool, words: list[OcrWord]) -> Sample:
    stage = PiiStage("candidates", config)
    stage.analyzer = pii_analyzer
    sample = Sample(key="k", shard="s", members={"jpg": b""})
    sample.detected = sample.candidate = detected
    sample.ocr_texts = {("jpg", 0): build_text(words, size=SIZE)}
    stage.annotate([sample])
    return sample


def test_a_detected_ultrasound_gets_its_unreadable_words_covered(pii_analyzer):
    sample = analyse(pii_analyzer, PiiConfig(), True, header())
    covered = [e for e in sample.entities if e.type == UNREADABLE]
    assert sorted(e.box for e in covered) == [word("Dautfs", 20, 20, 0).box, word("Wqmens", 110, 20, 0).box]
    assert all(e.source == "image" and e.member == "jpg" and e.text is None for e in covered)


@pytest.mark.parametrize("config, detected", [(PiiConfig(unreadable_text="keep"), True),
                                              (PiiConfig(), False)])
def test_keep_or_an_undetected_image_covers_nothing_unread(pii_analyzer, config, detected):
    sample = analyse(pii_analyzer, config, detected, header())
    assert not [e for e in sample.entities if e.type == UNREADABLE]


def test_unreadable_text_in_read_covers_every_image_read(pii_analyzer):
    sample = analyse(pii_analyzer, PiiConfig(unreadable_text_in="read"), False, header())
    assert [e.type for e in sample.entities if e.type == UNREADABLE] == [UNREADABLE] * 2


@pytest.mark.parametrize("yaml, message", [
    ("pii:\n  unreadable_text: hide\n", "pii.unreadable_text must be one of cover, keep, not 'hide'"),
    ("pii:\n  unreadable_text_in: everything\n", "pii.unreadable_text_in must be one of detected, read"),
    ("ocr:\n  super_resolution: off\n", "ocr.super_resolution must be text, not False"),
    ("ocr:\n  super_resolution: esrgan\n", "ocr.super_resolution must be one of auto, realesrgan, classical, none"),
])
def test_bad_settings_are_refused_by_name(tmp_path, yaml, message):
    path = tmp_path / "profile.yaml"
    path.write_text(yaml)
    with pytest.raises(PiuFilterError, match=message.replace(".", r"\.")):
        Profile.load(path)

