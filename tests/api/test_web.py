"""The web page: served by the app, and clicked through in headless Chromium.

The browser tests drive Debian's `chromium` over the DevTools protocol with a tiny stdlib
WebSocket client (no browser download, no extra packages). Without chromium they skip, unless
PRESSBRIEF_INSTALL_CHROMIUM=1 (or CI=true) lets them `apt-get install` it first. Screenshots go
to PRESSBRIEF_TEST_OUTPUT (default: test-output/ in the repository).
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from pressbrief.service.cli import main as cli_main

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "examples" / "xinxiang-2024-12-27-business-environment.txt"
OUTPUT = Path(os.environ.get("PRESSBRIEF_TEST_OUTPUT") or ROOT / "test-output")
CHROMIUM_INSTALL = "apt-get update && apt-get install -y chromium fonts-noto-cjk"


# ---- the app, without a browser ---------------------------------------------------------------
def _client(engine=None):
    from fastapi.testclient import TestClient

    from pressbrief.service.api import create_app
    from pressbrief.service.api.testing import FakeEngine
    from pressbrief.service.settings import get_settings

    return TestClient(create_app(get_settings(), engine=engine or FakeEngine()))


def test_page_and_assets_are_served_same_origin_only() -> None:
    with _client() as c:
        page = c.get("/")
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        csp = page.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "connect-src 'self'" in csp
        for path, kind in (("/web/app.js", "javascript"), ("/web/app.css", "text/css")):
            r = c.get(path)
            assert r.status_code == 200 and kind in r.headers["content-type"]
            assert not re.search(r"https?://", r.text), path  # nothing fetched from elsewhere
        assert 'id="text"' in page.text and 'src="/web/app.js"' in page.text
        assert not re.search(r"(src|href)=\"https?://", page.text)
        assert c.get("/v1/briefs").status_code == 405  # the API is still the API
        assert "/" not in [r.path for r in c.app.routes if getattr(r, "include_in_schema", False)]


# ---- a minimal DevTools-protocol client -------------------------------------------------------
class WebSocket:
    """Just enough RFC 6455 for DevTools: masked text frames out, (fragmented) frames in."""

    def __init__(self, url: str, timeout: float = 30.0):
        m = re.match(r"ws://([^/:]+):(\d+)(/.*)", url)
        assert m, url
        host, port, path = m.group(1), int(m.group(2)), m.group(3)
        self.sock = socket.create_connection((host, port), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            (
                f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
            ).encode()
        )
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("websocket handshake failed")
            head += chunk
        status = head.split(b"\r\n", 1)[0]
        assert b" 101 " in status, status
        self.buf = head.split(b"\r\n\r\n", 1)[1]

    def _read(self, n: int) -> bytes:
        while len(self.buf) < n:
            chunk = self.sock.recv(max(65536, n - len(self.buf)))
            if not chunk:
                raise ConnectionError("websocket closed")
            self.buf += chunk
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def send(self, text: str) -> None:
        payload = text.encode()
        header = bytearray([0x81])
        n = len(payload)
        if n < 126:
            header.append(0x80 | n)
        elif n < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", n)
        mask = os.urandom(4)
        self.sock.sendall(bytes(header) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def recv(self) -> str:
        parts = []
        while True:
            b0, b1 = self._read(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._read(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._read(8))[0]
            data = self._read(n)
            opcode = b0 & 0x0F
            if opcode == 0x8:
                raise ConnectionError("websocket closed by the browser")
            if opcode in (0x9, 0xA):  # ping/pong: ignore
                continue
            parts.append(data)
            if b0 & 0x80:
                return b"".join(parts).decode()

    def close(self) -> None:
        self.sock.close()


class Page:
    """One browser tab: call DevTools methods, collect JS exceptions."""

    def __init__(self, ws_url: str):
        self.ws = WebSocket(ws_url)
        self.next_id = 0
        self.exceptions: list[str] = []
        self.requests: list[str] = []  # every URL the page asked for (Network domain)
        self.call("Page.enable")
        self.call("Network.enable")
        self.call("Runtime.enable")

    def call(self, method: str, **params):
        self.next_id += 1
        my_id = self.next_id
        self.ws.send(json.dumps({"id": my_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("method") == "Network.requestWillBeSent":
                self.requests.append(msg["params"]["request"]["url"])
            if msg.get("method") == "Runtime.exceptionThrown":
                d = msg["params"]["exceptionDetails"]
                self.exceptions.append(d.get("exception", {}).get("description") or d.get("text", "?"))
            if msg.get("id") == my_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})

    def js(self, expression: str):
        r = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in r:
            raise RuntimeError(f"{expression[:80]}: {r['exceptionDetails']}")
        return r["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 60.0, interval: float = 0.2):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.js(expression)
            if value:
                return value
            time.sleep(interval)
        raise TimeoutError(f"waited {timeout:.0f} s for {expression}")

    def goto(self, url: str) -> None:
        self.call("Page.navigate", url=url)
        self.wait_for("document.readyState === 'complete'", timeout=20)

    def click(self, selector: str) -> None:
        box = self.js(
            f"(() => {{ const r = document.querySelector({json.dumps(selector)}).getBoundingClientRect();"
            " return [r.x + r.width / 2, r.y + r.height / 2]; })()"
        )
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=box[0], y=box[1], button="left", clickCount=1)

    def screenshot(self, path: Path, width: int = 1280) -> None:
        height = int(self.js("Math.ceil(document.documentElement.scrollHeight)") or 900)
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=min(height, 6000),
            deviceScaleFactor=1,
            mobile=False,
        )
        shot = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(shot["data"]))

    def close(self) -> None:
        self.ws.close()


def _find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def _ensure_chromium() -> str:
    path = _find_chromium()
    if path:
        return path
    allowed = os.environ.get("PRESSBRIEF_INSTALL_CHROMIUM") == "1" or os.environ.get("CI") == "true"
    if allowed and os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        try:
            subprocess.run(["bash", "-c", CHROMIUM_INSTALL], env=env, capture_output=True, timeout=900)
        except (OSError, subprocess.TimeoutExpired):
            pass
        path = _find_chromium()
        if path:
            return path
    pytest.skip(
        f"headless Chromium not installed; install it with: {CHROMIUM_INSTALL} "
        "(or run with PRESSBRIEF_INSTALL_CHROMIUM=1 as root)"
    )


class Browser:
    def __init__(self, exe: str):
        self.profile = tempfile.mkdtemp(prefix="pressbrief-chromium-")
        args = [
            exe,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-default-apps",
            "--hide-scrollbars",
            "--mute-audio",
            f"--user-data-dir={self.profile}",
            # no network but this machine's loopback: the pages must not need the internet
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
            "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0",
            "--window-size=1280,900",
            "about:blank",
        ]
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 30
        self.port = None
        lines: list[str] = []
        while time.monotonic() < deadline:
            line = self.proc.stderr.readline()
            if not line and self.proc.poll() is not None:
                break
            lines.append(line)
            m = re.search(r"DevTools listening on ws://127\.0\.0\.1:(\d+)/", line)
            if m:
                self.port = int(m.group(1))
                break
        if self.port is None:
            self.close()
            raise RuntimeError("chromium did not start:\n" + "".join(lines[-20:]))
        # keep draining stderr so chromium never blocks on a full pipe
        threading.Thread(target=lambda: [None for _ in self.proc.stderr], daemon=True).start()

    def new_page(self) -> Page:
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}/json/new?about:blank", method="PUT")
        with urllib.request.urlopen(req, timeout=10) as resp:
            target = json.loads(resp.read())
        return Page(target["webSocketDebuggerUrl"])

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


@pytest.fixture(scope="module")
def browser():
    b = Browser(_ensure_chromium())
    try:
        yield b
    finally:
        b.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_ready(base: str, proc: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(base + "/readyz", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise TimeoutError("server not ready")


@pytest.fixture(scope="module")
def tiny_server():
    """`pressbrief serve --model tiny-qwen2` on a free loopback port."""
    port = _free_port()
    # One token per candidate: the guard falls back to the pipeline's template brief, so the click-through
    # is quick and its English brief has numbers (random-weight text rarely has any).
    env = {
        **os.environ,
        "PRESSBRIEF_API_KEYS": "",
        "PRESSBRIEF_CORS_ORIGINS": "",
        "PRESSBRIEF_MAX_NEW_TOKENS": "1",
        "PRESSBRIEF_MAX_CANDIDATES": "0",
    }
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pressbrief.service.cli",
            "serve",
            "--model",
            "tiny-qwen2",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(base, proc, timeout=90)
        yield base
    except (RuntimeError, TimeoutError) as exc:
        log.seek(0)
        pytest.fail(f"pressbrief serve did not come up: {exc}\n{log.read().decode(errors='replace')[-3000:]}")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _click_through(page: Page, base: str, shot: Path) -> dict:
    page.goto(base + "/")
    page.wait_for("document.body.dataset.state === 'idle'", timeout=10)
    page.js("document.getElementById('text').focus()")
    page.call("Input.insertText", text=REFERENCE.read_text(encoding="utf-8"))  # a paste, as a person does
    page.click("#go")
    state = page.wait_for(
        "['done', 'error'].includes(document.body.dataset.state) && document.body.dataset.state", timeout=120
    )
    facts = page.js("""(() => ({
        state: document.body.dataset.state,
        error: document.getElementById('error').hidden ? '' : document.getElementById('error').textContent,
        en: document.getElementById('brief-en').innerText,
        zh: document.getElementById('brief-zh').innerText,
        rows: [...document.querySelectorAll('#highlights tbody tr')].map(tr => tr.id),
        rowText: [...document.querySelectorAll('#highlights tbody tr')].map(tr => tr.innerText),
        marks: document.querySelectorAll('#source mark.metric').length,
        mentions: document.querySelectorAll('#source mark.mention').length,
        links: [...document.querySelectorAll('a.num:not(.srcref)')].map(a => a.getAttribute('href')),
        srcLinks: [...document.querySelectorAll('a.num.srcref')].map(a => a.getAttribute('href')),
        srcLinksOk: [...document.querySelectorAll('a.num.srcref')].every(
            a => document.querySelector(a.getAttribute('href'))?.closest('#source') !== null),
        source: document.getElementById('source').innerText,
        pasted: document.getElementById('text').value.length,
        sentenceMarks: [...document.querySelectorAll('#brief-en sup.src-mark a')].map(a => a.title),
        sentenceNotes: [...document.querySelectorAll('#brief-en ol.sources li')].map(li => li.innerText),
        marksReachNotes: [...document.querySelectorAll('#brief-en sup.src-mark a')].every(
            a => document.querySelector(a.getAttribute('href'))?.closest('ol.sources') !== null),
    }))()""")
    page.screenshot(shot)
    assert state == "done", facts["error"]
    return facts


def test_click_through_with_the_tiny_model(browser: Browser, tiny_server: str) -> None:
    page = browser.new_page()
    try:
        facts = _click_through(page, tiny_server, OUTPUT / "web-click-through-tiny.png")
    finally:
        page.close()
    text = REFERENCE.read_text(encoding="utf-8")
    assert facts["pasted"] == len(text)
    assert facts["source"].replace("\n", "") == text.replace("\n", "")  # the source shown whole
    assert facts["rows"], "no highlights shown"
    assert facts["marks"] == len(facts["rows"])  # each highlight marked in the source
    assert "10430" in " ".join(facts["rowText"]) or "10,430" in " ".join(facts["rowText"])
    for href in facts["links"]:
        assert href[1:] in facts["rows"]
    assert facts["srcLinksOk"]
    assert facts["en"].strip() and facts["zh"].strip()
    assert facts["links"], "no number of the briefs links to the table"
    # each English sentence is followed by a mark whose title quotes the Chinese it rests on, and which links to
    # the same quote in the notes under the brief
    assert facts["sentenceMarks"] and facts["marksReachNotes"]
    flat = re.sub(r"\s+", "", text)
    for quote in facts["sentenceMarks"]:
        assert all(re.sub(r"\s+", "", part) in flat for part in quote.split(" … ")), quote
    assert len(facts["sentenceNotes"]) == len(facts["sentenceMarks"])
    assert page.exceptions == []
    assert (OUTPUT / "web-click-through-tiny.png").stat().st_size > 10_000


class _ReferenceEngine:
    """A fake engine with the numeric core's real highlights (no model), for the page's own logic."""

    def __new__(cls):
        from pressbrief.service.api.testing import FakeEngine

        engine = FakeEngine()
        real_extract = engine.extract

        def summarize(args, cancel, progress=None):
            highlights = []
            try:
                from pressbrief.service.numeric import extract, extraction_to_json

                highlights = extraction_to_json(extract(args.text)).get("metrics", [])[: args.max_highlights]
            except ImportError:
                pass
            parts = [h.get("rendered_en") for h in highlights if h.get("rendered_en")]
            return {
                "brief_zh": "新增商标注册10430件。",
                "brief_zh_hant": "新增商標註冊10430件。",
                "brief_en": "Figures: " + "; ".join(parts) + ".",
                "highlights": highlights,
                "guard": {"checked": len(parts), "repaired": 0, "dropped": 0, "fallback": True},
                "coverage": {},
                "timing": {"total_s": 0.01},
                "model": "reference-fake",
            }

        def extract_fn(text):
            try:
                from pressbrief.service.numeric import extract, extraction_to_json

                return extraction_to_json(extract(text))
            except ImportError:
                return real_extract(text)

        engine.summarize = summarize
        engine.extract = extract_fn
        return engine


@pytest.fixture(scope="module")
def fake_server():
    """The real app with a fake engine, served by uvicorn in a thread."""
    import uvicorn

    from pressbrief.service.api import create_app
    from pressbrief.service.settings import get_settings

    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(get_settings(), engine=_ReferenceEngine()), host="127.0.0.1", port=port, log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_click_through_links_numbers_with_real_highlights(browser: Browser, fake_server: str) -> None:
    import pressbrief.service.numeric as numeric

    if not hasattr(numeric, "extract"):
        pytest.skip("the numeric core (pressbrief.service.numeric.extract) is not ready yet")
    page = browser.new_page()
    try:
        facts = _click_through(page, fake_server, OUTPUT / "web-click-through-fake.png")
        assert page.exceptions == []
        # every number of the English brief links to a highlight row; hovering one marks its row
        assert facts["links"] and all(h[1:] in facts["rows"] for h in facts["links"])
        assert facts["srcLinksOk"]
        unlinked = page.js("document.querySelectorAll('#results span.unlinked').length")
        assert unlinked == 0
        assert facts["marks"] == len(facts["rows"]) and facts["mentions"] > 0
    finally:
        page.close()


@pytest.fixture(scope="module")
def slow_server():
    """The real app with a fake engine that writes 80 tokens, 50 ms each: time to watch the progress."""
    import uvicorn

    from pressbrief.service.api import create_app
    from pressbrief.service.api.testing import FakeEngine
    from pressbrief.service.settings import get_settings

    port = _free_port()
    engine = FakeEngine("slow-fake", tokens=80, step_s=0.05)  # its own model: no other server claims its jobs
    server = uvicorn.Server(uvicorn.Config(create_app(get_settings(), engine=engine), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_the_page_shows_live_progress_from_the_job_events(browser: Browser, slow_server: str) -> None:
    page = browser.new_page()
    try:
        page.goto(slow_server + "/")
        page.wait_for("document.body.dataset.state === 'idle'", timeout=10)
        page.js("document.getElementById('text').focus()")
        page.call("Input.insertText", text=REFERENCE.read_text(encoding="utf-8")[:600])
        page.click("#go")
        shown = page.wait_for("(t => /\\d+ tokens/.test(t) && t)(document.getElementById('progress').textContent)",
                              timeout=30, interval=0.1)
        page.screenshot(OUTPUT / "web-live-progress.png")
        assert "tokens" in shown
        page.wait_for("document.body.dataset.state === 'done'", timeout=30)
        assert page.js("document.getElementById('brief-zh').innerText").startswith("简报")
        assert page.exceptions == []
    finally:
        page.close()


def test_api_docs_render_offline(browser: Browser, fake_server: str) -> None:
    """/docs (Swagger UI) and /redoc from the package's own files; the browser can reach no other host."""
    page = browser.new_page()
    try:
        page.goto(fake_server + "/docs")
        title = page.wait_for("(document.querySelector('.swagger-ui .info .title') || {}).textContent", timeout=30)
        assert "pressbrief" in title
        ops = page.wait_for("document.querySelectorAll('.opblock').length", timeout=30)
        assert ops >= 10  # /v1/briefs ... /v1/jobs/{id}/events
        page.screenshot(OUTPUT / "api-docs-offline.png")
        page.goto(fake_server + "/redoc")
        assert page.wait_for("document.querySelectorAll('[data-section-id]').length", timeout=30) > 5
        page.screenshot(OUTPUT / "api-redoc-offline.png")
        assert page.exceptions == []
        foreign = [u for u in page.requests if not u.startswith((fake_server, "data:", "blob:", "about:"))]
        assert foreign == [], foreign
    finally:
        page.close()


