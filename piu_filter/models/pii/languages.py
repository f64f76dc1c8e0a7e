"""The language of a text, among English and the five other languages the recognizers know, by py3langid
(measured against lingua in benchmarks/README.md: more accurate on captions and sixty times faster).

A text counts as another language only when py3langid is sure of it (probability 0.7 or more); anything
else, and every text where py3langid is not installed, is English, so that English results never change
on a guess. Each language has its CLDR locale (month names through babel) and the phone regions whose
numbers it writes.
"""

from __future__ import annotations

from functools import lru_cache

ENGLISH = "en"
LOCALES = {"fr": "fr_FR", "de": "de_DE", "es": "es_ES", "pt": "pt_BR", "it": "it_IT"}
PHONE_REGIONS = {"fr": ("FR", "BE", "CH"), "de": ("DE", "AT", "CH"), "es": ("ES", "MX", "AR", "CO"),
                 "pt": ("BR", "PT"), "it": ("IT", "CH")}
SURE = 0.7  # the probability above which a text is taken to be in another language (no English caption of the
# benchmarks' 2,000 reaches it)
SHORTEST = 12  # characters; shorter texts are English


@lru_cache(maxsize=1)
def _identifier():
    try:
        from py3langid import langid
    except ImportError:
        return None
    identifier = langid.LanguageIdentifier.from_modelpath(langid.MODEL_DIR / langid.MODEL_FILE, norm_probs=True)
    identifier.set_languages([ENGLISH, *LOCALES])
    return identifier


@lru_cache(maxsize=4096)
def text_language(text: str) -> str:
    """`en`, `fr`, `de`, `es`, `pt` or `it`: English unless py3langid is sure of another language."""
    identifier = _identifier()
    if identifier is None or len(text.strip()) < SHORTEST:
        return ENGLISH
    language, probability = identifier.classify(text)
    return language if language != ENGLISH and probability >= SURE else ENGLISH


def month_names(language: str) -> tuple[str, ...]:
    """The month names of `language` (CLDR through babel): wide and abbreviated, in dates and standing alone."""
    from babel import Locale

    locale = Locale.parse(LOCALES[language])
    names = set()
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            names.update(locale.months[context][width].values())
    return tuple(sorted(names, key=len, reverse=True))
