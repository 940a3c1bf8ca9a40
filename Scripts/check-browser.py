#!/usr/bin/env python3
"""Drives headless Chromium through beleid's web app as a user does.

Run by Scripts/check-browser, which starts `beleid serve` on the bundled
Corpus plus a few hostile documents and passes its URL:

    python3 Scripts/check-browser.py URL WORK_FOLDER

It speaks the Chrome DevTools Protocol over a pipe (--remote-debugging-pipe:
JSON messages ended by NUL bytes on file descriptors 3 and 4), so it needs
nothing but Python and Debian's chromium. It types a query into the search
box and presses Enter, reads the hits and the facet counts and checks them
against the JSON API, clicks a facet, opens a document from the keyboard,
ticks two hits and composes a newsletter, downloads its HTML through the
browser, and opens every page that shows a hostile document to check that
nothing in them runs. Screenshots of each page go to docs/screenshots.
"""

import base64
import json
import os
import queue
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from html.parser import HTMLParser


class Browser:
    """Headless Chromium and one page, driven over the DevTools protocol."""

    def __init__(self, profile):
        to_browser = os.pipe()
        from_browser = os.pipe()
        # The browser reads commands on fd 3 and writes answers on fd 4.
        keep = {3: os.dup(to_browser[0]), 4: os.dup(from_browser[1])}

        def descriptors():
            for target, source in keep.items():
                os.dup2(source, target)

        self.process = subprocess.Popen(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--remote-debugging-pipe", f"--user-data-dir={profile}", "--no-first-run",
             "--disable-extensions", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=descriptors, pass_fds=(3, 4))
        for fd in (*keep.values(), to_browser[0], from_browser[1]):
            os.close(fd)
        self.writer = os.fdopen(to_browser[1], "wb", buffering=0)
        self.reader = os.fdopen(from_browser[0], "rb", buffering=0)
        self.next_id = 0
        self.answers = {}
        self.events = queue.Queue()
        self.lock = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()
        self.session = None
        target = self.command("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.command("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.command(f"{domain}.enable")
        self.dialogs = []
        self.console = []

    def _read(self):
        buffer = b""
        while True:
            chunk = self.reader.read(65536)
            if not chunk:
                return
            buffer += chunk
            while b"\0" in buffer:
                message, buffer = buffer.split(b"\0", 1)
                data = json.loads(message)
                if "id" in data:
                    with self.lock:
                        self.answers[data["id"]] = data
                        self.lock.notify_all()
                else:
                    self.events.put(data)

    def command(self, method, browser=False, **params):
        """Sends a command (to the page, or to the browser) and waits for its answer."""
        self.next_id += 1
        number = self.next_id
        message = {"id": number, "method": method, "params": params}
        if self.session and not browser:
            message["sessionId"] = self.session
        self.writer.write(json.dumps(message).encode() + b"\0")
        deadline = time.time() + 30
        with self.lock:
            while number not in self.answers:
                if not self.lock.wait(timeout=max(0.0, deadline - time.time())):
                    raise TimeoutError(f"{method}: no answer from chromium")
            answer = self.answers.pop(number)
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        return answer.get("result", {})

    def wait_for(self, method, timeout=30, where=lambda params: True):
        """The next event `method` (others are noted), within `timeout` seconds."""
        deadline = time.time() + timeout
        while True:
            try:
                event = self.events.get(timeout=max(0.01, deadline - time.time()))
            except queue.Empty:
                raise TimeoutError(f"no {method} from chromium") from None
            self._note(event)
            if event.get("method") == method and where(event.get("params", {})):
                return event["params"]

    def _note(self, event):
        method, params = event.get("method"), event.get("params", {})
        if method == "Page.javascriptDialogOpening":
            self.dialogs.append(params.get("message"))
            self.command("Page.handleJavaScriptDialog", accept=False)
        elif method == "Runtime.consoleAPICalled":
            self.console.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
        elif method == "Log.entryAdded":
            self.console.append(params.get("entry", {}).get("text", ""))

    def drain(self):
        """Notes the events that have arrived."""
        while True:
            try:
                self._note(self.events.get_nowait())
            except queue.Empty:
                return

    def open(self, url):
        """Loads `url` and waits for its load event."""
        self.command("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def after(self, action):
        """Runs `action`, which navigates, and waits for the new page to load."""
        action()
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression):
        """The value of a JavaScript expression in the page."""
        result = self.command("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def html(self):
        return self.evaluate("document.documentElement.outerHTML")

    def key(self, key, code, keycode, text=""):
        """Presses and releases one key."""
        for kind in ("keyDown", "keyUp"):
            params = {"type": kind, "key": key, "code": code, "windowsVirtualKeyCode": keycode,
                      "nativeVirtualKeyCode": keycode}
            if text and kind == "keyDown":
                params["text"] = text
            self.command("Input.dispatchKeyEvent", **params)

    def type(self, text):
        """Types `text` into the focused element."""
        self.command("Input.insertText", text=text)

    def click(self, selector):
        """Clicks the middle of the first element that `selector` matches, with the mouse."""
        box = self.evaluate(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)}); if (!e) return null;"
            " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
            " return [r.left + r.width / 2, r.top + r.height / 2]; })()")
        if box is None:
            raise RuntimeError(f"nothing on the page matches {selector}")
        for kind in ("mousePressed", "mouseReleased"):
            self.command("Input.dispatchMouseEvent", type=kind, x=box[0], y=box[1], button="left", clickCount=1)

    def language(self, code):
        """Sends `Accept-Language: code` from now on."""
        agent = self.command("Browser.getVersion", browser=True)["userAgent"]
        self.command("Emulation.setUserAgentOverride", userAgent=agent, acceptLanguage=code)

    def screenshot(self, url, path, width, height):
        self.command("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1,
                     mobile=width < 600)
        self.open(url)
        data = self.command("Page.captureScreenshot", format="png")["data"]
        with open(path, "wb") as file:
            file.write(base64.b64decode(data))
        self.command("Emulation.clearDeviceMetricsOverride")

    def close(self):
        try:
            self.command("Browser.close", browser=True)
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


