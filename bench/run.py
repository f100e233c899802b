"""`make bench`: serve the archive with gunicorn and measure the public pages with wrk.

    make bench                                   # 100,000 articles on SQLite
    BENCH_ARTICLES=1000 make bench               # a small archive, to compare
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench make bench

Steps: build the archive if the database does not hold it (bench.management.commands.
build_archive), collect static files into a temporary folder, pick the pages to measure
from the database, then two phases, each with a fresh gunicorn (2 sync workers):
cold (page cache off) and warm (page cache on, every page requested twice first). Each
page and the ceiling (bench/views.py) is loaded with wrk; queries per request are
counted in a separate process with Django's test client, under the same settings.
The tables go to stdout and to docs/benchmarks/<database>-<articles>.md.

Environment: BENCH_ARTICLES (100000), BENCH_DURATION (seconds per wrk run, 10),
BENCH_REPEAT (runs per page, median kept, 3), BENCH_TIMEOUT (wrk's request timeout,
30: a page slower than this in the test client is not loaded), BENCH_LIMIT (the test
client gives up on a page after this many seconds, 300), DATABASE_URL, REDIS_URL.
"""

import contextlib
import importlib.util
import json
import math
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
REPORTS = BASE_DIR / "docs" / "benchmarks"
CEILING = "/bench/ceiling/"
SEARCH = "/recherche/?q=microsoft+azure"
# The deep page of the biggest tag: as far as a crawler or a curious reader goes.
DEEP_PAGE = 1000
WORKERS = 2
# gunicorn's request timeout: long enough for the slowest page to finish and be cached.
SERVER_TIMEOUT = 600
WRK_THREADS, WRK_CONNECTIONS = 2, 16
# The page cache off, as newsroom/settings.py reads it; unset, the settings' default (on).
PHASES = {"cold": {"NEWSROOM_PAGE_CACHE_SECONDS": "0"}, "warm": {}}
ARTICLE_LINK = re.compile(r"/articles/([\w-]+)/")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- Configuration -------------------------------------------------------------------


@dataclass
class Config:
    articles: int
    duration: int
    repeat: int
    timeout: int
    limit: int
    database_url: str
    redis_url: str

    @classmethod
    def from_env(cls) -> "Config":
        return cls(
            articles=int(os.environ.get("BENCH_ARTICLES", "100000")),
            duration=int(os.environ.get("BENCH_DURATION", "10")),
            repeat=int(os.environ.get("BENCH_REPEAT", "3")),
            timeout=int(os.environ.get("BENCH_TIMEOUT", "30")),
            limit=int(os.environ.get("BENCH_LIMIT", "300")),
            database_url=os.environ.get("DATABASE_URL", ""),
            redis_url=os.environ.get("REDIS_URL", ""),
        )


def server_environment(config: Config, static_root: str) -> dict[str, str]:
    """The environment of every process of the run: production settings, on 127.0.0.1."""
    env = dict(os.environ)
    env.pop("DJANGO_DEBUG", None)  # production settings, whatever the shell says
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_STATIC_ROOT=static_root,
        BENCH_ARTICLES=str(config.articles),
        DJANGO_LOG_LEVEL=os.environ.get("DJANGO_LOG_LEVEL", "WARNING"),
    )
    env.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    return env


# --- The database --------------------------------------------------------------------


def create_postgresql_database(url: str) -> None:
    """Create the database DATABASE_URL names, if missing (connecting to `postgres`)."""
    import dj_database_url
    import psycopg
    from psycopg import sql

    settings = dj_database_url.parse(url)
    name = settings["NAME"]
    connection = psycopg.connect(
        dbname="postgres",
        user=settings.get("USER") or None,
        password=settings.get("PASSWORD") or None,
        host=settings.get("HOST") or None,
        port=settings.get("PORT") or None,
        autocommit=True,
    )
    with connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            log(f"creating the PostgreSQL database {name}")
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def prepare_archive(config: Config) -> None:
    """Build the archive unless the database already holds it; another archive size is
    replaced (the database is the benchmark's own: its name says 'bench')."""
    from django.core.management import call_command
    from django.db import connection

    from bench.management.commands.build_archive import holds_archive, stored_counts

    name = str(connection.settings_dict["NAME"])
    if "bench" not in name:
        raise SystemExit(f"{name} is not a benchmark database: its name must contain 'bench'.")
    call_command("migrate", interactive=False, verbosity=0)
    if holds_archive(config.articles):
        log(f"{connection.vendor} {name}: archive of {config.articles:,} articles in place")
        return
    other = any(stored_counts().values())
    if other:
        log(f"{name} holds another archive: building {config.articles:,} articles instead")
    call_command("build_archive", articles=config.articles, rebuild=other)


