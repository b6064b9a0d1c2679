"""The speaker's forms of the live screen and the desk: registering (F2), a petition (F7),
absent (Delete); the card reader's fill; a speaking-time limit typed in minutes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from facilitator.i18n import Translator
from facilitator.rules.models import OUTCOMES, Petition, Speaker
from facilitator.services.live import Console, RuleError

if TYPE_CHECKING:
    from screens.forms import CardFill, Field, Fill, FormScreen


def limit_seconds(text: str) -> int | None:
    """A speaker's own speaking time typed in minutes ("3", "2,5"); blank: the meeting's."""
    text = (text or "").strip().replace(",", ".")
    if not text:
        return None
    try:
        return round(float(text) * 60)
    except ValueError:
        raise RuleError("live.bad_minutes", "limit") from None


def register_form(
    console: Console, t: Translator, speaker_id: int | None = None, enforce_open: bool = False
) -> FormScreen:
    from facilitator.rules.cccd import looks_like_code
    from facilitator.rules.text import fold, infer_title
    from screens.forms import CardFill, FormScreen

    existing = console.store.speaker(speaker_id) if speaker_id else None
    fields = _speaker_fields(t, existing)
    names = {
        fold(s.name): s.name
        for s in console.store.speakers(console.meeting_id)
        if s.state != "withdrawn" and s.id != speaker_id
    }

    def duplicate_hint(key: str, value: str) -> str | None:
        if key == "name" and fold(value) in names:
            return t("form.duplicate", name=names[fold(value)])
        return None

    def title_from_name(key: str, value: str) -> dict[str, Any]:
        # "Thị" → Bà, "Văn" → Ông, shown in the form before saving; otherwise left unknown.
        if key != "name":
            return {}
        return {"title": "" if looks_like_code(value) else infer_title(value)}  # not a name

    card: dict[str, str | None] = {"digest": None}  # the hash of a card scanned into the form

    def read(key: str, value: str) -> Fill | None:
        fill = card_fill(console, t, key, value)
        if isinstance(fill, CardFill) and fill.digest and existing is None:
            card["digest"] = fill.digest
        return fill

    def save(values: dict[str, Any]) -> str:
        return _save_speaker(console, t, existing, values, enforce_open, card["digest"])

    return FormScreen(
        t("form.edit_speaker.title" if existing else "form.register.title"),
        fields,
        save,
        t,
        on_change=duplicate_hint,
        suggest=title_from_name,
        read=read,
    )


def _speaker_fields(t: Translator, existing: Speaker | None) -> list[Field]:
    """The register / edit form's fields, filled from the speaker edited (blank for a new one)."""
    from screens.forms import Field

    titles = [("Ông", "Ông"), ("Bà", "Bà")]
    return [
        Field("name", t("form.name"), value=existing.name if existing else "", mask_numbers=True),
        Field("hamlet", t("form.hamlet"), value=existing.hamlet if existing else ""),
        # Guessed from the name (shown as it is typed), so after the hamlet: a walk-in is
        # name, Tab, hamlet, Enter. Unknown stays blank.
        Field(
            "title",
            t("form.title"),
            "select",
            existing.title if existing and existing.title else None,
            titles,
        ),
        Field("gist", t("form.gist"), value=existing.gist if existing else ""),
        Field("field", t("form.field"), value=existing.field if existing else ""),
        Field("priority", t("form.priority"), "check", existing.priority if existing else False),
        Field(
            "limit",
            t("form.limit"),
            value=f"{existing.limit_seconds / 60:g}" if existing and existing.limit_seconds else "",
        ),
    ]


def _save_speaker(
    console: Console,
    t: Translator,
    existing: Speaker | None,
    values: dict[str, Any],
    enforce_open: bool,
    card: str | None,
) -> str:
    """The speaker edited, or registered (with the scanned card's hash); what is said: saved,
    a same name, or the number the citizen is told."""
    limit = limit_seconds(values["limit"])
    if existing:
        console.edit_speaker(
            existing.id,
            name=values["name"],
            hamlet=values["hamlet"],
            gist=values["gist"],
            field=values["field"],
            title=values["title"] or "",
            priority=values["priority"],
            limit_seconds=limit,
        )
        return t("msg.saved")
    result = console.register(
        values["name"],
        values["hamlet"],
        values["gist"],
        values["field"],
        title=values["title"] or "",
        priority=values["priority"],
        enforce_open=enforce_open,
        limit_seconds=limit,
        card=card,
    )
    name = console.store.speaker(result.speaker_id).name
    if result.duplicate_of:
        return t("form.duplicate", name=result.duplicate_of)
    from facilitator.services.hallqueue import registration_numbers

    # The number the citizen is told: they find their place with it on /queue (serve).
    number = registration_numbers(console.store.speakers(console.meeting_id))
    return t("msg.registered_number", name=name, number=number[result.speaker_id])


