"""The test harness's wait after each key (tests/pilot_idle.py): the Pilot goes on only once
what a key set off has run, also what waits for the screen's next refresh."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Label

from tests.pilot_idle import work_due


class Deferred(App[None]):
    """Each key changes the label only after the next refresh, as cursor moves and scrolls do."""

    def __init__(self) -> None:
        super().__init__()
        self.keys: list[str] = []

    def compose(self) -> ComposeResult:
        yield Label("", id="keys")

    def on_key(self, event) -> None:
        key = event.key
        self.call_after_refresh(self.record, key)

    def record(self, key: str) -> None:
        self.keys.append(key)
        self.query_one("#keys", Label).update(" ".join(self.keys))


async def test_a_key_is_done_with_when_the_pilot_goes_on():
    app = Deferred()
    async with app.run_test() as pilot:
        for expected in (["a"], ["a", "b"], ["a", "b", "c"]):
            await pilot.press(expected[-1])
            assert app.keys == expected
        assert str(app.query_one("#keys", Label).render()) == "a b c"


class Settling(App[None]):
    """Each key is taken 8 ms later, as Textual takes a new window size."""

    def __init__(self) -> None:
        super().__init__()
        self.keys: list[str] = []

    def on_key(self, event) -> None:
        key = event.key
        self.set_timer(1 / 120, lambda: self.keys.append(key))


async def test_a_key_is_done_with_after_a_short_timer():
    app = Settling()
    async with app.run_test() as pilot:
        for expected in (["a"], ["a", "b"], ["a", "b", "c"]):
            await pilot.press(expected[-1])
            assert app.keys == expected


async def test_work_due_sees_a_refresh_that_is_asked_for():
    app = Deferred()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert not work_due(app)
        app.screen.refresh(layout=True)
        assert work_due(app)
        await pilot.pause()
        assert not work_due(app)
        app.call_after_refresh(app.record, "x")
        assert work_due(app)
        await pilot.pause()
        assert app.keys == ["x"]
        assert not work_due(app)


class Breaks(App[None]):
    """A label that raises when it is drawn, once told to."""

    def compose(self) -> ComposeResult:
        yield Label("ok", id="fragile")


async def test_a_widget_that_cannot_draw_itself_still_fails_its_test():
    """tests/headless_frames.py: the frame a test ends on is composed whole, so a render
    error is not hidden by the frames skipped on the way."""
    import pytest
    from textual.strip import Strip

    app = Breaks()

    def broken(y: int) -> Strip:
        raise RuntimeError("cannot draw")

    with pytest.raises(RuntimeError, match="cannot draw"):
        async with app.run_test() as pilot:
            await pilot.pause()
            label = app.query_one("#fragile", Label)
            label.render_line = broken  # type: ignore[method-assign]
            label.refresh()
            await pilot.pause()
            assert str(label.render()) == "ok"  # the layout and the widget's own render run


async def test_the_layout_follows_every_change_without_the_frames():
    app = Breaks()
    async with app.run_test(size=(40, 10)) as pilot:
        label = app.query_one("#fragile", Label)
        label.update("much longer text than before")
        await pilot.pause()
        assert label.size.width == len("much longer text than before")
        assert app.screen.get_widget_at(3, 0)[0] is label


def test_the_shared_css_parse_follows_the_variables():
    """tests/css_cache.py: the same CSS read with other theme variables is parsed again."""
    from textual.css.stylesheet import Stylesheet

    css = "Label { color: $accent; }"
    colors = []
    for accent in ("#ff0000", "#00ff00", "#ff0000"):
        sheet = Stylesheet(variables={"accent": accent})
        sheet.add_source(css, read_from=("test.tcss", ""))
        sheet.parse()
        colors.append(sheet.rules[0].styles.color.hex)
    assert colors == ["#FF0000", "#00FF00", "#FF0000"]
