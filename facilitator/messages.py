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
    # ----- the live console ---------------------------------------------------------------
    "live.bad_kind": ("loại ý kiến không hợp lệ: {kind}", "invalid kind of item: {kind}"),
    "live.sealed": (
        "biên bản đã được thông qua; chỉ sửa được bằng đính chính (lệnh facilitator amend)",
        "the minutes are sealed; they change only by an amendment (the facilitator amend command)",
    ),
    "live.over": (
        "hội nghị đã kết luận; không còn mời phát biểu, ghi kiến nghị hay chuyển phần",
        "the meeting has concluded: no more speakers, petitions or phase changes",
    ),
    "live.registration_closed": ("danh sách đăng ký đã khóa", "registration is closed"),
    "live.limit_range": (
        "thời gian phát biểu phải từ 30 giây đến 60 phút",
        "speaking time must be between 30 seconds and 60 minutes",
    ),
    "live.bad_title": ("danh xưng không hợp lệ: {title}", "invalid title: {title}"),
    "live.speaker_removed": (
        "người phát biểu này đã bị xóa ở cửa sổ khác; không lưu được",
        "another window removed this speaker; nothing was saved",
    ),
    "live.again_only_spoken": (
        "chỉ người đã phát biểu mới đăng ký phát biểu lại",
        "only someone who has spoken can ask to speak again",
    ),
    "live.move_only_waiting": (
        "chỉ di chuyển được người đang chờ",
        "only waiting speakers can be moved",
    ),
    "live.bad_state": ("trạng thái không hợp lệ: {state}", "invalid state: {state}"),
    "live.absent_only_waiting": (
        "chỉ người đang chờ mới có thể vắng mặt hoặc rút",
        "only a waiting speaker can be absent or withdraw",
    ),
    "live.undo_changed": (
        "không hoàn tác được: cửa sổ khác đã thay đổi việc này",
        "cannot undo: another window has changed this since",
    ),
    "live.no_chair": (
        "chưa có người chủ trì: hãy ghi «Chủ trì (họ và tên)» ở màn hình "
        "Chuẩn bị (Ctrl+T) trước khi khai mạc",
        "no chair yet: fill in «Chair (full name)» on the Preparation screen (Ctrl+T) "
        "before the opening",
    ),
    "live.petition_removed_unsaved": (
        "kiến nghị này đã bị xóa ở cửa sổ khác; không lưu được",
        "another window removed this petition; nothing was saved",
    ),
    "live.petition_removed": (
        "kiến nghị này đã bị xóa ở cửa sổ khác",
        "another window removed this petition",
    ),
    "live.bad_outcome": ("kết quả không hợp lệ: {outcome}", "invalid outcome: {outcome}"),
    "live.bad_minutes": ("số phút không hợp lệ", "invalid number of minutes"),
    "law.complaint": (
        "khiếu nại được chuyển xử lý theo Luật Khiếu nại, không chọn kết quả như kiến nghị",
        "a complaint is handled under the Law on Complaints: it takes no outcome",
    ),
    "law.denunciation": (
        "tố cáo được chuyển xử lý theo Luật Tố cáo, không chọn kết quả như kiến nghị",
        "a denunciation is handled under the Law on Denunciations: it takes no outcome",
    ),
    "readback.refused": (
        "chỉ đọc lại biên bản sau khi kết luận hội nghị (F9)",
        "the minutes are read back only after the meeting is concluded (F9)",
    ),
    # ----- preparation ----------------------------------------------------------------------
    "prep.bad_time": ("giờ không hợp lệ: {value} (HH:MM)", "invalid time: {value} (HH:MM)"),
    "prep.sealed": (
        "biên bản đã thông qua (niêm phong): ngày, giờ, địa điểm, chủ trì, thư ký… chỉ sửa bằng "
        "đính chính (lệnh facilitator amend {meeting} --set KHÓA=GIÁ_TRỊ --by … --why …)",
        "the minutes are sealed: date, time, place, chair, secretary… change only by an "
        "amendment (facilitator amend {meeting} --set KEY=VALUE --by … --why …)",
    ),
    "prep.sealed_officials": (
        "biên bản đã thông qua (niêm phong): thành phần tham dự không sửa được nữa",
        "the minutes are sealed: the officials who attended can no longer be changed",
    ),
    "prep.announced_after": (
        "ngày thông báo sau ngày hội nghị",
        "announcement after the meeting date",
    ),
    "prep.slot_range": ("thời gian mỗi lượt từ 0,5 đến 60 phút", "a turn lasts 0.5 to 60 minutes"),
    "prep.people_whole": (
        "số người phải là số nguyên",
        "the number of people must be a whole number",
    ),
    "prep.people_invalid": ("số người không hợp lệ", "invalid number of people"),
    "prep.budget_range": (
        "thời gian cho phần phát biểu từ 1 đến 600 phút",
        "the citizens' phase lasts 1 to 600 minutes",
    ),
    "prep.need_source": (
        "cần ghi nguồn (MTTQ, đoàn thể, đại biểu HĐND...)",
        "give the source (MTTQ, mass organisation, HĐND delegate...)",
    ),
    "prep.agenda_locked": (
        "chỉ sửa chương trình trước khi khai mạc",
        "the agenda can change only before the opening",
    ),
    "prep.agenda_empty": (
        "chương trình cần ít nhất một bước",
        "the agenda needs at least one phase",
    ),
    "prep.not_a_table": (
        "tệp {name} không đọc được như bảng: {reason}",
        "{name} cannot be read as a table: {reason}",
    ),
    "prep.empty_file": ("tệp trống", "the file is empty"),
    "prep.no_content_column": (
        "không thấy cột «Nội dung» ở dòng đầu",
        "no «Nội dung» (content) column in the first row",
    ),
    "prep.row_kind": (
        "dòng {row}: loại «{kind}» không rõ (kiến nghị, phản ánh, khiếu nại hoặc tố cáo)",
        "row {row}: unknown kind «{kind}» (petition, feedback, complaint or denunciation)",
    ),
    # ----- conclusion, follow-up, publication ----------------------------------------------
    "conclusion.due_before": (
        "hạn {due} trước ngày hội nghị {day}",
        "due date {due} is before the meeting ({day})",
    ),
    "conclusion.need_responsible": (
        "cần ghi người hoặc đơn vị chịu trách nhiệm",
        "name the person or unit responsible",
    ),
    "conclusion.unused_assignment": (
        "ô này chỉ dùng khi kết quả là «giao giải quyết»: chọn kết quả đó, hoặc xóa chữ đã gõ",
        "this field is used only when the outcome is «assigned»: choose it, or clear what was"
        " typed",
    ),
    "conclusion.unused_task": (
        "«Nhiệm vụ» chỉ dùng khi kết quả là «giao giải quyết» hoặc «chuyển cấp trên»: chọn một"
        " kết quả đó, hoặc xóa chữ đã gõ",
        "the task is used only when the outcome is «assigned» or «forwarded»: choose one, or"
        " clear what was typed",
    ),
    "conclusion.need_answer": (
        "kết quả «trả lời» cần nội dung trả lời",
        "an «answered» outcome needs the answer given",
    ),
    "followup.bad_form": (
        "hình thức trả lời phải là trực tiếp hoặc bằng văn bản",
        "the answer is either direct or written",
    ),
    "followup.no_assignment": ("không có phân công số {number}", "no assignment {number}"),
    "followup.not_forwarded": (
        "kiến nghị số {number} không chuyển cấp trên",
        "petition {number} was not forwarded",
    ),
    "followup.day_before_meeting": (
        "ngày này trước ngày hội nghị",
        "this date is before the meeting",
    ),
    "followup.day_after_today": (
        "ngày {day} sau hôm nay ({today}): chỉ ghi việc đã làm",
        "the date {day} is after today ({today}): record only what has been done",
    ),
    "followup.reply_before_sent": (
        "ngày nhận trả lời trước ngày gửi công văn",
        "the answer came back before the letter was sent",
    ),
    "followup.answered_before": (
        "ngày trả lời trước ngày hội nghị",
        "answer date before the meeting",
    ),
    "followup.answered_after_today": (
        "ngày trả lời {day} sau hôm nay ({today}): chỉ ghi việc đã làm",
        "the answer date {day} is after today ({today}): record only what has been done",
    ),
    "followup.done_after_today": (
        "ngày hoàn thành {day} sau hôm nay ({today}): chỉ ghi việc đã làm",
        "the done date {day} is after today ({today}): record only what has been done",
    ),
    "followup.done_before": ("ngày hoàn thành trước ngày hội nghị", "done date before the meeting"),
    "publication.bad_channel": (
        "kênh công khai không hợp lệ: {channel}",
        "invalid publication channel: {channel}",
    ),
    "publication.no_hamlet": (
        "không có thôn {hamlet} trong hồ sơ của xã",
        "{hamlet} is not a village of the commune profile",
    ),
    "publication.before_meeting": (
        "ngày công khai trước ngày hội nghị",
        "the publication date is before the meeting",
    ),
    "publication.after_today": (
        "ngày công khai {day} sau hôm nay ({today}): chỉ ghi việc đã làm",
        "the publication date {day} is after today ({today}): record only what has been done",
    ),
    "publication.bad_satisfaction": (
        "mức độ hài lòng không hợp lệ: {value}",
        "invalid satisfaction: {value}",
    ),
    "publication.ask_after_answer": (
        "chỉ hỏi ý kiến người kiến nghị sau khi đã trả lời",
        "ask the petitioner only once the petition is answered",
    ),
    # ----- sealed minutes and amendments ---------------------------------------------------
    "seal.not_concluded": (
        "chỉ thông qua biên bản sau khi kết luận hội nghị",
        "the minutes can be sealed only after the meeting is concluded",
    ),
    "seal.already_sealed": (
        "biên bản đã được thông qua; hãy sửa bằng đính chính (lệnh facilitator amend)",
        "the minutes are already sealed; change them by an amendment "
        "(the facilitator amend command)",
    ),
    "seal.need_sealer": (
        "cần ghi họ tên người niêm phong biên bản",
        "sealing needs the name of who seals the minutes",
    ),
    "seal.need_by": ("cần ghi người đính chính", "the amendment needs who makes it (--by)"),
    "seal.need_why": ("cần ghi lý do đính chính", "the amendment needs a reason (--why)"),
    "seal.not_sealed": (
        "biên bản chưa được thông qua; hãy sửa trực tiếp",
        "the minutes are not sealed; edit them directly",
    ),
    "seal.no_entry": (
        "hội nghị này không có ghi chép số {number} (số «#N» trên màn hình điều hành; "
        "xem danh sách: facilitator amend ID)",
        "this meeting has no minutes entry {number} (the «#N» of the live screen; "
        "see the list: facilitator amend ID)",
    ),
    "seal.need_change": ("cần ghi nội dung đính chính", "the amendment needs what to correct"),
    "seal.not_forwarded": (
        "kiến nghị số {number} không chuyển cấp trên",
        "petition {number} is not forwarded",
    ),
    "seal.not_assigned": (
        "kiến nghị số {number} không giao giải quyết",
        "petition {number} is not assigned",
    ),
    "seal.same_text": (
        "nội dung đính chính giống hệt nội dung cũ",
        "the amendment changes nothing",
    ),
    "seal.meeting_not_sealed": (
        "hội nghị số {meeting} chưa thông qua biên bản",
        "the minutes of meeting {meeting} are not sealed",
    ),
    "seal.altered": ("lần niêm phong thứ {seq} đã bị sửa", "seal {seq} has been altered"),
    "seal.item_deleted": ("{item}: đã bị xóa", "{item}: deleted"),
    "seal.item_changed": ("{item}: đã bị sửa", "{item}: changed"),
    "seal.item_added": ("{item}: thêm vào sau khi thông qua", "{item}: added after sealing"),
    "seal.entry": ("ghi chép số {number} ({time})", "minutes entry {number} ({time})"),
    "seal.entry_id": ("ghi chép (mã {id})", "minutes entry (id {id})"),
    "seal.petition": ("kiến nghị số {number}", "petition {number}"),
    "seal.petition_id": ("kiến nghị (mã {id})", "petition (id {id})"),
    "seal.assignment": ("phân công của kiến nghị số {number}", "assignment of petition {number}"),
    "seal.assignment_id": (
        "phân công của kiến nghị (mã {id})",
        "assignment of petition (id {id})",
    ),
    "seal.meeting": (
        "thông tin hội nghị (ngày, giờ, địa điểm, chủ trì, thư ký, thành phần)",
        "the meeting's details (date, time, place, chair, secretary, attendance)",
    ),
    "seal.bad_detail": (
        "không đính chính được «{key}»; được sửa: {keys}",
        "cannot amend «{key}»; these can be: {keys}",
    ),
    "seal.conclusion": ("kết luận của chủ tọa", "the chair's conclusion"),
    "seal.imported": (
        "biên bản được thông qua ở cơ sở dữ liệu khác (hội nghị số {meeting} ở đó) và nhận qua tệp "
        "hội nghị: chuỗi mã xác thực khớp, nhưng từng nội dung chỉ đối chiếu được ở cơ sở dữ liệu "
        "đó hoặc với gói lưu trữ (facilitator verify TỆP.zip)",
        "the minutes were sealed in another database (meeting {meeting} there) and came in a "
        "meeting file: the seal chain adds up, but each item can only be checked in that "
        "database or against the archive bundle (facilitator verify FILE.zip)",
    ),
    # ----- archive bundles ------------------------------------------------------------------
    "archive.not_zip": ("{name}: không phải tệp .zip đọc được", "{name}: not a readable .zip file"),
    "archive.no_manifest": (
        "thiếu tệp {manifest} trong gói",
        "{manifest} is missing from the bundle",
    ),
    "archive.changed": ("{name}: đã bị thay đổi", "{name}: changed"),
    "archive.missing": ("{name}: không có trong gói", "{name}: missing from the bundle"),
    "archive.unlisted": ("{name}: không có trong {manifest}", "{name}: not listed in {manifest}"),
    # ----- meeting files (the JSON path of the problem is printed before the message) -----
    "mf.not_utf8": ("tệp không phải văn bản UTF-8", "the file is not UTF-8 text"),
    "mf.json_too_deep": (
        "JSON lồng nhau quá sâu (quá {depth} tầng)",
        "JSON nested too deep (over {depth} levels)",
    ),
    "mf.json_error": (
        "JSON lỗi ở dòng {line}, cột {column}: {reason}",
        "JSON error at line {line}, column {column}: {reason}",
    ),
    "mf.too_deep": (
        "lồng nhau quá sâu (quá {depth} tầng)",
        "nested too deep (over {depth} levels)",
    ),
    "mf.not_a_number": ("không phải là số hợp lệ: {value}", "not a valid number: {value}"),
    "mf.number_too_big": ("số quá lớn: {value}", "number too big: {value}"),
    "mf.bad_character": (
        "ký tự không hợp lệ trong văn bản: {value}",
        "invalid character in the text: {value}",
    ),
    "mf.no_speaker": ("không có người phát biểu này", "no such speaker"),
    "mf.no_phase": ("không có bước này trong chương trình", "no such phase in the agenda"),
    "mf.need_receiver": ("cần ghi cơ quan nhận", "give the receiving body"),
    "mf.due_before": ("hạn giải quyết trước ngày hội nghị", "due date before the meeting"),
    "mf.bad_year": ("năm ngoài khoảng 1990–2100: {value}", "year outside 1990–2100: {value}"),
    "mf.bad_time": ("giờ không hợp lệ: {value}", "invalid time: {value}"),
    "mf.bad_stamp": ("thời điểm không hợp lệ: {value}", "invalid timestamp: {value}"),
    "mf.missing_key": ("thiếu trường bắt buộc: {key}", "missing required key: {key}"),
    "mf.unknown_key": ("trường không được biết: {key}", "unknown key: {key}"),
    "mf.wrong_type": ("cần {wanted}, không phải {value}", "expected {wanted}, not {value}"),
    "mf.bad_value": ("giá trị không hợp lệ: {value}", "invalid value: {value}"),
    "mf.bad_format": ("không đúng dạng: {value}", "wrong format: {value}"),
    "mf.out_of_range": ("ngoài khoảng cho phép: {value}", "out of the allowed range: {value}"),
    "mf.item_count": ("số phần tử không hợp lệ: {count}", "wrong number of items: {count}"),
    "mf.seal_not_concluded": (
        "chỉ hội nghị đã kết luận mới có biên bản được thông qua",
        "only a concluded meeting has sealed minutes",
    ),
    "mf.seal_order": ("cần là lần niêm phong số {number}", "must be seal number {number}"),
    "mf.seal_chain": (
        "không nối với mã của lần niêm phong trước",
        "does not link to the previous seal's digest",
    ),
    "mf.seal_digest": (
        "mã xác thực không khớp với nội dung lần niêm phong",
        "the digest does not match what the seal records",
    ),
    # ----- the database file ----------------------------------------------------------------
    "store.no_day": (
        "không có ngày {day} trong lịch đã ghi",
        "{day} is not among the recorded days",
    ),
    "store.no_file": ("không có tệp cơ sở dữ liệu: {path}", "no such database file: {path}"),
    "store.no_backup": ("không có bản sao lưu số {number}", "no backup number {number}"),
    "store.backup_damaged": (
        "bản sao lưu số {number} bị hỏng, không khôi phục",
        "backup number {number} is damaged; not restored",
    ),
    "store.disk_full": (
        "ổ đĩa đã đầy, không ghi được vào cơ sở dữ liệu; hãy giải phóng chỗ trống",
        "the disk is full, nothing could be written to the database; free some space",
    ),
    "store.read_only": (
        "cơ sở dữ liệu chỉ được đọc, không ghi được; hãy kiểm tra quyền của tệp",
        "the database is read-only; check the file's permissions",
    ),
    "store.busy": (
        "cơ sở dữ liệu đang bận quá lâu; hãy thử lại",
        "the database stayed busy too long; retry",
    ),
    "store.cannot_write": (
        "không ghi được vào cơ sở dữ liệu: {reason}",
        "cannot write to the database: {reason}",
    ),
    "store.bulk_gap": (
        "ghi hàng loạt vào {table} không liền số thứ tự",
        "bulk write into {table}: the new row ids are not consecutive",
    ),
    "store.damaged": (
        "tệp cơ sở dữ liệu bị hỏng: {path}; các bản sao lưu ở {folder}: xem bằng "
        "«facilitator restore», khôi phục bằng «facilitator restore N»",
        "the database file is damaged: {path}; its backups are in {folder}: list them with "
        "«facilitator restore», restore one with «facilitator restore N»",
    ),
    "store.backup_unreadable": (
        "bản sao lưu {name} không đọc lại được",
        "the backup copy {name} does not read back",
    ),
    "store.backup_disk_full": (
        "ổ đĩa đã đầy, không sao lưu được {name}",
        "the disk is full, cannot back up to {name}",
    ),
    "store.backup_failed": (
        "không sao lưu được {name}: {reason}",
        "cannot back up to {name}: {reason}",
    ),
    "store.no_meeting": ("không có hội nghị số {number}", "no meeting {number}"),
    "store.no_speaker": ("không có người phát biểu số {number}", "no speaker {number}"),
    "store.no_entry": ("không có ghi chép số {number}", "no minutes entry {number}"),
    "store.no_petition": ("không có kiến nghị số {number}", "no petition {number}"),
    "store.no_wal": (
        "không bật được chế độ WAL cho cơ sở dữ liệu",
        "cannot switch the database to WAL mode",
    ),
    "store.newer": (
        "cơ sở dữ liệu do phiên bản mới hơn của facilitator tạo ra (bước {step}); "
        "hãy cập nhật chương trình",
        "the database was written by a newer facilitator (step {step}); update the program",
    ),
    "store.set_aside": (
        "không đặt được {name} sang một bên: tệp đang được mở; "
        "hãy đóng mọi cửa sổ facilitator rồi thử lại",
        "cannot set {name} aside: the file is open; close every facilitator window and retry",
    ),
    "store.folder_read_only": (
        "thư mục {folder} chỉ được đọc: cần quyền ghi vào thư mục này để mở "
        "cơ sở dữ liệu (SQLite ghi các tệp -wal và -shm bên cạnh)",
        "the folder {folder} is read-only: opening the database needs write permission there "
        "(SQLite writes its -wal and -shm files beside it)",
    ),
    "store.not_initialised": (
        "cơ sở dữ liệu chưa được khởi tạo; hãy mở chương trình thư ký trước",
        "the database is not initialised; open the secretary's program first",
    ),
    "store.cannot_open": (
        "không mở được cơ sở dữ liệu {path}: {reason}",
        "cannot open the database {path}: {reason}",
    ),
}

ERRORS: dict[str, dict[str, str]] = {
    "vi": {key: vi for key, (vi, _) in _BOTH.items()},
    "en": {key: en for key, (_, en) in _BOTH.items()},
}
