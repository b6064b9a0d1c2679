import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_domain_and_store_never_import_textual():
    modules = [
        f"facilitator.{p.stem}"
        for p in (ROOT / "facilitator").glob("*.py")
        if p.stem not in ("__init__", "__main__", "app", "cli")
    ] + [
        "facilitator.documents.builders",
        "facilitator.documents.layout",
        "db.store",
        "db.migrations",
    ]
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


def test_screens_do_not_write_sql():
    for path in (ROOT / "screens").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        for word in ("INSERT INTO", "UPDATE ", "DELETE FROM", "SELECT ", ".execute(", "PRAGMA"):
            assert word not in text, f"{path.name} contains {word!r}"


def test_cli_help_does_not_load_heavy_modules():
    code = (
        "import sys\nfrom facilitator import cli\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'docx', 'holidays'}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


def test_the_console_does_not_load_the_web_server(tmp_path: Path):
    """`facilitator serve` loads aiohttp, textual-serve and segno; `run` never does."""
    code = (
        "import sys\nfrom facilitator import cli\nfrom facilitator.app import make_app\n"
        f"app = make_app({str(tmp_path / 'm.db')!r})\n"
        "async def stop(pilot):\n    pilot.app.exit()\n"
        "app.run(headless=True, auto_pilot=stop)\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} "
        "& {'aiohttp', 'textual_serve', 'segno', 'jinja2', 'aiohttp_jinja2'}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert out.stdout.strip().splitlines()[-1] == "[]"
