"""click's own words (usage errors, ``--help``) in the interface language.

click asks ``gettext`` for its messages; without a catalogue it answers in English. The CLI
replaces click's ``_``/``ngettext`` with lookups in the table below, and swaps the help texts of
the commands and options for their Vietnamese versions while the Vietnamese interface runs.
"""

from __future__ import annotations

import gettext
import sys
from collections.abc import Sequence
from typing import Any

import click

_LANG = {"current": "vi"}

# click's messages (English msgid → Vietnamese).
CLICK_VI: dict[str, str] = {
    "%(prog)s, version %(version)s": "%(prog)s, phiên bản %(version)s",
    "Aborted!": "Đã hủy.",
    "Argument {name!r} takes {nargs} values.": "Tham số {name!r} cần {nargs} giá trị.",
    "Choose from:\n\t{choices}": "Chọn một trong:\n\t{choices}",
    "Commands": "Lệnh",
    "Could not open file {filename!r}: {message}": "Không mở được tệp {filename!r}: {message}",
    "Error: {message}": "Lỗi: {message}",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Missing argument": "Thiếu tham số",
    "Missing command.": "Thiếu lệnh.",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "Missing {param_type}": "Thiếu {param_type}",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "No such option {name!r}.": "Không có tùy chọn {name!r}.",
    "Option {name!r} does not take a value.": "Tùy chọn {name!r} không nhận giá trị.",
    "Options": "Tùy chọn",
    "Positional arguments": "Tham số",
    "Show the version and exit.": "In phiên bản rồi thoát.",
    "Show this message and exit.": "In hướng dẫn này rồi thoát.",
    "Try '{command} {option}' for help.": "Xem hướng dẫn: '{command} {option}'.",
    "Usage:": "Cách dùng:",
    "default: {default}": "mặc định: {default}",
    "required": "bắt buộc",
    "deprecated": "không còn dùng",
    "env var: {var}": "biến môi trường: {var}",
    "file": "tệp",
    "directory": "thư mục",
    "path": "đường dẫn",
    "unknown error": "lỗi không rõ",
    "{name} {filename!r} does not exist.": "{name} {filename!r} không tồn tại.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} là thư mục.",
    "{name} {filename!r} is a file.": "{name} {filename!r} là tệp.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} không đọc được.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} không ghi được.",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải số nguyên hợp lệ.",
    "{value} is not in the range {range}.": "{value} nằm ngoài khoảng {range}.",
    "integer": "số nguyên",
    "float": "số thực",
    "Error: invalid input": "Lỗi: giá trị không hợp lệ",
    "Do you want to continue?": "Tiếp tục?",
    "Repeat for confirmation": "Nhập lại để xác nhận",
    "Error: The two entered values do not match.": "Lỗi: hai giá trị nhập không khớp.",
}

CLICK_PLURAL_VI: dict[str, str] = {
    "{value!r} is not {choice}.": "{value!r} không phải {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} không thuộc {choices}.",
    "Did you mean {possibility}?": "Có phải ý bạn là {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Có phải ý bạn là một trong: {possibilities}?)",
    "Option {name!r} requires an argument.": "Tùy chọn {name!r} cần một giá trị.",
    "Option {name!r} requires {nargs} arguments.": "Tùy chọn {name!r} cần {nargs} giá trị.",
    "{value!r} does not match the format {format}.": "{value!r} không đúng dạng {format}.",
    "{value!r} does not match the formats {formats}.": "{value!r} không đúng các dạng {formats}.",
}

