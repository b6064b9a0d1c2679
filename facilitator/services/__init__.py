"""Services that read and write the store: the live console, preparation, conclusion,
follow-up, the meeting file, sealing, archives and exports. No Textual here.
"""
