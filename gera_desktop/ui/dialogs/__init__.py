"""Dialogs of the main window: import, export, backups, settings, trash, conflicts."""
