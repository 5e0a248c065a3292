"""Django app: 协商方案 pages of the case workbench."""