def pick_urls() -> list[tuple[str, str]]:
    """(label, path) of the pages measured, chosen from what the archive holds."""
    from django.conf import settings
    from django.db.models import Count

    from articles.models import Article, Citation, Source, Tag, TaggedArticle

    public = Article.objects.published()
    article = public.exclude(hero_image="").order_by("-published_at", "-pk").first()
    if article is None:
        article = public.order_by("-published_at", "-pk").first()
    tag_row = (
        TaggedArticle.objects.filter(content_object__in=public)
        .values("tag")
        .annotate(n=Count("content_object", distinct=True))
        .order_by("-n", "tag")
        .first()
    )
    tag = Tag.objects.get(pk=tag_row["tag"])
    pages = max(1, math.ceil(tag_row["n"] / settings.NEWSROOM["PAGE_SIZE"]))
    deep = min(DEEP_PAGE, pages)
    source_row = (
        Citation.objects.filter(article__in=public)
        .values("source")
        .annotate(n=Count("article", distinct=True))
        .order_by("-n", "source")
        .first()
    )
    source = Source.objects.get(pk=source_row["source"])
    tag_url = tag.get_absolute_url()
    return [
        ("home", "/"),
        ("article", article.get_absolute_url()),
        (f"tag {tag.name} ({tag_row['n']:,} articles)", tag_url),
        (f"tag {tag.name}, page {deep} of {pages}", f"{tag_url}?page={deep}"),
        (f"tag {tag.name} RSS", f"{tag_url}rss/"),
        (f"tag {tag.name} Atom", f"{tag_url}atom/"),
        (f"source {source.name} ({source_row['n']:,} articles)", source.get_absolute_url()),
        ("search « microsoft azure »", SEARCH),
    ]


# --- Queries per request, in a process of its own ------------------------------------


def inspect(port: int, paths: list[str], limit: int, cold: bool) -> dict:
    """For each path: status, bytes, queries and time of a request through Django's
    test client, and any link to an unpublished article found on the page.

    Each path is requested twice and the second request counted: the first warms the
    process (and, in the warm phase, fills the page cache). In the cold phase, a first
    request slower than the wrk timeout is counted itself, without a second. A request
    slower than `limit` seconds is stopped (the database cancels its query) and reported.

    Requests name the host and port gunicorn serves on, as wrk does, so that absolute
    links (feeds, canonical addresses), and so the sizes, are the same as gunicorn's.
    """
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from articles.models import Article

    public = Article.objects.published().values("pk")
    hidden = set(Article.objects.exclude(pk__in=public).values_list("slug", flat=True))
    client = Client(HTTP_HOST=f"127.0.0.1:{port}", raise_request_exception=True)
    timeout = int(os.environ.get("BENCH_TIMEOUT", "30"))
    results = {}
    for path in paths:
        result = {"status": 0, "bytes": 0, "queries": None, "seconds": None, "leaks": []}
        results[path] = result
        try:
            for attempt in (1, 2):
                # The limit first: setting it on PostgreSQL is a query, not the page's.
                with time_limit(connection, limit), CaptureQueriesContext(connection) as queries:
                    start = time.monotonic()
                    response = client.get(path)
                    seconds = time.monotonic() - start
                if attempt == 2 or (cold and seconds > timeout):
                    break
        except Exception as error:  # a cancelled query, or a page that fails
            result["error"] = f"{type(error).__name__}: {error}"[:300]
            continue
        content = response.content
        links = set(ARTICLE_LINK.findall(content.decode("utf-8", "replace")))
        result.update(
            status=response.status_code,
            bytes=len(content),
            queries=len(queries.captured_queries),
            seconds=seconds,
            leaks=sorted(links & hidden),
        )
    return results


