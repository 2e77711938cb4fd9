"""Engine and pragmas, sessions, Alembic migrations, backup and restore, integrity checks."""
