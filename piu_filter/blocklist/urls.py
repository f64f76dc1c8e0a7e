"""URL normalisation for blocklists, so that one image's URL spelled differently hashes the same.

Rules, in order:
1. surrounding white space is stripped; a URL without a scheme is read as `http://`;
2. scheme and host are lower-cased; a trailing dot on the host is removed; IDN hosts are
   converted to their ASCII (punycode) form;
3. the default port (80 for http, 443 for https) is removed;
4. the fragment (`#...`) is removed;
5. tracking parameters are removed from the query: `utm_*`, `fbclid`, `gclid`, `mc_cid`,
   `mc_eid`, `igshid`, `_ga`; the remaining parameters keep their order;
6. percent-encoding is made canonical: escapes of unreserved characters are decoded, other
   escapes upper-cased, and characters that must be escaped are escaped;
7. an empty path becomes `/`.

A URL that cannot be parsed (a port out of range, say) is hashed as given, after rule 1.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

NORMALIZATION_SCHEME = "piu-filter-url-v1"
TRACKING_PARAMETERS = re.compile(r"^(utm_[a-z0-9_]*|fbclid|gclid|mc_cid|mc_eid|igshid|_ga)$", re.IGNORECASE)
DEFAULT_PORTS = {"http": 80, "https": 443}
_SAFE_PATH = "/:@!$&'()*+,;=-._~"


# URLs already in normal form (the common case) are recognised without being parsed: lower-case
# ASCII host, no port 80/443, a path of unreserved characters, key=value query without tracking keys.
_ALREADY_NORMAL = re.compile(
    r"https?://[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::(?!80(?!\d)|443(?!\d))\d{1,5})?/[A-Za-z0-9/._~!$'()*,;:@-]*"
    r"(?:\?[A-Za-z0-9._~-]+=[A-Za-z0-9._~-]*(?:&[A-Za-z0-9._~-]+=[A-Za-z0-9._~-]*)*)?"
)
_TRACKING_IN_QUERY = re.compile(r"[?&](?:utm_|fbclid=|gclid=|mc_cid=|mc_eid=|igshid=|_ga=)", re.IGNORECASE)


def normalize_url(url: str) -> str:
    if _ALREADY_NORMAL.fullmatch(url) and not _TRACKING_IN_QUERY.search(url):
        return url
    return _normalize_parsed(url)


def _normalize_parsed(url: str) -> str:
    url = url.strip()
    if "://" not in url:
        url = "http://" + url
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:  # not a URL that can be parsed (e.g. a port out of range): hashed as given
        return url
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        host = host.lower()
    netloc = host if port is None or port == DEFAULT_PORTS.get(scheme) else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}{':' + parts.password if parts.password else ''}@{netloc}"
    path = quote(unquote(parts.path), safe=_SAFE_PATH) or "/"
    params = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING_PARAMETERS.match(k)]
    query = urlencode(params, quote_via=quote, safe=_SAFE_PATH.replace("&", "").replace("=", "").replace("+", ""))
    return urlunsplit((scheme, netloc, path, query, ""))


def url_sha256(url: str) -> str:
    """SHA-256 (hex) of the normalised URL."""
    return hashlib.sha256(normalize_url(url).encode("utf-8")).hexdigest()
