"""`facilitator serve`: the chair view and the queue page over HTTP, read-only.

The server runs as the user starts it (its own process, a free port on 127.0.0.1); pages are
fetched with the standard library's HTTP client.
"""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from db.store import open_store
from facilitator.services.demo import demo_meeting
from facilitator.services.hallqueue import queue_view, registration_numbers
from facilitator.services.live import Console
from facilitator.services.meetingfile import import_meeting
from facilitator.webserve import qr_text

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def live_meeting(path: Path) -> int:
    """The demo meeting in phase 3 with its first speaker (Nguyễn Văn Thành) speaking."""
    store = open_store(path)
    meeting_id = import_meeting(store, demo_meeting())
    console = Console(store, meeting_id)
    for _ in range(3):
        console.next_phase()
    console.call_next()
    store.close()
    return meeting_id


def fetch(url: str, method: str = "GET") -> tuple[int, str]:
    request = urllib.request.Request(url, method=method, data=b"x=1" if method != "GET" else None)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def start_server(path: Path, *args: str) -> tuple[subprocess.Popen[str], str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "facilitator", "--db", str(path), "serve", "--port", str(port)]
        + list(args),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(process.communicate())
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process, base
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise AssertionError("the server did not start")


def stop(process: subprocess.Popen[str]) -> tuple[str, str]:
    process.terminate()
    try:
        return process.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.communicate()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, int, str]]:
    path = tmp_path / "hall.db"
    meeting_id = live_meeting(path)
    process, base = start_server(path)
    try:
        yield path, meeting_id, base
    finally:
        stop(process)


def test_serve_prints_the_address_and_a_qr_code(tmp_path: Path):
    path = tmp_path / "hall.db"
    live_meeting(path)
    process, base = start_server(path)
    time.sleep(0.5)  # the start-up lines are printed once the socket listens
    out, err = stop(process)
    assert f"Màn hình chủ tọa (mở trên ti vi, máy chiếu): {base}/" in out
    assert f"Thứ tự phát biểu cho điện thoại: {base}/queue" in out
    assert "Chỉ máy này mở được." in out  # bound to 127.0.0.1 unless --bind is given
    assert qr_text(f"{base}/queue") in out  # the QR code of the queue page's address
    assert "Traceback" not in err


def test_the_chair_page_is_served_without_internet(served: tuple[Path, int, str]):
    _, _, base = served
    status, html = fetch(base + "/")
    assert status == 200
    port = base.rsplit(":", 1)[1]
    assert f'data-session-websocket-url="ws://127.0.0.1:{port}/ws"' in html
    assert "https://" not in html  # no CDN, no web font from the internet
    assert "Màn hình chủ tọa" in html
    status, font = fetch(base + "/static/fonts/RobotoMono-VariableFont_wght.ttf")
    assert status == 200


def test_queue_page_shows_names_and_hamlets_only(served: tuple[Path, int, str]):
    path, meeting_id, base = served
    status, html = fetch(base + "/queue")
    assert status == 200
    assert '<p class="who" id="speaking">Ông Nguyễn Văn Thành</p>' in html
    assert '<li><span class="no">Số 2</span><b>Bà Phạm Thị Hòa</b>' in html
    assert "xóm Giữa" in html
    store = open_store(path, readonly=True)
    speakers = store.speakers(meeting_id)
    petitions = store.petitions(meeting_id)
    store.close()
    for s in speakers:
        assert not s.gist or s.gist not in html
    for p in petitions:
        assert p.content not in html
    assert "https://" not in html and "<script src" not in html


def test_queue_page_finds_ones_place_by_number(served: tuple[Path, int, str]):
    _, _, base = served
    _, html = fetch(base + "/queue?so=5")
    assert "Số 5 · Ông Đỗ Văn Khải: còn 3 người trước bạn · dự kiến khoảng" in html
    assert '<li class="me"><span class="no">Số 5</span>' in html
    _, html = fetch(base + "/queue?so=2")
    assert "Số 2 · Bà Phạm Thị Hòa: bạn là người tiếp theo" in html
    _, html = fetch(base + "/queue?so=1")
    assert "Số 1 · Ông Nguyễn Văn Thành: đang phát biểu" in html
    _, html = fetch(base + "/queue?so=99")
    assert "Không có số đăng ký 99" in html


def test_queue_page_carries_the_live_speaker(served: tuple[Path, int, str]):
    path, meeting_id, base = served
    store = open_store(path)
    Console(store, meeting_id).call_next()  # the secretary's F3, through the domain API
    store.close()
    deadline = time.monotonic() + 10.0  # a bound on the wait, not a measure of speed
    html = ""
    while time.monotonic() < deadline:
        _, html = fetch(base + "/queue?part=1")
        if "Bà Phạm Thị Hòa</p>" in html:
            break
        time.sleep(0.05)
    assert '<p class="who" id="speaking">Bà Phạm Thị Hòa</p>' in html
    assert "<html" not in html  # the part the page's script swaps in, not a whole page


