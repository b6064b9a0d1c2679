"""Reading the biên bản back to the hall (đọc lại biên bản), after the conclusion and before
"Thông qua biên bản" (issue 16.2).

The text is the biên bản itself, as exported (the .docx's paragraphs and its table of
assignments), cut into pages as long as the secretary's window holds (``meetings.readback_lines``,
set by her read-back screen), so that the secretary's console and every chair view show the same
page with the same number. The page turned to is kept in the database
(``meetings.readback_page``): the chair view follows it as it follows the queue.
"""

from __future__ import annotations

import io
import textwrap

from db.store import Store
from facilitator.rules.errors import RuleError
from facilitator.services.live import Console
from facilitator.services.seal import digest, last_seal, record_items

PAGE_WIDTH = 70  # characters a line: fits an 80-column chair view with its margins
PAGE_LINES = 17  # lines a page by default: fits 80x24 under the heading, the help and key lines
LEAST_LINES = 8  # a page never shorter, whatever the window
READBACK_REFUSED = "readback.refused"  # the error key (facilitator/messages.py)


def minutes_paragraphs(store: Store, meeting_id: int) -> list[str]:
    """The biên bản's text from its title to "./.": paragraphs, and one line per row of the
    assignments table (cells joined by " | "). The header block and signatures are left out."""
    from docx import Document
    from docx.oxml.ns import qn

    from facilitator.documents import build

    document = Document(io.BytesIO(build(store, meeting_id, "minutes")))
    paragraphs: list[str] = []
    started = False
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            text = "".join(t.text or "" for t in child.iter(qn("w:t"))).strip()
            if not started:
                started = text == "BIÊN BẢN"
            if started and text:
                paragraphs.append(text)
            if started and text.endswith("./."):
                break
        elif child.tag == qn("w:tbl") and started:
            for row in child.iter(qn("w:tr")):
                cells = [
                    "".join(t.text or "" for t in cell.iter(qn("w:t"))).strip()
                    for cell in row.iter(qn("w:tc"))
                ]
                line = " | ".join(c for c in cells if c)
                if line:
                    paragraphs.append(line)
    return paragraphs


def paginate(
    paragraphs: list[str], width: int = PAGE_WIDTH, lines: int = PAGE_LINES
) -> list[list[str]]:
    """Pages of at most ``lines`` lines of at most ``width`` characters; a blank line between
    paragraphs; a paragraph that does not fit on the page begins the next one, and runs over
    pages only when it is longer than a page."""
    return [[text for _, text in page] for page in _layout(paragraphs, width, lines)]


def _layout(paragraphs: list[str], width: int, lines: int) -> list[list[tuple[int, str]]]:
    """``paginate``'s pages, each line with the number of the text line it is (0, 1, …: the
    lines of the paragraphs one after the other, blank lines between them not counted)."""
    pages: list[list[tuple[int, str]]] = []
    page: list[tuple[int, str]] = []
    number = 0
    for paragraph in paragraphs:
        wrapped = textwrap.wrap(paragraph, width=width) or [""]
        need = len(wrapped) + (1 if page else 0)
        if page and len(page) + need > lines:
            pages.append(page)
            page = []
        if page:
            page.append((-1, ""))
        for line in wrapped:
            if len(page) == lines:
                pages.append(page)
                page = []
            page.append((number, line))
            number += 1
    if page:
        pages.append(page)
    return pages or [[]]


def same_place(paragraphs: list[str], page: int, lines: int, new_lines: int) -> int:
    """The page, once pages are ``new_lines`` long, that holds the first line of ``page`` of
    pages ``lines`` long: a longer or shorter window goes on where the reading was."""
    old = _layout(paragraphs, PAGE_WIDTH, lines)
    if not 0 <= page < len(old):
        return 0
    first = next((n for n, _ in old[page] if n >= 0), 0)
    new = _layout(paragraphs, PAGE_WIDTH, new_lines)
    for i, lines_of in enumerate(new):
        if any(n >= first for n, _ in lines_of):
            return i
    return len(new) - 1


