"""The files of a meeting, in the order a secretary meets them: before the meeting, on the day,
after it (the forwarding letters come one per receiving body), then the meeting file. Kept
apart from the modules that write them, so the command line can list them without loading any."""

DOCS: tuple[str, ...] = (
    "announcement",
    "radio",
    "invitation",
    "attendance",
    "minutes",
    "conclusion",
    "report",
    "forward",
    "json",
)
