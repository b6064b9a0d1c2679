"""The demo meeting: the Đông Phong dialogue of Kế hoạch 48/KH-UBND (28/10/2021)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from facilitator.rules.models import Petition, Speaker
from facilitator.rules.profile import district_era

if TYPE_CHECKING:
    from facilitator.services.live import Console

LEGAL_BASIS = [
    "Quy chế số 03-QC/TU ngày 18/3/2021 của Ban Thường vụ Tỉnh ủy Hải Dương về tiếp xúc, đối thoại "
    "trực tiếp của người đứng đầu cấp ủy đảng, chính quyền các cấp với nhân dân",
    "Công văn số 115-CV/BDVHU ngày 20/8/2020 của Ban Dân vận Huyện ủy",
    "Kế hoạch số 48/KH-UBND ngày 07/10/2021 của Ủy ban nhân dân xã Bình Lãng",
]

_SPEAKERS: list[tuple[str, str, str, str, str, str]] = [
    # name, title, hamlet, gist, field, registered
    (
        "Nguyễn Văn Thành",
        "Ông",
        "xóm Đình",
        "Đường trục thôn xuống cấp, mùa mưa ngập",
        "Giao thông",
        "before",
    ),
    (
        "Phạm Thị Hòa",
        "Bà",
        "xóm Giữa",
        "Chế độ cho người có công, hồ sơ chậm",
        "Chính sách xã hội",
        "before",
    ),
    ("Vũ Đức Lợi", "Ông", "xóm Chùa", "Cấp giấy chứng nhận quyền sử dụng đất", "Đất đai", "before"),
    (
        "Trần Thị Mai",
        "Bà",
        "xóm Bến",
        "Rác thải ven kênh, thu gom không đều",
        "Môi trường",
        "before",
    ),
    ("Đỗ Văn Khải", "Ông", "xóm Đình", "Nước tưới vụ đông, trạm bơm hỏng", "Nông nghiệp", "before"),
    ("Lê Thị Thu", "Bà", "xóm Giữa", "Đèn chiếu sáng đường làng", "Hạ tầng", "before"),
    (
        "Hoàng Văn Đông",
        "Ông",
        "xóm Chùa",
        "Tiêm vắc-xin Covid-19 mũi 2 cho người cao tuổi",
        "Y tế",
        "meeting",
    ),
    (
        "Nguyễn Thị Lan",
        "Bà",
        "xóm Bến",
        "Trợ cấp hộ nghèo bị ảnh hưởng dịch",
        "Chính sách xã hội",
        "meeting",
    ),
    (
        "Bùi Văn Tuấn",
        "Ông",
        "xóm Đình",
        "Lấn chiếm hành lang giao thông",
        "Trật tự đô thị",
        "meeting",
    ),
    ("Đặng Thị Ngọc", "Bà", "xóm Giữa", "Học sinh đi học qua đường liên xã", "Giáo dục", "meeting"),
    (
        "Ngô Văn Hùng",
        "Ông",
        "xóm Chùa",
        "Đóng góp xây dựng nhà văn hóa, công khai thu chi",
        "Tài chính",
        "meeting",
    ),
    (
        "Trịnh Văn Bảo",
        "Ông",
        "xóm Bến",
        "Chuyển đổi cơ cấu cây trồng trên đất lúa",
        "Nông nghiệp",
        "meeting",
    ),
]

_OFFICIALS = [
    ("Trần Xuân Mãng", "Chủ tịch UBND xã", "xã"),
    ("Nguyễn Văn Cường", "Phó Bí thư Thường trực Đảng ủy", "xã"),
    ("Phạm Văn Hải", "Chủ tịch HĐND xã", "xã"),
    ("Vũ Thị Hương", "Chủ tịch UBMTTQ xã", "xã"),
    ("Lê Văn Nam", "Phó Chủ tịch UBND xã", "xã"),
    ("Đỗ Minh Quang", "Trưởng Công an xã", "xã"),
    ("Nguyễn Thị Hạnh", "Công chức Địa chính - Xây dựng", "xã"),
    ("Hoàng Thị Yến", "Công chức Văn phòng - Thống kê", "xã"),
    ("Trần Văn Lực", "Đại diện Ban Dân vận Huyện ủy", "huyện"),
    ("Phạm Thị Nga", "Đại diện Ủy ban MTTQ huyện", "huyện"),
    ("Nguyễn Văn Sơn", "Bí thư Chi bộ thôn Đông Phong", "thôn"),
    ("Vũ Văn Tùng", "Trưởng thôn Đông Phong", "thôn"),
]

_PRE_COLLECTED = [
    (
        "Đề nghị nâng cấp tuyến đường trục thôn đoạn từ cổng làng đến nhà văn hóa",
        "Giao thông",
        "MTTQ",
    ),
    (
        "Đề nghị hỗ trợ giống cây vụ đông cho hội viên bị thiệt hại do mưa lớn",
        "Nông nghiệp",
        "Hội Nông dân",
    ),
    ("Đề nghị tăng cường kiểm tra vệ sinh an toàn thực phẩm tại chợ thôn", "Y tế", "Hội Phụ nữ"),
    (
        "Đề nghị giải quyết dứt điểm tranh chấp ranh giới đất ở xóm Chùa",
        "Đất đai",
        "Hội Cựu chiến binh",
    ),
    (
        "Đề nghị bố trí sân chơi cho thanh thiếu niên trong thôn",
        "Văn hóa - Thể thao",
        "Đoàn Thanh niên",
    ),
    (
        "Đề nghị công khai danh sách hộ nghèo, cận nghèo năm 2021",
        "Chính sách xã hội",
        "Đại biểu HĐND",
    ),
]


def demo_meeting() -> dict[str, Any]:
    """The demo as a meeting file (SPEC §8): the same path as any imported meeting."""
    return {
        "format": "facilitator.meeting",
        "version": 2,
        "meeting": {
            "commune": "Bình Lãng",
            "village": "Đông Phong",
            "date": "2021-10-28",
            "start": "08:00",
            "place": "Nhà văn hóa thôn Đông Phong",
            "organiser": "Ủy ban nhân dân xã Bình Lãng",
            "chair": {"name": "Trần Xuân Mãng", "position": "Chủ tịch UBND xã"},
            "secretary": {"name": "Hoàng Thị Yến", "position": "Công chức Văn phòng - Thống kê"},
            "slot_minutes": 5,
            "announced_on": "2021-10-20",
            "number": None,
            "legal_basis": LEGAL_BASIS,
        },
        "officials": [{"name": n, "position": p, "group": g} for n, p, g in _OFFICIALS],
        "citizens_present": 120,
        "speakers": [
            {
                "name": n,
                "title": t,
                "hamlet": h,
                "gist": g,
                "field": f,
                "registered": r,
                "slip": i + 1 if r == "before" else None,
            }
            for i, (n, t, h, g, f, r) in enumerate(_SPEAKERS)
        ],
        "petitions": [
            {
                "content": c,
                "field": f,
                "source": s,
                "speaker": None,
                "answer": None,
                "answered_by": None,
                "outcome": None,
            }
            for c, f, s in _PRE_COLLECTED
        ],
        # Held in 2021, before the two-level local government: a district above the commune.
        "profile": district_era("Bình Lãng", "Hải Dương", ["Đông Phong"]).to_dict(),
    }


# What the four citizens say (appended to their minutes entry) and the petition each files.
_SPOKEN: list[tuple[str, str]] = [
    (
        "Đường trục thôn đoạn từ cổng làng đến nhà văn hóa bị lún, mùa mưa ngập sâu, xe chở "
        "nông sản không qua được.",
        "Đề nghị xã đầu tư nâng cấp đường trục thôn đoạn cổng làng - nhà văn hóa",
    ),
    (
        "Hồ sơ hưởng chế độ người có công của gia đình nộp từ tháng 3 đến nay chưa có kết "
        "quả, gia đình đã hỏi nhiều lần.",
        "Đề nghị cho biết tiến độ giải quyết hồ sơ người có công của gia đình bà",
    ),
    (
        "Nhiều hộ xóm Chùa đã nộp hồ sơ cấp giấy chứng nhận quyền sử dụng đất từ năm 2019.",
        "Đề nghị đẩy nhanh cấp giấy chứng nhận quyền sử dụng đất cho các hộ xóm Chùa",
    ),
    (
        "Rác thải ven kênh tiêu chưa được thu gom thường xuyên, mùa hè bốc mùi.",
        "Đề nghị bố trí thu gom rác ven kênh tiêu thường xuyên",
    ),
]


def play_demo(console: Console, advance: Callable[[float], None]) -> None:
    """Run the demo meeting to its conclusion as a secretary would (tests, benchmarks, docs).

    ``advance(seconds)`` moves the injected clock forward.
    """
    from facilitator.services.conclusion import conclude

    pre = _open(console, advance)
    called = _citizens_speak(console, advance)
    _answer_and_follow_up(console, advance, called[0])
    console.next_phase()  # 6. Kết luận
    _decide(console, pre)
    conclude(
        console,
        "Chủ tịch UBND xã ghi nhận các ý kiến của nhân dân; yêu cầu các bộ phận chuyên môn giải "
        "quyết dứt điểm các nội dung được giao, trả lời nhân dân đúng thời hạn.",
    )


def _open(console: Console, advance: Callable[[float], None]) -> list[Petition]:
    """Phases 1 and 2; returns the opinions collected before the meeting."""
    console.next_phase()  # 1. Khai mạc
    console.new_entry(
        "Đồng chí Hoàng Thị Yến, công chức Văn phòng - Thống kê tuyên bố lý do, giới thiệu đại "
        "biểu, chương trình và nội quy hội nghị; giới thiệu chủ tọa, cử thư ký."
    )
    advance(600)
    console.next_phase()  # 2. Thông báo nội dung
    console.new_entry(
        "Đồng chí Trần Xuân Mãng, Chủ tịch UBND xã thông báo tình hình kinh tế - xã hội 9 tháng "
        "năm 2021 và các nội dung tiếp xúc, đối thoại."
    )
    pre = [p for p in console.store.petitions(console.meeting_id) if p.speaker_id is None]
    advance(900)
    return pre


def _citizens_speak(console: Console, advance: Callable[[float], None]) -> list[Speaker]:
    """Phase 3: the four registered citizens, one petition each; returns them in order."""
    console.next_phase()  # 3. Nhân dân phát biểu
    called = []
    for text, petition in _SPOKEN:
        speaker = console.call_next()
        if speaker is None:  # the demo meeting registers its four speakers beforehand
            raise RuntimeError("the demo's queue is empty")
        called.append(speaker)
        entry = console.store.minutes(console.meeting_id)[-1]
        console.save_entry(entry.id, f"{entry.text} {text}")
        console.record_petition(petition, speaker.field, speaker_id=speaker.id)
        advance(200)
        if speaker.name == "Phạm Thị Hòa":
            console.extend(60)
            advance(100)
    console.end_speech()
    return called


def _answer_and_follow_up(
    console: Console, advance: Callable[[float], None], first: Speaker
) -> None:
    """Phases 4 and 5: the vice-chair answers, then the first speaker has a second turn."""
    console.next_phase()  # 4. Trả lời, giải trình
    console.start_answer("Lê Văn Nam", "Phó Chủ tịch UBND xã")
    advance(420)
    console.end_speech()
    console.next_phase()  # 5. Trao đổi thêm
    again = console.follow_up(first.id)
    while console.move(again, -1):  # the chair gives the floor back to him first
        pass
    console.call_next()
    advance(120)
    console.end_speech()


def _decide(console: Console, pre: list[Petition]) -> None:
    """Phase 6: an outcome for every petition spoken, and for the first two collected."""
    from facilitator.services.conclusion import decide

    spoken = [p for p in console.store.petitions(console.meeting_id) if p.speaker_id is not None]
    decide(
        console,
        spoken[0].id,
        "assigned",
        responsible="Công chức Địa chính - Xây dựng",
        task="Khảo sát, lập phương án nâng cấp đường trục thôn",
        answer="Xã sẽ khảo sát và đưa vào kế hoạch đầu tư công năm 2022.",
        answered_by_name="Lê Văn Nam",
        answered_by_position="Phó Chủ tịch UBND xã",
    )
    decide(
        console,
        spoken[1].id,
        "answered",
        answer="Hồ sơ đã được chuyển Phòng Lao động - TB&XH huyện ngày 15/9/2021.",
        answered_by_name="Lê Văn Nam",
        answered_by_position="Phó Chủ tịch UBND xã",
    )
    decide(console, spoken[2].id, "forwarded", forwarded_to="Văn phòng Đăng ký đất đai huyện")
    decide(
        console,
        spoken[3].id,
        "assigned",
        responsible="Trưởng thôn Đông Phong",
        task="Phối hợp tổ thu gom rác, bố trí lịch thu gom 2 lần mỗi tuần",
    )
    if pre:
        decide(console, pre[0].id, "noted")
        decide(
            console,
            pre[1].id,
            "assigned",
            responsible="Hội Nông dân xã",
            task="Rà soát, đề xuất hỗ trợ giống cây vụ đông",
        )
