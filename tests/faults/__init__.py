"""Fault tests: killed processes, full disks, damaged files and failing migrations (issue 5)."""
