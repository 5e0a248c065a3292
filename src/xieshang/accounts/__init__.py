"""Who signs in: accounts, one-time sign-in links and the limit on sign-in attempts.

Per-case access (which cases an account may open) stays in :mod:`xieshang.cases.access`. Counsellor mode
(roles, sharing a case, sign-up by invitation) builds on this app.
"""
