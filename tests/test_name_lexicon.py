"""The name lexicon built from names-dataset, and the name tests the recognizers make with it."""

import gzip
import json

import pytest

from piu_filter.io import cache as cache_module
from piu_filter.models.pii.recognizers import name_lexicon as lexicon_module
from piu_filter.models.pii.recognizers.known_names import KnownNameRecognizer, is_given_name, is_surname
from piu_filter.models.vocabulary import load_vocabulary


@pytest.fixture
def small_lexicon(tmp_path, monkeypatch):
    """A cache folder holding a two-name lexicon, read instead of the machine's."""
    version = lexicon_module.metadata.version("names-dataset")
    path = tmp_path / f"names-dataset-{version}.json.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        json.dump({"first_names": {"Maren": [40, 6]}, "last_names": {"Quist": [900, 3]}}, f)
    monkeypatch.setattr(cache_module, "CACHE_ROOT", tmp_path)
    lexicon_module.name_lexicon.cache_clear()
    yield
    lexicon_module.name_lexicon.cache_clear()


def test_the_lexicon_is_read_from_the_cache_folder(small_lexicon):
    lexicon = lexicon_module.name_lexicon()
    assert lexicon.given_name("MAREN") == lexicon_module.Popularity(40, 6)
    assert lexicon.surname("quist").countries == 3 and lexicon.given_name("Quist") is None


def test_a_cache_folder_that_cannot_be_written_keeps_the_lexicon_in_memory(tmp_path, monkeypatch, caplog):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setattr(cache_module, "CACHE_ROOT", blocker / "cache")
    monkeypatch.setattr(lexicon_module, "_build", lambda: {"first_names": {"Maren": [40, 6]}, "last_names": {}})
    lexicon_module.name_lexicon.cache_clear()
    try:
        assert lexicon_module.name_lexicon().given_name("Maren").best_rank == 40
    finally:
        lexicon_module.name_lexicon.cache_clear()
    assert "kept in memory only" in caplog.text and "PIU_FILTER_CACHE" in caplog.text


def test_the_machine_lexicon_is_built_once_into_the_cache(pii_analyzer):
    pii_analyzer.analyze(["Photo courtesy of Kelsey Brandt"])
    cached = list(cache_module.CACHE_ROOT.glob("names-dataset-*.json.gz"))
    assert len(cached) == 1 and not list(cache_module.CACHE_ROOT.glob("*.tmp"))
    assert lexicon_module.name_lexicon().given_name("Kayleigh").countries >= 2


@pytest.mark.parametrize("word, given", [
    ("Kayleigh", True), ("Mehmet", True), ("John", True), ("Mohini", True),
    ("Summer", False), ("Hope", False), ("June", False), ("Friday", False), ("Canon", False), ("Baby", False),
])
def test_given_names_are_names_and_not_words(word, given):
    assert is_given_name(word, load_vocabulary()) is given


@pytest.mark.parametrize("word, surname", [
    ("Brandt", True), ("Thompson-Blake", True), ("Bhasin", True), ("Photography", False), ("Smith-Stock", False),
])
def test_surnames_double_barrelled_ones_part_by_part(word, surname):
    assert is_surname(word, load_vocabulary()) is surname


@pytest.mark.parametrize("text, names", [
    ("Photo courtesy of Kelsey R. Brandt", {"Kelsey R. Brandt"}),
    ("Kelsey Brandt Photography", {"Kelsey Brandt"}),           # the longest run that ends in a name
    ("GABRIELLA RUSSO 20 WEEKS", {"GABRIELLA RUSSO"}),
    ("love, Chloe", {"Chloe"}), ("Kayleigh's scan", {"Kayleigh"}), ("Mateo & Sofia", {"Mateo"}),
    ("Baby Reyes", {"Reyes"}), ("Max is coming", set()), ("Chloe is here", set()),
])
def test_known_names(text, names):
    found = {text[r.start:r.end] for r in KnownNameRecognizer(load_vocabulary()).analyze(text, ["PERSON"])}
    assert found == names
