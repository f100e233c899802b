"""`manage.py import_wire`: plain-text wire copy becomes articles waiting for review."""

import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from reversion.models import Version

from articles import wire
from articles.models import Article, Citation, Source, Tag, TagAlias

BASE_DIR = Path(__file__).resolve().parent.parent
WIRE = Path(__file__).resolve().parent / "wire"
COMPLETE = WIRE / "depeche-complete.txt"
SHORT = WIRE / "depeche-breve.txt"


@dataclass
class Run:
    stdout: str
    stderr: str
    error: CommandError | None


def import_wire(*paths: Path) -> Run:
    stdout, stderr = StringIO(), StringIO()
    try:
        call_command("import_wire", *map(str, paths), stdout=stdout, stderr=stderr)
    except CommandError as error:
        return Run(stdout.getvalue(), stderr.getvalue(), error)
    return Run(stdout.getvalue(), stderr.getvalue(), None)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def parse(text: str) -> wire.WireCopy:
    return wire.parse(text.encode(), "essai.txt")


LEAD = " date 2024-02 Un hébergeur français ouvre un centre de données près de Lille."
BODY = "Le site accueillera d’abord des serveurs de calcul pour les laboratoires."


@pytest.fixture
def newsroom_tags(make_tag):
    """The site's usual tags, with the aliases readers and wires use."""
    tags = {name: make_tag(name=name) for name in ["IA", "OpenAI", "Microsoft", "Azure"]}
    TagAlias.objects.create(tag=tags["IA"], name="intelligence artificielle")
    TagAlias.objects.create(tag=tags["OpenAI"], name="Open AI")
    TagAlias.objects.create(tag=tags["OpenAI"], name="Open IA")
    return tags


# --- The format ------------------------------------------------------------


def test_date_line_dates_the_article_first_of_the_month_at_eight_paris_time():
    copy = parse(f"{LEAD}\n\n{BODY}\n")
    assert copy.published_at == datetime(2024, 2, 1, 8, 0, tzinfo=ZoneInfo("Europe/Paris"))


def test_rest_of_the_date_line_is_the_standfirst():
    copy = parse(f"{LEAD}\n\n{BODY}\n")
    assert copy.standfirst == "Un hébergeur français ouvre un centre de données près de Lille."


def test_blank_lines_separate_paragraphs_and_wrapped_lines_join():
    copy = parse(f"{LEAD}\n\nPremière phrase,\nsur deux lignes.\n\n\n{BODY}\n")
    assert copy.body == (
        "<p>Première phrase, sur deux lignes.</p>\n"
        "<p>Le site accueillera d’abord des serveurs de calcul pour les laboratoires.</p>"
    )


def test_short_line_without_final_punctuation_is_an_intertitle():
    copy = parse(f"{LEAD}\n\n{BODY}\n\nUn chantier de deux ans\n\n{BODY}\n")
    assert "<h2>Un chantier de deux ans</h2>" in copy.body


@pytest.mark.parametrize(
    "line",
    [
        "Le chantier durera deux ans.",
        "Qui paiera la facture ?",
        "Le maire parle d’« une chance »",
        "Un paragraphe sans point final mais bien trop long pour être un intertitre, "
        "car il dépasse nettement la centaine de caractères",
    ],
)
def test_punctuated_or_long_lines_stay_paragraphs(line):
    copy = parse(f"{LEAD}\n\n{line}\n")
    assert copy.body.startswith("<p>")
    assert "<h2>" not in copy.body


def test_body_text_is_escaped_not_read_as_html():
    copy = parse(f"{LEAD}\n\nLa balise <script> reste du texte & rien d’autre.\n")
    assert "&lt;script&gt;" in copy.body
    assert "<script>" not in copy.body


@pytest.mark.parametrize(
    "line", ["Source : Le Monde", "Source: Le Monde", "Source\u00a0: Le Monde", "source :Le Monde"]
)
def test_closing_source_line_accepts_the_usual_spellings(line):
    copy = parse(f"{LEAD}\n\n{BODY}\n\n{line}")
    assert copy.source == "Le Monde"
    assert "Source" not in copy.body


def test_source_line_is_optional():
    copy = parse(f"{LEAD}\n\n{BODY}\n")
    assert copy.source == ""


