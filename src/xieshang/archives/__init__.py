"""Archives Xieshang writes and reads back: a whole data directory (backup) and one whole case (complete export).

Both are zip files with a ``manifest.json`` listing every other member with its size and SHA-256
(:mod:`.manifest`); reading one verifies every member against that list before anything is replaced.
"""
