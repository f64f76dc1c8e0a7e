"""Presidio analysis with a local spaCy model, the ultrasound recognizers and the vocabulary's technical words."""

from __future__ import annotations

import logging
import re
from functools import lru_cache

from piu_filter.errors import PiuFilterError
from piu_filter.models.pii.languages import ENGLISH, likely_language
from piu_filter.models.pii.recognizers import REPLACED, FalseAlarms, FilteredSpacyRecognizer, ultrasound_recognizers
from piu_filter.models.pii.recognizers.title_case import in_sentence_case, without_title_words
from piu_filter.models.pii.spacy_models import resolve_language_models, resolve_spacy_model
from piu_filter.models.vocabulary import vocabulary_of
from piu_filter.profile_sections import PII_ENTITIES, PiiConfig

log = logging.getLogger(__name__)
logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)  # it warns for every language it does not load

SPACY_LABELS = {"PERSON": "PERSON", "PER": "PERSON", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION",
                "DATE": "DATE_TIME", "TIME": "DATE_TIME", "ORG": "ORGANIZATION", "NORP": "NRP"}
SPACY_LABELS_IGNORED = ["CARDINAL", "ORDINAL", "PRODUCT", "WORK_OF_ART", "QUANTITY", "MONEY", "PERCENT", "LANGUAGE",
                        "LAW", "EVENT"]
_FILE_NAME_ENTITIES = ("URL", "EMAIL_ADDRESS")  # may hold a file name in their path
_NAMES_AND_PLACES = ("PERSON", "LOCATION")
_CLOCK_TIME = "ClockTimeRecognizer"
_DIALLED_START = re.compile(r"^(?:\+|\(\d{2,5}\))")  # a calling or area code no read-out opens with: (416) 555.0142
WARM_UP_TEXTS = (  # made up: names, ID, dates, facility, towns and regions, phones, a French card
    "Patient: MOREAU, ELAINE  ID 10229-3  DOB 04/03/1988\nWilson Ultrasound Center, Springfield, IL  Tel (217) 555-0143",
    "Love, Anouk\nLisaport, Queensland  GA 12w3d  EFW 520 g",
    "Née le 12 avril 2023 à Lyon\nClinique des Lilas, Dr Perrot  Tél. 04 72 11 38 90",
)


def check_entity_types(entities: list[str]) -> None:
    """Refuse, in one line, entity types that neither presidio's predefined English recognizers nor this
    project's recognizers find."""
    from presidio_analyzer import RecognizerRegistry

    registry = RecognizerRegistry()
    registry.load_predefined_recognizers(languages=["en"])
    known = {entity for recognizer in registry.recognizers for entity in recognizer.supported_entities} | set(PII_ENTITIES)
    unknown = sorted(set(entities) - known)
    if unknown:
        raise PiuFilterError(f"profile: pii.entities: no recognizer finds {', '.join(unknown)}; known: {', '.join(sorted(known))}")


@lru_cache(maxsize=2)
def _nlp_engine(models: tuple[tuple[str, str], ...]):
    """presidio's spaCy engine for (language, package) pairs, loaded once per process: a pipeline with word vectors
    (`fr_core_news_md`) holds hundreds of megabytes."""
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    return NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy",
        "models": [{"lang_code": language, "model_name": name} for language, name in models],
        "ner_model_configuration": {"model_to_presidio_entity_mapping": SPACY_LABELS,
                                    "labels_to_ignore": SPACY_LABELS_IGNORED},
    }).create_engine()


def _same_span(result, others: list) -> bool:
    return any(other.start == result.start and other.end == result.end for other in others)


