"""Two app servers on one PostgreSQL and one Redis: what one publishes, the other shows.

Production runs several gunicorn servers behind a TLS proxy, all sharing the database and
the Redis cache. Here two of them serve the test database under the production settings
(no DEBUG, hashed static files, secure cookies, HSTS), and the test speaks plain HTTP to
them as the proxy does: with its X-Forwarded-Proto header, and the site's one public host
name whichever server answers, so that both share their cached pages. An editor publishes
and unpublishes through the admin of server A; readers ask server B, alone and then many
at once on both servers. Whatever either server cached, a reader who asks after an editor's
change sees that change, on pages and feeds alike, and never sees an article before it is
published.

Runs only on PostgreSQL with Redis (the CI's second pass): an SQLite test database cannot
be shared with other processes, nor a cache in memory.
"""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from email.message import Message
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import global_settings, settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from articles.models import Article
from articles.roles import EDITOR_GROUP

from .conftest import EDITOR_PASSWORD, ArticleFactory, SourceFactory, TagFactory
from .helpers import form_data, page_text

SHARED_SERVICES = settings.DATABASES["default"][
    "ENGINE"
] == "django.db.backends.postgresql" and isinstance(caches["default"], RedisCache)

pytestmark = pytest.mark.skipif(
    not SHARED_SERVICES,
    reason="several app servers need a database and a cache they can share: run with "
    "DATABASE_URL=postgres://… and REDIS_URL=redis://… (the CI's second pass)",
)

BASE_DIR = Path(settings.BASE_DIR)
# Gunicorn from the environment running the tests: a dependency of the project.
GUNICORN = Path(sys.executable).with_name("gunicorn")

# No other title, page or feed of the test contains it.
TITLE = "Azure ouvre une région cloud à Marseille"
SLUG = "azure-ouvre-une-region-cloud-a-marseille"

# The site's address as readers and editors know it, whichever server answers.
PUBLIC_HOST = "127.0.0.1"
PUBLIC_ORIGIN = f"https://{PUBLIC_HOST}"

# Each request, and each server's start, gets this long at most: the test never hangs.
REQUEST_TIMEOUT = 15
START_TIMEOUT = 30

# The burst of readers: so many threads, each making so many requests.
READERS = 8
REQUESTS_PER_READER = 50


# --- Talking HTTP to a server -----------------------------------------------------------


@dataclass
class Reply:
    """One response, with when its request began and ended (time.monotonic())."""

    status: int
    headers: Message
    text: str
    started: float
    ended: float


def fetch(port: int, path: str, method: str = "GET", body: str | None = None, **headers) -> Reply:
    """One request over a fresh connection, arriving as the TLS proxy hands it on: the
    public host name (without the server's own port) and the scheme the reader used."""
    conn = HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    started = time.monotonic()
    try:
        conn.request(
            method,
            path,
            body=body,
            headers={"Host": PUBLIC_HOST, "X-Forwarded-Proto": "https", **headers},
        )
        response = conn.getresponse()
        content = response.read()
    finally:
        conn.close()
    return Reply(
        response.status, response.headers, content.decode("utf-8"), started, time.monotonic()
    )


@dataclass
class AppServer:
    """A gunicorn master and its workers, in a process group of their own."""

    name: str
    port: int
    process: subprocess.Popen
    log: Path

    def get(self, path: str, **headers) -> Reply:
        return fetch(self.port, path, **headers)

    def log_tail(self, lines: int = 40) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return f"--- last lines of server {self.name}'s log ---\n" + "\n".join(
            text.splitlines()[-lines:]
        )

    def wait_until_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"Server {self.name} stopped at start.\n{self.log_tail()}")
            try:
                if self.get("/robots.txt").status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        pytest.fail(f"Server {self.name} did not answer in {START_TIMEOUT} s.\n{self.log_tail()}")

    def stop(self) -> None:
        """A graceful stop first, then nothing of the group is left alive, whatever happened."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        # Workers left behind by a master that died or hung: the group is the master's id.
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=10)


def free_ports(count: int) -> list[int]:
    """Ports nobody listens on, all different (the sockets stay open until all are picked)."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def production_environment(tmp_path: Path) -> dict[str, str]:
    """The production settings, on the test database and the test run's Redis.

    Nothing is relaxed: no DEBUG, secure cookies, HSTS, the redirect to HTTPS (every
    request carries the proxy's header, so none is redirected), the manifest of hashed
    static files.
    """
    environment = {name: value for name, value in os.environ.items() if name != "DJANGO_DEBUG"}
    database = urlsplit(os.environ["DATABASE_URL"])._replace(
        path=f"/{connection.settings_dict['NAME']}"
    )
    environment.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DJANGO_SECRET_KEY="app-servers-test-" + "k" * 40,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_BEHIND_PROXY="1",
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        DATABASE_URL=database.geturl(),
        REDIS_URL=os.environ["REDIS_URL"],
    )
    return environment


