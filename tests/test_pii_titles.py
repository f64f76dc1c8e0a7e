"""Shops' titles with every word capitalised, in the other languages: their words are no names, the names in them
are. Names are made up."""

from __future__ import annotations

import pytest
from conftest import found

from piu_filter.models.pii.recognizers.title_case import in_a_title, in_sentence_case
from piu_filter.models.vocabulary import load_vocabulary


@pytest.mark.parametrize("text", [
    "Taza Personalizada Con Ecografía Para El Abuelo", "Ecografía De 12 Semanas Con Corazón",
    "Bilderrahmen Ultraschallbild Baby Geschenk Für Oma", "Cornice Ecografia Bimbo Regalo Per Nonna",
    "Tazza Personalizzata Con Ecografia Per Il Nonno", "Porta Retrato Ultrassom Bebê Presente Para Vovó",
    "Regalo Para Futura Abuela Anuncio De Embarazo", "Anúncio De Gravidez Para Os Titios",
])
def test_a_titles_words_are_no_names(pii_analyzer, text):
    assert found(pii_analyzer, text) == set()


@pytest.mark.parametrize("text, name", [
    ("Caneca Para Vovó Rebeca Com Ultrassom", "Rebeca"),
    ("Cadre Échographie Personnalisé Pour Bébé Gilbert", "Gilbert"),
    ("Regalo Para Futura Mamá Ana Belén Torres", "Ana Belén Torres"),  # a surname that is also a word
    ("Porta-Retrato Ultrassom Personalizado Para Bebê Matheus", "Matheus"),
    ("Cornice Ecografia Per Nonna Giulia Rossi", "Giulia Rossi"),
    ("Ultrasound Frame For Grandma Dorothy Miller", "Dorothy Miller"),  # English titles are left as they are
])
def test_a_name_in_a_title_is_found_without_the_titles_words(pii_analyzer, text, name):
    assert ("PERSON", name) in found(pii_analyzer, text)


def test_sentence_case_lowers_only_a_titles_common_words_and_keeps_every_offset():
    vocabulary = load_vocabulary()
    text = "Recado: tudo bem\nCaneca Para Vovó Rebeca Com Ultrassom"
    read = in_sentence_case(text, vocabulary)
    assert len(read) == len(text)
    assert read.startswith("Recado: tudo bem\n")  # no title: as it is
    assert "para vovó Rebeca com" in read
    assert not in_a_title("PT NAME JOHN SMITH DE", 0, vocabulary)  # a screen's capitals
    assert not in_a_title("Taza Para Lucía", 0, vocabulary)  # too short for a title
    assert not in_a_title("Dra. Olmedo, Hospital Ruiz, Pasaje Eladio Rosselló 75", 0, vocabulary)  # no short word
    assert not in_a_title("Cuesta Narciso Farré 615 Piso 3 , Las Palmas", 0, vocabulary)  # a place's article
    assert not in_a_title("Export Schwangerschafts-App – Henning Vollbrecht – ET 23.07.2023", 0, vocabulary)
    assert in_a_title("Boîte Souvenir Grossesse Avec Cœur", 0, vocabulary)


def test_a_title_and_an_address_in_a_caption(pii_analyzer):
    assert found(pii_analyzer, "Boîte Souvenir Grossesse Avec Cœur") == set()  # `cœur` as its dictionary's `coeur`
    address = "Cuesta Narciso Farré 615 Piso 3 , Las Palmas – +34 872 395 557"
    assert ("LOCATION", "Las Palmas") in found(pii_analyzer, address)