def test_pack_sentences_reach_their_chinese_source(browser: Browser, tmp_path: Path) -> None:
    """The HTML pack of a batch (tiny model): after each English sentence a mark whose title quotes the Chinese it
    rests on, linking to the same quote in the notes under the brief; the pack runs no script."""
    out, pack = tmp_path / "out.jsonl", tmp_path / "pack.html"
    assert cli_main(["batch", str(REFERENCE), "--out", str(out), "--model", "tiny-qwen2", "-q"]) == 0
    assert cli_main(["render", str(out), "-o", str(pack), "--lang", "both"]) == 0
    page = browser.new_page()
    try:
        page.goto(pack.as_uri())
        facts = page.js("""(() => ({
            marks: [...document.querySelectorAll('section.brief sup.src-mark a')].map(a => ({
                title: a.title, target: document.querySelector(a.getAttribute('href'))?.innerText || null})),
            sentences: document.querySelectorAll('section.brief sup.src-mark').length,
        }))()""")
        page.click("section.brief sup.src-mark a")
        hash_ = page.js("location.hash")
        page.screenshot(OUTPUT / "pack-sentence-sources.png")
    finally:
        page.close()
    text = re.sub(r"\s+", "", REFERENCE.read_text(encoding="utf-8"))
    assert facts["marks"] and len(facts["marks"]) == facts["sentences"]
    for mark in facts["marks"]:
        assert mark["target"] and re.sub(r"\s+", "", mark["title"]) in re.sub(r"\s+", "", mark["target"])
        assert all(re.sub(r"\s+", "", part) in text for part in mark["title"].split(" … "))
    assert hash_.endswith("-1")  # the first mark took the reader to its quote
