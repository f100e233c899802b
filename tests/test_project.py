"""The project as an operator meets it: migrations, settings that never fail open."""

import gettext
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

BASE_DIR = Path(__file__).resolve().parent.parent


def run_python(*args, **env):
    """Run the project's Python with only the given environment, as on a fresh server."""
    clean_env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", **env}
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.django_db
def test_every_model_change_has_a_committed_migration():
    # Exits with SystemExit(1) when a migration is missing.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_settings_refuse_to_start_without_a_secret_key():
    result = run_python("-c", "import newsroom.settings")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_settings_refuse_an_empty_secret_key():
    result = run_python("-c", "import newsroom.settings", DJANGO_SECRET_KEY="")
    assert "ImproperlyConfigured" in result.stderr


def test_debug_mode_needs_no_secret_key_on_a_laptop():
    result = run_python("-c", "import newsroom.settings as s; print(s.DEBUG)", DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_production_settings_pass_the_deployment_checklist():
    result = run_python(
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="example.com",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNINGS" not in output
    assert "no issues" in output


def test_production_without_redis_is_warned_that_each_process_caches_alone():
    result = run_python(
        "manage.py",
        "check",
        "--deploy",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="example.com",
        REDIS_URL="",
    )
    assert "newsroom.W001" in result.stdout + result.stderr


def test_production_is_not_in_debug_and_only_serves_its_own_hosts():
    code = "import newsroom.settings as s; print(s.DEBUG, s.ALLOWED_HOSTS, s.SECURE_SSL_REDIRECT)"
    result = run_python(
        "-c",
        code,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="example.com",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False ['example.com'] True"


def po_entries(path: Path) -> list[tuple[str, list[str], str]]:
    """(msgid, translations, flags) for each entry of a gettext catalogue."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, str] = {}
        key = None
        flags = ""
        for line in block.splitlines():
            if line.startswith("#,"):
                flags = line
            elif line.startswith("msg"):
                key, _, value = line.partition(" ")
                fields[key] = value[1:-1]
            elif line.startswith('"') and key:
                fields[key] += line[1:-1]
        if fields.get("msgid"):
            translations = [v for k, v in fields.items() if k.startswith("msgstr")]
            entries.append((fields["msgid"], translations, flags))
    return entries


def test_every_message_of_the_site_is_translated_into_french_and_compiled():
    catalogue = BASE_DIR / "locale" / "fr" / "LC_MESSAGES"
    entries = po_entries(catalogue / "django.po")
    assert entries
    compiled = gettext.GNUTranslations((catalogue / "django.mo").open("rb"))
    for msgid, translations, flags in entries:
        assert "fuzzy" not in flags, msgid
        assert all(translations), f"untranslated: {msgid}"
        assert compiled.gettext(msgid.replace('\\"', '"')) == translations[0].replace('\\"', '"')
