"""Private information in French, German, Spanish, Portuguese and Italian captions (captions.py), through piu-filter's
caption analyzer with the default profile.

    python benchmarks/pii/multilingual [--count 60] [--clean 60] [--json OUT]

An entity counts as found when every letter and digit of it lies inside some finding (any type: the caption is
redacted either way); per type, and a PII-free caption with any finding counts as flagged. The `tuning*` parts
(`tuning`, seed 7; `tuning_b`, other phrasing; `tuning_c`, social posts, letterheads, facilities with a specialty;
`tuning_d` to `tuning_k`, the fourth round's: letters between doctors, cards of several lines, towns with their
region, surnames first, screens' headers in capitals, other date forms, postal addresses, facilities; `tuning_l`,
reviews, calendars, birth notices, insurance notes, tagged photos, app exports; `tuning_m`, text-message reminders,
letterheads, midwives' cards, with Swiss, Canadian, Austrian, Argentine, Colombian, Chilean and Portuguese values;
`tuning_n`, birth cards with the baby's measures, wristbands, hashtags, e-mail signatures, blogs; `tuning_o`, classified
ads, appointment cards, parish bulletins, parcel labels, with Swiss, Argentine and Portuguese values and PII-free
captions naming brands; `tuning_p`, sibling news, photo credits, fundraisers, with Canadian, Austrian, Mexican and
Colombian values and thirty PII-free captions per language; `tuning_q`, shop listings in title case; `tuning_r`, pet
names and virtue words beside names and alone; `tuning_s`, forum threads, group chats, discharge letters; `tuning_t`,
letters to an employer, app exports, ultrasound machines and brands; `tuning_u`, diaries, hospital bags, second
opinions, lost and found, invitations, thank-you notes) were tuned on;
`heldout` (seed 70917, its own templates), `heldout_b` (seed 530221, social posts, listings and letterheads, written
later and apart), `heldout_c` (seed 90133, reminders, photo-book titles, reposts, written before `tuning_c`'s
rules), `heldout_d` (seed 771203, invitations, thank-you notes, replies, due dates, transcribed headers, small ads,
written before the fourth round's rules), `heldout_e` (seed 880411, diaries, hospital bags, second opinions, photo
credits, lost and found, written before `tuning_k`'s rules), `heldout_f` (seed 312577, birth lists, messages to
an employer, replies, reminders, classified ads, picture descriptions, written before the rules of the round that
added it) and `heldout_g` (seed 604927, forum threads, group chats, discharge letters, with Swiss, Canadian,
Austrian, Argentine, Colombian, Chilean and Portuguese values, written before the rules of the round that added it)
and `heldout_h` (seed 445817, second-hand listings, app exports, scan stamps, local news, with Chilean and Portuguese
values and PII-free captions naming brands of baby goods and ultrasound machines, written before the rules of the
round that added it) are read in aggregate only. `--parts tuning tuning_b ...` measures the tuning parts alone.
Also: how well and how fast py3langid and lingua tell the five languages (and English) apart on these captions.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import templates_heldout  # noqa: E402
import templates_heldout_b  # noqa: E402
import templates_heldout_c  # noqa: E402
import templates_heldout_d  # noqa: E402
import templates_heldout_e  # noqa: E402
import templates_heldout_f  # noqa: E402
import templates_heldout_g  # noqa: E402
import templates_heldout_h  # noqa: E402
import templates_tuning  # noqa: E402
import templates_tuning_b  # noqa: E402
import templates_tuning_c  # noqa: E402
import templates_tuning_d  # noqa: E402
import templates_tuning_e  # noqa: E402
import templates_tuning_f  # noqa: E402
import templates_tuning_g  # noqa: E402
import templates_tuning_h  # noqa: E402
import templates_tuning_i  # noqa: E402
import templates_tuning_j  # noqa: E402
import templates_tuning_k  # noqa: E402
import templates_tuning_l  # noqa: E402
import templates_tuning_m  # noqa: E402
import templates_tuning_n  # noqa: E402
import templates_tuning_o  # noqa: E402
import templates_tuning_p  # noqa: E402
import templates_tuning_q  # noqa: E402
import templates_tuning_r  # noqa: E402
import templates_tuning_s  # noqa: E402
import templates_tuning_t  # noqa: E402
import templates_tuning_u  # noqa: E402
from captions import LOCALES, Caption, captions  # noqa: E402

PARTS = {"tuning": (templates_tuning, 7), "tuning_b": (templates_tuning_b, 1207), "tuning_c": (templates_tuning_c, 2417),
         "tuning_d": (templates_tuning_d, 4421), "tuning_e": (templates_tuning_e, 6203),
         "tuning_f": (templates_tuning_f, 8111), "tuning_g": (templates_tuning_g, 9337),
         "tuning_h": (templates_tuning_h, 10133), "tuning_i": (templates_tuning_i, 11939),
         "tuning_j": (templates_tuning_j, 12421), "tuning_k": (templates_tuning_k, 13597),
         "tuning_l": (templates_tuning_l, 14731), "tuning_m": (templates_tuning_m, 15263),
         "tuning_n": (templates_tuning_n, 16381), "tuning_o": (templates_tuning_o, 17827),
         "tuning_p": (templates_tuning_p, 18859), "tuning_q": (templates_tuning_q, 19961),
         "tuning_r": (templates_tuning_r, 20771),
         "tuning_s": (templates_tuning_s, 21943),
         "tuning_t": (templates_tuning_t, 23011),
         "tuning_u": (templates_tuning_u, 24137),
         "heldout": (templates_heldout, 70917), "heldout_b": (templates_heldout_b, 530221),
         "heldout_c": (templates_heldout_c, 90133), "heldout_d": (templates_heldout_d, 771203),
         "heldout_e": (templates_heldout_e, 880411), "heldout_f": (templates_heldout_f, 312577),
         "heldout_g": (templates_heldout_g, 604927),
         "heldout_h": (templates_heldout_h, 445817)}


def found(caption: Caption, results) -> dict:
    """Per entity: whether all its letters and digits are covered by the findings."""
    covered = [False] * len(caption.text)
    for result in results:
        for i in range(result.start, result.end):
            covered[i] = True
    return [all(covered[i] for i in range(e["start"], e["end"]) if caption.text[i].isalnum()) for e in caption.entities]


def measure(analyzer, private: list[Caption], free: list[Caption]) -> dict:
    started = time.perf_counter()
    private_results = analyzer.analyze([c.text for c in private], captions=True)
    free_results = analyzer.analyze([c.text for c in free], captions=True)
    seconds = time.perf_counter() - started
    per_language: dict[str, dict] = {}
    for language in LOCALES:
        hits, by_type = [], defaultdict(list)
        for caption, results in zip(private, private_results):
            if caption.language == language:
                for entity, hit in zip(caption.entities, found(caption, results)):
                    hits.append(hit)
                    by_type[entity["type"]].append(hit)
        flagged = [bool(results) for caption, results in zip(free, free_results) if caption.language == language]
        per_language[language] = {
            "entity_recall": round(sum(hits) / max(len(hits), 1), 3), "entities": len(hits),
            "per_type": {t: round(sum(v) / len(v), 3) for t, v in sorted(by_type.items())},
            "pii_free_flagged": round(sum(flagged) / max(len(flagged), 1), 3), "pii_free": len(flagged)}
    return {"languages": per_language, "seconds_per_caption": round(seconds / (len(private) + len(free)), 4)}


def language_detection(texts: list[tuple[str, str]]) -> dict:
    """Accuracy and seconds per text of py3langid and lingua on (language, text) pairs."""
    import py3langid
    from lingua import Language, LanguageDetectorBuilder

    codes = ["en", *LOCALES]
    langid = py3langid.langid.LanguageIdentifier.from_modelpath(py3langid.langid.MODEL_DIR / py3langid.langid.MODEL_FILE)
    langid.set_languages(codes)
    lingua_languages = [Language.ENGLISH, Language.FRENCH, Language.GERMAN, Language.SPANISH, Language.PORTUGUESE,
                        Language.ITALIAN]
    detector = LanguageDetectorBuilder.from_languages(*lingua_languages).build()
    detectors = {"py3langid": lambda t: langid.classify(t)[0],
                 "lingua": lambda t: (lambda found: found.iso_code_639_1.name.lower() if found else "")(detector.detect_language_of(t))}
    report = {}
    for name, detect in detectors.items():
        started = time.perf_counter()
        right = sum(detect(text) == language for language, text in texts)
        report[name] = {"accuracy": round(right / len(texts), 3),
                        "ms_per_text": round(1000 * (time.perf_counter() - started) / len(texts), 3)}
    return report


def english_captions(count: int) -> list[str]:
    from precision import captions as pii_free_captions

    return pii_free_captions(count, 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=60, help="captions with private values per language and part")
    parser.add_argument("--clean", type=int, default=60, help="PII-free captions per language and part")
    parser.add_argument("--parts", nargs="+", choices=tuple(PARTS), default=list(PARTS))
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    from piu_filter.models.pii.analyzer import PiiAnalyzer
    from piu_filter.profile_sections import PiiConfig

    analyzer = PiiAnalyzer(PiiConfig())
    report, texts = {}, []
    for part in args.parts:
        module, seed = PARTS[part]
        private, free = captions(module.TEMPLATES, module.FACILITIES, module.CLEAN, seed, args.count, args.clean,
                                 getattr(module, "LOCALES", None))
        report[part] = measure(analyzer, private, free)
        texts += [(c.language, c.text) for c in private + free]
    texts += [("en", text) for text in english_captions(200)]
    report["language_detection"] = language_detection(texts)
    print("| language | part | entity recall | lowest type | PII-free flagged |")
    print("| --- | --- | --- | --- | --- |")
    for part in args.parts:
        for language, figures in report[part]["languages"].items():
            lowest = min(figures["per_type"].items(), key=lambda item: item[1])
            print(f"| {language} | {part} | {figures['entity_recall']:.3f} | {lowest[0]} {lowest[1]:.3f} | "
                  f"{figures['pii_free_flagged']:.3f} |")
    print(json.dumps({part: report[part]["seconds_per_caption"] for part in args.parts} | {"language_detection": report["language_detection"]}))
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