def content_key(store: Store, meeting_id: int) -> str:
    """Changes whenever the text read back would: the minutes and decisions (what a seal
    covers), the speakers' names and the seal itself. Cheap next to building the document."""
    speakers = [[s.id, s.title, s.name, s.hamlet, s.gist] for s in store.speakers(meeting_id)]
    sealed = last_seal(store, meeting_id)
    return digest(
        {
            "items": [item.digest for item in record_items(store, meeting_id)],
            "speakers": speakers,
            "seal": sealed.code if sealed else None,
        }
    )


class ReadBack:
    """The read-back of one meeting's biên bản, turned page by page by the secretary."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self._key: tuple[str, int] | None = None
        self._pages: list[list[str]] = [[]]

    @property
    def pages(self) -> list[list[str]]:
        """The pages, rebuilt only when the text changed (a correction made meanwhile)."""
        store, meeting_id = self.console.store, self.console.meeting_id
        key = (content_key(store, meeting_id), self.lines)
        if key != self._key:
            self._pages = paginate(minutes_paragraphs(store, meeting_id), lines=key[1])
            self._key = key
        return self._pages

    @property
    def lines(self) -> int:
        """The length of a page, in lines (as the secretary's window holds)."""
        return self.console.store.readback_lines(self.console.meeting_id) or PAGE_LINES

    def fit(self, lines: int) -> int:
        """Pages ``lines`` long (the secretary's window; never under ``LEAST_LINES``), going
        on at the page that holds where the reading was; returns that page."""
        lines = max(LEAST_LINES, lines)
        page = self.start()
        if lines == self.lines:
            return page
        store, meeting_id = self.console.store, self.console.meeting_id
        paragraphs = minutes_paragraphs(store, meeting_id)
        new = same_place(paragraphs, page, self.lines, lines)
        store.set_readback_lines(meeting_id, lines, new)
        return new

    @property
    def page(self) -> int | None:
        return self.console.store.readback_page(self.console.meeting_id)

    def start(self) -> int:
        """Starts reading back (from the page where it stopped, else the first)."""
        if not self.console.meeting.concluded:
            raise RuleError(READBACK_REFUSED)
        page = self.page
        if page is None:
            page = 0
            store = self.console.store
            with store.write():
                store.set_readback_page(self.console.meeting_id, page)
                store.log(self.console.meeting_id, "readback.started", {})
        return page

    def turn(self, delta: int) -> int:
        """Next (+1) or previous (-1) page; stays on the first or last one."""
        page = self.start()
        last = len(self.pages) - 1
        new = max(0, min(last, page + delta))
        if new != page:
            self.console.store.set_readback_page(self.console.meeting_id, new)
        return new

    def stop(self) -> None:
        """Ends the read-back: the chair view shows the meeting again."""
        store = self.console.store
        if self.page is None:
            return
        with store.write():
            store.set_readback_page(self.console.meeting_id, None)
            store.log(self.console.meeting_id, "readback.ended", {})


def entries_on_page(pages: list[list[str]], texts: list[tuple[int, str]], page: int) -> list[int]:
    """The ids of the entries (id, text) whose words are printed on ``page``, in order: an
    entry is found by the start of its text (spacing ignored: a paragraph is wrapped into
    lines, a text of several lines is several paragraphs) and spans as far as its text is
    long, so one running over from the page before is on this one too."""
    flat: list[str] = []
    bounds: list[tuple[int, int]] = []
    at = 0
    for lines in pages:
        text = " ".join(" ".join(lines).split())
        bounds.append((at, at + len(text)))
        flat.append(text)
        at += len(text) + 1
    whole = " ".join(flat)
    if not 0 <= page < len(bounds):
        return []
    start, end = bounds[page]
    found: list[int] = []
    cursor = 0
    for entry_id, text in texts:
        words = " ".join(text.split())
        if not words:
            continue
        pos = whole.find(words[:30], cursor)
        if pos < 0:
            pos = whole.find(words[:30])
        if pos < 0:
            continue
        cursor = pos + 1
        if pos < end and pos + len(words) > start:
            found.append(entry_id)
    return found