# Help texts of the commands and options (English as written in cli.py → Vietnamese).
HELP_VI: dict[str, str] = {
    "facilitator: run a commune's public dialogue meeting (hội nghị tiếp xúc, đối thoại).\n\n"
    "With no command, opens the secretary console (the live meeting if one is live).": (
        "facilitator: điều hành hội nghị tiếp xúc, đối thoại của xã.\n\n"
        "Không có lệnh: mở màn hình thư ký (hội nghị đang diễn ra, nếu có)."
    ),
    "Language of the interface (documents are always Vietnamese).": (
        "Ngôn ngữ giao diện (văn bản luôn bằng tiếng Việt)."
    ),
    "Database file (default: FACILITATOR_DB or the user data folder).": (
        "Tệp cơ sở dữ liệu (mặc định: FACILITATOR_DB hoặc thư mục dữ liệu của người dùng)."
    ),
    "Ring the terminal bell once at the last minute and once at zero.": (
        "Rung chuông một lần khi còn một phút và một lần khi hết giờ."
    ),
    "Open the live screen of a meeting (a draft starts with the first F8).": (
        "Mở màn hình điều hành của một hội nghị (bản nháp khai mạc bằng F8 đầu tiên)."
    ),
    "Create the Đông Phong demo meeting and open it (a fresh temporary file without --db).": (
        "Tạo và mở hội nghị mẫu thôn Đông Phong (tệp tạm mới nếu không có --db)."
    ),
    "Chair / projector view: read-only, follows the live meeting.": (
        "Màn hình chủ trì / máy chiếu: chỉ xem, theo hội nghị đang diễn ra."
    ),
    "Meeting to follow (default: the live one).": (
        "Hội nghị cần theo (mặc định: hội nghị đang diễn ra)."
    ),
    "Never open the file for writing, not even to update an older one (serve uses it).": (
        "Không bao giờ mở tệp để ghi, kể cả để cập nhật tệp cũ (lệnh serve dùng)."
    ),
    "The chair view and the speaking order in a browser on the hall's network (read-only).": (
        "Màn hình chủ tọa và thứ tự phát biểu trên trình duyệt, qua mạng của hội trường (chỉ xem)."
    ),
    "Port to listen on.": "Cổng mạng để mở.",
    "Address to listen on; 0.0.0.0 for every screen and phone on the hall's network.": (
        "Địa chỉ để mở; 0.0.0.0 để mọi màn hình và điện thoại trong mạng hội trường mở được."
    ),
    "Meeting to show (default: the live one).": (
        "Hội nghị cần hiện (mặc định: hội nghị đang diễn ra)."
    ),
    "Registration desk: add, edit and reorder speakers only.": (
        "Bàn đăng ký: chỉ thêm, sửa và sắp xếp người phát biểu."
    ),
    "Meeting to register for (default: the live one).": (
        "Hội nghị nhận đăng ký (mặc định: hội nghị đang diễn ra)."
    ),
    "List meetings: id, date, village, status.": (
        "Danh sách hội nghị: số, ngày, thôn, trạng thái."
    ),
    "Import a meeting file (JSON); prints the new meeting id.": (
        "Nhập tệp hội nghị (JSON); in số của hội nghị mới."
    ),
    "Write a document before, on or after the meeting, or the meeting file (json).\n\n"
    "A meeting file (FILE.json) in place of MEETING_ID: its documents without any database.": (
        "Xuất văn bản (announcement: thông báo tổ chức hội nghị, radio: bài đọc trên loa "
        "truyền thanh, invitation: giấy mời, attendance: danh sách tham dự, minutes: biên bản, "
        "conclusion: thông báo kết luận, report: báo cáo, forward: công văn chuyển kiến nghị, "
        "mỗi cơ quan nhận một tệp) hoặc tệp hội nghị (json).\n\n"
        "Thay SỐ_HỘI_NGHỊ bằng một tệp hội nghị (TỆP.json): xuất văn bản ngay từ tệp, không "
        "cần cơ sở dữ liệu."
    ),
    "Which document to write.": "Văn bản cần xuất.",
    "One .zip with every document of the meeting, the meeting file and SHA256SUMS.": (
        "Một tệp .zip gồm mọi văn bản của hội nghị, tệp hội nghị và bảng mã SHA256SUMS."
    ),
    "Folder (or .zip file) to write.": "Thư mục (hoặc tệp .zip) ghi ra.",
    "Date of the notice and report (default: today).": (
        "Ngày của thông báo kết luận và báo cáo (mặc định: hôm nay)."
    ),
    "Check an archive bundle (ARCHIVE.zip) against its SHA256SUMS, or recompute the seals of\n"
    "meeting ID; names the first member or entry that differs (exit 1).": (
        "Kiểm tra gói lưu trữ (ARCHIVE.zip) theo SHA256SUMS của nó, hoặc tính lại mã xác thực "
        "biên bản của hội nghị ID; nêu tệp hoặc mục đầu tiên bị thay đổi (mã thoát 1)."
    ),
    "The commune's figures over all meetings held in a period: meetings, petitions by kind,\n"
    "field and outcome, answered on time, late, still open.": (
        "Số liệu tổng hợp của xã trong một khoảng thời gian: số hội nghị; ý kiến, kiến nghị theo "
        "loại, lĩnh vực, kết quả; trả lời đúng hạn, quá hạn, chưa trả lời."
    ),
    '"Thông qua biên bản": seal the minutes of a concluded meeting (SHA-256).': (
        "Thông qua biên bản của hội nghị đã kết luận: niêm phong bằng mã xác thực (SHA-256)."
    ),
    "Who seals (default: the meeting's secretary).": (
        "Người niêm phong (mặc định: thư ký hội nghị)."
    ),
    "Correct sealed minutes: the change, who, when and why are chained to a new seal.\n"
    "Without --entry, --conclusion or --petition, lists the numbered entries, the petitions\n"
    "and the seals.": (
        "Đính chính biên bản đã thông qua: nội dung sửa, người sửa, thời điểm và lý do được "
        "niêm phong tiếp bằng mã xác thực mới. Không có --entry, --conclusion hoặc --petition: "
        "liệt kê các mục đã đánh số, các kiến nghị và các lần niêm phong."
    ),
    "Number of the petition to correct, as the minutes print it.": (
        "Số kiến nghị cần đính chính, như biên bản ghi."
    ),
    "The corrected content of that petition.": "Nội dung đã sửa của kiến nghị đó.",
    "The corrected answer to that petition.": "Nội dung trả lời đã sửa.",
    'Who answered it: "name, position".': 'Người trả lời: "họ tên, chức vụ".',
    "The corrected receiving body.": "Cơ quan nhận (đã sửa).",
    "The corrected person or unit responsible.": "Người hoặc đơn vị chịu trách nhiệm (đã sửa).",
    "The corrected due date (dd/mm/yyyy).": "Thời hạn đã sửa (ngày/tháng/năm).",
    "Correct a detail of the meeting the minutes print (date=29/10/2021, start=14:00, "
    "place=…, chair_name=…, secretary_name=…); repeatable.": "Đính chính một thông tin hội nghị "
    "in trong biên bản, dạng KHÓA=GIÁ_TRỊ (ví dụ ngày họp: date=29/10/2021; giờ bắt đầu: "
    "start=14:00; địa điểm: place=…; người chủ trì: chair_name=…); dùng được nhiều lần.",
    "Number of the minutes entry to correct, as the live screen shows it (#12; see: amend ID).": (
        "Số của ghi chép cần đính chính, như màn hình điều hành ghi (#12; xem: amend ID)."
    ),
    "The corrected text of that entry.": "Nội dung đã sửa của mục đó.",
    "The corrected conclusion of the chair.": "Kết luận đã sửa của chủ trì.",
    "Who makes the amendment.": "Người đính chính.",
    "Why (recorded and sealed with the change).": "Lý do (ghi và niêm phong cùng nội dung sửa).",
    "First day of the period.": "Ngày đầu của khoảng thời gian.",
    "Last day of the period.": "Ngày cuối của khoảng thời gian.",
    "Also write the figures as a .docx report (file or folder).": (
        "Ghi thêm báo cáo tổng hợp .docx (tệp hoặc thư mục)."
    ),
    "Reference date of the answers (default: today).": "Ngày đối chiếu (mặc định: hôm nay).",
    "Record where and when the results were published; with no option, show the record.": (
        "Ghi nơi và ngày công khai kết quả; không có tùy chọn: xem việc đã làm."
    ),
    "Date posted at the commune office ('-' clears it).": (
        "Ngày niêm yết tại trụ sở UBND xã ('-' để xóa)."
    ),
    "Date broadcast on the radio ('-' clears it).": (
        "Ngày thông báo trên đài truyền thanh ('-' để xóa)."
    ),
    "THÔN=DATE: sent to that thôn's head ('THÔN=-' clears it); repeatable.": (
        "THÔN=NGÀY: ngày gửi Trưởng thôn ('THÔN=-' để xóa); ghi được nhiều lần."
    ),
    "File or folder to write.": "Tệp hoặc thư mục ghi ra.",
    "Overwrite an existing file.": "Ghi đè tệp đã có.",
    "Document number (Số); blank leaves it to fill by hand.": ("Số văn bản; để trống để ghi tay."),
    "Date of the notice, report, announcement or invitation (default: today).": (
        "Ngày của thông báo, báo cáo, thông báo tổ chức hoặc giấy mời (mặc định: hôm nay)."
    ),
    "Assignments of all meetings with due dates and status, overdue first.": (
        "Các việc được giao của mọi hội nghị, kèm hạn và tình trạng; việc quá hạn lên đầu."
    ),
    "Only overdue assignments.": "Chỉ các việc quá hạn.",
    "Show the version and exit.": "In phiên bản rồi thoát.",
    "Reference date (default: today).": "Ngày đối chiếu (mặc định: hôm nay).",
    "Swapped days off and make-up working days the holidays package does not know yet.": (
        "Ngày nghỉ hoán đổi và ngày làm bù mà lịch nghỉ lễ có sẵn chưa biết."
    ),
    "Record an extra day off (dd/mm/yyyy or yyyy-mm-dd).": (
        "Ghi thêm một ngày nghỉ (dd/mm/yyyy hoặc yyyy-mm-dd)."
    ),
    "Why (e.g. the decision that swapped the day).": ("Lý do (ví dụ: quyết định hoán đổi ngày)."),
    "Record a make-up working day (e.g. a Saturday).": ("Ghi một ngày làm bù (ví dụ: thứ Bảy)."),
    "List the recorded overrides.": "Liệt kê các ngày đã ghi.",
    "Remove a recorded day off or make-up working day.": (
        "Xóa một ngày nghỉ hoặc ngày làm bù đã ghi."
    ),
    "Integrity check of the database.": "Kiểm tra tính toàn vẹn của cơ sở dữ liệu.",
    "Online backup copy of the database (safe while the meeting runs).": (
        "Sao lưu cơ sở dữ liệu (an toàn cả khi hội nghị đang diễn ra)."
    ),
    "Backup file or folder to write (default: the backups folder beside the database).": (
        "Tệp hoặc thư mục sao lưu (mặc định: thư mục sao lưu bên cạnh cơ sở dữ liệu)."
    ),
    "The commune profile printed on documents (SPEC §7a): show, or edit KEY VALUE.": (
        "Thông tin xã in trên văn bản: xem, hoặc sửa MỤC GIÁ_TRỊ."
    ),
    "Print every item of the profile (KEY, value, what it is).": (
        "In mọi mục của thông tin xã (mục, giá trị, ý nghĩa)."
    ),
    'Change one item; lists (hamlets, recipients.*) are typed separated by ";".': (
        'Sửa một mục; danh sách (hamlets, recipients.*) gõ cách nhau bằng ";".'
    ),
    "List the backups (newest first), or restore backup NUMBER after keeping the current\n"
    "file aside.": (
        "Liệt kê các bản sao lưu (mới nhất trước), hoặc khôi phục bản SỐ sau khi "
        "đặt tệp hiện tại sang một bên."
    ),
}

