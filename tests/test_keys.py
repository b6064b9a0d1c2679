"""Every key in sight at 80x24 (issue 13.1): the key line, key names, form hints, focus."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input

from facilitator.app import make_app
from facilitator.rules.clock import FrozenClock
from facilitator.services.demo import demo_meeting
from facilitator.services.meetingfile import import_meeting
from screens.keybar import KeyBar, fit, key_label


def live_app(tmp_path: Path, clock: FrozenClock, lang: str = "vi"):
    app = make_app(tmp_path / "m.db", clock=clock, lang=lang, export_dir=tmp_path / "out")
    app.meeting_id = import_meeting(app.store, demo_meeting())
    return app


def bar(app) -> str:
    return str(app.screen.query_one(KeyBar).render())


def test_keys_are_named_as_printed_on_the_keyboard():
    assert [key_label(k) for k in ("f1", "f10", "ctrl+s", "escape", "delete", "ctrl+up")] == [
        "F1",
        "F10",
        "Ctrl+S",
        "Esc",
        "Del",
        "Ctrl+↑",
    ]


def test_the_key_line_shortens_labels_before_it_drops_a_key():
    items = [(f"F{n}", "Nhãn rất là dài", "Ngắn") for n in range(1, 11)]
    items.append(("Del", "Vắng", "Vắng"))
    assert fit(items, 200, keep=10)[0][-1] == ("Del", "Vắng")
    items.pop()
    assert fit(items, 200, keep=10) == ([(f"F{n}", "Nhãn rất là dài") for n in range(1, 11)], " ")
    pairs, gap = fit(items, 80, keep=10)
    assert (pairs, gap) == ([(f"F{n}", "Ngắn") for n in range(1, 11)], " ")
    pairs, gap = fit(items, 60, keep=10)
    assert [k for k, _ in pairs] == [f"F{n}" for n in range(1, 11)]
    assert gap == ""
    assert sum(len(k) + len(label) for k, label in pairs) + 9 <= 60


@pytest.mark.parametrize("lang", ["vi", "en"])
async def test_f1_to_f10_in_sight_at_80x24(tmp_path, clock, lang):
    app = live_app(tmp_path, clock, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for focus in ("#editor", "#queue", "#minutes-log"):
            app.screen.query_one(focus).focus()
            await pilot.pause()
            text = bar(app)
            assert len(text) <= 80
            keys = [word for word in text.split() if word[:1] == "F" and word[1:2].isdigit()]
            assert [f"F{n}" for n in range(1, 11)] == [
                next(f"F{n}" for n in range(10, 0, -1) if k.startswith(f"F{n}")) for k in keys
            ]
            assert "f1" not in text
        assert app.screen.query_one(KeyBar).region.bottom == 24  # on screen, last line
        await pilot.press("f8")
        assert app.store.meeting(app.meeting_id).status == "live"


async def test_full_labels_at_120_columns_and_a_click_presses_the_key(tmp_path, clock):
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        text = bar(app)
        assert text.startswith("F1 Trợ giúp F2 Đăng ký F3 Mời tiếp")
        assert text.endswith("F9 Kết luận F10 Xuất")
        x = text.index("F8 Bước sau") + 2
        await pilot.click(KeyBar, offset=(x, 0))
        await pilot.pause()
        assert app.store.meeting(app.meeting_id).status == "live"


@pytest.mark.parametrize(
    "keys",
    [["f1"], ["f2"], ["f7"], ["ctrl+r"], ["f9", "f7"], ["ctrl+t", "f7"], ["ctrl+t", "f2"]],
)
async def test_every_form_shows_its_save_hint_at_80x24(tmp_path, clock, keys):
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter")
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        hint = app.screen.query_one("#form-hint")
        assert hint.region.height == 1 and hint.region.bottom <= 24, hint.region
        assert "Esc" in str(hint.render())


async def test_the_desk_shows_its_save_hint_at_80x24(tmp_path, clock):
    app = make_app(tmp_path / "m.db", clock=clock, mode="desk")
    import_meeting(app.store, demo_meeting())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        hint = app.screen.query_one("#form-hint")
        assert hint.region.height >= 1 and hint.region.bottom <= 23, hint.region  # above keys
        assert "Enter" in str(hint.render())


async def test_the_focused_field_and_table_are_marked(tmp_path, clock):
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        queue = app.screen.query_one("#queue", DataTable)
        log = app.screen.query_one("#minutes-log", DataTable)
        queue.focus()
        await pilot.pause()
        assert queue.styles.border_left[1] != log.styles.border_left[1]  # accent beside focus
        await pilot.press("ctrl+t")
        await pilot.pause()
        fields = list(app.screen.query("#prep-details Input").results(Input))
        assert fields[0].has_focus
        # Every preparation field has its border; the focused one's differs from the others'.
        assert all(f.styles.border_top[0] not in ("", "none") for f in fields)
        assert fields[0].styles.border_top[1] != fields[1].styles.border_top[1]