class Page(HTMLParser):
    """The parts of a page the checks read."""

    def __init__(self, text):
        super().__init__()
        self.hits, self.facets, self.stack, self.lang, self.h1, self.total = [], {}, [], None, "", None
        self.facet, self.summary, self.concepts, self.capture, self.chosen = None, 0, 0, None, []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "li" and a.get("class") == "hit":
            self.hits.append({"language": a.get("data-language"), "title": ""})
        if (tag == "a" and self.hits and self.capture is None and not self.hits[-1]["title"]
                and a.get("href", "").startswith("/documents/")):
            self.hits[-1]["href"] = a["href"]
            self.capture = "title"
        if tag == "h2" and self.stack and self.stack[-1] == "facet":
            self.capture = "facet"
        if tag == "section" and a.get("class") == "facet":
            self.stack.append("facet")
        if tag == "a" and self.facet and "href" in a:
            self.facets[self.facet].append({"href": a["href"]})
            self.capture = "value"
        if tag == "span" and a.get("class") == "count" and self.facet:
            self.capture = "count"
        if tag == "span" and a.get("class") == "title":
            self.chosen.append("")
            self.capture = "chosen"
        if tag == "strong" and a.get("id") == "total":
            self.capture = "total"
        if tag == "h1":
            self.capture = "h1"
        if tag == "section" and a.get("class") == "summary":
            self.summary += 1
        if tag == "article" and a.get("class") == "concept":
            self.concepts += 1

    def handle_endtag(self, tag):
        if tag == "section" and self.stack:
            self.stack.pop()
            self.facet = None
        if tag in ("a", "h2", "span", "strong", "h1"):
            self.capture = None

    def handle_data(self, data):
        if self.capture == "title":
            self.hits[-1]["title"] += data
        elif self.capture == "facet":
            self.facet = data.strip()
            self.facets[self.facet] = []
        elif self.capture == "value":
            self.facets[self.facet][-1]["label"] = data.strip()
        elif self.capture == "count":
            self.facets[self.facet][-1]["count"] = int(data)
        elif self.capture == "total":
            self.total = int(data)
        elif self.capture == "h1":
            self.h1 += data
        elif self.capture == "chosen":
            self.chosen[-1] += data


failures = []


def check(condition, message):
    print(("ok    " if condition else "FAIL  ") + message, flush=True)
    if not condition:
        failures.append(message)


def api(base, path, **params):
    return json.load(urllib.request.urlopen(f"{base}{path}?" + urllib.parse.urlencode(params)))


