"""Article.word_count: counted when the body is saved, so that an article's page reads
its reading time instead of counting its words at every request."""

from django.db import migrations, models

BATCH_SIZE = 1000


def set_lists_aside(apps, schema_editor):
    # SQLite rebuilds the table to add a column (articles/lists.py, set_aside()).
    from articles import lists

    lists.set_aside(using=schema_editor.connection.alias)


def count_words(apps, schema_editor):
    from articles import html

    Article = apps.get_model("articles", "Article")
    articles = Article._default_manager.using(schema_editor.connection.alias)
    batch = []
    for article in articles.only("pk", "body").iterator(chunk_size=BATCH_SIZE):
        article.word_count = html.word_count(article.body)
        batch.append(article)
        if len(batch) == BATCH_SIZE:
            articles.bulk_update(batch, ["word_count"])
            batch = []
    articles.bulk_update(batch, ["word_count"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_lists"),
    ]

    operations = [
        migrations.RunPython(set_lists_aside, migrations.RunPython.noop),
        migrations.AddField(
            model_name="article",
            name="word_count",
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name="word count"),
        ),
        migrations.RunPython(count_words, migrations.RunPython.noop, elidable=True),
        # Migrating back, before the column is removed.
        migrations.RunPython(migrations.RunPython.noop, set_lists_aside),
    ]
