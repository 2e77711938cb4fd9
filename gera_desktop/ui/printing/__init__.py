"""Printing through Qt's print preview (Datei ▸ Drucken …) and the Übersicht as PDF and workbook."""