def test_provisional_title_is_the_first_sentence_of_the_lead():
    copy = wire.parse(SHORT.read_bytes(), SHORT.name)
    assert copy.title == "OpenAI ouvre un bureau à Paris, son premier en France"


def test_an_abbreviation_does_not_end_the_provisional_title():
    lead = "M. Nadella promet Copilot à tous les salariés. La suite en mai."
    title = wire.provisional_title(lead)
    assert title == "M. Nadella promet Copilot à tous les salariés"


def test_long_provisional_title_is_cut_at_a_word_with_an_ellipsis():
    copy = wire.parse(COMPLETE.read_bytes(), COMPLETE.name)
    assert copy.title == (
        "Microsoft et Open AI annoncent un programme commun pour les écoles d’ingénieurs et les…"
    )
    assert len(copy.title) <= wire.TITLE_MAX_LENGTH


# --- Tags ------------------------------------------------------------------


@pytest.mark.django_db
def test_tags_are_found_by_name_and_by_alias(newsroom_tags):
    import_wire(COMPLETE)
    article = Article.objects.get(wire_file=COMPLETE.name)
    # "Open AI" and "Open IA" give OpenAI, "intelligence artificielle" gives IA.
    assert sorted(tag.name for tag in article.tags.all()) == ["IA", "Microsoft", "OpenAI"]


@pytest.mark.django_db
def test_a_tag_name_inside_another_word_is_not_a_match(tmp_path, newsroom_tags):
    path = write(
        tmp_path,
        "medias.txt",
        " date 2024-02 Les médias asiatiques passent via un réseau de serveurs azurés.\n\n"
        "Les Microsoftiens ne sont pas concernés par cette annonce.\n",
    )
    import_wire(path)
    assert not Article.objects.get(wire_file="medias.txt").tags.exists()


@pytest.mark.django_db
def test_the_longest_spelling_wins_open_ia_is_not_also_ia(tmp_path, newsroom_tags):
    path = write(
        tmp_path,
        "open-ia.txt",
        " date 2024-02 Open IA recrute à Paris une équipe de chercheurs.\n\n"
        "Les postes seront ouverts dès le mois prochain.\n",
    )
    import_wire(path)
    tags = Article.objects.get(wire_file="open-ia.txt").tags.all()
    assert [tag.name for tag in tags] == ["OpenAI"]


@pytest.mark.django_db
def test_import_attaches_existing_tags_and_creates_none(newsroom_tags):
    import_wire(COMPLETE, SHORT)
    assert Tag.objects.count() == len(newsroom_tags)


@pytest.mark.django_db
def test_finding_tags_costs_two_queries_however_many_tags(make_tag, django_assert_num_queries):
    for number in range(30):
        TagAlias.objects.create(tag=make_tag(name=f"Sujet {number}"), name=f"Thème {number}")
    with django_assert_num_queries(2):
        found = wire.find_tags(
            "Le thème 7 et le sujet 12.", Tag.objects.prefetch_related("aliases")
        )
    assert sorted(tag.name for tag in found) == ["Sujet 12", "Sujet 7"]


# --- Saving ----------------------------------------------------------------


@pytest.mark.django_db
def test_imported_article_waits_in_review_and_is_not_public(newsroom_tags):
    run = import_wire(COMPLETE)
    article = Article.objects.get(wire_file=COMPLETE.name)
    assert article.status == Article.Status.REVIEW
    assert not article.authors.exists()
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert article.slug
    assert "<h2>Des données qui restent en Europe</h2>" in article.body
    assert run.error is None
    assert COMPLETE.name in run.stdout
    assert article.title in run.stdout


@pytest.mark.django_db
def test_source_line_creates_the_source_and_cites_it():
    import_wire(SHORT)
    article = Article.objects.get(wire_file=SHORT.name)
    assert [citation.source.name for citation in article.citations.all()] == ["OpenAI"]


@pytest.mark.django_db
def test_a_known_source_is_reused_whatever_its_case(make_source):
    microsoft = make_source(name="MICROSOFT")
    import_wire(COMPLETE)
    article = Article.objects.get(wire_file=COMPLETE.name)
    assert list(article.sources.all()) == [microsoft]
    assert Source.objects.count() == 1


