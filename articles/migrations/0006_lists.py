"""The public lists (articles/lists.py): ListEntry and ListCount, kept by triggers.

Also the articles' own index takes the id as its last column, so that a listing, a
month's count or an article's neighbours read it in the exact order of the pages.

The triggers and the calendar table are created, and both lists tables filled from the
articles already there, by lists.install(), which every later migrate runs again.
"""

import django.db.models.deletion
from django.db import migrations, models


def install(apps, schema_editor):
    from articles import lists

    lists.install(using=schema_editor.connection.alias, force=True)


def uninstall(apps, schema_editor):
    from articles import lists

    lists.uninstall(using=schema_editor.connection.alias)


KINDS = [(1, "Site"), (2, "Month"), (3, "Tag"), (4, "Source"), (5, "Author")]


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_search"),
    ]

    operations = [
        migrations.CreateModel(
            name="ListCount",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "kind",
                        "subject_id",
                        "status",
                        blank=True,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                ("kind", models.PositiveSmallIntegerField(choices=KINDS)),
                ("subject_id", models.BigIntegerField()),
                ("status", models.CharField(max_length=10)),
                ("articles", models.IntegerField()),
            ],
        ),
        migrations.CreateModel(
            name="ListEntry",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "article_id",
                        "kind",
                        "subject_id",
                        blank=True,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                (
                    "article",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="list_entries",
                        to="articles.article",
                    ),
                ),
                ("kind", models.PositiveSmallIntegerField(choices=KINDS)),
                ("subject_id", models.BigIntegerField()),
                ("status", models.CharField(max_length=10)),
                ("published_at", models.DateTimeField()),
            ],
            options={
                "indexes": [
                    models.Index(
                        fields=["kind", "subject_id", "-published_at", "-article", "status"],
                        name="list_entry_order",
                    )
                ],
            },
        ),
        migrations.RemoveIndex(
            model_name="article",
            name="article_status_published",
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["status", "-published_at", "-id"], name="article_status_published"
            ),
        ),
        migrations.RunPython(install, uninstall),
    ]
