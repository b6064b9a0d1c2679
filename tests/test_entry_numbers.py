"""One number per minutes entry, wherever the secretary sees it: the editor's line ("#N"),
``facilitator amend`` (its list and --entry), verify's messages. After an undone call (its
entry removed) the numbers of the other entries do not move."""

from __future__ import annotations

import re

import pytest

from facilitator.rules.errors import RuleError
from facilitator.rules.text import titled
from facilitator.services.seal import entry_id_at
from tests.helpers import live_app, run_cli


def shown_number(app) -> int:
    line = str(app.screen.query_one("#editing").render())
    found = re.search(r"#(\d+)", line)
    assert found, line
    return int(found.group(1))


def listed(tmp_path, lang: str = "vi") -> dict[int, str]:
    """``facilitator amend 1``'s entry lines, by their number."""
    done = run_cli("--lang", lang, "amend", "1", db=tmp_path / "m.db")
    assert done.returncode == 0, done.stderr
    rows = {}
    for line in done.stdout.splitlines():
        found = re.match(r"\s*(\d+)  (\d\d:\d\d)  (.*)$", line)
        if found:
            rows[int(found.group(1))] = f"{found.group(2)}  {found.group(3)}"
    return rows


async def test_the_editor_number_is_the_amend_number_after_an_undone_call(tmp_path, clock):
    app = live_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8", "f3", "enter")
        await pilot.pause()
        await pilot.press("f3")  # the next one, by mistake
        await pilot.pause()
        await pilot.press("ctrl+z")  # the wrong call's entry is removed
        await pilot.pause()
        await pilot.press("f3")  # the next one, called for real
        await pilot.pause()
        khai = app.store.speaking(app.meeting_id)
        await pilot.press(*"Xin sua duong.")
        app.screen.flush()
        number = shown_number(app)
        assert entry_id_at(app.store, app.meeting_id, number) == app.screen.editing_id
        await pilot.press("ctrl+n", *"Ghi chu")
        app.screen.flush()
        note = shown_number(app)
        assert entry_id_at(app.store, app.meeting_id, note) == app.screen.editing_id
        await pilot.press("f6")
        await pilot.pause()
        count = len(app.store.minutes(app.meeting_id))
        with pytest.raises(RuleError, match="không có ghi chép số 999"):
            entry_id_at(app.store, app.meeting_id, 999)
    rows = listed(tmp_path)
    assert rows[number] == f"08:00  {titled(khai.title, khai.name)} · Xin sua duong."
    assert rows[note] == "08:00  ghi chú · Ghi chu"
    assert rows[1] == "08:00  bước họp · 1. Khai mạc"
    assert len(rows) == count
    assert max(rows) > len(rows)  # the removed entry's number is not given to another
    assert listed(tmp_path, "en")[note] == "08:00  note · Ghi chu"
