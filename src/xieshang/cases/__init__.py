"""The case workbench: Django models, forms, views and templates over ``xieshang.core``."""
