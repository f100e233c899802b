"""The public page cache: readers get whole pages and feeds from the cache, never stale ones.

A page is stored under its address together with the *generation* it was made in. The
generation (the cache entry STATE_KEY) is replaced whenever anything a reader could see
changes: any write to a model of this app (articles, tags, sources, authors, citations,
notes, aliases, old addresses), and the moment the next scheduled article goes public.
A page stored in an older generation is never served again, on any app server sharing
the cache; it is simply made again. So there is nothing to purge page by page, and no
list of "affected pages" to keep in step with the templates.

Each app server process also keeps its own copy of the pages it served last
(LocalCopies), served while their generation is current. With Redis, a process is told
when a generation ends (GenerationWatch) instead of reading it on every request: a page
it holds is then served without a round trip to Redis, and never after a change.

Only anonymous readers (no session cookie) read or fill the cache: an editor logged in
always sees the database. A cache that fails (Redis away) is skipped for a few seconds
at a time: pages are then made from the database, slower, never with an error.
"""

import hashlib
import logging
import os
import threading
import time
import uuid
from collections import OrderedDict
from functools import wraps
from typing import NamedTuple

from django.conf import settings
from django.core import checks
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.models import signals
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils.cache import set_response_etag

logger = logging.getLogger(__name__)

STATE_KEY = "pagecache:state"
LOCAL_MEMORY = "django.core.cache.backends.locmem.LocMemCache"
# After the cache fails, pages are made without it for this long before trying again.
RETRY_AFTER_SECONDS = 5
# What each process keeps of the pages it served: the most recently used, up to this size.
LOCAL_COPIES_BYTES = 32 * 1024 * 1024


class State(NamedTuple):
    """The current generation, and when it ends at the latest: the next scheduled
    publication (a timestamp), or None when nothing is scheduled."""

    token: str
    until: float | None


class Entry(NamedTuple):
    token: str  # the generation the page was made in
    status: int
    headers: list[tuple[str, str]]
    content: bytes


def max_age() -> int:
    """How long a page may stay in the cache at most; 0 turns the cache off."""
    return settings.NEWSROOM["PAGE_CACHE_SECONDS"]


def public_page(view):
    """Serve this public page or feed from the cache to anonymous readers, and tell
    browsers and CDNs how long they may keep it (Cache-Control)."""

    @wraps(view)
    def cached_view(request: HttpRequest, *args, **kwargs):
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            # An editor (or anyone with a session): never the public cache, either way.
            response = view(request, *args, **kwargs)
            if response.status_code == 200:
                response["Cache-Control"] = "private, no-cache"
            return response
        if not (max_age() and _cache_available()):
            return _public(view(request, *args, **kwargs), state=None)

        key = _page_key(request)
        try:
            state = _current_state()
            entry = local_copies.get(key, state.token)
            if entry is None and (entry := cache.get(key)) is not None:
                if entry.token == state.token:
                    local_copies.keep(key, entry)
        except Exception:
            _cache_failed()
            return _public(view(request, *args, **kwargs), state=None)

        if entry is not None and entry.token == state.token:
            response = HttpResponse(entry.content, status=entry.status, headers=entry.headers)
            return _public(response, state)

        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            if hasattr(response, "render") and not response.is_rendered:
                response.add_post_render_callback(
                    lambda rendered: _store(request, key, rendered, state)
                )
            else:
                _store(request, key, response, state)
        return _public(response, state)

    return cached_view


def changed(using: str = DEFAULT_DB_ALIAS) -> None:
    """Something readers see has changed: no page made before may be served again.

    The generation ends at once, and a new one starts when the transaction commits:
    a page made in between, from data not yet committed, is not kept beyond it.
    """
    _end_generation()
    connection = connections[using]
    if not any(func is _start_generation for _, func, _ in connection.run_on_commit):
        transaction.on_commit(_start_generation, using=using)


