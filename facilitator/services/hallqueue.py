"""The queue page for citizens' phones (``facilitator serve``, ``/queue``): who speaks now, who
comes next, and one's own place. Names and hamlets only: no gist, no petitions.

Plain HTML built here from the store, no web framework: the server (facilitator/webserve.py)
only hands the page over. A few lines of JavaScript refresh it every second; without
JavaScript the page reloads itself every 5 seconds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from db.store import Store
from facilitator.i18n import Translator
from facilitator.rules.clock import local
from facilitator.rules.models import Speaker
from facilitator.rules.text import titled
from facilitator.services.live import queue_end


def escape(text: str) -> str:
    """html.escape, loaded when the hall page is first made: the live screen, which imports
    this module for the queue's numbers, starts without it."""
    from html import escape as html_escape

    return html_escape(text)


NEXT_SHOWN = 10  # the phone shows the next ten; one's own place is found by number


@dataclass(frozen=True)
class Place:
    """One citizen in the queue, as the page shows them."""

    number: int  # the registration number: the slip's, else the order of registration
    name: str
    hamlet: str
    state: str  # waiting, speaking, done, absent, withdrawn
    ahead: int  # waiting people before them (0 for the next one)
    expected: dt.datetime | None  # when their turn should come, if waiting


@dataclass(frozen=True)
class QueueView:
    heading: str
    speaking: Place | None
    waiting: list[Place]
    everyone: dict[int, Place]  # by registration number
    registration_open: bool
    concluded: bool
    now: dt.datetime


def registration_numbers(speakers: list[Speaker]) -> dict[int, int]:
    """Speaker id → the number a citizen is told at registration: the paper slip's when one was
    written, else their order of registration (officials' answer turns are not counted)."""
    citizens = sorted((s for s in speakers if s.kind != "answer"), key=lambda s: s.id)
    numbers: dict[int, int] = {}
    taken = {s.slip for s in citizens if s.slip}
    order = 0
    for s in citizens:
        if s.slip:
            numbers[s.id] = s.slip
            continue
        order += 1
        while order in taken:
            order += 1
        numbers[s.id] = order
    return numbers


def queue_view(store: Store, fixed_meeting: int | None) -> QueueView | None:
    """What the page shows, read in one transaction; None when no meeting is followed."""
    with store.snapshot():
        meeting_id = store.followed_meeting_id(fixed_meeting)
        if meeting_id is None:
            return None
        meeting = store.meeting(meeting_id)
        speakers = store.speakers(meeting_id)
        slot = store.current_slot(meeting_id)
    now = store.clock()
    numbers = registration_numbers(speakers)
    waiting_people = [s for s in speakers if s.state == "waiting" and s.kind != "answer"]
    everyone: dict[int, Place] = {}
    speaking: Place | None = None
    waiting: list[Place] = []
    for s in speakers:
        if s.kind == "answer":
            continue
        ahead = 0
        expected = None
        if s.state == "waiting":
            ahead = waiting_people.index(s)
            if not meeting.concluded:
                expected = queue_end(now, meeting.slot_seconds, waiting_people[:ahead], slot)
        place = Place(numbers[s.id], titled(s.title, s.name), s.hamlet, s.state, ahead, expected)
        everyone[place.number] = place
        if s.state == "speaking":
            speaking = place
        elif s.state == "waiting":
            waiting.append(place)
    return QueueView(
        heading=f"{meeting.village} · {meeting.date:%d/%m/%Y}",
        speaking=speaking,
        waiting=waiting,
        everyone=everyone,
        registration_open=meeting.registration_open,
        concluded=meeting.concluded,
        now=local(now),
    )


STYLE = """
body{font-family:system-ui,sans-serif;margin:0;padding:1em;background:#111;color:#fff;
font-size:18px;line-height:1.35}
h1{font-size:1.1em;margin:0 0 .6em;color:#ccc;font-weight:normal}
h2{font-size:1em;margin:1em 0 .3em;color:#ffd75f;text-transform:uppercase}
.now{background:#1d3b1d;padding:.6em .8em;border-radius:6px}
.now .who{font-size:1.6em;font-weight:bold;margin:0}
ol{padding-left:0;list-style:none;margin:0}
li{padding:.35em 0;border-bottom:1px solid #333}
li.me{background:#3a3a10}
.no{display:inline-block;min-width:3.2em;color:#aaa}
.where{color:#bbb}
.mine{background:#222;padding:.6em .8em;border-radius:6px;margin-top:1em}
.found{font-size:1.2em;font-weight:bold}
input{font-size:1.1em;width:5em;padding:.2em}
button{font-size:1.1em;padding:.2em .8em}
.foot{color:#888;font-size:.85em;margin-top:1em}
"""

