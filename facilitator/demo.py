"""The demo meeting: the Đông Phong dialogue of Kế hoạch 48/KH-UBND (28/10/2021)."""

from __future__ import annotations

from typing import Any

LEGAL_BASIS = [
    "Quy chế số 03-QC/TU ngày 18/3/2021 của Ban Thường vụ Tỉnh ủy Hải Dương về tiếp xúc, đối thoại "
    "trực tiếp của người đứng đầu cấp ủy đảng, chính quyền các cấp với nhân dân",
    "Công văn số 115-CV/BDVHU ngày 20/8/2020 của Ban Dân vận Huyện ủy",
    "Kế hoạch số 48/KH-UBND ngày 07/10/2021 của Ủy ban nhân dân xã Bình Lãng",
]

_SPEAKERS: list[tuple[str, str, str, str, str, str]] = [
    # name, title, hamlet, gist, field, registered
    ("Nguyễn Văn Thành", "Ông", "xóm Đình", "Đường trục thôn xuống cấp, mùa mưa ngập", "Giao thông", "before"),
    ("Phạm Thị Hòa", "Bà", "xóm Giữa", "Chế độ cho người có công, hồ sơ chậm", "Chính sách xã hội", "before"),
    ("Vũ Đức Lợi", "Ông", "xóm Chùa", "Cấp giấy chứng nhận quyền sử dụng đất", "Đất đai", "before"),
    ("Trần Thị Mai", "Bà", "xóm Bến", "Rác thải ven kênh, thu gom không đều", "Môi trường", "before"),
    ("Đỗ Văn Khải", "Ông", "xóm Đình", "Nước tưới vụ đông, trạm bơm hỏng", "Nông nghiệp", "before"),
    ("Lê Thị Thu", "Bà", "xóm Giữa", "Đèn chiếu sáng đường làng", "Hạ tầng", "before"),
    ("Hoàng Văn Đông", "Ông", "xóm Chùa", "Tiêm vắc-xin Covid-19 mũi 2 cho người cao tuổi", "Y tế", "meeting"),
    ("Nguyễn Thị Lan", "Bà", "xóm Bến", "Trợ cấp hộ nghèo bị ảnh hưởng dịch", "Chính sách xã hội", "meeting"),
    ("Bùi Văn Tuấn", "Ông", "xóm Đình", "Lấn chiếm hành lang giao thông", "Trật tự đô thị", "meeting"),
    ("Đặng Thị Ngọc", "Bà", "xóm Giữa", "Học sinh đi học qua đường liên xã", "Giáo dục", "meeting"),
    ("Ngô Văn Hùng", "Ông", "xóm Chùa", "Đóng góp xây dựng nhà văn hóa, công khai thu chi", "Tài chính", "meeting"),
    ("Trịnh Văn Bảo", "Ông", "xóm Bến", "Chuyển đổi cơ cấu cây trồng trên đất lúa", "Nông nghiệp", "meeting"),
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
    ("Đề nghị nâng cấp tuyến đường trục thôn đoạn từ cổng làng đến nhà văn hóa", "Giao thông", "MTTQ"),
    ("Đề nghị hỗ trợ giống cây vụ đông cho hội viên bị thiệt hại do mưa lớn", "Nông nghiệp", "Hội Nông dân"),
    ("Đề nghị tăng cường kiểm tra vệ sinh an toàn thực phẩm tại chợ thôn", "Y tế", "Hội Phụ nữ"),
    ("Đề nghị giải quyết dứt điểm tranh chấp ranh giới đất ở xóm Chùa", "Đất đai", "Hội Cựu chiến binh"),
    ("Đề nghị bố trí sân chơi cho thanh thiếu niên trong thôn", "Văn hóa - Thể thao", "Đoàn Thanh niên"),
    ("Đề nghị công khai danh sách hộ nghèo, cận nghèo năm 2021", "Chính sách xã hội", "Đại biểu HĐND"),
]


def demo_meeting() -> dict[str, Any]:
    """The demo as a meeting file (SPEC §8): the same path as any imported meeting."""
    return {
        "format": "facilitator.meeting",
        "version": 1,
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
            {"name": n, "title": t, "hamlet": h, "gist": g, "field": f, "registered": r,
             "slip": i + 1 if r == "before" else None}
            for i, (n, t, h, g, f, r) in enumerate(_SPEAKERS)
        ],
        "petitions": [
            {"content": c, "field": f, "source": s, "speaker": None, "answer": None,
             "answered_by": None, "outcome": None}
            for c, f, s in _PRE_COLLECTED
        ],
    }
