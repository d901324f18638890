"""Only a database that cannot be reached or used is an outage (the 503 page, "come back
later"); a query the database refused is a bug, reported as one."""

import sqlite3

import pytest
from django.db import InterfaceError, OperationalError

from col_portal.middleware import is_database_outage


def _wrapped(cause):
    """An error as Django raises it: its own class, the driver's error as the cause."""
    error = OperationalError(str(cause))
    error.__cause__ = cause
    return error


def _sqlite_error(sql: str) -> sqlite3.Error:
    try:
        sqlite3.connect(":memory:").execute(sql)
    except sqlite3.Error as error:
        return error
    raise AssertionError("no error")


class _PostgresError(Exception):
    def __init__(self, pgcode):
        super().__init__(pgcode)
        self.pgcode = pgcode


def test_a_query_sqlite_refuses_is_not_an_outage():
    assert not is_database_outage(_wrapped(_sqlite_error('SELECT "')))


@pytest.mark.parametrize("name", ["SQLITE_BUSY", "SQLITE_IOERR_READ", "SQLITE_CANTOPEN"])
def test_a_database_file_that_cannot_be_used_is_an_outage(name):
    cause = sqlite3.OperationalError("unusable")
    cause.sqlite_errorname = name
    assert is_database_outage(_wrapped(cause))


@pytest.mark.parametrize(
    ("pgcode", "outage"),
    [
        ("08006", True),  # connection failure
        ("57P01", True),  # admin shutdown
        ("53300", True),  # too many connections
        ("42601", False),  # syntax error
        ("22021", False),  # character not in repertoire
    ],
)
def test_postgresql_errors_by_class(pgcode, outage):
    assert is_database_outage(_wrapped(_PostgresError(pgcode))) is outage


def test_a_lost_connection_is_an_outage():
    assert is_database_outage(OperationalError("server closed the connection unexpectedly"))
    assert is_database_outage(InterfaceError("connection already closed"))
    assert not is_database_outage(ValueError("A string literal cannot contain NUL"))