def card_fill(console: Console, t: Translator, key: str, value: str) -> CardFill | None:
    """Enter in a name field holding a scanned code: the card's name, title and hamlet with a
    note (already registered from this card?), or a note that it is not a card and stays as
    typed. None: an ordinary name, saved as usual."""
    from facilitator.rules.cccd import NotACard, looks_like_code
    from screens.forms import CardFill

    if key != "name" or not looks_like_code(value):
        return None
    try:
        reading, known = console.read_card(value)
    except NotACard:
        return CardFill(notes={"name": f"ℹ {t('scan.not_card')}"}, focus="name")
    note = f"⚠ {t('scan.already', name=known)}" if known else f"ℹ {t('scan.read')}"
    return CardFill(
        {"name": reading.name, "title": reading.title, "hamlet": reading.hamlet},
        {"name": note},
        focus="gist",
        digest=reading.digest,
    )


def petition_form(
    console: Console, t: Translator, speaker: Any, petition_id: int | None = None
) -> FormScreen:
    from facilitator.services.conclusion import save_petition
    from screens.conclusion import late_due, refuse_unused
    from screens.forms import FormScreen

    existing = console.store.petition(petition_id) if petition_id else None
    who = speaker.name if speaker else "—"
    fields = _petition_fields(console, t, speaker, existing)

    def save(values: dict[str, Any]) -> str:
        from facilitator.rules.text import clean

        if not clean(values["content"], multiline=True, limit=20_000):
            raise RuleError("form.required", "content")
        refuse_unused(fields, values)
        save_petition(
            console,
            existing.id if existing else None,
            content=values["content"],
            field=values["field"],
            kind=values["kind"] or "petition",
            speaker_id=speaker.id if speaker else None,
            answer=values["answer"],
            answered_by_name=values["answered_by_name"],
            answered_by_position=values["answered_by_position"],
            outcome=values["outcome"],
            forwarded_to=values["forwarded_to"],
            responsible=values["responsible"],
            task=values["task"],
            due=values["due"],
        )
        return t("msg.petition_saved")

    return FormScreen(
        t("form.petition.title"),
        fields,
        save,
        t,
        note=t("form.petition.of", who=who),
        on_change=late_due(console, t),
    )


def _petition_fields(
    console: Console, t: Translator, speaker: Any, existing: Petition | None
) -> list[Field]:
    """The petition form's fields, filled from the petition edited (the field from the
    speaker's for a new one)."""
    from screens.conclusion import assignment_fields
    from screens.forms import Field, kind_field

    outcomes = [(t("outcome." + o), o) for o in OUTCOMES]
    return [
        Field("content", t("form.content"), "text", existing.content if existing else ""),
        kind_field(t, existing.kind if existing else "petition"),
        Field(
            "field",
            t("form.field"),
            value=existing.area if existing else (speaker.field if speaker else ""),
            select=existing is None,  # the speaker's, from the desk: typing replaces it
        ),
        Field("answer", t("form.answer"), "text", existing.answer if existing else ""),
        Field(
            "answered_by_name",
            t("form.answered_by"),
            value=(existing.answered_by_name or "") if existing else "",
        ),
        Field(
            "answered_by_position",
            t("form.answered_position"),
            value=(existing.answered_by_position or "") if existing else "",
        ),
        Field(
            "outcome", t("form.outcome"), "select", existing.outcome if existing else None, outcomes
        ),
        *assignment_fields(console, t, existing),
        Field(
            "forwarded_to",
            t("form.forwarded_to"),
            value=(existing.forwarded_to or "") if existing else "",
        ),
    ]


def absent_form(console: Console, t: Translator, speaker_id: int) -> FormScreen:
    from screens.forms import Field, FormScreen

    speaker = console.store.speaker(speaker_id)
    # The reason first: typed and saved with Enter; the choice (absent by default) after it.
    fields = [
        Field("reason", t("form.reason")),
        Field(
            "state",
            t("form.absent.title"),
            "select",
            "absent",
            [(t("form.absent"), "absent"), (t("form.withdrawn"), "withdrawn")],
        ),
    ]

    def save(values: dict[str, Any]) -> str:
        console.set_absent(speaker_id, values["state"] or "absent", values["reason"])
        return f"{speaker.name}: {t('state.' + (values['state'] or 'absent'))}"

    from facilitator.rules.text import titled

    # The title names the person: the queue's cursor may not be where the secretary thinks.
    title = t("form.absent.of", name=titled(speaker.title, speaker.name))
    return FormScreen(title, fields, save, t)
