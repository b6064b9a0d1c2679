import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _loaded_by(modules: list[str], roots: set[str]) -> list[str]:
    """The top-level packages among ``roots`` that importing ``modules`` loads."""
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({sorted(roots)!r})))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return eval(out.stdout.strip())  # a printed list of names


def _modules(folder: str) -> list[str]:
    package = folder.replace("/", ".")
    return [
        f"{package}.{p.stem}" for p in sorted((ROOT / folder).glob("*.py")) if p.stem != "__init__"
    ]


def test_the_rules_import_nothing_of_the_store_textual_or_documents():
    """Pure rules (text, deadlines, slot, clock, statistics, models): no db, Textual, docx."""
    modules = _modules("facilitator/rules")
    named = {"text", "deadlines", "slot", "clock", "statistics", "models"}
    assert named <= {m.rsplit(".", 1)[1] for m in modules}  # the rules the layer is named for
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + "print(sorted(m for m in sys.modules if m.split('.')[0] in ('db', 'textual', 'docx')"
        + " or m.startswith(('facilitator.services', 'facilitator.documents', 'screens'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


def test_the_documents_import_nothing_of_the_store_or_textual():
    """The documents and the meeting file's export are functions of one meeting record: they
    load nothing of db, Textual or the screens (a meeting file renders without a database)."""
    modules = [
        *_modules("facilitator/documents"),
        "facilitator.documents",
        "facilitator.rules.record",
    ]
    modules.append("facilitator.services.meetingfile")
    assert len(modules) >= 8
    assert _loaded_by(modules, {"db", "textual", "screens"}) == []


def test_services_and_store_never_import_textual():
    modules = (
        _modules("facilitator/services")
        + _modules("facilitator/documents")
        + [
            "db.store",
            "db.migrations",
        ]
    )
    assert _loaded_by(modules, {"textual", "screens"}) == []


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


def _table_names() -> set[str]:
    from db.store import open_store

    store = open_store(":memory:")
    try:
        rows = store.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
    finally:
        store.close()
    return {name for (name,) in rows}


def _is_store(node: ast.expr) -> bool:
    """``store``, ``self.store``, ``console.store`` …: the receiver of a store method."""
    if isinstance(node, ast.Name):
        return node.id == "store"
    return isinstance(node, ast.Attribute) and node.attr == "store"


def _tables_named(tree: ast.AST, tables: set[str]) -> list[tuple[int, str]]:
    """Where a module names a table: a table's name passed to a store method, or SQL that
    reads or writes a table."""
    sql = re.compile(
        r"\b(?:FROM|INTO|UPDATE|JOIN|TABLE)\s+\"?(" + "|".join(sorted(tables)) + r")\b",
        re.IGNORECASE,
    )
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and _is_store(node.func.value)
        ):
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                if isinstance(arg, ast.Constant) and arg.value in tables:
                    found.append((node.lineno, f"store.{node.func.attr}({arg.value!r})"))
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            match = sql.search(node.value)
            if match:
                found.append((node.lineno, f"SQL on {match.group(1)}"))
    return found


def test_no_module_outside_db_names_a_table():
    """Only db/ knows the tables: the services and screens call named store methods
    (store.add_speaker, store.update_petition …) that take and return records."""
    tables = _table_names()
    assert {"meetings", "speakers", "petitions", "minutes", "events"} <= tables
    named = {}
    for folder in ("facilitator", "screens"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            found = _tables_named(ast.parse(path.read_text(encoding="utf-8")), tables)
            if found:
                named[str(path.relative_to(ROOT))] = found
    assert named == {}


def test_the_table_check_sees_a_table_named_outside_db():
    tables = _table_names()
    code = (
        'store.insert("speakers", {})\n'
        'self.store.update("petitions", 1, {})\n'
        'x = "SELECT * FROM minutes"\n'
        'kind = "minutes"\n'  # a word, not a table passed to the store
    )
    assert _tables_named(ast.parse(code), tables) == [
        (1, "store.insert('speakers')"),
        (2, "store.update('petitions')"),
        (3, "SQL on minutes"),
    ]


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def test_screens_never_import_the_database_layers():
    """Screens go through services and the store's records: never sqlite3, sqlite-utils or the
    migrations (import statements anywhere in the file, also inside functions)."""
    banned = ("sqlite3", "sqlite_utils", "db.migrations")
    found = {
        f"{path.name}: {name}"
        for path in sorted((ROOT / "screens").glob("*.py"))
        for name in _imports(path)
        if name in banned or name.startswith(tuple(f"{b}." for b in banned))
    }
    assert found == set()


def test_the_import_check_sees_a_banned_import(tmp_path: Path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    import sqlite3\n    from db.migrations import STEPS\n")
    assert {"sqlite3", "db.migrations", "db.migrations.STEPS"} <= _imports(sample)


def _transactions(path: Path) -> list[str]:
    """Calls of the store's ``write()`` or ``snapshot()`` (``x.store.write()``, ``store.…``)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("write", "snapshot")
            and ast.unparse(node.func.value).split(".")[-1] == "store"
        ):
            found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_no_screen_opens_a_store_transaction():
    """A screen calls a service, which decides what one action or one reading is."""
    found = [
        line for path in sorted((ROOT / "screens").glob("*.py")) for line in _transactions(path)
    ]
    assert found == []


def test_the_transaction_check_sees_one(tmp_path: Path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f(self):\n    with self.console.store.write():\n        pass\n")
    assert _transactions(sample) == ["sample.py:2: self.console.store.write()"]
