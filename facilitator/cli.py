"""Command line (click). Heavy modules (Textual, python-docx, holidays) load inside commands."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from facilitator.cli_text import LocalGroup, lang_of
from facilitator.i18n import Translator
from facilitator.rules.doc_order import DOCS

if TYPE_CHECKING:
    from db.store import Store
    from facilitator.rules.deadlines import Unit, WorkCalendar
    from facilitator.services.followup import ChecklistItem, FollowUpRow, ForwardRow
    from facilitator.services.summary import Summary


class Settings:
    def __init__(self) -> None:
        self.db: Path | None = None
        self.lang = "vi"
        self.bell = False

    @property
    def t(self) -> Translator:
        return Translator(self.lang)

    def db_path(self) -> Path:
        from db.store import default_db_path

        return self.db or default_db_path()

    def store(self, readonly: bool = False, must_exist: bool = False) -> Any:
        """The store; ``must_exist`` for commands that only read: a missing file is refused
        (one line, exit 1) and nothing is created."""
        from db.store import open_store

        return open_store(self.db_path(), readonly=readonly, must_exist=must_exist)


def _common(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--db and --lang are accepted before or after the command name."""

    def set_db(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
        if value is not None:
            ctx.ensure_object(Settings).db = value

    def set_lang(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
        if value is not None:
            ctx.ensure_object(Settings).lang = value

    fn = click.option(
        "--db",
        type=click.Path(path_type=Path, dir_okay=False),
        expose_value=False,
        callback=set_db,
        help="Database file (default: FACILITATOR_DB or the user data folder).",
    )(fn)
    return click.option(
        "--lang",
        type=click.Choice(["vi", "en"]),
        expose_value=False,
        callback=set_lang,
        help="Language of the interface (documents are always Vietnamese).",
    )(fn)


def _bell(fn: Callable[..., Any]) -> Callable[..., Any]:
    def set_bell(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
        if value:
            ctx.ensure_object(Settings).bell = True

    return click.option(
        "--bell",
        is_flag=True,
        expose_value=False,
        callback=set_bell,
        help="Ring the terminal bell once at the last minute and once at zero.",
    )(fn)


@click.group(cls=LocalGroup, invoke_without_command=True)
@_common
@_bell
@click.version_option(package_name="facilitator")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """facilitator: run a commune's public dialogue meeting (hội nghị tiếp xúc, đối thoại).

    With no command, opens the secretary console (the live meeting if one is live).
    """
    settings = ctx.ensure_object(Settings)
    if ctx.invoked_subcommand is None:
        store = settings.store()
        meeting_id = store.live_meeting_id()
        store.close()
        _run_app(settings, "console", meeting_id)


def _run_app(settings: Settings, mode: str, meeting_id: int | None) -> None:
    from facilitator.app import make_app

    app = make_app(
        settings.db_path(),
        lang=settings.lang,
        mode=mode,
        meeting_id=meeting_id,
        bell=settings.bell,
    )
    app.run()
    if app.return_code:
        sys.exit(app.return_code)


@cli.command()
@click.argument("meeting_id", type=int)
@_common
@_bell
@click.pass_obj
def run(settings: Settings, meeting_id: int) -> None:
    """Open the live screen of a meeting (a draft starts with the first F8)."""
    from facilitator.launch import run_meeting  # also reached without click: launch.main

    run_meeting(settings.db_path(), settings.lang, settings.bell, meeting_id)


@cli.command()
@_common
@_bell
@click.pass_obj
def demo(settings: Settings) -> None:
    """Create the Đông Phong demo meeting and open it (a fresh temporary file without --db)."""
    from facilitator.launch import demo as open_demo  # also reached without click: launch.main

    shown = open_demo(settings.db, settings.lang, settings.bell)
    click.echo(settings.t("cli.demo_db", path=shown))


@cli.command()
@click.option(
    "--meeting", "meeting_id", type=int, help="Meeting to follow (default: the live one)."
)
@click.option(
    "--read-only",
    "read_only",
    is_flag=True,
    help="Never open the file for writing, not even to update an older one (serve uses it).",
)
@_common
@click.pass_obj
def chair(settings: Settings, meeting_id: int | None, read_only: bool) -> None:
    """Chair / projector view: read-only, follows the live meeting."""
    # Without --read-only an older file is migrated first, before the read-only view opens.
    store = settings.store(readonly=read_only, must_exist=True)
    try:
        if meeting_id is not None:
            store.meeting(meeting_id)
    finally:
        store.close()
    _run_app(settings, "chair", meeting_id)


@cli.command()
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on.",
)
@click.option(
    "--bind",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; 0.0.0.0 for every screen and phone on the hall's network.",
)
@click.option("--meeting", "meeting_id", type=int, help="Meeting to show (default: the live one).")
@_common
@click.pass_obj
def serve(settings: Settings, port: int, bind: str, meeting_id: int | None) -> None:
    """The chair view and the speaking order in a browser on the hall's network (read-only)."""
    from facilitator.webserve import HallServer, port_free  # aiohttp etc. load only here

    store = settings.store(readonly=True, must_exist=True)
    try:
        if meeting_id is not None:
            store.meeting(meeting_id)
    finally:
        store.close()
    if not port_free(bind, port):
        raise click.ClickException(settings.t("cli.serve_busy", port=port, bind=bind))
    server = HallServer(
        settings.db_path(), lang=settings.lang, meeting_id=meeting_id, host=bind, port=port
    )
    try:
        server.serve()
    except OSError as exc:
        raise click.ClickException(settings.t("cli.serve_busy", port=port, bind=bind)) from exc


@cli.command()
@click.option(
    "--meeting", "meeting_id", type=int, help="Meeting to register for (default: the live one)."
)
@_common
@click.pass_obj
def desk(settings: Settings, meeting_id: int | None) -> None:
    """Registration desk: add, edit and reorder speakers only."""
    store = settings.store(must_exist=meeting_id is not None)
    try:
        if meeting_id is not None:
            store.meeting(meeting_id)
    finally:
        store.close()
    _run_app(settings, "desk", meeting_id)


@cli.command()
@_common
@click.pass_obj
def meetings(settings: Settings) -> None:
    """List meetings: id, date, village, status."""
    t = settings.t
    store = settings.store(must_exist=True)
    rows = store.meetings()
    if not rows:
        click.echo(t("cli.no_meetings"))
        return
    for m in rows:
        click.echo(
            f"{m.id:>4}  {m.date:%d/%m/%Y}  {m.commune} - {m.village:<20}  "
            f"{t('status.' + m.status)}"
        )


@cli.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@_common
@click.pass_obj
def import_(settings: Settings, file: Path) -> None:
    """Import a meeting file (JSON); prints the new meeting id."""
    from facilitator.services.meetingfile import import_meeting, load

    data = load(file)
    store = settings.store()
    meeting_id = import_meeting(store, data)
    click.echo(meeting_id)


@cli.command()
@click.argument("meeting_id")
@click.option("--doc", type=click.Choice(DOCS), required=True, help="Which document to write.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File or folder to write.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@click.option("--number", help="Document number (Số); blank leaves it to fill by hand.")
@click.option(
    "--as-of",
    "as_of",
    help="Date of the notice, report, announcement or invitation (default: today).",
)
@_common
@click.pass_obj
def export(
    settings: Settings,
    meeting_id: str,
    doc: str,
    output: Path | None,
    force: bool,
    number: str | None,
    as_of: str | None,
) -> None:
    """Write a document before, on or after the meeting, or the meeting file (json).

    A meeting file (FILE.json) in place of MEETING_ID: its documents without any database."""
    from facilitator.rules.text import parse_date
    from facilitator.services.exporting import export_document, is_draft

    day = parse_date(as_of) if as_of else None
    store: Any
    if meeting_id.strip().isdigit():
        number_id = int(meeting_id)
        store = settings.store(must_exist=True)
    else:  # a meeting file: read into memory, no database opened or created
        from facilitator.services.filerecord import open_file

        store = open_file(Path(meeting_id))
        number_id = store.meeting_id
    if doc == "forward":  # one Công văn per receiving body
        from facilitator.services.exporting import export_forward

        for path in export_forward(
            store, number_id, output, overwrite=force, as_of=day, number=number
        ):
            click.echo(settings.t("cli.written", path=path))
        if is_draft(store, number_id, doc):
            click.echo(settings.t("cli.draft"))
        return
    path = export_document(store, number_id, doc, output, overwrite=force, as_of=day, number=number)
    click.echo(settings.t("cli.written", path=path))
    if is_draft(store, number_id, doc):
        click.echo(settings.t("cli.draft"))


@cli.command()
@click.option("--from", "start", required=True, help="First day of the period.")
@click.option("--to", "end", required=True, help="Last day of the period.")
@click.option(
    "--doc",
    "-o",
    "doc",
    type=click.Path(path_type=Path),
    help="Also write the figures as a .docx report (file or folder).",
)
@click.option("--as-of", "as_of", help="Reference date of the answers (default: today).")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@_common
@click.pass_obj
def summary(
    settings: Settings,
    start: str,
    end: str,
    doc: Path | None,
    as_of: str | None,
    force: bool,
) -> None:
    """The commune's figures over all meetings held in a period: meetings, petitions by kind,
    field and outcome, answered on time, late, still open."""
    from facilitator.rules.text import parse_date
    from facilitator.services.summary import summarise

    t = settings.t
    first, last = parse_date(start), parse_date(end)
    store = settings.store(must_exist=True)
    day = parse_date(as_of) if as_of else store.clock().date()
    figures = summarise(store, first, last, day)
    click.echo(
        t("summary.head", start=f"{first:%d/%m/%Y}", end=f"{last:%d/%m/%Y}", day=f"{day:%d/%m/%Y}")
    )
    click.echo(t("summary.meetings", count=len(figures.meetings)))
    for m, n in figures.meetings:
        click.echo(
            f"  {m.date:%d/%m/%Y}  {m.commune} - {m.village:<20}  {t('summary.items', count=n)}"
        )
    _echo_figures(t, figures)
    if doc is not None:
        from facilitator.documents.summary import summary_document
        from facilitator.services.files import atomic_write, free_name

        data = summary_document(store, figures)
        if doc.is_dir():
            name = f"tong-hop_{first.isoformat()}_{last.isoformat()}.docx"
            target = free_name(doc / name)
        else:
            target = doc
        click.echo(t("cli.written", path=atomic_write(target, data, overwrite=force)))


def _echo_figures(t: Translator, figures: Summary) -> None:
    """The summary's sections (kind, field, outcome) with their numbers in one column."""
    from rich.cells import cell_len

    click.echo(t("summary.petitions", count=figures.petitions))
    sections = (
        ("summary.by_kind", [(t("kind." + k), n) for k, n in figures.kinds]),
        ("summary.by_field", figures.fields),
        (
            "summary.by_outcome",
            [
                (t("kind.law.any") if k == "law" else t("outcome." + k), n)
                for k, n in figures.outcomes
            ],
        ),
    )
    # One column for the numbers of every section, as wide as the longest label needs (in
    # terminal cells: "khiếu nại, tố cáo (chuyển xử lý theo luật)" is over 40).
    width = max([40, *(cell_len(label) for _, rows in sections for label, _ in rows)])
    for key, rows in sections:
        if rows:
            click.echo(t(key))
        for label, n in rows:
            click.echo(f"  {label}{' ' * (width - cell_len(label))} {n:>5}")
    click.echo(
        t(
            "summary.answers",
            on_time=figures.on_time,
            late=figures.late,
            open=figures.still_open,
            overdue=figures.overdue,
        )
    )


STATUS_WIDTH = 28  # "QUÁ HẠN 1234 ngày làm việc", "OVERDUE by 1234 working days" fit
RESPONSIBLE_WIDTH = 48  # "Nguyễn Văn Tuấn, Công chức Địa chính - Xây dựng" fits


@cli.command()
@click.option("--overdue", is_flag=True, help="Only overdue assignments.")
@click.option("--as-of", "as_of", help="Reference date (default: today).")
@_common
@click.pass_obj
def followup(settings: Settings, overdue: bool, as_of: str | None) -> None:
    """Assignments of all meetings with due dates and status, overdue first."""
    from facilitator.rules.clock import system_clock
    from facilitator.rules.text import parse_date
    from facilitator.services import followup as fu

    t = settings.t
    day = parse_date(as_of) if as_of else system_clock().date()
    store = settings.store(must_exist=True)
    rows = fu.rows(store, day, overdue_only=overdue)
    calendar = store.work_calendar()
    units: dict[str, Unit] = {r.key: r.unit for r in store.rules()}
    duties = [
        (m, item)
        for m, item in fu.open_checklists(store)
        if item.key != "answer" and (not overdue or item.status(day) == "overdue")
    ]
    # The petitions forwarded to a higher level: the công văn sent, the answer back (F5).
    forwards = [r for r in fu.forwarded_rows(store, day) if not overdue or r.status(day) == "late"]
    if not rows and not duties and not forwards:
        anything = store.all_assignments() or any(
            item.key != "answer" for _m, item in fu.open_checklists(store)
        )
        click.echo(t("cli.no_overdue") if overdue and anything else t("cli.no_assignments"))
        return
    head = f"{t('col.due'):<10}  {t('col.left'):>5}  {t('col.status'):<{STATUS_WIDTH}}  "
    who = RESPONSIBLE_WIDTH
    if rows:
        from rich.cells import cell_len

        # as wide as the longest responsible, up to RESPONSIBLE_WIDTH; longer ones end in "…"
        label = t("col.responsible")
        who = min(
            RESPONSIBLE_WIDTH, max(cell_len(x) for x in [label, *(r.responsible for r in rows)])
        )
        click.echo(head + f"{_cell(label, who)}  {t('col.content')}")
    for r in rows:
        click.echo(_assignment_line(t, r, who))
    if duties:
        click.echo("")
        click.echo(head + t("followup.checklist"))
        for meeting, item in duties:
            unit = units.get(item.key, "calendar_days")
            click.echo(_duty_line(t, calendar, day, meeting, item, unit))
    if forwards:
        click.echo("")
        click.echo(head + t("fw.heading"))
        for forward in forwards:
            click.echo(_forward_line(t, calendar, day, forward))
    click.echo(t("cli.left_note"))


def _forward_line(t: Translator, calendar: WorkCalendar, day: dt.date, r: ForwardRow) -> str:
    """One forwarded petition of ``followup``: the day the công văn is due by (5 days), the
    days left to send it, whether it was sent and answered; the body, the content, the meeting."""
    from facilitator.rules.statutory import days_between
    from facilitator.services.followup import late_words as fu_late_words

    status, left = r.status(day), ""
    if status == "replied" and r.reply_on is not None:
        words = t("fw.replied", date=f"{r.reply_on:%d/%m/%Y}")
    elif status == "waiting" and r.sent_on is not None:
        words = t("fw.waiting", date=f"{r.sent_on:%d/%m/%Y}")
    elif status == "late":
        late = days_between(r.send_by, day, r.unit, calendar)
        words = t("fw.to_send", state=fu_late_words(t, late, r.unit))
    else:
        left, words = str(days_between(day, r.send_by, r.unit, calendar)), t("fw.not_sent")
    content = r.content if len(r.content) <= 60 else r.content[:59] + "…"
    letter = f" · {t('fw.letter', number=r.letter)}" if r.letter else ""
    return (
        f"{r.send_by:%d/%m/%Y}  {left:>5}  {words:<{STATUS_WIDTH}}  "
        f"{' '.join(r.forwarded_to.split())}: {content}{letter}  "
        f"[{r.village} {r.meeting_date:%d/%m/%Y}]"
    )


def _cell(text: str, width: int) -> str:
    """``text`` in a column ``width`` cells wide: padded, or cut with "…" (never silently)."""
    from rich.cells import cell_len, set_cell_size

    if cell_len(text) > width:
        text = set_cell_size(text, width - 1).rstrip() + "…"
    return text + " " * (width - cell_len(text))


def _assignment_line(t: Translator, r: FollowUpRow, who: int = 28) -> str:
    """One assignment of ``followup``: due, days left, status, responsible, content, meeting."""
    from facilitator.services.followup import late_words as fu_late_words

    content = r.content if len(r.content) <= 60 else r.content[:59] + "…"
    # Overdue: working days late ("QUÁ HẠN 2 ngày làm việc"), as "Còn" counts them before the
    # due date; not "0" left beside "QUÁ HẠN".
    overdue = r.status == "overdue"
    status = fu_late_words(t, r.days_late) if overdue else t("fu." + r.status)
    left = "" if overdue else str(r.days_left)
    if r.answered_on is not None and r.status.startswith("answered"):
        # answered: the day of the answer, never a count of days left
        left, status = "", t(f"fu.{r.status}_on", date=f"{r.answered_on:%d/%m/%Y}")
    return (
        f"{r.due:%d/%m/%Y}  {left:>5}  {status:<{STATUS_WIDTH}}  "
        f"{_cell(r.responsible, who)}  {content}  [{r.village} {r.meeting_date:%d/%m/%Y}]"
    )


def _duty_line(
    t: Translator,
    calendar: WorkCalendar,
    day: dt.date,
    meeting: Any,
    item: ChecklistItem,
    unit: Unit,
) -> str:
    """One open checklist duty of ``followup``: due, days left (or the day done), status,
    counted in the unit of the duty's rule (``unit``)."""
    from facilitator.rules.statutory import days_between
    from facilitator.services.followup import duty_words
    from facilitator.services.followup import late_words as fu_late_words

    mark = "☑" if item.done_on else "☐"
    if item.done_on is not None:
        left, words = "", t(f"fu.{item.status(day)}_on", date=f"{item.done_on:%d/%m/%Y}")
    elif item.status(day) == "overdue":
        # as an assignment's: the days late, not a negative count in "Left" beside "QUÁ HẠN",
        # in the unit of the duty's rule (the 5 and 10 days: days)
        late = days_between(item.due, day, unit, calendar)
        left, words = "", fu_late_words(t, late, unit)
    else:
        left = str(days_between(day, item.due, unit, calendar))
        words = t("fu." + item.status(day))
    label = duty_words(item, t)[0]
    return (
        f"{item.due:%d/%m/%Y}  {left:>5}  {words:<{STATUS_WIDTH}}  "
        f"{mark} {label}  [{meeting.village} {meeting.date:%d/%m/%Y}]"
    )


@cli.command()
@click.argument("meeting_id", type=int)
@click.option("--office", help="Date posted at the commune office ('-' clears it).")
@click.option("--radio", help="Date broadcast on the radio ('-' clears it).")
@click.option(
    "--hamlet",
    "hamlets",
    multiple=True,
    help="THÔN=DATE: sent to that thôn's head ('THÔN=-' clears it); repeatable.",
)
@_common
@click.pass_obj
def publish(
    settings: Settings,
    meeting_id: int,
    office: str | None,
    radio: str | None,
    hamlets: tuple[str, ...],
) -> None:
    """Record where and when the results were published; with no option, show the record."""
    from facilitator.rules.text import parse_date
    from facilitator.services import publication as pub

    t = settings.t

    def day(text: str) -> dt.date | None:
        return None if text.strip() == "-" else parse_date(text)

    changes: list[tuple[str, str, dt.date | None]] = []
    if office is not None:
        changes.append(("office", "", day(office)))
    for item in hamlets:
        name, sep, on = item.rpartition("=")
        if not sep or not name.strip():
            raise click.UsageError(t("publish.hamlet_usage"))
        changes.append(("hamlet", " ".join(name.split()), day(on)))
    if radio is not None:
        changes.append(("radio", "", day(radio)))
    store = settings.store(must_exist=True)
    if changes:  # all checked before any is written: a refused date saves none of them
        pub.record_publications(store, meeting_id, changes)
    for done in pub.publication(store, meeting_id):
        mark = "☑" if done.done_on else "☐"
        shown = f"{done.done_on:%d/%m/%Y}" if done.done_on else " " * 10
        click.echo(f"{mark} {shown}  {t('pub.' + done.channel, hamlet=done.hamlet)}")
    click.echo(t("publish.done" if pub.is_published(store, meeting_id) else "publish.not_done"))


@cli.group()
def calendar() -> None:
    """Swapped days off and make-up working days the holidays package does not know yet."""


def _calendar_add(settings: Settings, date: str, kind: str, note: str) -> None:
    from facilitator.rules.text import parse_date

    day = parse_date(date)
    store = settings.store()
    store.set_calendar_override(day, kind, note)
    click.echo(
        settings.t("cli.calendar_added", date=f"{day:%d/%m/%Y}", kind=settings.t("cal." + kind))
    )


@calendar.command("add-off")
@click.argument("date")
@click.option("--note", default="", help="Why (e.g. the decision that swapped the day).")
@_common
@click.pass_obj
def add_off(settings: Settings, date: str, note: str) -> None:
    """Record an extra day off (dd/mm/yyyy or yyyy-mm-dd)."""
    _calendar_add(settings, date, "off", note)


@calendar.command("add-workday")
@click.argument("date")
@click.option("--note", default="", help="Why (e.g. the decision that swapped the day).")
@_common
@click.pass_obj
def add_workday(settings: Settings, date: str, note: str) -> None:
    """Record a make-up working day (e.g. a Saturday)."""
    _calendar_add(settings, date, "work", note)


@calendar.command("list")
@_common
@click.pass_obj
def calendar_list(settings: Settings) -> None:
    """List the recorded overrides."""
    store = settings.store(must_exist=True)
    rows = store.calendar_overrides()
    if not rows:
        click.echo(settings.t("cli.calendar_empty"))
    for row in rows:
        click.echo(f"{row.date:%d/%m/%Y}  {settings.t('cal.' + row.kind):<18}  {row.note}")


@calendar.command("remove")
@click.argument("date")
@_common
@click.pass_obj
def calendar_remove(settings: Settings, date: str) -> None:
    """Remove a recorded day off or make-up working day."""
    from facilitator.rules.text import parse_date

    day = parse_date(date)
    store = settings.store(must_exist=True)
    kind = store.remove_calendar_override(day)
    if kind is None:
        from db.store import StoreError

        raise StoreError("store.no_day", day=f"{day:%d/%m/%Y}")
    click.echo(
        settings.t("cli.calendar_removed", date=f"{day:%d/%m/%Y}", kind=settings.t("cal." + kind))
    )


@cli.command()
@_common
@click.pass_obj
def check(settings: Settings) -> None:
    """Integrity check of the database."""
    store = settings.store(must_exist=True)
    problems = store.integrity_problems()
    if problems:
        for p in problems:
            click.echo(p, err=True)
        sys.exit(1)
    click.echo(settings.t("cli.ok", path=settings.db_path()))


@cli.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Backup file or folder to write (default: the backups folder beside the database).",
)
@_common
@click.pass_obj
def backup(settings: Settings, output: Path | None) -> None:
    """Online backup copy of the database (safe while the meeting runs)."""
    from facilitator.rules.clock import system_clock
    from facilitator.services.files import FileWriteError, free_name

    store = settings.store(must_exist=True)
    source = settings.db_path()
    if output is None:
        from db.store import backups_folder

        # In the backups folder, named like the automatic ones: restore lists it.
        stamp = system_clock().strftime("%Y%m%d-%H%M%S-%f")
        output = free_name(backups_folder(source) / f"{source.stem}-{stamp}-manual.db")
    elif output.is_dir():
        output = free_name(output / f"{source.stem}-backup.db")
    elif output.exists():
        raise FileWriteError("file.exists", path=output)
    store.backup_to(output)
    click.echo(settings.t("cli.backup", path=output))


@cli.group(invoke_without_command=True)
@_common
@click.pass_context
def profile(ctx: click.Context) -> None:
    """The commune profile printed on documents (SPEC §7a): show, or edit KEY VALUE."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(profile_show)


def _show_profile(settings: Settings, store: Any) -> None:
    from facilitator.rules.profile import KEYS

    current = store.profile()
    current = current.resolved(current.commune) if current.commune else current
    for key in KEYS:
        click.echo(f"{settings.t('profile.' + key)} [{key}]: {current.get(key)}")


@profile.command("show")
@_common
@click.pass_obj
def profile_show(settings: Settings) -> None:
    """Print every item of the profile (KEY, value, what it is)."""
    path = settings.db_path()
    if not path.exists():  # a command that only reads never creates one: say which do
        raise click.ClickException(settings.t("cli.no_db_yet", path=path))
    _show_profile(settings, settings.store())


@profile.command("edit")
@click.argument("key")
@click.argument("value")
@_common
@click.pass_obj
def profile_edit(settings: Settings, key: str, value: str) -> None:
    """Change one item; lists (hamlets, recipients.*) are typed separated by ";"."""
    store = settings.store()
    store.set_profile(store.profile().edited(key, value))
    click.echo(settings.t("profile.saved"))
    _show_profile(settings, store)


@cli.command()
@click.argument("number", type=int, required=False)
@_common
@click.pass_obj
def restore(settings: Settings, number: int | None) -> None:
    """List the backups (newest first), or restore backup NUMBER after keeping the current
    file aside."""
    from db.store import (
        StoreError,
        backup_summary,
        backups_folder,
        backups_of,
        restore_backup,
    )
    from facilitator.rules.clock import system_clock

    t = settings.t
    db = settings.db_path()
    backups = list(reversed(backups_of(db)))
    if number is None:
        if not db.exists() and not backups:
            raise StoreError("store.no_file", path=db)
        if not backups:
            click.echo(t("restore.none", name=db.name, folder=backups_folder(db)))
            return
        click.echo(t("restore.head"))
        for n, path in enumerate(backups, start=1):
            info = backup_summary(path)
            when = f"{info.moment:%d/%m/%Y %H:%M:%S}" if info.moment else "?"

            def count(value: int | None) -> str:
                return "?" if value is None else str(value)

            damaged = "" if info.intact else f"  ({t('restore.damaged')})"
            click.echo(
                f"{n:>4}  {when:<19}  {info.reason:<10}  {count(info.meetings):>8}  "
                f"{count(info.speakers):>15}  {count(info.minutes):>8}{damaged}"
            )
        click.echo(t("restore.hint"))
        return
    if not 1 <= number <= len(backups):
        raise StoreError("store.no_backup", number=number)
    info = backup_summary(backups[number - 1])
    if not info.intact:
        raise StoreError("store.backup_damaged", number=number)
    aside = restore_backup(db, backups[number - 1], system_clock())
    when = f"{info.moment:%d/%m/%Y %H:%M:%S}" if info.moment else backups[number - 1].name
    click.echo(t("restore.done", date=when, path=db))
    if aside is not None:
        click.echo(t("restore.kept", path=aside))


@cli.command("seal")
@click.argument("meeting_id", type=int)
@click.option("--by", default="", help="Who seals (default: the meeting's secretary).")
@_common
@click.pass_obj
def seal_(settings: Settings, meeting_id: int, by: str) -> None:
    """ "Thông qua biên bản": seal the minutes of a concluded meeting (SHA-256)."""
    from facilitator.services.live import Console
    from facilitator.services.seal import seal

    store = settings.store(must_exist=True)
    console = Console(store, meeting_id)
    made = seal(console, by or console.meeting.secretary_name)
    click.echo(settings.t("seal.done", code=made.code, time=_when(made.at)))


@cli.command()
@click.argument("meeting_id", type=int)
@click.option(
    "--entry",
    type=int,
    help="Number of the minutes entry to correct, as the live screen shows it "
    "(#12; see: amend ID).",
)
@click.option("--text", help="The corrected text of that entry.")
@click.option("--conclusion", help="The corrected conclusion of the chair.")
@click.option(
    "--petition", type=int, help="Number of the petition to correct, as the minutes print it."
)
@click.option("--content", help="The corrected content of that petition.")
@click.option("--answer", help="The corrected answer to that petition.")
@click.option("--answered-by", "answered_by", help='Who answered it: "name, position".')
@click.option("--forwarded-to", "forwarded_to", help="The corrected receiving body.")
@click.option("--responsible", help="The corrected person or unit responsible.")
@click.option("--due", help="The corrected due date (dd/mm/yyyy).")
@click.option(
    "--set",
    "details",
    multiple=True,
    metavar="KEY=VALUE",
    help="Correct a detail of the meeting the minutes print (date=29/10/2021, start=14:00, "
    "place=…, chair_name=…, secretary_name=…); repeatable.",
)
@click.option("--by", default="", help="Who makes the amendment.")
@click.option("--why", default="", help="Why (recorded and sealed with the change).")
@_common
@click.pass_obj
def amend(
    settings: Settings,
    meeting_id: int,
    entry: int | None,
    text: str | None,
    conclusion: str | None,
    petition: int | None,
    content: str | None,
    answer: str | None,
    answered_by: str | None,
    forwarded_to: str | None,
    responsible: str | None,
    due: str | None,
    details: tuple[str, ...],
    by: str,
    why: str,
) -> None:
    """Correct sealed minutes: the change, who, when and why are chained to a new seal.
    Without --entry, --conclusion or --petition, lists the numbered entries, the petitions
    and the seals."""
    from facilitator.services.live import Console
    from facilitator.services.seal import (
        amend_conclusion,
        amend_entry,
        amend_meeting,
        amend_petition,
    )

    t = settings.t
    store = settings.store(must_exist=True)
    console = Console(store, meeting_id)
    if entry is None and conclusion is None and petition is None and not details:
        _list_amendable(settings, store, meeting_id)
        return
    if details:
        made = amend_meeting(console, _detail_values(settings, details), by=by, why=why)
    elif petition is not None:
        made = amend_petition(
            console,
            petition,
            content=content,
            answer=answer,
            answered_by=answered_by,
            forwarded_to=forwarded_to,
            responsible=responsible,
            due=due,
            by=by,
            why=why,
        )
    elif entry is not None:
        if text is None:
            raise click.UsageError(t("amend.need_text"))
        made = amend_entry(console, entry, text, by=by, why=why)
    else:
        assert conclusion is not None
        made = amend_conclusion(console, conclusion, by=by, why=why)
    click.echo(t("amend.done", seq=made.seq, code=made.code, time=_when(made.at)))


def _list_amendable(settings: Settings, store: Store, meeting_id: int) -> None:
    """What ``amend`` can correct: the numbered entries, the petitions, then the seals."""
    from facilitator.services.seal import entry_rows, seals

    t = settings.t
    store.meeting(meeting_id)
    rows = entry_rows(store, meeting_id)
    if rows:  # numbered as the live screen's editor shows them ("#12"), never renumbered
        click.echo(t("amend.entries_head"))
    for row in rows:
        who = row.speaker or t(f"amend.kind.{row.kind}")
        text = row.text or t("amend.empty")
        click.echo(f"{row.number:>4}  {row.time}  {who} · {text}")
    for p in store.petitions(meeting_id):
        first = " ".join(p.content.split())
        first = first if len(first) <= 40 else first[:39] + "…"
        # the item's kind, as the biên bản names it ("Phản ánh 2"), in the UI's language
        kind = t(f"kind.{p.kind}")
        click.echo(
            t("amend.petition_row", kind=kind[:1].upper() + kind[1:], seq=p.seq, content=first)
        )
    for s in seals(store, meeting_id):
        click.echo(t("seal.row", seq=s.seq, code=s.code, time=_when(s.at), by=s.by, why=s.why))


def _detail_values(settings: Settings, details: tuple[str, ...]) -> dict[str, str]:
    """``--set KEY=VALUE`` pairs as a dict; a pair without ``=`` is a usage error."""
    values = {}
    for pair in details:
        key, sep, value = pair.partition("=")
        if not sep:
            raise click.UsageError(settings.t("amend.set_pair", pair=pair))
        values[key.strip()] = value
    return values


@cli.command()
@click.argument("meeting_id", type=int)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Folder (or .zip file) to write."
)
@click.option("--as-of", "as_of", help="Date of the notice and report (default: today).")
@_common
@click.pass_obj
def archive(settings: Settings, meeting_id: int, output: Path | None, as_of: str | None) -> None:
    """One .zip with every document of the meeting, the meeting file and SHA256SUMS."""
    from facilitator.rules.text import parse_date
    from facilitator.services.archive import build_archive

    day = parse_date(as_of) if as_of else None
    store = settings.store(must_exist=True)
    path = build_archive(store, meeting_id, output, as_of=day)
    click.echo(settings.t("cli.written", path=path))


@cli.command("verify")
@click.argument("target")
@_common
@click.pass_obj
def verify_(settings: Settings, target: str) -> None:
    """Check an archive bundle (ARCHIVE.zip) against its SHA256SUMS, or recompute the seals of
    meeting ID; names the first member or entry that differs (exit 1)."""
    t = settings.t
    if target.lower().endswith(".zip"):
        from facilitator.services.archive import verify_archive

        result = verify_archive(Path(target))
        if result.intact:
            click.echo(t("archive.intact", count=result.checked))
            return
        click.echo(t("archive.broken", problem=t.error(result.problem)))
        sys.exit(1)
    try:
        meeting_id = int(target)
    except ValueError:
        raise click.UsageError(t("verify.usage")) from None
    from facilitator.services.seal import verify

    store = settings.store(must_exist=True)
    verdict = verify(store, meeting_id)
    if verdict.intact:
        assert verdict.seal is not None
        click.echo(
            t(
                "verify.intact",
                code=verdict.seal.code,
                time=_when(verdict.seal.at),
                count=verdict.seal.seq,
            )
        )
        return
    code = verdict.seal.code if verdict.seal else "—"
    if getattr(verdict.problem, "key", "") == "seal.imported":
        # Not a mismatch: a seal made elsewhere cannot be checked item by item here.
        click.echo(t("verify.elsewhere", code=code, problem=t.error(verdict.problem)))
    else:
        click.echo(t("verify.broken", code=code, problem=t.error(verdict.problem)))
    sys.exit(1)


def _when(value: Any) -> str:
    """A stored time as the secretary reads it: "11:32 28/10/2021" (local time)."""
    from facilitator.rules.clock import local, parse

    moment = local(parse(value) if isinstance(value, str) else value)
    return f"{moment:%H:%M %d/%m/%Y}"


def _db_of(argv: list[str]) -> Path | None:
    """The database a command line names (for the crash log), without running click."""
    for i, arg in enumerate(argv):
        if arg.startswith("--db="):
            return Path(arg[len("--db=") :])
        if arg == "--db" and i + 1 < len(argv):
            return Path(argv[i + 1])
    try:
        from db.store import default_db_path

        return default_db_path()
    except Exception:  # noqa: BLE001 - only used to place the crash log
        return None


def main() -> None:
    """Entry point: one clear line and exit 1 on errors, exit 2 on usage errors, no traceback."""
    lang = lang_of(sys.argv[1:])
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("Đã hủy." if lang == "vi" else "Cancelled.", err=True)
        sys.exit(1)
    except click.UsageError as exc:
        exc.show()
        sys.exit(2)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the user sees one line, never a traceback
        click.echo(error_line(exc, lang, _db_of(sys.argv[1:])), err=True)
        sys.exit(1)


def error_line(exc: BaseException, lang: str, db: Path | None) -> str:
    """One line for the terminal. A problem the program words itself prints as it is; a
    damaged database names its backups; anything unexpected goes to a crash log beside the
    database (the traceback may hold citizens' data) and the line says where."""
    from db.store import damaged_message
    from facilitator.crash import is_damaged, is_worded, root_cause, write_crash_log

    t = Translator(lang)
    exc = root_cause(exc)
    worded_damage = getattr(exc, "key", None) in ("store.damaged", "store.backup_damaged")
    if is_damaged(exc) and not worded_damage:
        message = t.error(damaged_message(db))
    elif is_worded(exc):
        message = t.error(exc)
    else:
        return t("crash.logged", path=write_crash_log(db, exc))
    return t("crash.problem", message=message)


if __name__ == "__main__":
    main()