@pytest.fixture
def app_servers(transactional_db, django_db_serialized_rollback, tmp_path):
    """Servers A and B, two sync workers each, stopped at the end whatever happens.

    The data is committed (transactional_db) so that the servers read it; the roles a
    migration made are restored first (serialized rollback). The servers stop before the
    test database is emptied.
    """
    environment = production_environment(tmp_path)
    collected = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert collected.returncode == 0, collected.stderr
    servers: list[AppServer] = []
    try:
        for name, port in zip("AB", free_ports(2), strict=True):
            log = tmp_path / f"server-{name}.log"
            with log.open("wb") as output:
                process = subprocess.Popen(
                    [
                        str(GUNICORN),
                        "newsroom.wsgi",
                        f"--bind=127.0.0.1:{port}",
                        "--workers=2",
                        "--worker-class=sync",
                        f"--timeout={REQUEST_TIMEOUT}",
                        "--graceful-timeout=5",
                        "--access-logfile=-",
                        # No control socket: by default every gunicorn of the machine
                        # would share one in the home folder.
                        "--no-control-socket",
                    ],
                    cwd=BASE_DIR,
                    env=environment,
                    stdin=subprocess.DEVNULL,
                    stdout=output,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            servers.append(AppServer(name, port, process, log))
        for server in servers:
            server.wait_until_ready()
        yield servers
    finally:
        for server in servers:
            server.stop()


@pytest.fixture
def empty_shared_cache():
    """Pages left in Redis by earlier tests describe a database since emptied."""
    cache.clear()
    yield
    cache.clear()


# --- The editor's browser -----------------------------------------------------------


@dataclass
class EditorBrowser:
    """An editor's browser on one server: it keeps cookies and sends the forms' CSRF token."""

    server: AppServer
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, path: str, fields: dict | None = None) -> Reply:
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if fields is not None:
            body = urlencode(fields, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            # A browser's form post from a page of the same site.
            headers["Origin"] = PUBLIC_ORIGIN
            headers["Referer"] = PUBLIC_ORIGIN + path
        reply = fetch(
            self.server.port, path, "GET" if body is None else "POST", body=body, **headers
        )
        for header in reply.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.coded_value
        return reply

    def follow(self, reply: Reply) -> Reply:
        """Follow redirects, as a browser does after a form post."""
        for _ in range(5):
            if reply.status not in (301, 302, 303):
                return reply
            location = urlsplit(reply.headers["Location"])
            reply = self.request(location.path + (f"?{location.query}" if location.query else ""))
        return reply

    def log_in(self, username: str, password: str) -> None:
        page = self.request(reverse("admin:login"))
        assert page.status == 200, f"login page: {page.status}\n{self.server.log_tail()}"
        fields = form_data(page, "login-form", username=username, password=password)
        reply = self.request(reverse("admin:login"), fields)
        assert reply.status == 302, f"login refused: {reply.status} {page_text(reply)[:300]}"
        assert "sessionid" in self.cookies

    def run_action(self, action: str, article: Article) -> str:
        """Tick the article in the change list, choose the action, send: what the page says."""
        changelist = reverse("admin:articles_article_changelist")
        page = self.request(changelist)
        assert page.status == 200, f"change list: {page.status}\n{self.server.log_tail()}"
        fields = form_data(page, "changelist-form", action=action, _selected_action=str(article.pk))
        reply = self.request(changelist, fields)
        assert reply.status == 302, f"{action}: {reply.status}\n{self.server.log_tail()}"
        return page_text(self.follow(reply))


def assert_one_done(said: str, singular: str, plural: str) -> None:
    """The admin's message for one article, in French, is on the page."""
    with translation.override("fr"):
        message = ngettext(singular, plural, 1) % {"count": 1}
    assert message in said, f"expected « {message} » on the change list, found: {said[:600]}"


@pytest.fixture
def editor_account(transactional_db, settings):
    """A member of the « Éditeur » group, with a password the servers can check.

    The servers run the production password hashers, not the fast one of other tests.
    """
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    user = get_user_model().objects.create_user(
        username="chef-edition", password=EDITOR_PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=EDITOR_GROUP))
    return user


