"""Every document rendered by LibreOffice and read page by page, as the clerk who signs reads it.

Four meetings: the demo, one with no petitions, one of 300 speakers, one with a long commune name.
All twelve documents are converted in one LibreOffice run (each start costs about 2 s).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from bench.common import big_meeting
from db.store import open_store
from facilitator.documents.pdf import convert, soffice
from facilitator.rules.clock import TZ, FrozenClock
from facilitator.services.demo import demo_meeting, play_demo
from facilitator.services.exporting import export_document
from facilitator.services.live import Console
from facilitator.services.meetingfile import import_meeting

pytestmark = pytest.mark.skipif(
    soffice() is None or shutil.which("pdftotext") is None,
    reason="LibreOffice and poppler-utils are installed by .ci/run",
)

AS_OF = dt.date(2021, 11, 25)
LONG = "Thượng Lâm Đông Hưng Lộc"
KINDS = ("minutes", "conclusion", "report")
SWEEP = 16
MEETINGS = ["demo", "none", "big", "long"]


def _no_petitions() -> dict:
    data = demo_meeting()
    data["petitions"] = []
    return data


def _long_name() -> dict:
    data = demo_meeting()
    data["meeting"]["commune"] = LONG
    data["profile"].update(commune=LONG, ubnd=f"ỦY BAN NHÂN DÂN / XÃ {LONG.upper()}")
    return data


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[tuple[str, str], list[str]]:
    """(meeting, kind) -> the text of each page of its PDF."""
    folder = tmp_path_factory.mktemp("render")
    clock = FrozenClock(dt.datetime(2021, 10, 28, 8, 0, tzinfo=TZ))
    store = open_store(":memory:", clock=clock)
    demo = import_meeting(store, demo_meeting())
    play_demo(Console(store, demo), clock.advance)
    meetings = {
        "demo": demo,
        "none": import_meeting(store, _no_petitions()),
        "big": import_meeting(store, big_meeting(300, 300)),
        "long": import_meeting(store, _long_name()),
    }
    # The body's end walked line by line over a page boundary: the signature block must never
    # leave the last words of the body behind, nor be left without them.
    line = "Giao các thôn tổ chức tuyên truyền để nhân dân biết, thực hiện."
    for k in range(SWEEP):
        data = demo_meeting()
        data["meeting"]["conclusion"] = "\n".join([line] * (3 * k))
        meetings[f"sweep{k}"] = import_meeting(store, data)
    paths: dict[tuple[str, str], Path] = {}
    for name, meeting_id in meetings.items():
        for kind in KINDS[:2] if name.startswith("sweep") else KINDS:
            target = folder / f"{name}-{kind}.docx"
            paths[name, kind] = export_document(
                store, meeting_id, kind, target, as_of=AS_OF, number="5"
            )
    convert(list(paths.values()), folder)
    out = {}
    for key, path in paths.items():
        text = subprocess.run(
            ["pdftotext", "-layout", str(path.with_suffix(".pdf")), "-"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=True,
        ).stdout
        out[key] = text.split("\f")[:-1]
    return out


def first_line(page: str) -> str:
    return next((line.strip() for line in page.splitlines() if line.strip()), "")


@pytest.mark.parametrize("meeting", MEETINGS)
@pytest.mark.parametrize("kind", KINDS)
def test_signature_and_recipients_never_alone(rendered, meeting, kind):
    check_signature_page(rendered[meeting, kind], kind, meeting)


@pytest.mark.parametrize("kind", KINDS[:2])
def test_signature_kept_with_the_body_over_a_page_boundary(rendered, kind):
    page_counts = set()
    for k in range(SWEEP):
        pages = rendered[f"sweep{k}", kind]
        page_counts.add(len(pages))
        check_signature_page(pages, kind, f"sweep{k}")
    # the sweep did cross a page boundary: 3 then 4 pages of minutes, 2 then 3 of conclusion
    assert page_counts == {"minutes": {3, 4}, "conclusion": {2, 3}}[kind]


def check_signature_page(pages: list[str], kind: str, meeting: str) -> None:
    signer = "CHỦ TỌA" if kind == "minutes" else "CHỦ TỊCH"
    holding = [i for i, page in enumerate(pages) if "Nơi nhận:" in page]
    assert len(holding) == 1, (meeting, kind)
    page = pages[holding[0]]
    # the page with "Nơi nhận" also holds the signature and the body's last words "./."
    assert signer in page and "./." in page, (meeting, kind, holding[0] + 1)
    assert "Lưu: VT" in page


@pytest.mark.parametrize("meeting", MEETINGS)
@pytest.mark.parametrize("kind", KINDS)
def test_place_and_date_on_one_line_and_page_numbers(rendered, meeting, kind):
    pages = rendered[meeting, kind]
    commune = LONG if meeting == "long" else "Bình Lãng"
    day = "28 tháng 10 năm 2021" if kind == "minutes" else "25 tháng 11 năm 2021"
    lines = pages[0].splitlines()
    assert any(f"{commune}, ngày {day}" in line for line in lines), lines[:12]
    code = {"minutes": "BB", "conclusion": "TB", "report": "BC"}[kind]
    assert any(f"Số: 05/{code}-UBND" in line for line in lines)
    # page numbers from page 2 of the body: "2", "3"...
    body = [p for p in pages if "DANH SÁCH Ý KIẾN, KIẾN NGHỊ CỦA NHÂN DÂN" not in p]
    body = body[: next(i for i, p in enumerate(pages) if "Nơi nhận:" in p) + 1]
    assert first_line(body[0]) != "1"
    assert [first_line(p) for p in body[1:]] == [str(n) for n in range(2, len(body) + 1)]


@pytest.mark.parametrize("meeting", ["demo", "big", "long"])
def test_appendix_numbered_on_its_own(rendered, meeting):
    pages = rendered[meeting, "report"]
    start = next(i for i, p in enumerate(pages) if "DANH SÁCH Ý KIẾN, KIẾN NGHỊ CỦA NHÂN DÂN" in p)
    appendix = pages[start:]
    assert start >= 1 and "Nơi nhận:" in pages[start - 1]
    assert first_line(appendix[0]) == "Phụ lục"  # no page number on its first page
    assert "(Kèm theo Báo cáo số 05/BC-UBND ngày 25 tháng 11 năm 2021 của Ủy ban nhân dân" in (
        " ".join(appendix[0].split())
    )
    assert [first_line(p) for p in appendix[1:]] == [str(n) for n in range(2, len(appendix) + 1)]
    for page in appendix:  # the head row repeats on every page
        assert re.search(r"STT\s+Nội dung\s+Người kiến nghị", page)
    if meeting == "big":
        assert len(appendix) == 24
        assert "140" in appendix[-1]  # every one of the 140 petitions is listed


def test_no_petitions_no_appendix(rendered):
    text = "\n".join(rendered["none", "report"])
    assert "Phụ lục" not in text and "Kèm theo" not in text
    assert "trong đó:" not in text and "Phân theo lĩnh vực" not in text
    assert "nhân dân không có ý kiến, kiến nghị nào" in " ".join(text.split())
    assert "trong 0 nội dung" not in text and ": 0 ý kiến" not in text  # said in words
    assert "không có nội dung nào phải giao giải quyết" in " ".join(text.split())
