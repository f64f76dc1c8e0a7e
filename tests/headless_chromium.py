"""Open a page in headless Chromium over the DevTools protocol: its console errors, its sections, a screenshot.

Console errors are what DevTools shows in red: `console.error` and `console.assert` calls, uncaught
exceptions, and log entries of level error (a resource that failed to load, a blocked request).
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

BINARIES = ("chromium", "chromium-browser", "google-chrome")
WAIT_SECONDS = 30


def chromium_binary() -> str | None:
    return next((found for name in BINARIES if (found := shutil.which(name))), None)


@dataclass
class RenderedPage:
    console_errors: list[str]
    boxes: dict[str, dict[str, float]]   # element id -> its bounding box in page pixels
    broken_images: int                    # <img> elements that did not decode
    screenshot: bytes                     # PNG of the whole page


class _DevTools:
    def __init__(self, url: str) -> None:
        import websocket

        self.socket = websocket.create_connection(url, timeout=WAIT_SECONDS, suppress_origin=True)
        self.next_id = 0
        self.events: list[dict] = []

    def call(self, method: str, **params) -> dict:
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message["result"]
            self.events.append(message)

    def wait_for(self, method: str) -> None:
        deadline = time.monotonic() + WAIT_SECONDS
        while not any(event.get("method") == method for event in self.events):
            if time.monotonic() > deadline:
                raise TimeoutError(f"no {method} within {WAIT_SECONDS} s")
            self.events.append(json.loads(self.socket.recv()))

    def console_errors(self) -> list[str]:
        errors = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
                errors.append(" ".join(str(arg.get("value", arg.get("description"))) for arg in params["args"]))
            elif method == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                errors.append(details.get("exception", {}).get("description") or details.get("text", "exception"))
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                errors.append(f"{params['entry']['text']} {params['entry'].get('url', '')}".strip())
        return errors


def render(page: Path, ids: list[str], width: int = 1280) -> RenderedPage:
    """Load `page` in a fresh headless Chromium and report what DevTools saw, where each id lies, and a screenshot."""
    binary = chromium_binary()
    assert binary is not None, "no chromium on this machine"
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:  # its helpers may still write there
        browser = subprocess.Popen(
            [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
             "--remote-debugging-port=0", f"--user-data-dir={profile}", f"--window-size={width},900", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            return _inspect(_page_socket(browser), page, ids, width)
        finally:
            browser.terminate()
            browser.wait(timeout=WAIT_SECONDS)


def _page_socket(browser: subprocess.Popen) -> str:
    """The DevTools websocket of the browser's first page, from the port it announces on stderr."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        line = browser.stderr.readline()
        found = re.search(r"DevTools listening on ws://[^:]+:(\d+)/", line)
        if found:
            with urllib.request.urlopen(f"http://127.0.0.1:{found.group(1)}/json/list", timeout=WAIT_SECONDS) as answer:
                return next(t["webSocketDebuggerUrl"] for t in json.load(answer) if t["type"] == "page")
        if not line and browser.poll() is not None:
            break
    raise RuntimeError("chromium did not announce its DevTools port")


def _inspect(socket_url: str, page: Path, ids: list[str], width: int) -> RenderedPage:
    tools = _DevTools(socket_url)
    try:
        for domain in ("Runtime", "Log", "Page"):
            tools.call(f"{domain}.enable")
        tools.call("Page.navigate", url=page.resolve().as_uri())
        tools.wait_for("Page.loadEventFired")
        probe = ("JSON.stringify({boxes: Object.fromEntries(IDS.map(id => [id, document.getElementById(id)])"
                 ".filter(([, e]) => e).map(([id, e]) => { const r = e.getBoundingClientRect();"
                 " return [id, {top: r.top + scrollY, height: r.height, width: r.width}]; })),"
                 " broken: [...document.images].filter(i => !i.complete || i.naturalWidth === 0).length})")
        probe = probe.replace("IDS", json.dumps(ids))
        found = json.loads(tools.call("Runtime.evaluate", expression=probe, returnByValue=True)["result"]["value"])
        height = tools.call("Page.getLayoutMetrics")["cssContentSize"]["height"]
        shot = tools.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                          clip={"x": 0, "y": 0, "width": width, "height": height, "scale": 1})
        return RenderedPage(tools.console_errors(), found["boxes"], found["broken"], base64.b64decode(shot["data"]))
    finally:
        tools.socket.close()


if __name__ == "__main__":  # `make report-png`: python tests/headless_chromium.py PAGE.html OUT.png
    import sys

    Path(sys.argv[2]).write_bytes(render(Path(sys.argv[1]), [], width=1100).screenshot)
