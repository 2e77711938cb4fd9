"""Use cases of the application: each opens one short session per user action (no Qt here)."""
