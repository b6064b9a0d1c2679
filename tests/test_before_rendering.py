"""The documents before the meeting rendered by LibreOffice and read page by page, as the clerk
who signs them reads them (one LibreOffice run for all of them)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import pytest

from db.store import open_store
from facilitator.documents.pdf import convert, soffice
from facilitator.rules.clock import TZ, FrozenClock
from facilitator.services.demo import demo_meeting
from facilitator.services.exporting import export_document
from facilitator.services.meetingfile import import_meeting

pytestmark = pytest.mark.skipif(
    soffice() is None or shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="LibreOffice and poppler-utils are installed by .ci/run",
)

KINDS = ("announcement", "invitation", "attendance")
LONG = "Thượng Lâm Đông Hưng Lộc"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, tuple[list[str], tuple[int, int]]]:
    """kind -> (the text of each page, the page's width and height in points)."""
    folder = tmp_path_factory.mktemp("render-before")
    store = open_store(":memory:", clock=FrozenClock(dt.datetime(2021, 10, 18, 9, tzinfo=TZ)))
    meeting_id = import_meeting(store, demo_meeting())
    data = demo_meeting()  # a long commune name: the place-and-date line stays on one line
    data["meeting"]["commune"] = LONG
    data["profile"].update(commune=LONG, ubnd=f"ỦY BAN NHÂN DÂN / XÃ {LONG.upper()}")
    long_id = import_meeting(store, data)
    wanted = [*((meeting_id, kind, kind) for kind in KINDS)]
    wanted += [(long_id, kind, f"long-{kind}") for kind in ("announcement", "attendance")]
    paths = [
        export_document(store, mid, kind, folder / f"{name}.docx", number="5")
        for mid, kind, name in wanted
    ]
    convert(paths, folder)
    out = {}
    for (_mid, _kind, kind), path in zip(wanted, paths, strict=True):
        pdf = str(path.with_suffix(".pdf"))
        text = subprocess.run(
            ["pdftotext", "-layout", pdf, "-"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=True,
        ).stdout
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
        size = next(line for line in info.splitlines() if line.startswith("Page size:"))
        width, height = (round(float(x)) for x in re.findall(r"[\d.]+", size)[:2])
        out[kind] = (text.split("\f")[:-1], (width, height))
    return out


def squeeze(page: str) -> str:
    return " ".join(page.split())


def test_announcement_pages(rendered):
    pages, size = rendered["announcement"]
    assert size == (595, 842)  # A4 portrait, in points
    first = pages[0].splitlines()
    assert any(
        re.search(r"Số: 05/TB-UBND\s+Bình Lãng, ngày 20 tháng 10 năm 2021", x) for x in first
    )
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pages[0]  # on one line
    assert "1. Thời gian: 08 giờ 00 phút, thứ Năm, ngày 28 tháng 10 năm 2021." in squeeze(pages[0])
    # the signature, "Nơi nhận" and the body's last words "./." on the same page
    holding = [i for i, page in enumerate(pages) if "Nơi nhận:" in page]
    assert len(holding) == 1
    last = pages[holding[0]]
    assert "./." in last and "TM. ỦY BAN NHÂN DÂN" in last and "Trần Xuân Mãng" in last
    assert [p.strip().splitlines()[0].strip() for p in pages[1:]] == [
        str(n) for n in range(2, len(pages) + 1)
    ]


def test_one_invitation_a_page_each_signed(rendered):
    pages, size = rendered["invitation"]
    assert size == (595, 842)
    assert len(pages) == 10
    names = []
    for page in pages:
        text = squeeze(page)
        assert text.count("GIẤY MỜI") == 1 and "Số: 05/GM-UBND" in text
        assert (
            "TM. ỦY BAN NHÂN DÂN" in text and "Rất mong đồng chí đến dự đầy đủ, đúng giờ./." in text
        )
        assert "- Như trên;" in text
        # no page number: each invitation is a document of its own
        assert not re.match(r"\s*\d+\s*$", page.strip().splitlines()[0])
        names.append(re.search(r"Đồng chí: ([^\n]+?)\s*$", page, re.M).group(1).strip())
    assert names[0] == "Trần Văn Lực" and names[-1] == "Vũ Văn Tùng"


def test_attendance_landscape_with_its_head_on_every_page(rendered):
    pages, size = rendered["attendance"]
    assert size == (842, 595)  # A4 landscape
    assert len(pages) == 10  # 144 rows: the 120 citizens the demo expects and a fifth more
    for page in pages:  # the column heads repeat on every page
        assert re.search(r"STT\s+Họ và tên\s+Chức vụ, đơn vị / Thôn, xóm\s+Giờ đến\s+Ký tên", page)
    first = squeeze(pages[0])
    assert "DANH SÁCH THAM DỰ" in first and "1 Trần Văn Lực Đại diện Ban Dân vận Huyện ủy" in first
    last = pages[-1]
    assert re.search(r"^\s*144\s*$", last, re.M)  # the last blank row
    assert "THƯ KÝ" in last and "CHỦ TỌA" in last and "Hoàng Thị Yến" in last
    assert "Tổng số: ……… đại biểu; ……… người dân tham dự hội nghị./." in squeeze(last)
    # numbered from page 2
    assert [p.strip().splitlines()[0].strip() for p in pages[1:]] == [
        str(n) for n in range(2, len(pages) + 1)
    ]


def test_a_long_commune_name_keeps_the_date_on_one_line(rendered):
    for kind, day in (("announcement", 20), ("attendance", 28)):
        pages, _size = rendered[f"long-{kind}"]
        lines = pages[0].splitlines()
        assert any(f"{LONG}, ngày {day} tháng 10 năm 2021" in line for line in lines), kind
        assert any("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in line for line in lines)