@pytest.mark.django_db
def test_importing_a_file_again_updates_its_one_article(tmp_path, newsroom_tags):
    path = write(tmp_path, "centre.txt", f"{LEAD}\n\n{BODY}\n\nSource : Le Monde\n")
    import_wire(path)
    first = Article.objects.get(wire_file="centre.txt")
    write(
        tmp_path,
        "centre.txt",
        " date 2024-03 Un hébergeur français ouvre finalement son centre près d’Arras.\n\n"
        "Le projet vise désormais l’intelligence artificielle.\n\nSource : Les Échos\n",
    )
    run = import_wire(path)
    article = Article.objects.get(wire_file="centre.txt")
    assert Article.objects.count() == 1
    assert article.pk == first.pk and article.slug == first.slug
    assert article.standfirst.endswith("près d’Arras.")
    assert "l’intelligence artificielle" in article.body
    assert article.published_at.month == 3
    assert [tag.name for tag in article.tags.all()] == ["IA"]
    assert [source.name for source in article.sources.all()] == ["Les Échos"]
    assert Citation.objects.count() == 1
    assert "centre.txt" in run.stdout


@pytest.mark.django_db
def test_each_import_is_a_revision_an_editor_can_go_back_to(tmp_path):
    path = write(tmp_path, "centre.txt", f"{LEAD}\n\n{BODY}\n")
    import_wire(path)
    write(tmp_path, "centre.txt", f"{LEAD}\n\nUn tout autre paragraphe, plus récent.\n")
    import_wire(path)
    versions = Version.objects.get_for_object(Article.objects.get(wire_file="centre.txt"))
    assert len(versions) == 2
    assert BODY in versions[1].field_dict["body"]
    assert "centre.txt" in versions[0].revision.comment


@pytest.mark.django_db
def test_reimport_keeps_the_status_an_editor_gave(tmp_path):
    path = write(tmp_path, "centre.txt", f"{LEAD}\n\n{BODY}\n")
    import_wire(path)
    Article.objects.update(status=Article.Status.DRAFT)
    import_wire(path)
    assert Article.objects.get().status == Article.Status.DRAFT


@pytest.mark.django_db
def test_a_published_article_is_never_overwritten_by_a_reimport(make_article):
    article = make_article(title="Titre choisi par la rédaction", wire_file=SHORT.name)
    body = article.body
    run = import_wire(SHORT)
    article.refresh_from_db()
    assert article.title == "Titre choisi par la rédaction"
    assert article.body == body
    assert Article.objects.count() == 1
    assert run.error is None
    assert "Titre choisi par la rédaction" in run.stdout


@pytest.mark.django_db
def test_an_unpublished_article_that_was_public_is_not_overwritten_either(make_article):
    article = make_article(title="Retiré par la rédaction", wire_file=SHORT.name)
    article.status = Article.Status.DRAFT
    article.save()
    import_wire(SHORT)
    article.refresh_from_db()
    assert article.title == "Retiré par la rédaction"


# --- Refused files ---------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "line"),
    [
        ("sans-date.txt", 1),
        ("mois-impossible.txt", 2),
        ("vide.txt", 1),
        ("sans-corps.txt", 2),
        ("source-vide.txt", 5),
        ("latin1.txt", 3),
    ],
)
def test_a_refused_file_is_reported_by_name_and_line_and_leaves_nothing(name, line):
    run = import_wire(WIRE / name)
    assert f"{name}:{line}: " in run.stderr
    assert run.error is not None
    assert not Article.objects.exists()
    assert not Source.objects.exists()


@pytest.mark.django_db
def test_a_missing_file_is_reported_by_name(tmp_path):
    run = import_wire(tmp_path / "absente.txt")
    assert "absente.txt: " in run.stderr
    assert run.error is not None


@pytest.mark.django_db
def test_other_files_of_the_run_are_still_imported():
    run = import_wire(WIRE / "sans-date.txt", COMPLETE, WIRE / "vide.txt", SHORT)
    assert run.error is not None
    assert "2" in str(run.error)
    assert sorted(Article.objects.values_list("wire_file", flat=True)) == [
        SHORT.name,
        COMPLETE.name,
    ]
    assert "sans-date.txt:1:" in run.stderr and "vide.txt:1:" in run.stderr
    assert COMPLETE.name in run.stdout and SHORT.name in run.stdout


def test_the_command_exits_non_zero_when_a_file_is_refused(tmp_path):
    # Refused before any query: the empty database is never touched.
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'vide.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "import_wire", str(WIRE / "mois-impossible.txt")],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "mois-impossible.txt:2: " in result.stderr