def _current_state() -> State:
    """The generation pages are served from now, started if there is none."""
    state = watch.state()  # known without asking Redis, while no message says otherwise
    if state is None:
        state = cache.get(STATE_KEY)
        if state is None:
            state = _start_generation(replace=False)
        watch.remember(state)
    if state.until is not None and state.until <= time.time():
        state = _start_generation()  # the next scheduled article is public now
        watch.remember(state)
    return state


def _start_generation(replace: bool = True) -> State:
    """Read when the next scheduled article goes public and start a new generation
    that ends then at the latest.

    A reader finding no generation only adds one (replace=False): an editor's commit
    may have started a newer one, from data this reader's query did not see yet.
    """
    from .models import Article

    next_at = Article.objects.scheduled().aggregate(next=models.Min("published_at"))["next"]
    state = State(uuid.uuid4().hex, next_at.timestamp() if next_at else None)
    timeout = _seconds_until(state.until)
    try:
        if replace:
            cache.set(STATE_KEY, state, timeout=timeout)
            watch.announce()
        elif not cache.add(STATE_KEY, state, timeout=timeout):
            state = cache.get(STATE_KEY) or state  # another process started one first
    except Exception:
        _cache_failed()
    return state


def _end_generation() -> None:
    try:
        cache.delete(STATE_KEY)
        watch.announce()
    except Exception:
        _cache_failed()


def _store(request: HttpRequest, key: str, response: HttpResponse, state: State) -> None:
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return  # a page that sets a cookie (a CSRF token) belongs to one reader
    set_response_etag(response)  # stored with it: a hit answers If-None-Match at once
    headers = [(name, value) for name, value in response.items() if name != "Cache-Control"]
    entry = Entry(state.token, response.status_code, headers, response.content)
    remaining = _seconds_until(state.until)
    timeout = max_age() if remaining is None else min(max_age(), remaining)
    try:
        cache.set(key, entry, timeout=timeout)
    except Exception:
        _cache_failed()
    else:
        local_copies.keep(key, entry)


