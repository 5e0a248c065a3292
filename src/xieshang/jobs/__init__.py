"""Background work: long jobs (large bill imports, negotiation packages, backups, reminders) run by a worker
through the ``django-tasks`` backport's database backend, with their progress and result kept for the page."""
