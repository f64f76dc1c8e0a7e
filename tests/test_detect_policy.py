import pytest

from piu_filter.stages.detect import DetectStage
from piu_filter.policy import Policy
from piu_filter.profile_sections import DetectionConfig
from piu_filter.sample import Entity, Sample


def scored(text=None, image=None, classifier=None) -> Sample:
    sample = Sample(key="k", shard="s", members={"jpg": b""})
    sample.clip_score, sample.image_query_score, sample.classifier_prob = text, image, classifier
    return sample


@pytest.mark.parametrize("rule, scores, detected", [
    ("text", dict(text=0.6), True),
    ("text", dict(text=0.4), False),
    ("image", dict(text=0.9, image=0.5), False),
    ("classifier", dict(classifier=0.7), True),
    ("classifier", dict(text=0.9), False),  # the chosen component is missing
    ("any", dict(text=0.1, image=0.9, classifier=0.1), True),
    ("any", dict(text=0.1, image=0.1, classifier=0.1), False),
    ("all", dict(text=0.6, image=0.9, classifier=0.7), True),
    ("all", dict(text=0.6, image=0.9, classifier=0.2), False),
    ("all", dict(text=0.6, image=0.9), True),  # only the components present take part
    ("all", dict(), False),
])
def test_fusion_rules(rule, scores, detected):
    config = DetectionConfig(rule=rule, text_threshold=0.5, image_threshold=0.8, classifier_threshold=0.6)
    sample = scored(**scores)
    DetectStage(config).process([sample])
    assert sample.detected is detected


def test_candidates_widen_detection_by_the_margin():
    config = DetectionConfig(rule="text", text_threshold=0.5, candidate_margin=0.15)
    near, far, hit = scored(text=0.4), scored(text=0.3), scored(text=0.7)
    DetectStage(config).process([near, far, hit])
    assert (near.detected, near.candidate) == (False, True)
    assert (far.detected, far.candidate) == (False, False)
    assert (hit.detected, hit.candidate) == (True, True)


def test_classifier_threshold_comes_from_the_head_unless_the_profile_sets_one():
    assert DetectStage(DetectionConfig(rule="classifier"), classifier_threshold=0.3).thresholds["classifier"] == 0.3
    assert DetectStage(DetectionConfig(rule="classifier", classifier_threshold=0.8), 0.3).thresholds["classifier"] == 0.8


def decided(action: str, detected=False, entities=(), error=None) -> Sample:
    sample = scored(text=0.9 if detected else 0.1)
    sample.detected = detected
    sample.entities = list(entities)
    sample.error = error
    Policy(action).decide(sample)
    return sample


def test_drop_removes_detected_samples_with_reasons():
    assert (decided("drop", detected=True).action, decided("drop", detected=True).reasons) == ("drop", ["detected"])
    assert decided("drop").action == "keep" and decided("drop").reasons == []


def test_tag_keeps_everything_but_says_why():
    sample = decided("tag", detected=True, entities=[Entity("PERSON", "caption", 0.9, start=0, end=4)])
    assert sample.action == "keep" and sample.reasons == ["detected", "pii_in_caption"]


def test_redact_acts_only_on_samples_with_private_information():
    image_entity = Entity("PERSON", "image", 0.9, box=(0, 0, 5, 5))
    assert decided("redact", detected=True).action == "keep"
    assert decided("redact", entities=[image_entity]).action == "redact"


def test_failed_samples_are_dropped_with_reason_error():
    sample = decided("tag", error="decode: empty image")
    assert (sample.action, sample.reasons) == ("drop", ["error"])


def test_unknown_action_is_refused():
    with pytest.raises(ValueError):
        Policy("delete")


def test_profile_can_drop_detected_images_only_when_they_carry_pii():
    entity = Entity("PERSON", "image", 0.9, box=(0, 0, 5, 5))
    for entities, expected in (([], "keep"), ([entity], "drop")):
        sample = scored(text=0.9)
        sample.detected, sample.entities = True, entities
        Policy("drop", drop_detected="with_pii").decide(sample)
        assert sample.action == expected


def test_drop_pii_removes_undetected_samples_with_private_information():
    sample = scored(text=0.1)
    sample.entities = [Entity("DATE_TIME", "image", 0.8, box=(0, 0, 5, 5))]
    Policy("drop", drop_pii=True).decide(sample)
    assert sample.action == "drop" and sample.reasons == ["pii_in_image"]
    Policy("drop").decide(sample)
    assert sample.action == "keep"
