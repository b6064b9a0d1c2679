"""Reading the biên bản back to the hall (đọc lại biên bản), after the conclusion and before
"Thông qua biên bản" (issue 16.2).

The text is the biên bản itself, as exported (the .docx's paragraphs and its table of
assignments), cut into pages of a fixed size, so that the secretary's console and every chair
view show the same page. The page turned to is kept in the database (``meetings.readback_page``):
the chair view follows it as it follows the queue.
"""

from __future__ import annotations

import io
import textwrap

from db.store import Store
from facilitator.rules.errors import RuleError
from facilitator.services.live import Console
from facilitator.services.seal import digest, last_seal, record_items

PAGE_WIDTH = 70  # characters a line: fits an 80-column chair view with its margins
PAGE_LINES = 17  # lines a page: fits 80x24 under the heading, with the help and key lines
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
    pages: list[list[str]] = []
    page: list[str] = []
    for paragraph in paragraphs:
        wrapped = textwrap.wrap(paragraph, width=width) or [""]
        need = len(wrapped) + (1 if page else 0)
        if page and len(page) + need > lines:
            pages.append(page)
            page = []
        if page:
            page.append("")
        for line in wrapped:
            if len(page) == lines:
                pages.append(page)
                page = []
            page.append(line)
    if page:
        pages.append(page)
    return pages or [[]]


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
        self._key: str | None = None
        self._pages: list[list[str]] = [[]]

    @property
    def pages(self) -> list[list[str]]:
        """The pages, rebuilt only when the text changed (a correction made meanwhile)."""
        store, meeting_id = self.console.store, self.console.meeting_id
        key = content_key(store, meeting_id)
        if key != self._key:
            self._pages = paginate(minutes_paragraphs(store, meeting_id))
            self._key = key
        return self._pages

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
