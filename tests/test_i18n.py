import re
from pathlib import Path

from facilitator.i18n import EN, VI

ROOT = Path(__file__).resolve().parent.parent


def test_both_catalogues_have_the_same_keys():
    assert sorted(set(VI) ^ set(EN)) == []


def test_every_key_used_in_the_code_exists():
    used: set[str] = set()
    pattern = re.compile(r"""(?:\bt|self\.t|settings\.t)\(\s*["']([a-z_]+\.[a-z_0-9]+)["']""")
    described = re.compile(
        r"""Binding\([^)]*?["']((?:key|home|conclusion|followup)\.[a-z_]+)["']"""
    )
    for folder in ("facilitator", "screens"):
        for path in (ROOT / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            used |= set(pattern.findall(text)) | set(described.findall(text))
    missing = sorted(k for k in used if k not in VI)
    assert missing == []
    assert len(used) > 60


def test_placeholders_match_between_languages():
    for key, text in VI.items():
        assert set(re.findall(r"{(\w+)}", text)) == set(re.findall(r"{(\w+)}", EN[key])), key


def test_every_undoable_event_has_words():
    from facilitator.i18n import Translator

    kinds = set(
        re.findall(
            r'"((?:speaker|slot|answer)\.[a-z_]+)"',
            (ROOT / "facilitator" / "services" / "live.py").read_text(encoding="utf-8"),
        )
    )
    kinds |= {"speaker.absent", "speaker.withdrawn"}  # logged as f"speaker.{state}"
    for lang in ("vi", "en"):
        t = Translator(lang)
        assert sorted(k for k in kinds if t.event(k) == k) == []