@contextlib.contextmanager
def time_limit(connection, seconds: int):
    """Cancel the database query running after `seconds`: SQLite is interrupted from a
    timer, PostgreSQL has a statement_timeout."""
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('statement_timeout', %s, false)", [f"{seconds}s"])
        yield
        return
    timer = threading.Timer(seconds, connection.connection.interrupt)
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def inspect_in_child(port: int, paths: list[str], env: dict[str, str], limit: int) -> dict:
    """inspect() in a process of its own, under `env` (the page cache on or off, as
    newsroom/settings.py reads it at start)."""
    cold = env.get("NEWSROOM_PAGE_CACHE_SECONDS") == "0"
    command = [sys.executable, "-m", "bench.run", "--inspect", str(port), str(limit)]
    command.append("cold" if cold else "warm")
    result = subprocess.run(
        [*command, json.dumps(paths)],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"counting queries failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- Redis ---------------------------------------------------------------------------


def flush_redis(url: str) -> None:
    """Delete the benchmark's keys (bench.settings prefixes them with "bench")."""
    if not url:
        return
    import redis

    client = redis.Redis.from_url(url)
    keys = list(client.scan_iter(match="bench*", count=1000))
    for start in range(0, len(keys), 500):
        client.delete(*keys[start : start + 500])
    log(f"redis: {len(keys)} benchmark keys deleted")


# --- gunicorn ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn serving bench.settings on one port, started and stopped by the runner.

    Its request timeout is long: wrk's --timeout decides how long a reader waits, and a
    worker killed in the middle of a slow page would never fill the page cache.
    """

    def __init__(self, env: dict[str, str], port: int, workdir: Path):
        self.env, self.port = env, port
        self.error_log = workdir / f"gunicorn-{port}.log"
        self.base = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "newsroom.wsgi:application",
            "--workers",
            str(WORKERS),
            "--bind",
            f"127.0.0.1:{self.port}",
            "--timeout",
            str(SERVER_TIMEOUT),
            "--error-logfile",
            str(self.error_log),
            "--log-level",
            "warning",
        ]
        # Its own session: Ctrl-C reaches the runner, which stops gunicorn in order.
        self.process = subprocess.Popen(command, cwd=BASE_DIR, env=self.env, start_new_session=True)
        self.wait_until_up()

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            # Workers still in a slow page: a graceful stop would wait for them.
            process.kill()
            process.wait()

    def wait_until_up(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.error_log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(self.base + CEILING, timeout=5):
                    return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within a minute:\n{self.error_log}")

    def __enter__(self) -> "Server":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def fetch(url: str, timeout: int) -> tuple[int, int]:
    """Status and body size of one GET."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, len(response.read())
    except urllib.error.HTTPError as error:
        return error.code, len(error.read())


# --- wrk -----------------------------------------------------------------------------

KINDS = ("connect", "read", "write", "timeout")
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


@dataclass
class Run:
    rps: float
    p50: float  # milliseconds
    p99: float
    requests: int
    errors: dict[str, int] = field(default_factory=dict)


def wrk(url: str, config: Config) -> Run:
    command = [
        "wrk",
        f"-t{WRK_THREADS}",
        f"-c{WRK_CONNECTIONS}",
        f"-d{config.duration}s",
        "--timeout",
        f"{config.timeout}s",
        "--latency",
        url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


def parse_wrk(output: str) -> Run:
    def latency(percentile: str) -> float:
        match = re.search(rf"^\s*{percentile}%\s+([\d.]+)(us|ms|s|m|h)\s*$", output, re.M)
        return float(match.group(1)) * UNITS[match.group(2)] if match else math.nan

    rps = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M)
    requests = re.search(r"^\s*(\d+) requests in", output, re.M)
    errors = {}
    if socket_errors := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        for kind, count in zip(KINDS, socket_errors.groups(), strict=True):
            if int(count):
                errors[kind] = int(count)
    if non_2xx := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        errors["non-2xx/3xx"] = int(non_2xx.group(1))
    return Run(
        rps=float(rps.group(1)) if rps else 0.0,
        p50=latency("50"),
        p99=latency("99"),
        requests=int(requests.group(1)) if requests else 0,
        errors=errors,
    )


# --- A phase -------------------------------------------------------------------------


@dataclass
class Row:
    label: str
    path: str
    status: int = 0
    bytes: int = 0
    queries: int | None = None
    seconds: float | None = None  # one request in the test client
    leaks: list[str] = field(default_factory=list)
    error: str = ""  # from the test client
    skipped: str = ""  # why wrk did not load it
    runs: list[Run] = field(default_factory=list)

    def median(self, attribute: str) -> float:
        if not self.runs:
            return math.nan
        return statistics.median(getattr(run, attribute) for run in self.runs)

    @property
    def errors(self) -> dict[str, int]:
        total: dict[str, int] = {}
        for run in self.runs:
            for kind, count in run.errors.items():
                total[kind] = total.get(kind, 0) + count
        return total

    @property
    def problems(self) -> list[str]:
        found = [f"{count:,} {kind}" for kind, count in self.errors.items()]
        if self.status not in (0, 200):
            found.append(f"status {self.status}")
        if self.error:
            found.append(f"test client: {self.error}")
        if self.skipped:
            found.append(self.skipped)
        if self.leaks:
            found.append(f"links to {len(self.leaks)} unpublished articles")
        return found


def prime(server: Server, rows: list[Row], limit: int) -> None:
    """Request each page once per worker at the same time (each sync worker takes one),
    then once more: the warm phase fills every worker's page cache, both phases warm up
    the workers. The last answer gives the status and size."""
    with ThreadPoolExecutor(WORKERS) as pool:
        for row in rows:
            if not row.skipped:
                list(pool.map(fetch, [server.base + row.path] * WORKERS, [limit] * WORKERS))
                row.status, row.bytes = fetch(server.base + row.path, limit)


def run_phase(
    phase: str, urls, config: Config, env: dict[str, str], port: int, workdir: Path, ceiling: int
) -> list[Row]:
    env = {**env, **PHASES[phase], "BENCH_CEILING_BYTES": str(ceiling)}
    rows = [Row("ceiling", CEILING)] + [Row(label, path) for label, path in urls]
    flush_redis(config.redis_url)
    log(f"{phase}: counting queries")
    counted = inspect_in_child(port, [row.path for row in rows], env, config.limit)
    for row in rows:
        found = counted[row.path]
        row.queries, row.seconds, row.leaks = found["queries"], found["seconds"], found["leaks"]
        row.error = found.get("error", "")
        if row.error:
            row.skipped = "not loaded: the page fails or passes the time limit"
        elif row.seconds > config.timeout:
            row.skipped = (
                f"not loaded: one request takes {row.seconds:.0f} s in the test client, "
                f"over wrk's {config.timeout} s timeout"
            )
        if row.skipped:
            log(f"{phase}: {row.label}: {row.skipped}")
    flush_redis(config.redis_url)
    with Server(env, port, workdir) as server:
        prime(server, rows, config.limit)
        for repeat in range(1, config.repeat + 1):
            for row in rows:
                if row.skipped:
                    continue
                result = wrk(server.base + row.path, config)
                row.runs.append(result)
                flag = f"  ERRORS {result.errors}" if result.errors else ""
                log(
                    f"{phase} {repeat}/{config.repeat} {row.label:<44} {result.rps:9.1f} req/s"
                    f"  p50 {result.p50:8.2f} ms  p99 {result.p99:8.2f} ms{flag}"
                )
                if result.errors:
                    # Workers may still be busy with the requests wrk gave up on: the next
                    # page gets a fresh server, its caches filled again.
                    log(f"{phase}: restarting gunicorn after errors")
                    server.stop()
                    server.start()
                    prime(server, rows, config.limit)
    return rows


def table(rows: list[Row]) -> str:
    ceiling = rows[0].median("rps") or math.nan

    def number(value: float, digits: int = 1) -> str:
        return "—" if math.isnan(value) else f"{value:,.{digits}f}"

    lines = [
        "| page | URL | bytes | req/s | p50 ms | p99 ms | queries | vs ceiling | problems |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in rows:
        problems = "; ".join(row.problems)
        lines.append(
            f"| {row.label} | `{row.path}` | {row.bytes:,} | {number(row.median('rps'), 0)} "
            f"| {number(row.median('p50'))} | {number(row.median('p99'))} "
            f"| {'—' if row.queries is None else row.queries} "
            f"| {number(row.median('rps') / ceiling, 2)} "
            f"| {'**' + problems + '**' if problems else ''} |"
        )
    return "\n".join(lines)


# --- The machine ---------------------------------------------------------------------


def machine(config: Config) -> list[tuple[str, str]]:
    import django
    from django.conf import settings
    from django.db import connection

    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024**2:.1f} GiB"
    system = platform.platform()
    with contextlib.suppress(OSError):
        release = dict(
            line.split("=", 1)
            for line in Path("/etc/os-release").read_text().splitlines()
            if "=" in line
        )
        system = f"{release.get('PRETTY_NAME', '').strip(chr(34))}, Linux {platform.release()}"
    if connection.vendor == "sqlite":
        import sqlite3

        file = Path(settings.DATABASES["default"]["NAME"]).name
        database = f"SQLite {sqlite3.sqlite_version} (`{file}`)"
    else:
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0]
        database = f"PostgreSQL {version} (`{settings.DATABASES['default']['NAME']}`)"
    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    if config.redis_url:
        import redis

        version = redis.Redis.from_url(config.redis_url).info("server").get("redis_version")
        cache = f"{backend}, Redis {version}, shared by the workers"
    else:
        cache = f"{backend}, one per worker"
    has_page_cache = importlib.util.find_spec("articles.pagecache") is not None
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout
    from articles.models import Article
    from bench.archive import counts

    expected = counts(config.articles)
    ahead = Article.objects.scheduled().count()
    return [
        ("date", datetime.now().astimezone().isoformat(timespec="seconds")),
        ("code", git_revision()),
        ("CPU", f"{cpu}, {os.cpu_count()} cores"),
        ("memory", memory),
        ("system", system),
        ("Python", platform.python_version()),
        ("Django", django.get_version()),
        ("database", database),
        ("cache", cache + ("" if has_page_cache else "; no articles/pagecache.py in this tree")),
        (
            "archive",
            f"{config.articles:,} published articles (+{expected['drafts']:,} drafts, "
            f"+{expected['scheduled']:,} scheduled, {ahead:,} of them still ahead), "
            f"{expected['tags']} tags, {expected['sources']:,} sources, "
            f"{expected['authors']} authors",
        ),
        ("server", f"gunicorn {gunicorn_version()}, {WORKERS} sync workers, 127.0.0.1"),
        (
            "load",
            f"{wrk_version.split(' Copyright')[0].strip()}: -t{WRK_THREADS} -c{WRK_CONNECTIONS}"
            f" -d{config.duration}s --timeout {config.timeout}s, median of {config.repeat}",
        ),
    ]


