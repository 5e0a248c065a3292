"""Django app: 沟通与证据 pages of the case workbench."""
