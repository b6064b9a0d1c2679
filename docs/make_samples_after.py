"""Pictures of the papers after the meeting (docs/samples/), at 60 dpi: the Công văn forwarding
petitions, the báo cáo's part on complaints and satisfaction, the periodic summary.

Needs LibreOffice and poppler-utils (pdftoppm). Run from the repository:

    uv run python docs/make_samples_after.py
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from db.store import open_store  # noqa: E402
from facilitator.documents.pdf import convert  # noqa: E402
from facilitator.documents.summary import summary_document  # noqa: E402
from facilitator.rules.clock import TZ, FrozenClock  # noqa: E402
from facilitator.services import followup, publication  # noqa: E402
from facilitator.services.conclusion import decide  # noqa: E402
from facilitator.services.demo import demo_meeting, play_demo  # noqa: E402
from facilitator.services.exporting import export_document, export_forward  # noqa: E402
from facilitator.services.live import Console  # noqa: E402
from facilitator.services.meetingfile import import_meeting  # noqa: E402
from facilitator.services.summary import summarise  # noqa: E402

AS_OF = dt.date(2021, 11, 25)


def picture(pdf: Path, page: int, target: Path) -> None:
    stem = pdf.with_name(f"{pdf.stem}-{page}")
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-singlefile", "-f", str(page), "-l", str(page)]
        + [str(pdf), str(stem)],
        check=True,
    )
    shutil.copyfile(stem.with_suffix(".png"), target)
    print(target)


def main() -> None:
    out = ROOT / "docs" / "samples"
    out.mkdir(parents=True, exist_ok=True)
    clock = FrozenClock(dt.datetime(2021, 10, 28, 8, 0, tzinfo=TZ))
    store = open_store(":memory:", clock=clock)
    meeting_id = import_meeting(store, demo_meeting())
    console = Console(store, meeting_id)
    play_demo(console, clock.advance)
    pre = [p for p in store.petitions(meeting_id) if p.speaker_id is None]
    decide(
        console,
        pre[3].id,
        "forwarded",
        forwarded_to="Văn phòng Đăng ký đất đai huyện",
        answer="Xã đã làm việc với các hộ liên quan, chưa thống nhất được ranh giới.",
        answered_by_name="Lê Văn Nam",
        answered_by_position="Phó Chủ tịch UBND xã",
    )
    console.answer_petition(pre[4].id, kind="complaint")
    answered = next(p for p in store.petitions(meeting_id) if p.outcome == "answered")
    publication.set_satisfaction(store, answered.id, "satisfied")
    assigned = next(p for p in store.petitions(meeting_id) if p.outcome == "assigned")
    assert assigned.assignment is not None
    # an answer is recorded once it is given: the clock moves to the day of the report
    clock.advance((dt.datetime(2021, 11, 25, 9, 0, tzinfo=TZ) - clock()).total_seconds())
    followup.record_answer(store, assigned.assignment.id, dt.date(2021, 11, 15), "written")
    publication.set_satisfaction(store, assigned.id, "unsatisfied")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        [letter] = export_forward(store, meeting_id, work, as_of=dt.date(2021, 11, 1))
        report = export_document(
            store, meeting_id, "report", work / "bao-cao.docx", as_of=AS_OF, number="5"
        )
        summary = work / "tong-hop.docx"
        figures = summarise(store, dt.date(2021, 1, 1), dt.date(2021, 12, 31), AS_OF)
        summary.write_bytes(summary_document(store, figures, number="12"))
        pdfs = convert([letter, report, summary], work)
        picture(pdfs[0], 1, out / "cong-van-chuyen.png")
        picture(pdfs[1], 2, out / "bao-cao-khieu-nai-hai-long.png")
        picture(pdfs[2], 1, out / "tong-hop-first.png")


if __name__ == "__main__":
    main()
