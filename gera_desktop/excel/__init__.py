"""The city's workbook format: one column spec for reader, writers, CSV and JSON. No Qt, no session."""
