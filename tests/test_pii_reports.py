"""What report pages, appointment cards, banner screens and keepsake frames print: facility kinds, street units,
hospital numbers, dates with a weekday or a misread month, and a screen's clock, covered alone unless the profile keeps
a time without a date; a time alone in a caption names nobody."""

import pytest
from conftest import found


@pytest.mark.parametrize("text, expected", [
    ("Acharya Maternity Home", ("MEDICAL_FACILITY", "Acharya Maternity Home")),
    ("St. Kathleen Health Campus", ("MEDICAL_FACILITY", "St. Kathleen Health Campus")),
    ("Chatterjee Diagnostic Centre", ("MEDICAL_FACILITY", "Chatterjee Diagnostic Centre")),
    ("Sunrise Prenatal Care Motihari", ("MEDICAL_FACILITY", "Sunrise Prenatal Care")),
    ("Sunrise Prenatal Care Motihari", ("LOCATION", "Motihari")),
    ("68855 Cook Wall Apt. 484", ("LOCATION", "68855 Cook Wall Apt. 484")),  # a street word that is a caption word
    ("Hospital No.: 26787589", ("PATIENT_ID", "26787589")), ("UR No. 452943", ("PATIENT_ID", "452943")),
    ("Date of Birth: Friday 19 Apri 1996", ("DATE_TIME", "Friday 19 Apri 1996")),  # the month misread
    ("Exam Date: Wednesday 27 tovember 2019", ("DATE_TIME", "Wednesday 27 tovember 2019")),
    ("Due Der 5.2017", ("DATE_TIME", "Der 5.2017")),  # `Dec 5, 2017` one letter and its comma off
    ("Tuesday 2 June 2015\nat 445pm", ("DATE_TIME", "445pm")),  # a time read without its colon, beside a date
    ("Clinic 27.03.2026 12:57:17", ("DATE_TIME", "12:57:17")),
])
def test_report_pages_and_appointment_cards(pii_analyzer, text, expected):
    assert expected in found(pii_analyzer, text)


@pytest.fixture(scope="module")
def keeping_lone_times():
    from piu_filter.models.pii.analyzer import PiiAnalyzer
    from piu_filter.profile_sections import PiiConfig

    return PiiAnalyzer(PiiConfig(lone_times="keep"))


@pytest.mark.parametrize("text", ["Kaiser ID: 12:57:17", "GA 12w3d 10:56:07", "Scan at 10:30 today", "born at 3:42am"])
def test_a_time_without_a_date_is_covered_unless_the_profile_keeps_it(pii_analyzer, keeping_lone_times, text):
    assert "DATE_TIME" in {kind for kind, _ in found(pii_analyzer, text)}
    assert "DATE_TIME" not in {kind for kind, _ in found(keeping_lone_times, text)}
    assert ("DATE_TIME", "12:57:17") in found(keeping_lone_times, "Clinic 27.03.2026 12:57:17")  # beside a date


@pytest.mark.parametrize("text", ["recordatorio eco mañana 10:15", "Scan at 10:30 today", "3,250 kg · 50 cm · 14:32"])
def test_a_time_alone_in_a_caption_names_nobody(pii_analyzer, text):
    [results] = pii_analyzer.analyze([text], captions=True)
    assert not [r for r in results if r.entity_type == "DATE_TIME"]
    text = "Scan on 12.03.2026 at 10:15"  # beside a date
    [results] = pii_analyzer.analyze([text], captions=True)
    assert {text[r.start:r.end] for r in results if r.entity_type == "DATE_TIME"} >= {"12.03.2026", "10:15"}


def test_the_stage_covers_a_screens_lone_clock_and_leaves_the_captions(pii_analyzer):
    from piu_filter.models.ocr.lines import build_text
    from piu_filter.models.ocr.words import OcrWord
    from piu_filter.profile_sections import PiiConfig
    from piu_filter.sample import Sample
    from piu_filter.stages.pii import PiiStage

    stage = PiiStage("all", PiiConfig())
    stage.analyzer = pii_analyzer
    sample = Sample(key="k", shard="s", members={"jpg": b"", "txt": "Scan at 10:30 today".encode()})
    sample.ocr_texts = {("jpg", 0): build_text([OcrWord("10:30", (500, 10, 560, 26), 0.95)], size=(640, 480))}
    stage.annotate([sample])
    assert [(e.type, e.source) for e in sample.entities] == [("DATE_TIME", "image")]
    assert sample.text_findings == {"caption": []}


@pytest.mark.parametrize("text, entity", [
    ("Scan on Monday 12 weeks 2024", "DATE_TIME"), ("Due weeks 5, 2017", "DATE_TIME"),
    ("great prenatal care here", "MEDICAL_FACILITY"), ("We got Prenatal Care from the NHS", "MEDICAL_FACILITY"),
    ("Referring Doctor. Dr\nExam Date:", "PERSON"), ("Referring Doctor D5", "PERSON"),  # a label, not its value
    ("We are Unit No 1 fans", "PATIENT_ID"), ("12 Baby Shower Road", "LOCATION"),
])
def test_what_they_print_around_private_text_is_none(pii_analyzer, text, entity):
    assert entity not in {kind for kind, _ in found(pii_analyzer, text)}
