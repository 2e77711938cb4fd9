"""The views of the main window: the list, the detail form, the timeline and the overview."""
