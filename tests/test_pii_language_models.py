"""The spaCy pipelines of other languages: which one the profile names, and what they add to the English analysis
(real French pipeline, `fr_core_news_sm` or larger, installed with the `ocr` extra)."""

from __future__ import annotations

import pytest
from conftest import found

from piu_filter.errors import ModelUnavailableError, PiuFilterError
from piu_filter.models.pii.spacy_models import news_preference, resolve_language_models


def test_auto_takes_an_installed_pipeline_of_the_language_and_skips_languages_without_one():
    import spacy

    models = resolve_language_models({"fr": "auto", "de": "auto"})
    assert models["fr"] in news_preference("fr")
    assert ("de" in models) == any(spacy.util.is_package(name) for name in news_preference("de"))
    assert resolve_language_models({"fr": "none"}) == {}


def test_a_missing_pipeline_or_an_unknown_language_is_refused_by_name():
    with pytest.raises(ModelUnavailableError, match="fr: spaCy model fr_core_news_xl is not installed"):
        resolve_language_models({"fr": "fr_core_news_xl"})
    with pytest.raises(PiuFilterError, match="pii.language_models: no recognizers for nl"):
        resolve_language_models({"nl": "auto"})


@pytest.fixture(scope="module")
def english_only_analyzer():
    from piu_filter.models.pii.analyzer import PiiAnalyzer
    from piu_filter.profile_sections import PiiConfig

    return PiiAnalyzer(PiiConfig(language_models={"fr": "none"}))


@pytest.mark.parametrize("text, value", [
    ("Échographie 3D chez Hôpital Lombard à Marques", "Marques"),
])
def test_the_french_pipeline_finds_names_and_places_english_analysis_misses(pii_analyzer, english_only_analyzer,
                                                                            text, value):
    assert value in {found_value for _, found_value in found(pii_analyzer, text)}
    assert value not in {found_value for _, found_value in found(english_only_analyzer, text)}


def test_a_popular_given_name_is_a_common_caption_word_only_in_english(pii_analyzer):
    text = "Notre petite Valentine a déjà 20 semaines"
    start = text.index("Valentine")
    assert not pii_analyzer.false_alarms.is_ner_false_alarm(text, "PERSON", start, start + 9, english=False)
    assert pii_analyzer.false_alarms.is_ner_false_alarm(text, "PERSON", start, start + 9, english=True)


@pytest.mark.parametrize("text", [
    "Bébé bouge beaucoup aujourd'hui !", "Annonce grossesse : Papi et Mamie vont être gâtés",
    "Joyeux Noël de la part de bébé in utero", "Clarté nucale mesurée à 12 SA, Doppler normal",
    "Le Doppler montre un cœur en pleine forme", "Mon Doppler fœtal à la maison, quel bonheur",
])
def test_family_words_feasts_and_technical_words_are_no_names_to_the_french_pipeline(pii_analyzer, text):
    assert found(pii_analyzer, text) == set()


def test_a_span_found_by_a_recognizer_keeps_its_type(pii_analyzer):
    assert ("LOCATION", "Perrot") in found(pii_analyzer, "Échographie du 25 mars 2021 - Clinique Masson, Perrot")
