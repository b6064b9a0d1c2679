"""Names of the schema steps of this release, readable without importing sqlite-utils.

A database with a step not listed here was written by a newer release and is refused.
After adding a step, `uv run python -m db.snapshot` refreshes db/schema.sql, from which new
databases are made in one script (until then they run every step: correct, ~90 ms slower).
"""

MIGRATION_SET = "facilitator"
MIGRATIONS_TABLE = "_sqlite_migrations"
STEPS: tuple[str, ...] = (
    "0001_initial",
    "0002_checklist",
    "0003_stable_ids_sessions",
    "0004_profile",
    "0005_speech_headers",
    "0008_card_scans",
    "0009_seals",
    "0011_item_kinds",
    "0012_publication",
    "0013_queue_rules_answer_links",
    "0014_readback",
    "0015_forward_task",
    "0043_t8p_readback_lines",
)