def search_like_a_user(browser, base):
    """Types a query, reads hits and facets, filters, opens a document from the keyboard."""
    query = "supply chain security"
    browser.language("en")
    browser.open(base + "/")
    browser.evaluate("document.querySelector('#q').focus()")
    browser.type(query)
    browser.after(lambda: browser.key("Enter", "Enter", 13, "\r"))
    shown = urllib.parse.parse_qs(urllib.parse.urlparse(browser.evaluate("location.href")).query)
    check(shown.get("q") == [query], f"the typed query is in the URL, to share: {shown.get('q')}")
    page = Page(browser.html())
    answer = api(base, "/api/search", q=query, limit=10)
    check(page.lang == "en", "English labels for an English browser")
    check(page.total == answer["total"], f"the page's total ({page.total}) is the API's ({answer['total']})")
    check([h["title"] for h in page.hits] == [h["title"] for h in answer["results"]["hits"]],
          f"{len(page.hits)} hits, the API's, in its order")
    check(any(h["language"] == "nl" for h in page.hits), "Dutch documents among the hits of an English query")
    counts = {item["label"]: item["count"] for item in page.facets.get("Language", [])}
    expected = {{"nl": "Dutch", "en": "English"}[k]: v for k, v in answer["facets"]["languages"].items()}
    check(counts == expected, f"language facet counts {counts} are the API's")
    types = {item["label"]: item["count"] for item in page.facets.get("Document type", [])}
    check(types and types == answer["facets"]["types"], f"document type facet counts {types} are the API's")

    # A facet, clicked with the mouse.
    browser.after(lambda: browser.click("section.facet a[href*='lang=nl']"))
    narrowed = Page(browser.html())
    check(narrowed.total == answer["facets"]["languages"]["nl"] and all(h["language"] == "nl" for h in narrowed.hits),
          f"the Dutch facet narrows to its count ({narrowed.total}), all Dutch")
    browser.open(base + "/?" + urllib.parse.urlencode({"q": query, "ui": "en"}))
    browser.after(lambda: browser.click("section.facet a[href*='type=']"))
    chosen = urllib.parse.parse_qs(urllib.parse.urlparse(browser.evaluate("location.href")).query).get("type", [""])[0]
    by_type = Page(browser.html())
    check(chosen in types and by_type.total == types[chosen],
          f"the type facet '{chosen}' narrows to its count ({by_type.total})")

    # Back to all hits; the first one opened from the keyboard.
    browser.open(base + "/?" + urllib.parse.urlencode({"q": query, "ui": "en"}))
    browser.evaluate("document.querySelector('li.hit h2 a').focus()")
    browser.after(lambda: browser.key("Enter", "Enter", 13, "\r"))
    document = Page(browser.html())
    check(document.h1.strip() == page.hits[0]["title"].strip(), "Enter on the first hit opens its document")
    check(document.summary == 1, "the document page has a summary")
    check(browser.evaluate("document.querySelectorAll('article mark').length") > 0,
          "the document page marks the query's matches")
    browser.language("nl")
    browser.open(base + "/?" + urllib.parse.urlencode({"q": query}))
    dutch = Page(browser.html())
    check(dutch.lang == "nl" and "Taal" in dutch.facets, "Dutch labels for a Dutch browser")
    browser.language("en")
    return query, answer, page


def compose_a_newsletter(browser, base, query, answer, work):
    """Ticks two hits, composes, previews and downloads the HTML digest."""
    browser.open(base + "/?" + urllib.parse.urlencode({"q": query, "ui": "en"}))
    browser.click("#doc-1")
    browser.click("#doc-2")
    ticked = browser.evaluate("[...document.querySelectorAll('input[name=doc]:checked')].map(e => e.value)")
    check(len(ticked) == 2, "two hits ticked with the mouse")
    browser.after(lambda: browser.click("#compose button"))
    composer = Page(browser.html())
    titles = [h["title"] for h in answer["results"]["hits"][:2]]
    check([c.strip() for c in composer.chosen] == titles, f"the composer lists the two ticked documents: {composer.chosen}")
    preview = browser.evaluate("document.querySelector('iframe.preview') && document.querySelector('iframe.preview').src")
    check(bool(preview), "the composer shows a preview")
    downloads = os.path.join(work, "downloads")
    os.makedirs(downloads, exist_ok=True)
    browser.command("Browser.setDownloadBehavior", browser=True, behavior="allow", downloadPath=downloads,
                    eventsEnabled=True)
    browser.click("a.chip[href*='format=html']")
    browser.wait_for("Browser.downloadProgress", where=lambda p: p.get("state") in ("completed", "canceled"))
    files = [name for name in os.listdir(downloads) if not name.endswith(".crdownload")]
    check(files == ["newsletter.html"], f"the browser downloaded the HTML digest: {files}")
    if files:
        digest = open(os.path.join(downloads, files[0]), encoding="utf-8").read()
        check(all(title in digest for title in titles), "the downloaded HTML holds both documents")
    url = browser.evaluate("location.href")
    return url, os.path.join(downloads, "newsletter.html")


