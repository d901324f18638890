"""A Redis that accepts connections and never answers (hung, not dead) must not hold a
request: enqueueing gives up within a couple of seconds, and the outbox row waits for the
sweep."""

import socket
import threading
import time

import pytest

from col_portal.celery import app
from members import notifications

BOUND_SECONDS = 10  # far above the 2 s timeouts: only a hang fails this


@pytest.fixture
def hung_redis():
    """A listening socket that accepts and never replies."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    accepted = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    server.close()


def test_enqueueing_on_a_hung_broker_gives_up_quickly(hung_redis, caplog):
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=hung_redis, task_always_eager=False)
    app.__dict__.pop("pool", None)
    app._pool = None
    try:
        done = threading.Event()

        def enqueue():
            notifications.enqueue_delivery(123456)
            done.set()

        started = time.monotonic()
        worker = threading.Thread(target=enqueue, daemon=True)
        worker.start()
        worker.join(BOUND_SECONDS)
        elapsed = time.monotonic() - started
    finally:
        app.conf.update(saved)
        app._pool = None

    assert done.is_set(), f"enqueueing still waited on the broker after {elapsed:.1f} s"
    assert "the sweep will deliver it" in caplog.text
