"""A persistent PostgreSQL connection that the server has ended is replaced before a page
uses it; a sound one is checked without a query."""

import select

import psycopg
import pytest
from django.db import close_old_connections, connection

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's sessions"),
    # Outside a test transaction, as a request between two others.
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("no_page_cache"),  # every request reads the database
]


def next_request(client, path="/"):
    """A request as an app server makes it: connections are checked as it starts
    (Django's test client leaves that out)."""
    close_old_connections()
    return client.get(path)


def end_session(pid: int) -> None:
    """Ends a server process from another session, as a restart or an idle timeout does,
    and waits until its last words reach the socket."""
    settings = connection.settings_dict
    with psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        host=settings["HOST"],
        port=settings["PORT"] or None,
        autocommit=True,
    ) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
    select.select([connection.connection.pgconn.socket], [], [], 5)


def test_a_page_answers_after_the_server_ended_the_session(client, make_article):
    make_article(title="Après la coupure")
    assert client.get("/").status_code == 200
    pid = connection.connection.info.backend_pid

    end_session(pid)
    response = next_request(client)

    assert response.status_code == 200
    assert "Après la coupure" in response.text
    assert connection.connection.info.backend_pid != pid


def test_a_sound_connection_is_checked_without_a_query(client, tmp_path, make_article):
    make_article()
    assert client.get("/").status_code == 200
    pid = connection.connection.info.backend_pid
    trace = tmp_path / "protocol.txt"

    with trace.open("w") as sent:
        connection.connection.pgconn.trace(sent.fileno())
        try:
            response = next_request(client)
        finally:
            connection.connection.pgconn.untrace()

    assert response.status_code == 200
    assert connection.connection.info.backend_pid == pid
    sent_by_client = [line for line in trace.read_text().splitlines() if "\tF\t" in line]
    assert not any('Query\t "SELECT 1"' in line for line in sent_by_client)
    assert "articles_listcount" in sent_by_client[0]  # the page's own first query
