import pytest

from piu_filter.urls import normalize_url, url_sha256

BASE = "http://images.example.com/a/b.jpg?id=7"


@pytest.mark.parametrize("variant", [
    "HTTP://IMAGES.Example.COM/a/b.jpg?id=7",
    "http://images.example.com:80/a/b.jpg?id=7",
    "http://images.example.com./a/b.jpg?id=7",
    "http://images.example.com/a/b.jpg?id=7#section",
    "http://images.example.com/a/b.jpg?utm_source=x&id=7&fbclid=abc",
    "http://images.example.com/%61/b.jpg?id=7",
    "  http://images.example.com/a/b.jpg?id=7 ",
])
def test_spellings_of_one_url_normalise_alike(variant):
    assert normalize_url(variant) == normalize_url(BASE)
    assert url_sha256(variant) == url_sha256(BASE)


@pytest.mark.parametrize("other", [
    "https://images.example.com/a/b.jpg?id=7",
    "http://images.example.com:8080/a/b.jpg?id=7",
    "http://images.example.com/a/B.jpg?id=7",
    "http://images.example.com/a/b.jpg?id=8",
])
def test_different_urls_stay_different(other):
    assert url_sha256(other) != url_sha256(BASE)


def test_path_case_kept_and_empty_path_is_slash():
    assert normalize_url("https://Example.com") == "https://example.com/"
    assert normalize_url("https://example.com/Photo%20One.JPG") == "https://example.com/Photo%20One.JPG"