def git_revision() -> str:
    try:
        revision = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=BASE_DIR, capture_output=True, text=True
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "status", "--porcelain"], cwd=BASE_DIR, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        return "unknown"
    return f"{revision}{' with uncommitted changes' if changed else ''}"


def gunicorn_version() -> str:
    from importlib.metadata import version

    return version("gunicorn")


# --- The report ----------------------------------------------------------------------


def report(config: Config, facts, phases: dict[str, list[Row]]) -> str:
    from django.db import connection

    title = f"{connection.vendor}, {config.articles:,} articles"
    lines = [
        f"# Benchmark: {title}",
        "",
        "Written by `make bench` (bench/run.py); the method is in docs/benchmarks.md.",
        "",
        "| | |",
        "| --- | --- |",
        *(f"| {name} | {value} |" for name, value in facts),
    ]
    for phase, rows in phases.items():
        meaning = {
            "cold": "page cache off: every request renders the page",
            "warm": "page cache on, filled before measuring",
        }[phase]
        lines += ["", f"## {phase.capitalize()} ({meaning})", "", table(rows)]
    problems = [
        f"- {phase}, {row.label} (`{row.path}`): {'; '.join(row.problems)}"
        for phase, rows in phases.items()
        for row in rows
        if row.problems
    ]
    lines += ["", "## Problems", "", *(problems or ["None: every page answered 200."])]
    return "\n".join(lines) + "\n"


