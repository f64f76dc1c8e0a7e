import pytest

from piu_filter.errors import PiuFilterError
from piu_filter.profile import Profile


def test_builtin_profile_loads():
    profile = Profile.load()
    assert profile.name == "pregnancy-ultrasound"
    assert profile.clip.model == "ViT-B-32" and profile.clip.pretrained == "laion400m_e32"
    assert profile.clip.positive_prompts and profile.clip.negative_prompts


def test_user_profile_overrides_field_by_field(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("detection:\n  text_threshold: 0.7\nclip:\n  negative_prompts: [a cat]\n")
    profile = Profile.load(path)
    builtin = Profile.load()
    assert profile.detection.text_threshold == 0.7
    assert profile.detection.rule == builtin.detection.rule
    assert profile.clip.negative_prompts == ["a cat"]
    assert profile.clip.positive_prompts == builtin.clip.positive_prompts
    assert profile.digest() != builtin.digest()


@pytest.mark.parametrize("text, message", [
    ("detection:\n  threshhold: 0.7\n", "unknown field.*threshhold"),
    ("detection:\n  rule: maybe\n", "detection.rule must be one of"),
    ("clip:\n  positive_prompts: []\n", "non-empty"),
    ("- a list\n", "mapping at the top level"),
    ("clip: [unclosed\n", "not valid YAML"),
    ("detection:\n  text_threshold: \"0.7\"\n", r"detection.text_threshold must be a number, not '0.7'"),
    ("decode:\n  max_pixels: lots\n", r"decode.max_pixels must be a whole number, not 'lots'"),
    ("pii:\n  score_threshold: 7\n", r"pii.score_threshold must lie in \[0, 1\], not 7"),
    ("ocr:\n  target_long_side: -1\n", r"ocr.target_long_side must be above 0, not -1"),
    ("redact:\n  jpeg_quality: 0\n", r"redact.jpeg_quality must lie in \[1, 100\]"),
    ("pii:\n  entities: PERSON\n", r"pii.entities must be a list of texts"),
    ("detection:\n  classifier_threshold: true\n", r"classifier_threshold must be a number or null"),
    ("decode:\n  max_frames: 0\n", r"decode.max_frames must be above 0"),
])
def test_bad_profiles_are_refused_with_a_clear_message(tmp_path, text, message):
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(PiuFilterError, match=message):
        Profile.load(path)


def test_missing_profile_file():
    with pytest.raises(PiuFilterError, match="profile file not found"):
        Profile.load("/nonexistent/profile.yaml")


def test_digest_is_stable():
    assert Profile.load().digest() == Profile.load().digest()


def test_a_profile_that_is_not_utf8_or_asks_for_an_impossible_colour_is_one_line(tmp_path):
    path = tmp_path / "profile.yaml"
    path.write_bytes(b"pii:\n  spacy_model: \"\xff\xfe\"\n")
    with pytest.raises(PiuFilterError, match="is not UTF-8 text"):
        Profile.load(path)
    path.write_text("redact:\n  fill: [300, -1, 0]\n")
    with pytest.raises(PiuFilterError, match=r"whole numbers 0-255, not \[300, -1, 0\]"):
        Profile.load(path)


def test_entity_types_no_recognizer_finds_are_refused_and_presidio_s_own_are_not():
    from piu_filter.models.pii.analyzer import check_entity_types

    check_entity_types(["PERSON", "PATIENT_ID", "US_SSN", "IBAN_CODE"])
    with pytest.raises(PiuFilterError, match="no recognizer finds PATIENT_NAME"):
        check_entity_types(["PERSON", "PATIENT_NAME"])
