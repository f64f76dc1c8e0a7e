import pytest

from piu_filter.blocklist.urls import normalize_url, url_sha256

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


def test_fast_path_agrees_with_the_full_normalisation():
    import random

    from piu_filter.blocklist.urls import _ALREADY_NORMAL, _normalize_parsed

    rng = random.Random(0)
    alphabet = "abcXYZ09-._~%/?=&#:@+ "
    checked = 0
    for _ in range(50_000):
        host = rng.choice(["a.b", "A.b", "a.b.", "a-b.c:80", "x.y:8080", "x.y:443", "x.y:99999"])
        url = f"http{rng.choice(['', 's'])}://{host}/" + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        if _ALREADY_NORMAL.fullmatch(url):
            checked += 1
            assert normalize_url(url) == _normalize_parsed(url) == url
    assert checked > 1000


def test_unparseable_urls_are_hashed_as_given():
    assert normalize_url("http://x.y:99999999/a") == "http://x.y:99999999/a"
