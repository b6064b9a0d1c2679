"""One watcher of the store file: the screens that follow another process's writes use it.

SQLite's data version changes when another connection has committed; reading it
costs ~80 µs, so it is polled a few times a second. The live screen (the desk's writes),
the chair (the secretary's) and the desk (the secretary's) each compose a StoreWatcher and
handle its ``StoreWatcher.Changed`` message.
"""

from __future__ import annotations

from textual.message import Message
from textual.widget import Widget

from db.store import Store


class StoreWatcher(Widget):
    """Polls the store's data version and posts ``Changed`` when another process wrote."""

    DEFAULT_CSS = "StoreWatcher { display: none; }"

    class Changed(Message):
        """Another connection committed to the store since it was last seen."""

        def __init__(self, watcher: StoreWatcher) -> None:
            super().__init__()
            self.watcher = watcher

        @property
        def control(self) -> StoreWatcher:
            return self.watcher

    def __init__(self, store: Store, interval: float, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.store = store
        self.interval = interval
        self.seen_version = -1

    def on_mount(self) -> None:
        self.set_interval(self.interval, self.check)

    def check(self) -> bool:
        """Post ``Changed`` if the file changed since it was last seen (True if it did)."""
        version = self.store.data_version()
        if version == self.seen_version:
            return False
        self.seen_version = version
        self.post_message(self.Changed(self))
        return True

    def mark_seen(self) -> None:
        """What is shown is the store as it is now (the screen has just reread it)."""
        self.seen_version = self.store.data_version()

    def expire(self) -> None:
        """Post ``Changed`` at the next poll even if nothing was written (a redraw)."""
        self.seen_version = -1
