"""Database passwords never leave the program: every URL or text that may hold one is masked first.

A PostgreSQL URL carries its password either before the host (``postgresql://anna:geheim@server/db``)
or as a query parameter (``…/db?sslmode=require&password=geheim``, any case, the value URL-encoded or
not); a libpq connection string or an error text quoting one as ``password=geheim`` or
``password='geh eim'``. All of them become ``***``. Window title, status bar, About dialog, ``check``,
error messages, the log and the support package use this one function.
"""

from __future__ import annotations

import re

MASK = "***"
_USERINFO = re.compile(r"(://[^:/@\s]*:)[^@\s]+@")
_PARAMETER = re.compile(
    r"""(?ix)
    ((?:(?<![^\W_])|(?<=%3F)|(?<=%26))             # not inside a word; in a nested URL after ? or &
    (?:password|passwort|passwd|pwd))              # the key
    (\s*(?:=|%3D)\s*)                              # = (in a nested URL also %3D)
    ('(?:[^'\\]|\\.)*'|"[^"]*"|[^&\s'";,)“”]+)     # quoted, or up to the next separator
    """
)


def mask_passwords(text: str) -> str:
    """``text`` with every password of a URL or connection string replaced by ``***``."""
    return _PARAMETER.sub(rf"\1\2{MASK}", _USERINFO.sub(rf"\1{MASK}@", text))


def masked_url(url: str) -> str:
    """A database URL as it may be shown: the password in either place masked."""
    from sqlalchemy.engine import make_url  # here: --version and --help mask texts without SQLAlchemy
    from sqlalchemy.exc import ArgumentError

    try:
        shown = make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        shown = url
    return mask_passwords(shown)