def digest_fits(browser, digest, shots):
    """Opens the downloaded HTML digest 600 px wide, as a mail reader would: nothing may be wider than the body."""
    browser.command("Emulation.setDeviceMetricsOverride", width=600, height=900, deviceScaleFactor=1, mobile=False)
    browser.open("file://" + os.path.abspath(digest))
    wide = browser.evaluate(
        "[...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > "
        "document.body.clientWidth + 1).map(e => e.tagName + ' ' + (e.textContent || '').slice(0, 40))")
    check(wide == [], f"the HTML digest fits 600 px: nothing wider than the body ({wide[:3]})")
    check(browser.evaluate("document.documentElement.scrollWidth <= 600"), "the HTML digest does not scroll sideways")
    data = browser.command("Page.captureScreenshot", format="png")["data"]
    with open(f"{shots}/digest-600.png", "wb") as file:
        file.write(base64.b64decode(data))
    browser.command("Emulation.clearDeviceMetricsOverride")


def nothing_runs(browser, base):
    """Every page that shows a hostile document: no script of theirs runs."""
    answer = api(base, "/api/search", q="xsshostile", limit=20, translate="false")
    keys = [hit["key"] for hit in answer["results"]["hits"]]
    check(len(keys) >= 3, f"the hostile documents are indexed ({len(keys)})")
    pages = [base + "/?" + urllib.parse.urlencode({"q": "xsshostile", "ui": "en"})]
    pages += [base + "/documents/" + urllib.parse.quote(key, safe="") + "?q=xsshostile" for key in keys]
    composer = base + "/newsletter?" + urllib.parse.urlencode([("doc", key) for key in keys] + [("ui", "en")])
    pages.append(composer)
    browser.open(composer)
    pages += [base + href for href in browser.evaluate(
        "[...document.querySelectorAll('a.chip[href*=\"format=html\"]')].map(a => a.getAttribute('href')"
        ".replace('&download=1', ''))")]
    inspect = """(() => {
      const own = [...document.scripts].every(s => s.getAttribute('src') && s.getAttribute('src').startsWith('/static/'));
      const handlers = [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on')));
      const links = [...document.querySelectorAll('a[href], iframe[src], form[action]')]
        .map(e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action'))
        .filter(u => /^\\s*(javascript|data|vbscript):/i.test(u));
      return {own, handlers: handlers.length, links, pwned: window.pwned === true, text: document.body.innerText};
    })()"""
    for url in pages:
        browser.dialogs.clear()
        browser.console.clear()
        browser.open(url)
        time.sleep(0.2)
        browser.drain()
        found = browser.evaluate(inspect)
        path = urllib.parse.unquote(urllib.parse.urlparse(url).path)
        name = path if not path.startswith("/documents/") else "/documents/…/" + os.path.basename(path)
        blocked = [line for line in browser.console if "Content Security Policy" in line]
        clean = (found["own"] and found["handlers"] == 0 and not found["links"] and not found["pwned"]
                 and not browser.dialogs and not blocked)
        check(clean, f"nothing runs on {name}: {found['handlers']} handlers, links {found['links']}, "
              f"dialogs {browser.dialogs}, policy reports {blocked[:1]}")
    titled = [key for key in keys if key.endswith("title.md")]
    check(len(titled) == 1, "the document with a script in its title is found")
    if titled:
        browser.open(base + "/documents/" + urllib.parse.quote(titled[0], safe=""))
        check("<script>" in browser.evaluate("document.querySelector('h1').textContent"),
              "a title's <script> shows as text")


def main():
    base, work = sys.argv[1].rstrip("/"), sys.argv[2]
    shots = "docs/screenshots"
    os.makedirs(shots, exist_ok=True)
    browser = Browser(os.path.join(work, "profile"))
    try:
        query, answer, page = search_like_a_user(browser, base)
        composer, digest = compose_a_newsletter(browser, base, query, answer, work)
        if os.path.exists(digest):
            digest_fits(browser, digest, shots)
        glossary = base + "/glossary?term=ketenveiligheden&ui=en"
        browser.open(glossary)
        check(Page(browser.html()).concepts >= 1, "the glossary page finds ketenveiligheid from an inflected form")
        nothing_runs(browser, base)
        for url, name in [(base + "/?" + urllib.parse.urlencode({"q": query, "ui": "en"}), "search"),
                          (base + page.hits[0]["href"], "document"),
                          (base + "/glossary?term=ketenveiligheid&ui=en", "glossary"), (composer, "newsletter")]:
            for width, height in [(375, 812), (1280, 900)]:
                browser.screenshot(url, f"{shots}/{name}-{width}.png", width, height)
        print(f"screenshots in {shots}/")
    finally:
        browser.close()
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
