"""The top and bottom bands of a sample that fails closed, read again larger: a faint, small header that the whole
image's reading misses is found there. Names are made up."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from piu_filter.errors import PiuFilterError
from piu_filter.models.ocr.bands import band_scale, band_words
from piu_filter.models.vocabulary import load_vocabulary
from piu_filter.profile import Profile
from piu_filter.profile_sections import OcrConfig, PiiConfig
from piu_filter.sample import Sample
from piu_filter.stages.fail_closed import fails_closed
from piu_filter.stages.ocr import OcrStage
from piu_filter.stages.pii import PiiStage

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"


def faint_screen() -> Image.Image:
    """A dark scanner screen photographed small: its header and footer, grey on grey, 8 px tall at 700 px."""
    image = Image.new("RGB", (1400, 1050), (40, 40, 40))
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 16)
    draw.text((40, 30), "KOWALSKA MARTA [F] 18.03.1986", fill=(70, 70, 70), font=font)
    draw.text((40, 52), "US202010095802", fill=(70, 70, 70), font=font)
    draw.text((40, 990), "2020.10.09 10:46:23", fill=(70, 70, 70), font=font)
    draw.pieslice((300, 200, 1100, 1000), 240, 300, fill=(120, 120, 120))
    return image.resize((700, 525), Image.Resampling.LANCZOS).filter(ImageFilter.GaussianBlur(0.6))


@pytest.fixture(scope="module")
def screen() -> Image.Image:
    return faint_screen()


def test_the_bands_read_larger_find_a_header_the_whole_reading_misses(ppocrv5_engine, screen):
    words = ppocrv5_engine.read(screen)
    assert not any("MARTA" in w.text for w in words)
    found = band_words(ppocrv5_engine, screen, words, band_scale(OcrConfig(), screen.size))
    texts = {w.text for w in found}
    assert {"MARTA", "18.03.1986", "10:46:23"} <= texts
    marta = next(w for w in found if w.text == "MARTA")
    assert marta.box[3] < 0.1 * screen.height and 50 < marta.box[0] < 80  # in the image's pixels, after the surname
    x0, y0, x1, y1 = marta.box
    assert all(x0 - 1 <= x <= x1 + 1 and y0 - 1 <= y <= y1 + 1 for x, y in marta.quad)  # so is its outline


def test_words_the_whole_reading_found_are_not_read_twice_and_large_images_are_left_alone(ppocrv5_engine, screen):
    scale = band_scale(OcrConfig(), screen.size)
    found = band_words(ppocrv5_engine, screen, [], scale)
    assert band_words(ppocrv5_engine, screen, found, scale) == []
    assert band_words(ppocrv5_engine, screen, [], 1.0) == []
    assert band_scale(OcrConfig(band_scale=0), screen.size) == 0
    large = screen.resize((2100, 1575))
    assert band_words(ppocrv5_engine, large, [], band_scale(OcrConfig(), large.size)) == []  # its text is not small


class CountingReader:
    """An OCR reader that counts the words its engine recognises."""

    def __init__(self, engine) -> None:
        self.engine, self.words = engine, 0

    def read(self, image: Image.Image) -> list:
        words = self.engine.read(image)
        self.words += len(words)
        return words


def test_words_the_whole_reading_found_are_painted_over_not_recognised_again(ppocrv5_engine, screen):
    scale = band_scale(OcrConfig(), screen.size)
    found = band_words(ppocrv5_engine, screen, [], scale)
    counting = CountingReader(ppocrv5_engine)
    assert band_words(counting, screen, found, scale) == [] and counting.words == 0
    header = [w for w in found if w.text != "MARTA"]  # one word left unread: only it is recognised
    counting = CountingReader(ppocrv5_engine)
    assert [w.text for w in band_words(counting, screen, header, scale)] == ["MARTA"] and counting.words == 1


def jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


@pytest.mark.parametrize("detected", [True, False])
def test_only_a_sample_that_fails_closed_has_its_bands_read_and_its_header_covered(ppocrv5_engine, pii_analyzer, screen,
                                                                                   detected):
    config = PiiConfig()
    ocr = OcrStage("all", OcrConfig(), load_vocabulary(), 10**8, reads_bands=lambda s: fails_closed(s, config))
    ocr.engine = ppocrv5_engine
    pii = PiiStage("all", config)
    pii.analyzer = pii_analyzer
    sample = Sample(key="k", shard="s", members={"jpg": jpeg(screen)})
    sample.detected = sample.candidate = detected
    ocr.annotate([sample])
    pii.annotate([sample])
    if detected:
        assert set(sample.band_texts) == {("jpg", 0)}
        top = {e.type for e in sample.entities if e.box[3] < 0.1 * screen.height}
        bottom = {e.type for e in sample.entities if e.box[1] > 0.9 * screen.height}
        assert top == {"PERSON", "DATE_TIME", "PATIENT_ID"} and bottom == {"DATE_TIME"}
    else:
        assert sample.band_texts == {} and sample.entities == []


def test_fails_closed_follows_the_profile():
    sample = Sample(key="k", shard="s", members={"jpg": b""})
    assert not fails_closed(sample, PiiConfig())
    assert fails_closed(sample, PiiConfig(unreadable_text_in="read"))
    sample.detected = True
    assert fails_closed(sample, PiiConfig()) and not fails_closed(sample, PiiConfig(unreadable_text="keep"))


def test_band_scale_is_a_checked_profile_setting():
    profile = Profile.load()
    assert profile.ocr.band_scale == 2.0
    with pytest.raises(PiuFilterError, match="ocr.band_scale"):
        Profile.from_dict({**profile.to_dict(), "ocr": {**profile.to_dict()["ocr"], "band_scale": 9}})