# Refreshes the live part once a second; the search form stays as typed.
SCRIPT = """
setInterval(function(){var u=new URL(location.href);u.searchParams.set('part','1');
fetch(u).then(function(r){return r.ok?r.text():null}).then(function(h){
if(h!==null)document.getElementById('live').innerHTML=h}).catch(function(){})},1000);
"""


def _who(place: Place, t: Translator) -> str:
    where = f' <span class="where">— {escape(place.hamlet)}</span>' if place.hamlet else ""
    number = f'<span class="no">{escape(t("queue.number", n=place.number))}</span>'
    return f"{number}<b>{escape(place.name)}</b>{where}"


def _mine(view: QueueView, number: int | None, t: Translator) -> str:
    if number is None:
        return ""
    place = view.everyone.get(number)
    if place is None:
        return f'<p class="found">{escape(t("queue.not_found", n=number))}</p>'
    if place.state == "waiting":
        when = f"{place.expected:%H:%M}" if place.expected else ""
        words = (
            t("queue.yours_next") if place.ahead == 0 else t("queue.yours_ahead", count=place.ahead)
        )
        if when:
            words += " · " + t("queue.yours_expected", time=when)
    else:
        words = t(f"queue.yours_{place.state}")
    return (
        f'<p class="found">{escape(t("queue.number", n=place.number))} · '
        f"{escape(place.name)}: {escape(words)}</p>"
    )


def live_part(view: QueueView | None, t: Translator, number: int | None = None) -> str:
    """The part of the page refreshed every second."""
    if view is None:
        return f"<h1>{escape(t('chair.no_meeting'))}</h1>"
    out = [f"<h1>{escape(view.heading)}</h1>", '<section class="now">']
    out.append(f"<h2>{escape(t('queue.now'))}</h2>")
    if view.speaking is not None:
        where = escape(view.speaking.hamlet)
        out.append(f'<p class="who" id="speaking">{escape(view.speaking.name)}</p>')
        out.append(f'<p class="where">{where}</p>' if where else "")
    else:
        out.append(f'<p id="speaking">{escape(t("queue.nobody"))}</p>')
    out.append("</section>")
    mine = _mine(view, number, t)
    if mine:  # one's own place first: the list below may be long on a small phone
        out.append(f'<div class="mine" id="mine">{mine}</div>')
    out.append(f"<h2>{escape(t('queue.next'))}</h2>")
    if view.waiting:
        out.append('<ol id="next">')
        for place in view.waiting[:NEXT_SHOWN]:
            me = ' class="me"' if place.number == number else ""
            out.append(f"<li{me}>{_who(place, t)}</li>")
        out.append("</ol>")
        if len(view.waiting) > NEXT_SHOWN:
            more = t("queue.more", count=len(view.waiting) - NEXT_SHOWN)
            out.append(f"<p>{escape(more)}</p>")
    else:
        out.append(f"<p>{escape(t('queue.empty'))}</p>")
    foot = [
        t("queue.updated", time=f"{view.now:%H:%M:%S}"),
        t("live.waiting", count=len(view.waiting)),
    ]
    if view.concluded:
        foot.append(t("queue.concluded"))
    elif not view.registration_open:
        foot.append(t("live.registration_closed"))
    out.append(f'<p class="foot">{escape(" · ".join(foot))}</p>')
    return "\n".join(p for p in out if p)


def page(view: QueueView | None, t: Translator, number: int | None = None) -> str:
    """The whole page: the live part, the search by number, the refresh."""
    value = "" if number is None else str(number)
    return f"""<!DOCTYPE html>
<html lang="{t.lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{escape(t("queue.title"))}</title>
<noscript><meta http-equiv="refresh" content="5"></noscript>
<style>{STYLE}</style></head>
<body>
<main id="live">
{live_part(view, t, number)}
</main>
<form class="mine" method="get" action="/queue">
<label>{escape(t("queue.ask"))} <input name="so" inputmode="numeric" pattern="[0-9]*"
 value="{value}"></label> <button type="submit">{escape(t("queue.look"))}</button>
</form>
<script>{SCRIPT}</script>
</body></html>
"""
