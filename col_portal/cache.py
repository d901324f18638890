"""A Redis cache that treats an unreachable Redis as an empty cache.

Django's RedisCache raises when Redis is down or slow, which would turn every page that
reads a cached figure, a rate limit or a session into a 500. The portal keeps all its
data in the database, so during an outage this backend answers like an empty cache that
keeps nothing: a read is a miss, a write is dropped, and the page is computed again.
Short socket timeouts keep a hung Redis from holding a request for long, and after a
failure the process leaves that Redis alone for RETRY_INTERVAL seconds, so a page making
several cache calls waits for one timeout at most, not one per call.
"""

import logging
import time
from functools import wraps

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
# One warning per process and interval is enough to see an outage in the logs.
WARNING_INTERVAL = 30.0
# After a failure, Redis is not asked again for this long (per process and server).
RETRY_INTERVAL = 5.0


def _degrades_to(fallback):
    """Run the Redis call; when Redis cannot be reached, log and return `fallback(args)`."""

    def decorator(method):
        @wraps(method)
        def wrapper(self, *args, **kwargs):
            if self._resting():
                return fallback(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except UNREACHABLE as error:
                self._report_outage(method.__name__, error)
                return fallback(*args, **kwargs)

        return wrapper

    return decorator


def _nothing(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


def _missing_key(key, delta):
    # What an empty cache answers: the key does not exist.
    raise ValueError(f"Key '{key}' not found (cache unreachable).")


class ResilientRedisCacheClient(RedisCacheClient):
    _last_warning = 0.0
    # Server URLs -> monotonic time until which they are left alone. Shared by the
    # threads of a process (each thread has its own client).
    _down_until: dict[tuple, float] = {}

    def _resting(self) -> bool:
        return time.monotonic() < self._down_until.get(tuple(self._servers), 0.0)

    def _report_outage(self, operation: str, error: Exception) -> None:
        now = time.monotonic()
        self._down_until[tuple(self._servers)] = now + RETRY_INTERVAL
        if now - ResilientRedisCacheClient._last_warning >= WARNING_INTERVAL:
            ResilientRedisCacheClient._last_warning = now
            logger.warning("Cache unreachable (%s): %s; working without it", operation, error)
        else:
            logger.debug("Cache unreachable (%s): %s", operation, error)

    # An empty cache accepts an add; callers using add() as a lock must not wait on it.
    add = _degrades_to(lambda key, value, timeout: True)(RedisCacheClient.add)
    get = _degrades_to(lambda key, default: default)(RedisCacheClient.get)
    set = _degrades_to(_nothing)(RedisCacheClient.set)
    touch = _degrades_to(_false)(RedisCacheClient.touch)
    delete = _degrades_to(_false)(RedisCacheClient.delete)
    get_many = _degrades_to(lambda keys: {})(RedisCacheClient.get_many)
    has_key = _degrades_to(_false)(RedisCacheClient.has_key)
    incr = _degrades_to(_missing_key)(RedisCacheClient.incr)
    set_many = _degrades_to(_nothing)(RedisCacheClient.set_many)
    delete_many = _degrades_to(_nothing)(RedisCacheClient.delete_many)
    clear = _degrades_to(_false)(RedisCacheClient.clear)


class ResilientRedisCache(RedisCache):
    """RedisCache that degrades to a miss / no-op while Redis cannot be reached."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ResilientRedisCacheClient
