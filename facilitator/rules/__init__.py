"""Pure rules: text, deadlines, slots, clocks, statistics and the meeting's records.

Nothing here imports the store (`db`), Textual or python-docx (tests/test_architecture.py).
"""
