"""Evidence files on disk: the content-addressed store, its ledger file, and exported bundles.

This is an I/O layer over :mod:`xieshang.core.ledger` (which stays pure).
"""
