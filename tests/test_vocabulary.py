"""The PII vocabulary as data: one file of words that OCR correction and the recognizers read, extended
or replaced from a profile; and the size rules that keep word lists out of the PII and OCR code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

import piu_filter
from piu_filter.errors import PiuFilterError
from piu_filter.models.ocr.lines import build_text
from piu_filter.models.ocr.words import OcrWord
from piu_filter.models.vocabulary import BUILTIN_FILE, load_vocabulary, vocabulary_of
from piu_filter.profile import Profile

PACKAGE = Path(piu_filter.__file__).parent
CLINIC_PROFILE = {"pii": {"vocabulary": {"labels": ["Cliente"], "name_labels": ["Cliente"],
                                         "facility_words": ["Kliniek"]}}}


def word(text: str, x0: int) -> OcrWord:
    return OcrWord(text, (x0, 0, x0 + 8 * len(text), 12), 0.9, text)


@pytest.fixture(scope="module")
def clinic_profile(tmp_path_factory) -> Profile:
    path = tmp_path_factory.mktemp("profile") / "clinic.yaml"
    path.write_text(yaml.safe_dump(CLINIC_PROFILE), encoding="utf-8")
    return Profile.load(path)


def test_a_clinic_label_and_facility_word_from_a_profile_reach_ocr_correction(clinic_profile):
    vocabulary = vocabulary_of(clinic_profile.pii)
    assert build_text([word("Cllente:", 0), word("QUIST", 80)], vocabulary).text == "Cliente: QUIST"
    assert build_text([word("Cllente:", 0), word("QUIST", 80)]).text == "Cllente: QUIST"  # the built-in vocabulary
    assert build_text([word("Oosterpark", 0), word("kliniek", 90)], vocabulary).text == "Oosterpark Kliniek"
    assert build_text([word("Oosterpark", 0), word("kliniek", 90)]).text == "Oosterpark kliniek"


def _findings(vocabulary, text: str) -> set[tuple[str, str, str]]:
    """What the recognizers the analyzer adds to presidio's find in `text`: (type, text, recognizer)."""
    from piu_filter.models.pii.recognizers import ultrasound_recognizers

    return {(r.entity_type, text[r.start:r.end], recognizer.name) for recognizer in ultrasound_recognizers(vocabulary)
            for r in recognizer.analyze(text, [recognizer.supported_entities[0]])}


def test_a_clinic_label_and_facility_word_from_a_profile_reach_the_recognizers(clinic_profile):
    vocabulary = vocabulary_of(clinic_profile.pii)
    assert ("PERSON", "Zorbla Quaxon", "LabelledNameRecognizer") in _findings(vocabulary, "Cliente: Zorbla Quaxon")
    assert ("MEDICAL_FACILITY", "Oosterpark Kliniek", "FacilityNameRecognizer") in \
        _findings(vocabulary, "Thanks to Oosterpark Kliniek")
    assert not _findings(load_vocabulary(), "Cliente: Zorbla Quaxon") & {("PERSON", "Zorbla Quaxon", "LabelledNameRecognizer")}
    built_in = _findings(load_vocabulary(), "Thanks to Oosterpark Kliniek")
    assert not any(kind == "MEDICAL_FACILITY" for kind, _, _ in built_in)


def test_the_analyzer_of_a_profile_knows_its_words(clinic_profile):
    from piu_filter.models.pii.analyzer import PiiAnalyzer

    [results] = PiiAnalyzer(clinic_profile.pii).analyze(["Cliente: Zorbla Quaxon"])
    assert [("PERSON", 9, 22)] == [(r.entity_type, r.start, r.end) for r in results]


def test_technical_terms_of_a_profile_are_technical_words(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("pii:\n  technical_terms: [Vscan]\n", encoding="utf-8")
    vocabulary = vocabulary_of(Profile.load(path).pii)
    assert vocabulary.is_technical_term("VSCAN") and not load_vocabulary().is_technical_term("Vscan")


def test_a_vocabulary_file_replaces_the_built_in_one(tmp_path):
    data = yaml.safe_load(BUILTIN_FILE.read_text(encoding="utf-8"))
    data["caption_words"] = [w for w in data["caption_words"] if w != "Canon"]
    (tmp_path / "words.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    (tmp_path / "p.yaml").write_text("pii:\n  vocabulary_file: words.yaml\n", encoding="utf-8")
    profile = Profile.load(tmp_path / "p.yaml")  # the file is found beside the profile
    assert not vocabulary_of(profile.pii).is_common_word("Canon") and load_vocabulary().is_common_word("Canon")


def test_an_emptied_list_matches_nothing():
    from dataclasses import replace

    from piu_filter.models.pii.recognizers.products import ProductMentions

    emptied = replace(load_vocabulary(), product_words=(), brands=())
    assert not ProductMentions(emptied).is_product_mention("Größe 2 Emma", 8, 12)
    assert ProductMentions(load_vocabulary()).is_product_mention("Poussette Yoyo", 10, 14)


@pytest.mark.parametrize("vocabulary, message", [
    ({"lables": ["Nom"]}, "unknown list(s) lables"),
    ({"labels": "Nom"}, "must be a mapping of text to list of texts"),
    ({"name_labels": ["Nom("]}, "not a valid regular expression"),
])
def test_a_bad_vocabulary_in_a_profile_is_one_clear_error(tmp_path, vocabulary, message):
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump({"pii": {"vocabulary": vocabulary}}), encoding="utf-8")
    with pytest.raises(PiuFilterError, match=re.escape(message)):
        vocabulary_of(Profile.load(path).pii)


def test_a_vocabulary_file_missing_a_list_is_refused(tmp_path):
    (tmp_path / "words.yaml").write_text("labels: [Name]\n", encoding="utf-8")
    with pytest.raises(PiuFilterError, match="lacks the list"):
        load_vocabulary(tmp_path / "words.yaml")


# The PII and OCR code keeps its words in the vocabulary: no long word list, long string or long alternation.
CODE = sorted([*PACKAGE.glob("models/pii/**/*.py"), *PACKAGE.glob("models/ocr/*.py"), PACKAGE / "models/vocabulary.py"])
_ALTERNATION = re.compile(r"(?:[A-Za-z][\w'.]*\|){10,}[A-Za-z][\w'.]*")  # eleven words or more


def _strings(tree: ast.AST) -> list[str]:
    return [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)]


@pytest.mark.parametrize("path", CODE, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_pii_and_ocr_code_holds_no_vocabulary(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    lists = [node.lineno for node in ast.walk(tree) if isinstance(node, (ast.List, ast.Tuple, ast.Set))
             and sum(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts) > 10]
    long_strings = [s[:40] for s in _strings(tree) if len(s.split()) > 30
                    and not _is_docstring(tree, s)]
    alternations = [m.group()[:40] for s in _strings(tree) for m in _ALTERNATION.finditer(s)]
    assert (lists, long_strings, alternations) == ([], [], [])


def _is_docstring(tree: ast.AST, text: str) -> bool:
    return any(ast.get_docstring(node, clean=False) == text for node in ast.walk(tree)
               if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)))


def test_no_module_of_the_package_is_over_300_lines():
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py") if (n := len(p.read_text().splitlines())) > 300}
    assert long == {}
