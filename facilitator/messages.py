"""What the program tells the user went wrong, by error key: Vietnamese and English side by side.

``facilitator.rules.errors.UserError(key, field, **params)`` carries a key of this table; the
CLI and the screens word it in the interface language, ``str(err)`` in Vietnamese. A {name}
is a value the error carries, inserted as it is (a path, a name, an excerpt of what was typed)
or, for a nested message (an OS reason, the error of one row), worded in the same language.
Both languages name the same {params}; a test checks it.
"""

from __future__ import annotations

_BOTH: dict[str, tuple[str, str]] = {
    # ----- shared -------------------------------------------------------------------------
    "as_is": ("{text}", "{text}"),
    "required": ("không được để trống", "required"),
    "row": ("dòng {row}: {error}", "row {row}: {error}"),
    "form.required": ("Không được để trống", "Required"),
    "form.move_not_waiting": (
        "không có người đang chờ mang số này",
        "no waiting speaker has this number",
    ),
    "form.position_invalid": ("hãy gõ một số từ 1 trở lên", "type a number from 1 up"),
    # ----- text rules ---------------------------------------------------------------------
    "text.too_long": (
        "quá dài: {length} ký tự, tối đa {limit}",
        "too long: {length} characters, at most {limit}",
    ),
    "text.bad_date": ("ngày không hợp lệ: {value}", "invalid date: {value}"),
    "text.file_not_found": ("không tìm thấy tệp: {path}", "file not found: {path}"),
    "summary.end_before_start": (
        "ngày cuối {end} trước ngày đầu {start}",
        "the last day {end} is before the first day {start}",
    ),
    # ----- citizen ID card (QR) -----------------------------------------------------------
    "card.date_format": ("ngày không đúng dạng ddmmyyyy", "a date is not in ddmmyyyy form"),
    "card.date_unreal": ("ngày không có thật", "a date that does not exist"),
    "card.bad_name": ("họ tên không hợp lệ", "invalid full name"),
    "card.field_count": (
        "cần {fields} trường ngăn bởi '|', có {count}",
        "expected {fields} fields separated by '|', found {count}",
    ),
    "card.number": ("số căn cước phải có 12 chữ số", "the ID card number must have 12 digits"),
    "card.old_number": (
        "số CMND cũ phải có 9 hoặc 12 chữ số",
        "the old ID number must have 9 or 12 digits",
    ),
    "card.sex": ("giới tính không đọc được", "the sex cannot be read"),
    "card.no_residence": ("thiếu nơi thường trú", "the permanent residence is missing"),
    # ----- commune profile ----------------------------------------------------------------
    "profile.no_item": ("không có mục {item}", "no item {item}"),
    "profile.no_item_listed": (
        "không có mục {item} (các mục: {items})",
        "no item {item} (items: {items})",
    ),
    # ----- the operating system's reasons (its own text follows the system's language) ----
    "os.no_such_file": ("không có tệp hoặc thư mục này", "no such file or folder"),
    "os.permission": ("không có quyền truy cập", "permission denied"),
    "os.disk_full": ("ổ đĩa đã đầy", "the disk is full"),
    "os.read_only_disk": ("ổ đĩa chỉ cho phép đọc", "the disk is read-only"),
    "os.in_use": (
        "tệp đang được chương trình khác sử dụng",
        "the file is in use by another program",
    ),
    "os.exists": ("tệp đã có", "the file exists"),
    "os.is_folder": ("đây là thư mục, không phải tệp", "this is a folder, not a file"),
    "os.not_folder": (
        "một phần của đường dẫn không phải thư mục",
        "part of the path is not a folder",
    ),
    "os.name_too_long": ("tên tệp quá dài", "the file name is too long"),
    "os.io": ("lỗi đọc ghi ổ đĩa", "disk input/output error"),
    "os.error_number": ("lỗi hệ điều hành số {number}", "operating system error {number}"),
    "os.error": ("lỗi hệ điều hành", "operating system error"),
    # ----- writing files ------------------------------------------------------------------
    "file.exists_force": (
        "tệp đã có, không ghi đè: {path} (dùng --force để ghi đè)",
        "file exists, not overwritten: {path} (use --force to overwrite)",
    ),
    "file.exists": ("tệp đã có, không ghi đè: {path}", "file exists, not overwritten: {path}"),
    "file.read_only": (
        "tệp chỉ được đọc, không ghi đè: {path}",
        "the file is read-only, not overwritten: {path}",
    ),
    "file.no_folder": ("thư mục không tồn tại: {folder}", "folder does not exist: {folder}"),
    "file.no_permission": (
        "không có quyền ghi vào thư mục {folder}",
        "no permission to write in {folder}",
    ),
    "file.cannot_write_in": (
        "không ghi được vào {folder}: {reason}",
        "cannot write in {folder}: {reason}",
    ),
    "file.in_use": (
        "không ghi được {name}: tệp đang mở trong chương trình khác hoặc chỉ được đọc; "
        "hãy đóng tệp rồi thử lại",
        "cannot write {name}: the file is open in another program or read-only; close it and retry",
    ),
    "file.disk_full": (
        "ổ đĩa đã đầy, không ghi được {name}",
        "the disk is full, cannot write {name}",
    ),
    "file.cannot_write": ("không ghi được {path}: {reason}", "cannot write {path}: {reason}"),
    "file.cannot_read": (
        "không đọc được tệp {path}: {reason}",
        "cannot read the file {path}: {reason}",
    ),
    "file.letters_need_folder": (
        "cần một thư mục để ghi các công văn, không phải tệp: {path}",
        "the letters need a folder, not a file: {path}",
    ),
    # ----- exports ------------------------------------------------------------------------
    "export.nothing_forwarded": (
        "không có kiến nghị nào chuyển cấp trên (kết quả: chuyển cấp trên)",
        "no petition is forwarded (outcome: forwarded to a higher level)",
    ),
    "export.date_after_meeting": (
        "ngày lập văn bản {date} sau ngày hội nghị {day}",
        "document date {date} is after the meeting ({day})",
    ),
    "export.date_before_meeting": (
        "ngày lập văn bản {date} trước ngày hội nghị {day}",
        "the document date {date} is before the meeting ({day})",
    ),
    "pdf.json": ("tệp hội nghị là JSON, không xuất ra PDF", "the meeting file is JSON, not a PDF"),
    "pdf.txt": (
        "bài đọc trên loa là tệp văn bản .txt, không xuất ra PDF",
        "the loudspeaker script is a .txt text file, not a PDF",
    ),
    "pdf.no_libreoffice": (
        "cần LibreOffice để xuất PDF; hãy cài LibreOffice hoặc xuất .docx",
        "a PDF needs LibreOffice; install LibreOffice or export .docx",
    ),
    "pdf.failed": (
        "LibreOffice không chuyển được sang PDF: {reason}",
        "LibreOffice could not make the PDF: {reason}",
    ),
}

ERRORS: dict[str, dict[str, str]] = {
    "vi": {key: vi for key, (vi, _) in _BOTH.items()},
    "en": {key: en for key, (_, en) in _BOTH.items()},
}
