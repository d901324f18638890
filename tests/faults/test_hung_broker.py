"""A Redis that accepts connections and never answers (hung, not dead) must not hold a
request: enqueueing gives up within a couple of seconds, and the outbox row waits for the
sweep."""

import socket
import threading
import time

import pytest
from celery import Celery

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


def test_enqueueing_on_a_hung_broker_gives_up_quickly(hung_redis):
    """A Celery app with the portal's settings (a fresh one: the portal's own app may
    already hold a pool on another broker) publishing to the hung broker."""
    app = Celery("hung-broker-probe")
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.update(broker_url=hung_redis, task_always_eager=False)
    outcome = {}

    def enqueue():
        try:
            app.send_task("members.tasks.deliver_notification", args=[123456])
        except Exception as error:  # what enqueue_delivery catches and logs
            outcome["error"] = error
        outcome["done"] = True

    started = time.monotonic()
    worker = threading.Thread(target=enqueue, daemon=True)
    worker.start()
    worker.join(BOUND_SECONDS)
    elapsed = time.monotonic() - started

    assert outcome.get("done"), f"publishing still waited on the broker after {elapsed:.1f} s"
    assert "error" in outcome, "a broker that never answers cannot have taken the task"
