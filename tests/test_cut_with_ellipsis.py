"""Text too long for its place ends in "…" (never cut silently at a window's edge, never a
stray space before the "…"), and English counts take the singular for one."""

from __future__ import annotations

import datetime as dt

from textual.widgets import DataTable

from facilitator.app import make_app
from facilitator.i18n import Translator
from facilitator.rules.clock import TZ, FrozenClock
from facilitator.services.demo import demo_meeting, play_demo
from facilitator.services.live import Console
from facilitator.services.meetingfile import import_meeting
from screens.widgets import clip


def test_clip_ends_in_an_ellipsis_without_a_space_before_it():
    assert clip("Đề nghị cho biết tiến độ", 24) == "Đề nghị cho biết tiến độ"
    assert clip("Đề nghị cho biết tiến độ", 23) == "Đề nghị cho biết tiến…"
    assert clip("Đề nghị cho biết tiến độ", 22) == "Đề nghị cho biết tiến…"
    assert clip("Đề nghị cho biết tiến độ", 21) == "Đề nghị cho biết tiế…"


def test_english_counts_of_one_are_singular():
    t = Translator("en")
    assert t("fu.overdue_by_working", days=1) == "OVERDUE by 1 working day"
    assert t("fu.overdue_by_working", days=11) == "OVERDUE by 11 working days"
    assert t("fu.overdue_by", days=1) == "OVERDUE by 1 day"
    assert t("clock.late_working_short", days=1) == "✗ LATE by 1 working day"
    assert t("clock.done_late_working", date="19/11/2021", days=1) == (
        "✓ done 19/11/2021, 1 working day late"
    )
    assert t("verify.intact", code="abc", time="08:49", count=1) == (
        "The minutes are intact. Verification code: abc (08:49; 1 seal)"
    )
    assert t("verify.intact", code="abc", time="08:49", count=2).endswith("(08:49; 2 seals)")
    assert t("conclusion.more_people", count=1) == "… and 1 more person"
    assert t("conclusion.more_people", count=21) == "… and 21 more people"


def played_app(tmp_path, lang: str):
    clock = FrozenClock(dt.datetime(2021, 10, 28, 8, 0, tzinfo=TZ))
    app = make_app(tmp_path / f"{lang}.db", clock=clock, lang=lang)
    console = Console(app.store, import_meeting(app.store, demo_meeting()))
    play_demo(console, clock.advance)
    clock.now = dt.datetime(2026, 12, 3, 9, 0, tzinfo=TZ)  # five years on, as the trial saw
    return app


async def test_the_home_clock_column_is_cut_with_an_ellipsis(tmp_path):
    app = played_app(tmp_path, "en")
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#meetings", DataTable)
        assert table.get_row_at(0) == [
            "1",
            "28/10/2021",
            "Đông Phong",
            "concluded",
            "Evaluate: ✗ LATE…",
        ]
        right = sum(c.get_render_width(table) for c in table.columns.values())
        assert right <= table.scrollable_content_region.width
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert table.get_row_at(0)[4] == "Evaluate: ✗ LATE by 1857 days"
        # the clock under the list: a long line goes on under its own text
        lines = str(app.screen.query_one("#home-clock").render()).splitlines()
        assert lines[3:5] == [
            "  Answer the petitions (15 working days): ✗ LATE by 1259 working days (due",
            "    18/11/2021)",
        ]


async def test_the_follow_up_at_120_columns_shows_the_due_date_and_more_of_each(tmp_path):
    app = played_app(tmp_path, "en")
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        table = app.screen.query_one("#followup", DataTable)
        assert [c.label.plain for c in table.columns.values()] == [
            "Due",
            "Status",
            "Responsible",
            "Content",
        ]
        assert [table.get_row_at(i) for i in range(table.row_count)] == [
            [
                "18/11/2021",
                "OVERDUE by 1259 working days",
                "Công chức Địa chính - Xây dựng",
                "Đề nghị xã đầu tư nâng cấp đường trục thôn…",
            ],
            [
                "18/11/2021",
                "OVERDUE by 1259 working days",
                "Trưởng thôn Đông Phong",
                "Đề nghị bố trí thu gom rác ven kênh tiêu t…",
            ],
            [
                "18/11/2021",
                "OVERDUE by 1259 working days",
                "Hội Nông dân xã",
                "Đề nghị hỗ trợ giống cây vụ đông cho hội v…",
            ],
        ]
        await pilot.press("down")  # the line under the table follows the highlighted one
        await pilot.pause()
        assert str(app.screen.query_one("#fu-selected").render()) == (
            "▸ Due 18/11/2021 · Đông Phong 28/10/2021 · Trưởng thôn Đông Phong: Đề nghị bố "
            "trí thu gom rác ven kênh tiêu thường\nxuyên"
        )
        await pilot.resize_terminal(80, 24)  # narrower: the state, whom and what
        await pilot.pause()
        assert table.get_row_at(1) == [
            "OVERDUE by 1259 working days",
            "Trưởng thôn Đôn…",
            "Đề nghị bố trí thu gom rác v…",
        ]


async def test_the_after_meeting_duties_are_cut_with_an_ellipsis_in_a_narrow_window(tmp_path):
    app = played_app(tmp_path, "en")
    async with app.run_test(size=(70, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        duties = app.screen.query_one("#checklist", DataTable)
        assert [duties.get_row_at(i) for i in range(duties.row_count)] == [
            ["02/11/2021", "✗ LATE by 1857 days", "Đông Phong 28/10/2021", "☐ Evaluate…"],
            ["08/11/2021", "✗ LATE by 1851 days", "Đông Phong 28/10/2021", "☐ Publish…"],
        ]
        right = sum(c.get_render_width(duties) for c in duties.columns.values())
        assert right == duties.scrollable_content_region.width