def test_nothing_can_be_written_through_the_server(served: tuple[Path, int, str]):
    path, meeting_id, base = served
    store = open_store(path, readonly=True)
    before = (len(store.events(meeting_id)), store.speakers(meeting_id))
    store.close()
    for url in ("/", "/queue", "/queue?so=1", "/ws", "/static/js/textual.js"):
        for method in ("POST", "PUT", "DELETE", "PATCH"):
            status, _ = fetch(base + url, method)
            assert status == 405, (url, method)
    store = open_store(path, readonly=True)
    assert (len(store.events(meeting_id)), store.speakers(meeting_id)) == before
    store.close()


def test_the_server_opens_the_database_read_only(tmp_path: Path):
    from facilitator.webserve import HallServer

    path = tmp_path / "hall.db"
    live_meeting(path)
    server = HallServer(path, port=free_port(), announce=False)
    conn = server.store.conn
    assert conn.execute("PRAGMA query_only").fetchone()[0] == 1
    with pytest.raises(sqlite3.OperationalError, match="readonly|read-only|query_only"):
        conn.execute("UPDATE meetings SET village = 'x'")
    conn.execute("PRAGMA query_only = OFF")  # even so, the file itself is opened mode=ro
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("UPDATE meetings SET village = 'x'")
    server.store.close()


def test_chair_read_only_never_updates_an_older_file(tmp_path: Path):
    """Plain `chair` brings an older file up to date first; the chair processes of `serve`
    (`chair --read-only`) refuse it instead, and the file stays as it was."""
    from db.steps import MIGRATIONS_TABLE, STEPS

    path = tmp_path / "hall.db"
    live_meeting(path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(f"DELETE FROM {MIGRATIONS_TABLE} WHERE name = ?", [STEPS[-1]])
    conn.close()
    out = subprocess.run(
        [sys.executable, "-m", "facilitator", "--db", str(path), "chair", "--read-only"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 1
    assert "chưa được khởi tạo" in out.stderr and "Traceback" not in out.stderr
    conn = sqlite3.connect(path)
    names = {r[0] for r in conn.execute(f"SELECT name FROM {MIGRATIONS_TABLE}")}
    conn.close()
    assert STEPS[-1] not in names


def test_registration_numbers_keep_the_slip_and_count_the_rest(tmp_path: Path):
    path = tmp_path / "hall.db"
    meeting_id = live_meeting(path)
    store = open_store(path)
    console = Console(store, meeting_id)
    walk_in = console.register("Lê Văn Bình", "xóm Bến", "").speaker_id
    numbers = registration_numbers(store.speakers(meeting_id))
    view = queue_view(store, None)
    store.close()
    assert numbers[walk_in] == 13  # twelve registered before the meeting
    assert view is not None and view.everyone[13].name == "Lê Văn Bình"
    assert view.speaking is not None and view.speaking.number == 1


async def test_the_desk_tells_the_number_the_queue_page_finds(tmp_path: Path):
    """A walk-in registered at the desk is told a number; /queue?so=N finds them by it."""
    from textual.widgets import Input

    from facilitator.app import make_app
    from facilitator.i18n import Translator
    from facilitator.services.hallqueue import page

    path = tmp_path / "hall.db"
    meeting_id = live_meeting(path)
    app = make_app(path, mode="desk", meeting_id=meeting_id)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        app.screen.query_one("#desk-name", Input).value = "Lương Thị Hằng"
        app.screen.query_one("#desk-hamlet", Input).value = "xóm Bến"
        await pilot.press("enter")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
    assert messages[-1] == (
        "Đã đăng ký: Bà Lương Thị Hằng · số đăng ký 13 · "
        "xưng hô «Bà» đoán theo tên đệm: sai thì F2 để sửa"
    )
    store = open_store(path, readonly=True)
    html = page(queue_view(store, None), Translator("vi"), 13)
    store.close()
    assert "Số 13 · Bà Lương Thị Hằng: còn 11 người trước bạn" in html


def test_a_busy_port_is_one_line_and_no_address(tmp_path: Path):
    path = tmp_path / "hall.db"
    live_meeting(path)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        out = subprocess.run(
            [sys.executable, "-m", "facilitator", "--db", str(path), "serve", "--port", str(port)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert out.returncode == 1
    assert out.stdout == ""  # no address, no QR code of a server that is not there
    assert out.stderr.strip() == (
        f"Lỗi: Không mở được cổng {port} trên 127.0.0.1: cổng đang bận hoặc địa chỉ không "
        "thuộc máy này; chọn cổng khác với --port"
    )
