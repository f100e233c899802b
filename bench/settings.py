"""The production settings, plus what a benchmark needs: its own database and media
folder, its archive command, and one extra page (/bench/ceiling/).

Run without DJANGO_DEBUG, as production does; `python -m bench.run` sets the rest of the
environment (a secret key, ALLOWED_HOSTS, no HTTPS redirect on 127.0.0.1).
"""

import os

import dj_database_url

from newsroom.settings import *  # noqa: F403
from newsroom.settings import BASE_DIR, CACHES, INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
ROOT_URLCONF = "bench.urls"

BENCH_DATA = BASE_DIR / "bench" / "data"
BENCH_ARTICLES = int(os.environ.get("BENCH_ARTICLES", "100000"))

# One SQLite file per archive size, so 1,000 and 100,000 can be compared without
# rebuilding; DATABASE_URL (PostgreSQL) takes over as in production.
if not os.environ.get("DATABASE_URL"):
    BENCH_DATA.mkdir(exist_ok=True)  # not in a fresh clone: SQLite would not create it
    DATABASES = {
        "default": dj_database_url.parse(
            f"sqlite:///{BENCH_DATA / f'archive-{BENCH_ARTICLES}.sqlite3'}",
            conn_max_age=600,
            conn_health_checks=True,
        )
    }

# The archive's hero images and renditions, apart from the site's own uploads.
MEDIA_ROOT = os.environ.get("DJANGO_MEDIA_ROOT") or BENCH_DATA / "media"
# collectstatic writes here: the runner gives a temporary folder.
if static_root := os.environ.get("DJANGO_STATIC_ROOT"):
    STATIC_ROOT = static_root

# A shared Redis holds the benchmark's keys under their own prefix, which the runner
# deletes before each phase without touching anyone else's.
for cache in CACHES.values():
    if "redis" in cache["BACKEND"].lower():
        cache["KEY_PREFIX"] = "bench" + (
            f"-{cache['KEY_PREFIX']}" if cache.get("KEY_PREFIX") else ""
        )
