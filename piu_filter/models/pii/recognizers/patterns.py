"""Regex flags and the result shape shared by the recognizers."""

from __future__ import annotations

import re

from presidio_analyzer import AnalysisExplanation, RecognizerResult

CASE_SENSITIVE = re.DOTALL | re.MULTILINE  # presidio's default adds IGNORECASE, which would undo the capitals


def finding(recognizer: str, entity: str, start: int, end: int, score: float) -> RecognizerResult:
    """A result with the explanation presidio's context enhancer expects to update."""
    return RecognizerResult(entity, start, end, score, analysis_explanation=AnalysisExplanation(recognizer, score))
