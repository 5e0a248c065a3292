"""Views of the budget pages, one module per subject. Each starts with ``get_case_for_user``."""
