"""Views split by subject. Each starts with an access helper from ``xieshang.cases.access``."""
