"""Báo cáo tổng hợp kết quả tiếp xúc, đối thoại over a period (``facilitator summary --doc``).
Always Vietnamese; the commune's current profile."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Protocol

from docx.text.paragraph import Paragraph

from facilitator.documents.builders import OUTCOME_WORDS
from facilitator.documents.layout import Header, OfficialDocument
from facilitator.rules.clock import Clock
from facilitator.rules.kinds import KIND_WORDS
from facilitator.rules.profile import Profile
from facilitator.rules.text import date_words

if TYPE_CHECKING:
    from facilitator.services.summary import Summary

OUTCOME_LABELS = {
    **{k: v for k, v in OUTCOME_WORDS.items() if k is not None},
    "none": OUTCOME_WORDS[None],
    "law": "Khiếu nại, tố cáo chuyển xử lý theo quy định của pháp luật",
}


class ProfileSource(Protocol):
    """The store: the commune's current profile and the clock."""

    clock: Clock

    def profile(self) -> Profile: ...


def summary_document(source: ProfileSource, summary: Summary, number: str | None = None) -> bytes:
    return summary_report(source.profile(), summary, source.clock(), number)


def summary_report(
    profile: Profile, summary: Summary, now: dt.datetime, number: str | None = None
) -> bytes:
    """The period's figures as a báo cáo, under the commune's ``profile``."""
    communes = [m.commune for m, _n in summary.meetings]
    profile = profile.resolved(profile.commune or (communes[-1] if communes else ""))
    doc = OfficialDocument()
    doc.header(
        Header(profile.ubnd_lines, number, "BC-UBND", date_words(summary.as_of, profile.commune))
    )
    period = f"từ ngày {summary.start:%d/%m/%Y} đến ngày {summary.end:%d/%m/%Y}"
    doc.title(
        "BÁO CÁO",
        f"Tổng hợp kết quả tiếp xúc, đối thoại trực tiếp với nhân dân {period}",
    )
    _meetings(doc, profile, summary, period)
    _petitions(doc, summary)
    doc.end_with_stop(_answers(doc, summary))
    doc.recipients_and_signature(
        profile.recipient_lines("report"),
        ["TM. ỦY BAN NHÂN DÂN", *profile.signer_lines],
        "",
    )
    title = f"Báo cáo tổng hợp kết quả tiếp xúc, đối thoại {period}"
    return doc.to_bytes(title, profile.author, now)


def _meetings(doc: OfficialDocument, profile: Profile, summary: Summary, period: str) -> None:
    """I. The meetings held: one row each, with the number of opinions received."""
    doc.heading("I. CÁC HỘI NGHỊ ĐÃ TỔ CHỨC")
    if not summary.meetings:
        doc.para(f"Trong thời gian {period}, không tổ chức hội nghị tiếp xúc, đối thoại nào.")
    else:
        doc.para(
            f"Trong thời gian {period}, {profile.author} đã tổ chức {len(summary.meetings)} hội "
            f"nghị tiếp xúc, đối thoại trực tiếp với nhân dân, tiếp nhận {summary.petitions} ý "
            "kiến, kiến nghị:"
        )
        doc.grid(
            ["STT", "Ngày", "Thôn", "Chủ trì", "Số ý kiến"],
            [
                [str(i), f"{m.date:%d/%m/%Y}", m.village, m.chair_name, str(n)]
                for i, (m, n) in enumerate(summary.meetings, start=1)
            ],
            [14, 28, 45, 53, 25],
            centred=(0, 1, 4),
        )
        doc.para("", after=0)


def _petitions(doc: OfficialDocument, summary: Summary) -> None:
    """II. The opinions by kind, by field and by outcome."""
    doc.heading("II. Ý KIẾN, KIẾN NGHỊ CỦA NHÂN DÂN")
    if not summary.petitions:
        doc.para("Không có ý kiến, kiến nghị nào.")
    else:
        for title, rows in (
            ("1. Theo loại", [(KIND_WORDS[k], n) for k, n in summary.kinds]),
            ("2. Theo lĩnh vực", summary.fields),
            ("3. Theo kết quả xử lý", [(OUTCOME_LABELS[k], n) for k, n in summary.outcomes]),
        ):
            doc.para(title, bold=True).paragraph_format.keep_with_next = True
            doc.grid(
                ["STT", "Nội dung", "Số ý kiến"],
                [[str(i), label, str(n)] for i, (label, n) in enumerate(rows, start=1)],
                [14, 121, 30],
                centred=(0, 2),
            )
            doc.para("", after=0)


def _answers(doc: OfficialDocument, summary: Summary) -> Paragraph:
    """III. The assigned items answered on time, late or not yet; returns the last paragraph."""
    doc.heading("III. KẾT QUẢ GIẢI QUYẾT CÁC NỘI DUNG GIAO GIẢI QUYẾT")
    assigned = summary.on_time + summary.late + summary.still_open + summary.unassigned
    if not assigned:
        return doc.para(
            f"Tính đến {date_words(summary.as_of)}, không có nội dung nào phải giao giải quyết"
        )
    extra = (
        f"; {summary.unassigned} nội dung chưa phân công người chịu trách nhiệm"
        if summary.unassigned
        else ""
    )
    return doc.para(
        f"Tính đến {date_words(summary.as_of)}, trong {assigned} nội dung giao giải quyết: "
        f"{summary.on_time} nội dung đã trả lời đúng hạn; {summary.late} nội dung trả lời "
        f"quá hạn; {summary.still_open} nội dung chưa trả lời (trong đó {summary.overdue} "
        f"nội dung đã quá hạn){extra}"
    )