class PiiAnalyzer:
    """Batched presidio analysis, none of its results inside another, technical terms, eponyms and false alarms removed,
    names and places in a shop's title without its common words (`title_case.py`); a time of day only where the same
    text holds a date in captions, and in image text with `lone_times: keep`.

    presidio's predefined recognizers stay (e-mail, dates, ...), except its phone recognizer, replaced
    by one for the profile's `phone_regions`, its URL recognizer, replaced by one that checks the host,
    and its spaCy recognizer, replaced by one that drops spaCy's false alarms. The recognizers know the
    words of the profile's vocabulary. A text likely written in a language of `language_models` (`likely_language`)
    is also read by that language's spaCy pipeline, for names and places only.
    """

    def __init__(self, config: PiiConfig) -> None:
        from presidio_analyzer import AnalyzerEngine, BatchAnalyzerEngine

        self.vocabulary = vocabulary_of(config)
        self.false_alarms = FalseAlarms(self.vocabulary)
        model = resolve_spacy_model(config.spacy_model)
        self.language_models = resolve_language_models(config.language_models)
        models = {ENGLISH: model} | self.language_models
        self.engine = AnalyzerEngine(nlp_engine=_nlp_engine(tuple(models.items())), supported_languages=list(models))
        [spacy_recognizer] = [r for r in self.engine.registry.recognizers
                              if r.name == "SpacyRecognizer" and r.supported_language == ENGLISH]
        self.engine.registry.recognizers = [r for r in self.engine.registry.recognizers
                                            if r.supported_language == ENGLISH]
        for name in (*REPLACED, "SpacyRecognizer"):
            self.engine.registry.remove_recognizer(name)
        for language in models:
            self.engine.registry.add_recognizer(FilteredSpacyRecognizer(
                self.false_alarms, supported_entities=spacy_recognizer.supported_entities,
                supported_language=language))
        for recognizer in ultrasound_recognizers(self.vocabulary, config.phone_regions):
            self.engine.registry.add_recognizer(recognizer)
        self.batch = BatchAnalyzerEngine(self.engine)
        self.entities = config.entities
        self.score_threshold = config.score_threshold
        self.keeps_lone_times = config.lone_times == "keep"
        self.allow_list = sorted(config.technical_terms)  # terms of several words, never an entity as a whole
        self.model_name = model

    def warm_up(self) -> None:
        """Analyze made-up texts once, so that the word lists and indexes the recognizers build on first use are
        built now, while models load, not inside the first sample's work."""
        self.analyze(list(WARM_UP_TEXTS))

    def analyze(self, texts: list[str], *, captions: bool = False) -> list[list]:
        """For each text, presidio RecognizerResults; technical terms, file names and results inside another removed.
        `captions`: the texts are written by people (captions, alt text, file names), where a time of day alone names
        nobody (`recordatorio eco mañana 10:15`); else they are read from images, where it is a screen's clock."""
        if not texts:
            return []
        read = [in_sentence_case(text, self.vocabulary) for text in texts]  # a shop's title's words as words
        analysed = list(self._analyze(read, ENGLISH, self.entities))
        names_and_places = [entity for entity in self.entities if entity in _NAMES_AND_PLACES]
        for language in self.language_models if names_and_places else ():
            indices = [i for i, text in enumerate(read) if likely_language(text) == language]
            local = self._analyze([read[i] for i in indices], language, names_and_places)
            for i, results in zip(indices, local):  # a span already found keeps its type (`Clinique Masson, Perrot`)
                analysed[i] = analysed[i] + [r for r in results if not _same_span(r, analysed[i])]
        keeps_lone_times = captions or self.keeps_lone_times
        return [self._clean(text, results, keeps_lone_times) for text, results in zip(texts, analysed)]

    def _analyze(self, texts: list[str], language: str, entities: list[str]):
        return self.batch.analyze_iterator(texts, language=language, batch_size=32, entities=entities,
                                           score_threshold=self.score_threshold, allow_list=self.allow_list)

    @staticmethod
    def _is_dialled_phone(text: str, result) -> bool:
        """A phone number whose every group would otherwise pass for a read-out: one opening with a calling or area
        code (`(416) 555.0142`), or one of another language written in pairs of digits (`05 61 56 04 66`), found in
        texts likely of another language, as the local recognizers are."""
        return result.entity_type == "PHONE_NUMBER" and (bool(_DIALLED_START.match(text[result.start:result.end]))
                                                         or likely_language(text) != ENGLISH)

    def _clean(self, text: str, results: list, keeps_lone_times: bool) -> list:
        for result in results:  # a shop's title: `Caneca Para Vovó Rebeca Com Ultrassom`
            if result.entity_type in _NAMES_AND_PLACES:
                result.start, result.end = without_title_words(text, result.start, result.end, self.vocabulary)
        kept: list = []
        remaining = [result for result in results if result.end > result.start]
        for result in sorted(remaining, key=lambda r: (r.start - r.end, -r.score, r.start)):  # longest first
            words = text[result.start:result.end].split()
            if all(self.vocabulary.is_technical(word) for word in words) and not self._is_dialled_phone(text, result):
                continue
            if result.entity_type not in _FILE_NAME_ENTITIES and self.false_alarms.in_file_name(text, result.start, result.end):
                continue
            if result.entity_type in _NAMES_AND_PLACES and self.false_alarms.is_not_a_name(text, result.start, result.end):
                continue
            if any(other.start <= result.start and result.end <= other.end for other in kept):
                continue
            kept.append(result)
        dated = not keeps_lone_times or any(r.entity_type == "DATE_TIME" and not _is_clock_time(r) for r in kept)
        return sorted((r for r in kept if dated or not _is_clock_time(r)), key=lambda r: r.start)


def _is_clock_time(result) -> bool:
    """A time of day found alone: it names nobody without a date beside it in the same text (a screen's clock)."""
    return (result.recognition_metadata or {}).get("recognizer_name") == _CLOCK_TIME
