"""Django app: 材料与文书 pages of the case workbench."""
