"""The audit log: who viewed, changed, exported, shared, revealed or deleted what, and when. Append-only."""
