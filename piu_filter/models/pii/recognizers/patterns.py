"""Regex flags, the result shape, the bases of the rule recognizers and of the declared ones that check their matches
against the vocabulary, and where a sentence opens."""

from __future__ import annotations

import re

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, PatternRecognizer, RecognizerResult

from piu_filter.models.vocabulary import Vocabulary

CASE_SENSITIVE = re.DOTALL | re.MULTILINE  # presidio's default adds IGNORECASE, which would undo the capitals


_SENTENCE_ENDS = ".!?¡¿:-–|"


def opens_sentence(text: str, start: int) -> bool:
    """Whether `start` opens the text or a sentence (after `.`, `!`, `¿`, `:`, a dash, ...)."""
    before = text[:start].rstrip()
    return not before or before[-1] in _SENTENCE_ENDS


def finding(recognizer: str, entity: str, start: int, end: int, score: float) -> RecognizerResult:
    """A result with the explanation presidio's context enhancer expects to update."""
    return RecognizerResult(entity, start, end, score, analysis_explanation=AnalysisExplanation(recognizer, score))


class RuleRecognizer(EntityRecognizer):
    """A recognizer of hand rules: one entity type (`entity`), one score (`score`), the words of `vocabulary`,
    nothing to load."""

    entity: str
    score: float

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        super().__init__(supported_entities=[self.entity], name=type(self).__name__)

    def load(self) -> None:
        """Nothing to load."""


class VocabularyPatternRecognizer(PatternRecognizer):
    """A recognizer declared in patterns.yaml whose matches are checked against the words of `vocabulary`."""

    def __init__(self, vocabulary: Vocabulary, **declared) -> None:
        self.vocabulary = vocabulary
        super().__init__(**declared)
