"""``facilitator serve``: the chair view and the queue page in a browser, over the hall's own
network, with no internet.

``/`` is textual-serve's page: each browser gets its own ``facilitator chair --read-only``
process, the same ChairScreen as on the projector. ``/queue`` is a small page for phones
(facilitator/services/hallqueue.py). Only GET routes exist (anything else is 405), and the
database is opened read-only (``mode=ro`` and ``PRAGMA query_only``)
here and in every chair process.

Imported only by the ``serve`` command: aiohttp and textual-serve never load for ``run``.
"""

from __future__ import annotations

import logging
import os
import shlex
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server

from db.store import Store, open_store
from facilitator.i18n import Translator
from facilitator.services.hallqueue import live_part, page, queue_view

TEMPLATES = Path(__file__).resolve().parent / "web"
ALL_INTERFACES = ("0.0.0.0", "::", "")


def chair_command(db_path: Path, lang: str, meeting_id: int | None) -> str:
    """The shell command textual-serve starts for each browser: the read-only chair view."""
    args = [sys.executable, "-m", "facilitator", "--db", str(db_path), "--lang", lang, "chair"]
    args.append("--read-only")
    if meeting_id is not None:
        args += ["--meeting", str(meeting_id)]
    return subprocess.list2cmdline(args) if os.name == "nt" else shlex.join(args)


def port_free(bind: str, port: int) -> bool:
    """Whether the server could listen there: checked before the address and the QR code are
    printed, so a busy port gives one line, not an address that does not answer."""
    family = socket.AF_INET6 if ":" in bind else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as aiohttp binds
        try:
            probe.bind((bind or "0.0.0.0", port))
        except OSError:
            return False
    return True


def addresses(bind: str, port: int) -> list[str]:
    """The addresses to type in a browser: the one bound, or this machine's own network
    addresses when bound to all of them (no packet is sent to find them)."""
    hosts = [bind]
    if bind in ALL_INTERFACES:
        try:
            infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
            found = sorted({str(info[4][0]) for info in infos})
        except OSError:
            found = []
        hosts = [h for h in found if not h.startswith("127.")] or [socket.gethostname()]
    return [f"http://{h if ':' not in h else f'[{h}]'}:{port}" for h in hosts]


def qr_text(url: str) -> str:
    """A QR code of the address, drawn with block characters for the terminal."""
    import io

    import segno

    out = io.StringIO()
    segno.make(url, error="m").terminal(out=out, compact=True, border=2)
    return out.getvalue()


class HallServer(Server):
    """textual-serve's server with the queue page, read-only, in the UI language."""

    def __init__(
        self,
        db_path: Path,
        *,
        lang: str = "vi",
        meeting_id: int | None = None,
        host: str = "127.0.0.1",
        port: int = 8000,
        announce: bool = True,
    ) -> None:
        self.t = Translator(lang)
        super().__init__(
            chair_command(db_path, lang, meeting_id),
            host=host,
            port=port,
            title=self.t("chair.title"),
            templates_path=TEMPLATES,
        )
        self.meeting_id = meeting_id
        self.announce = announce
        # One read-only connection for the queue page: mode=ro and query_only.
        self.store: Store = open_store(db_path, readonly=True, check=True)

    def initialize_logging(self) -> None:
        """Problems only: a phone refreshing once a second must not fill the terminal."""
        logging.basicConfig(level=logging.WARNING, format="%(message)s")

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.router.add_get("/queue", self.handle_queue, name="queue")
        return app

    async def on_startup(self, app: web.Application) -> None:
        if not self.announce:
            return
        t = self.t
        urls = addresses(self.host, self.port)
        print(t("cli.serve_chair", url=urls[0] + "/"))
        for url in urls[1:]:
            print(f"    {url}/")
        print(t("cli.serve_queue", url=urls[0] + "/queue"))
        print(qr_text(urls[0] + "/queue"))
        if self.host not in ALL_INTERFACES and self.host.startswith("127."):
            print(t("cli.serve_local"))
        print(t("cli.serve_stop"), flush=True)

    async def on_shutdown(self, app: web.Application) -> None:
        self.store.close()

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        """textual-serve's page, with addresses as the browser reached this server (a TV types
        the hall's address, not 0.0.0.0) and the words in the UI language."""
        base = f"{request.scheme}://{request.host}"
        socket_url = ("wss" if request.scheme == "https" else "ws") + f"://{request.host}/ws"
        try:
            font_size = int(request.query.get("fontsize", "16"))
        except ValueError:
            font_size = 16
        return {
            "font_size": max(8, min(font_size, 96)),
            "app_websocket_url": socket_url,
            "config": {"static": {"url": f"{base}/static/"}},
            "application": {"name": self.title},
            "lang": self.t.lang,
            "ended": self.t("serve.ended"),
            "restart": self.t("serve.restart"),
        }

    async def handle_queue(self, request: web.Request) -> web.Response:
        raw = (request.query.get("so") or request.query.get("stt") or "").strip()
        number = int(raw) if raw.isdigit() and len(raw) < 7 else None
        view = queue_view(self.store, self.meeting_id)
        if request.query.get("part"):
            body = live_part(view, self.t, number)
        else:
            body = page(view, self.t, number)
        return web.Response(
            text=body,
            content_type="text/html",
            charset="utf-8",
            headers={"Cache-Control": "no-store"},
        )
