"""Django's PostgreSQL backend, with a health check that costs no round trip when the
connection is sound.

With CONN_HEALTH_CHECKS, Django sends `SELECT 1` before the first query of every request
on a persistent connection, which on a public page cost as much as one of its own
queries. A server that ends a session (a restart, pg_terminate_backend(), an idle
timeout, a crash) always says so on the socket, with its last message or by closing it.
So a connection that is idle, in a good state and with nothing to read is as usable as
`SELECT 1` would find it; only one with something to read is checked with the query.
"""

import select

from django.db.backends.postgresql import base
from psycopg import pq


class DatabaseWrapper(base.DatabaseWrapper):
    def close_if_health_check_failed(self):
        if (
            self.connection is not None
            and self.health_check_enabled
            and not self.health_check_done
            and not self.pool
            and self._quiet()
        ):
            self.health_check_done = True
            return
        super().close_if_health_check_failed()

    def _quiet(self) -> bool:
        """Whether the connection is idle and sound, and the server has written nothing
        since its last answer."""
        pgconn = self.connection.pgconn
        if (
            pgconn.status != pq.ConnStatus.OK
            or pgconn.transaction_status != pq.TransactionStatus.IDLE
        ):
            return False
        poll = select.poll()
        poll.register(pgconn.socket, select.POLLIN | select.POLLERR | select.POLLHUP)
        return not poll.poll(0)