# Placeholders in the usage line.
METAVAR_VI: dict[str, str] = {
    "DATE": "NGÀY",
    "FILE": "TỆP",
    "INTEGER": "SỐ",
    "INTEGER RANGE": "SỐ",
    "KEY": "MỤC",
    "MEETING_ID": "SỐ_HỘI_NGHỊ",
    "NUMBER": "SỐ",
    "PATH": "ĐƯỜNG_DẪN",
    "TEXT": "VĂN_BẢN",
    "VALUE": "GIÁ_TRỊ",
}


def _gettext(message: str) -> str:
    if _LANG["current"] == "vi":
        return CLICK_VI.get(message, message)
    return message


def _ngettext(singular: str, plural: str, n: int) -> str:
    chosen = singular if n == 1 else plural
    if _LANG["current"] == "vi":
        return CLICK_PLURAL_VI.get(chosen, chosen)
    return chosen


def _install_gettext() -> None:
    for name, module in list(sys.modules.items()):
        if name == "click" or not name.startswith("click."):
            continue
        if getattr(module, "_", None) in (gettext.gettext, _gettext):
            module._ = _gettext  # type: ignore[attr-defined]
        if getattr(module, "ngettext", None) in (gettext.ngettext, _ngettext):
            module.ngettext = _ngettext  # type: ignore[attr-defined]