# --- Main ----------------------------------------------------------------------------


def main() -> int:
    config = Config.from_env()
    if shutil.which("wrk") is None:
        log("wrk is missing: apt-get install wrk")
        return 1
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    static_root = workdir / "static"
    env = server_environment(config, str(static_root))
    os.environ.pop("DJANGO_DEBUG", None)
    os.environ.update(env)
    # Ctrl-C (even when started in the background, where it is ignored by default) and
    # SIGTERM (`kill`, a CI job stopped) unwind the runner, stopping gunicorn on the way.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        if config.database_url.startswith(("postgres://", "postgresql://")):
            create_postgresql_database(config.database_url)
        import django

        django.setup()
        from django.core.management import call_command

        prepare_archive(config)
        log("collecting static files")
        call_command("collectstatic", interactive=False, verbosity=0)
        urls = pick_urls()
        # One port for both phases: the same absolute links, the same page sizes.
        port = free_port()
        home = inspect_in_child(port, ["/"], {**env, **PHASES["cold"]}, config.limit)["/"]
        log(f"home page: {home['bytes']:,} bytes: the ceiling's size")
        phases = {
            phase: run_phase(phase, urls, config, env, port, workdir, home["bytes"])
            for phase in PHASES
        }
        flush_redis(config.redis_url)  # leave a shared Redis as it was found
        text = report(config, machine(config), phases)
        from django.db import connection

        REPORTS.mkdir(parents=True, exist_ok=True)
        path = REPORTS / f"{connection.vendor}-{config.articles}.md"
        path.write_text(text)
        print(text)
        log(f"written to {path.relative_to(BASE_DIR)}")
        flagged = any(row.problems for rows in phases.values() for row in rows)
        if flagged:
            log("!!! SOME PAGES HAD ERRORS: see the Problems section !!!")
        return 2 if flagged else 0
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "--inspect":
        port, limit, phase, paths = sys.argv[2:]
        print(json.dumps(inspect(int(port), json.loads(paths), int(limit), phase == "cold")))
    else:
        sys.exit(main())
