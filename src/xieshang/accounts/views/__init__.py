"""The pages of signing in and up, the account's own page and the organisation's page."""