class LocalCopies:
    """This process's copies of the pages it served, the least recently used dropped
    first. A copy is only ever served in the generation it was made in, which every
    request reads from the shared cache: so a change seen by any app server retires
    the copies of all of them at their next request."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.size = 0
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str, token: str) -> Entry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry.token != token:
                return None
            self._entries.move_to_end(key)
            return entry

    def keep(self, key: str, entry: Entry) -> None:
        with self._lock:
            if (old := self._entries.pop(key, None)) is not None:
                self.size -= len(old.content)
            if len(entry.content) > self.max_bytes:
                return
            self._entries[key] = entry
            self.size += len(entry.content)
            while self.size > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self.size -= len(dropped.content)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.size = 0


local_copies = LocalCopies(LOCAL_COPIES_BYTES)


class GenerationWatch:
    """With Redis, each process learns that a generation ended from a message (Redis
    pub/sub) rather than by reading the generation on every request.

    A process subscribes, then reads the generation once and keeps it. Whoever ends or
    replaces a generation publishes a message, which Redis writes to every subscriber
    before it answers the publisher: so a request that begins after a change was
    committed, on any app server, finds the message waiting and reads the new
    generation. A subscription that broke may have missed messages: the process then
    forgets what it knew and subscribes again. Other caches (local memory) are read
    on every request, as they cost no round trip.
    """

    CHANNEL = "pagecache:generation"

    def __init__(self):
        self._lock = threading.Lock()
        self._backend = self._pubsub = self._state = None
        self._pid = None
        self._reconnected = False

    def state(self) -> State | None:
        """The generation as this process knows it, or None when it must be read."""
        backend = caches[DEFAULT_CACHE_ALIAS]
        if not hasattr(backend, "subscribe"):
            return None
        with self._lock:
            if backend is not self._backend or os.getpid() != self._pid:
                self._close()  # new settings, or a forked process: its own connection
            try:
                if self._pubsub is not None:
                    if self._pubsub.get_message(timeout=0.0) is not None:
                        while self._pubsub.get_message(timeout=0.0) is not None:
                            pass
                        self._state = None
                    if self._reconnected:  # messages may have been lost in between
                        self._close()
            except Exception:
                self._close()  # a broken subscription: the same
            if self._pubsub is None:
                self._subscribe(backend)  # when Redis is away, this fails
            return self._state

    def remember(self, state: State) -> None:
        with self._lock:
            if self._pubsub is not None:
                self._state = state

    def announce(self) -> None:
        """Tell every process that the generation changed."""
        backend = caches[DEFAULT_CACHE_ALIAS]
        if hasattr(backend, "publish"):
            backend.publish(self.CHANNEL, "changed")

    def forget(self) -> None:
        with self._lock:
            self._close()

    def _subscribe(self, backend) -> None:
        self._pubsub = backend.subscribe(self.CHANNEL)
        self._pubsub.connection.register_connect_callback(self._on_reconnect)
        self._backend, self._pid = backend, os.getpid()
        self._state, self._reconnected = None, False

    def _on_reconnect(self, connection) -> None:
        self._reconnected = True

    def _close(self) -> None:
        if self._pubsub is not None:
            try:
                self._pubsub.close()
            except Exception:
                pass
        self._backend = self._pubsub = self._state = None


watch = GenerationWatch()


def _public(response: HttpResponse, state: State | None) -> HttpResponse:
    """Cache-Control for a page anyone may see.

    Browsers check with the server every time (a 304 when unchanged, from the ETag).
    A shared cache (CDN) may keep it CDN_CACHE_SECONDS at most, and never past the
    next scheduled publication; without a generation (cache off or failing), that
    moment is unknown and the CDN must check every time too.
    """
    if response.status_code != 200 or response.has_header("Cache-Control"):
        return response
    value = "public, max-age=0, must-revalidate"
    shared = settings.NEWSROOM["CDN_CACHE_SECONDS"] if state else 0
    if shared and state.until is not None:
        shared = min(shared, _seconds_until(state.until))
    if shared:
        value += f", s-maxage={shared}"
    response["Cache-Control"] = value
    return response


def _page_key(request: HttpRequest) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return "pagecache:page:" + hashlib.md5(address.encode(), usedforsecurity=False).hexdigest()


def _seconds_until(timestamp: float | None) -> int | None:
    """Whole seconds until a moment, rounded down: never past it. None: no end."""
    if timestamp is None:
        return None
    return max(0, int(timestamp - time.time()))


# --- When the cache fails -------------------------------------------------------------

_failed_at: float | None = None


def _cache_available() -> bool:
    return _failed_at is None or time.monotonic() - _failed_at > RETRY_AFTER_SECONDS


def _cache_failed() -> None:
    global _failed_at
    if _cache_available():
        logger.warning("Page cache unavailable: serving from the database", exc_info=True)
    _failed_at = time.monotonic()


# --- What readers see changes ---------------------------------------------------------


@receiver(signals.post_save, dispatch_uid="pagecache.saved")
@receiver(signals.post_delete, dispatch_uid="pagecache.deleted")
@receiver(signals.m2m_changed, dispatch_uid="pagecache.linked")
def _content_changed(sender, using=DEFAULT_DB_ALIAS, action="post_", **kwargs):
    # Every model of this app shows somewhere on a page, a feed or a sitemap (a share
    # link aside, which is too rare to be worth an exception). Writes that bypass
    # signals (QuerySet.update(), bulk_create()) call changed() themselves.
    if sender._meta.app_label == "articles" and action.startswith("post_"):
        changed(using)


@checks.register(checks.Tags.caches, deploy=True)
def _shared_cache_check(**kwargs):
    # In local memory, each app server process has its own cache: a change seen by one
    # would not end the generation the others serve from.
    if max_age() and settings.CACHES["default"]["BACKEND"] == LOCAL_MEMORY:
        return [
            checks.Warning(
                "The page cache is in local memory: with more than one app server process, "
                "one would serve pages another has seen change.",
                hint="Set REDIS_URL, or NEWSROOM_PAGE_CACHE_SECONDS=0.",
                id="newsroom.W001",
            )
        ]
    return []