def _clean(text: str) -> str:
    import inspect

    return inspect.cleandoc(text)


def _english_metavar(param: click.Parameter) -> str | None:
    if isinstance(param.type, click.Choice):
        return None
    if isinstance(param, click.Option) and param.is_flag:
        return None
    if isinstance(param, click.Argument):
        return param.name.upper() if param.name else None
    return param.type.name.upper()


def _set_texts(command: click.Command, lang: str) -> None:
    # click builds the --help option once and keeps it: rebuilt, its line is in ``lang`` too
    # (in one process, e.g. the tests, it stayed in the first language asked for)
    command._help_option = None
    saved: dict[str, Any] = command.__dict__.setdefault(
        "_texts_en",
        {
            "help": command.help,
            "short_help": command.short_help,
            "options_metavar": command.options_metavar,
            "subcommand_metavar": getattr(command, "subcommand_metavar", None),
        },
    )
    vi = lang == "vi"
    help_en = saved["help"]
    command.help = HELP_VI.get(_clean(help_en), help_en) if vi and help_en else help_en
    command.options_metavar = "[TÙY CHỌN]" if vi else saved["options_metavar"]
    if isinstance(command, click.Group):
        command.subcommand_metavar = "[LỆNH] [THAM SỐ]..." if vi else saved["subcommand_metavar"]
    for param in command.params:
        p_saved: dict[str, Any] = param.__dict__.setdefault(
            "_texts_en", {"help": getattr(param, "help", None), "metavar": param.metavar}
        )
        if isinstance(param, click.Option):
            help_en = p_saved["help"]
            param.help = HELP_VI.get(help_en, help_en) if vi and help_en else help_en
        english = _english_metavar(param)
        if vi and p_saved["metavar"] is None and english in METAVAR_VI:
            metavar = METAVAR_VI[english]
            if isinstance(param, click.Argument) and not param.required:
                metavar = f"[{metavar}]"
            param.metavar = metavar
        else:
            param.metavar = p_saved["metavar"]
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _set_texts(sub, lang)


def lang_of(argv: Sequence[str]) -> str:
    """The language asked for on the command line, before or after the command name."""
    for i, arg in enumerate(argv):
        if arg == "--lang=en" or (arg == "--lang" and list(argv[i + 1 : i + 2]) == ["en"]):
            return "en"
    return "vi"


def use_language(root: click.Command, lang: str) -> None:
    """click's messages and the help texts under ``root`` in ``lang`` from now on."""
    _LANG["current"] = lang
    _install_gettext()
    _set_texts(root, lang)


class LocalGroup(click.Group):
    """A group that speaks the interface language from the first word it parses."""

    def main(self, args: Sequence[str] | None = None, *rest: Any, **extra: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        use_language(self, lang_of(argv))
        return super().main(args, *rest, **extra)