# --- Readers ------------------------------------------------------------------------


def shows_article(reply: Reply) -> bool:
    return TITLE in reply.text


def assert_readers_see(server: AppServer, expected: dict[str, tuple[int, bool]], when: str):
    """Each page asked once, as a reader: its status, and whether the article is there."""
    seen = {}
    for path in expected:
        reply = server.get(path)
        seen[path] = (reply.status, shows_article(reply))
    wrong = {
        path: f"{seen[path]}, expected {expected[path]}"
        for path in expected
        if seen[path] != expected[path]
    }
    assert not wrong, (
        f"{when}, server {server.name} answered (status, shows the article): {wrong}\n"
        + server.log_tail(15)
    )


@dataclass
class Hit:
    """One reader's request during the burst."""

    server: str
    path: str
    conditional: bool
    status: int
    started: float
    ended: float
    # What the reader has in hand afterwards: the body received, or the one a 304 confirms.
    shows: bool
    error: str = ""


def read_many_times(reader: int, servers: list[AppServer], paths: list[str], progress) -> list:
    """One reader's requests, alternating servers and pages; every third one conditional.

    A 304 confirms the copy the reader already holds: that copy is what they see.
    """
    held: dict[str, tuple[str, bool]] = {}  # path -> (ETag, whether that copy shows the article)
    hits = []
    for number in range(REQUESTS_PER_READER):
        server = servers[(reader + number) % len(servers)]
        path = paths[(reader + number // len(servers)) % len(paths)]
        conditional = number % 3 == 2 and path in held
        headers = {"If-None-Match": held[path][0]} if conditional else {}
        started = time.monotonic()
        try:
            reply = server.get(path, **headers)
        except OSError as error:
            ended = time.monotonic()
            hits.append(Hit(server.name, path, conditional, 0, started, ended, False, repr(error)))
            progress()
            continue
        if reply.status == 304 and conditional:
            shows = held[path][1]
        else:
            shows = shows_article(reply)
            if reply.status == 200 and (etag := reply.headers.get("ETag")):
                held[path] = (etag, shows)
        hits.append(
            Hit(server.name, path, conditional, reply.status, reply.started, reply.ended, shows)
        )
        progress()
    return hits


# --- The test -----------------------------------------------------------------------


def test_two_app_servers_show_every_publication_at_once_even_under_load(
    app_servers, empty_shared_cache, editor_account
):
    tag = TagFactory(name="Cloud souverain", description="Héberger les données en Europe.")
    for _ in range(3):
        ArticleFactory(tags=[tag], sources=[SourceFactory()])
    article = ArticleFactory(
        review=True,
        title=TITLE,
        slug=SLUG,
        standfirst="Microsoft ouvre une quatrième région Azure en France, pensée pour "
        "les administrations et les données de santé.",
        tags=[tag],
        sources=[SourceFactory(name="Microsoft France", url="https://news.microsoft.com/fr-fr/")],
    )
    assert article.publication_problems() == []

    a, b = app_servers
    every_page = [
        reverse("articles:article_list"),
        tag.get_absolute_url(),
        reverse("articles:tag_feed_rss", kwargs={"slug": tag.slug}),
        reverse("articles:tag_feed_atom", kwargs={"slug": tag.slug}),
        article.get_absolute_url(),
    ]
    unpublished = dict.fromkeys(every_page, (200, False)) | {every_page[-1]: (404, False)}
    published = dict.fromkeys(every_page, (200, True))

    # Readers warm both servers' caches: the article is nowhere.
    for server in (a, b):
        for _ in range(2):
            assert_readers_see(server, unpublished, "Before the publication")

    desk = EditorBrowser(a)
    desk.log_in(editor_account.get_username(), EDITOR_PASSWORD)

    # Published on A: the very next reader of B sees it, on every page and feed.
    said = desk.run_action("publish", article)
    assert_one_done(said, "%(count)d article published.", "%(count)d articles published.")
    assert_readers_see(b, published, "Right after the publication on A")

    # Unpublished on A: gone from B at the next request.
    said = desk.run_action("unpublish", article)
    assert_one_done(said, "%(count)d article unpublished.", "%(count)d articles unpublished.")
    assert_readers_see(b, unpublished, "Right after the unpublication on A")
    assert_readers_see(a, unpublished, "Right after the unpublication on A")

    # Many readers on both servers; a quarter of the way through, A publishes it again.
    total = READERS * REQUESTS_PER_READER
    done = [0]
    quarter = threading.Event()
    lock = threading.Lock()

    def progress():
        with lock:
            done[0] += 1
            if done[0] >= total // 4:
                quarter.set()

    burst_started = time.monotonic()
    with ThreadPoolExecutor(max_workers=READERS) as pool:
        readers = [
            pool.submit(read_many_times, reader, app_servers, every_page, progress)
            for reader in range(READERS)
        ]
        assert quarter.wait(timeout=60), "the readers made no progress"
        publish_sent = time.monotonic()
        said = desk.run_action("publish", article)
        publish_done = time.monotonic()
        hits = [hit for future in readers for hit in future.result(timeout=120)]
    elapsed = time.monotonic() - burst_started

    after = [hit for hit in hits if hit.started > publish_done]
    before = [hit for hit in hits if hit.ended < publish_sent]
    statuses = Counter(hit.status for hit in hits)
    slowest = max(hit.ended - hit.started for hit in hits)
    summary = (
        f"{len(hits)} requests by {READERS} readers in {elapsed:.2f} s "
        f"({len(hits) / elapsed:.0f}/s, slowest {slowest * 1000:.0f} ms), "
        f"statuses {dict(sorted(statuses.items()))}; "
        f"{len(before)} ended before the publication was sent, "
        f"{len(after)} began after it returned "
        f"(the publication took {(publish_done - publish_sent) * 1000:.0f} ms)"
    )
    print(summary)
    assert_one_done(said, "%(count)d article published.", "%(count)d articles published.")
    assert len(hits) == total, summary

    def allowed(hit: Hit) -> bool:
        if hit.status == 200 or (hit.status == 304 and hit.conditional):
            return True
        # The article's own page answers 404 until it is published.
        return hit.status == 404 and hit.path == article.get_absolute_url() and not hit.shows

    wrong = [
        hit
        for hit in hits
        if not allowed(hit) or (hit.started > publish_done and hit.status == 404)
    ]
    assert not wrong, f"{summary}\nunexpected answers: {wrong[:5]}\n{a.log_tail()}\n{b.log_tail()}"
    early = [hit for hit in before if hit.shows]
    assert not early, f"{summary}\nshown before its publication: {early[:5]}"
    stale = [hit for hit in after if not hit.shows]
    stale_by_page = Counter(f"{hit.server} {hit.path}" for hit in stale)
    assert not stale, f"{summary}\nstale after the publication: {dict(stale_by_page)}"
    assert after, f"{summary}\nno request began after the publication: nothing was checked"

    # Once the readers are gone, both servers still show it everywhere.
    for server in (a, b):
        assert_readers_see(server, published, "After the burst")
