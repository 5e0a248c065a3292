"""Django app: 预算与账单 pages of the case workbench."""
