"""click's own words in the interface language: --help and usage errors (issue 13 item 6)."""

from pathlib import Path

from click.testing import CliRunner

from facilitator.cli import cli


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_help_is_vietnamese_by_default_and_english_with_lang_en():
    code, text = invoke("export", "--help")
    assert code == 0
    lines = text.splitlines()
    assert lines[0] == "Cách dùng: cli export [TÙY CHỌN] SỐ_HỘI_NGHỊ"
    assert "Tùy chọn:" in lines
    assert "  --help                          In hướng dẫn này rồi thoát." in lines
    assert "Văn bản cần xuất.  [bắt buộc]" in text
    for english in ("Usage", "Options", "Show this message", "required", "Write a document"):
        assert english not in text
    # --lang after the command name, then before it: English, and no Vietnamese words
    for args in (("export", "--lang", "en", "--help"), ("--lang", "en", "export", "--help")):
        code, text = invoke(*args)
        assert code == 0
        assert text.splitlines()[0] == "Usage: cli export [OPTIONS] MEETING_ID"
        assert "Which document to write.  [required]" in text
        assert "Cách dùng" not in text and "Tùy chọn" not in text and "bắt buộc" not in text
    # and back to Vietnamese in the same process
    code, text = invoke("--help")
    assert text.splitlines()[0] == "Cách dùng: cli [TÙY CHỌN] [LỆNH] [THAM SỐ]..."
    assert "  --version       In phiên bản rồi thoát." in text.splitlines()


def test_usage_errors_in_both_languages(tmp_path: Path):
    db = str(tmp_path / "f.db")
    code, text = invoke("--db", db, "nosuch")
    assert code == 2
    assert text.splitlines()[-1] == "Lỗi: Không có lệnh 'nosuch'."
    assert "Xem hướng dẫn: 'cli --help'." in text.splitlines()
    code, text = invoke("--db", db, "export")
    assert (code, text.splitlines()[-1]) == (2, "Lỗi: Thiếu tham số 'SỐ_HỘI_NGHỊ'.")
    code, text = invoke("--db", db, "run", "abc")
    assert text.splitlines()[-1] == (
        "Lỗi: Giá trị không hợp lệ cho 'SỐ_HỘI_NGHỊ': 'abc' không phải số nguyên hợp lệ."
    )
    code, text = invoke("--db", db, "nosuch", "--lang", "en")
    assert (code, text.splitlines()[-1]) == (2, "Error: No such command 'nosuch'.")
    code, text = invoke("--lang", "en", "--db", db, "export")
    assert text.splitlines()[-1] == "Error: Missing argument 'MEETING_ID'."
    code, text = invoke("--db", db, "run", "abc", "--lang", "en")
    assert text.splitlines()[-1] == (
        "Error: Invalid value for 'MEETING_ID': 'abc' is not a valid integer."
    )


def test_the_help_line_follows_the_language_asked_each_time():
    """click keeps its --help option once built: in one process (the tests, a future shell)
    English help first must not leave the Vietnamese help's own --help line in English."""
    for args, line in (
        (("--lang", "en", "seal", "--help"), "Show this message and exit."),
        (("seal", "--help"), "In hướng dẫn này rồi thoát."),
    ):
        code, text = invoke(*args)
        assert code == 0
        helps = [x.split(None, 1) for x in text.splitlines() if x.lstrip().startswith("--help")]
        assert helps == [["--help", line]]
