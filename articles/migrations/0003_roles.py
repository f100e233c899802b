"""The newsroom's two roles, as groups an administrator puts people in."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTRIBUTOR = "Rédacteur"
EDITOR = "Éditeur"

ROLES = {
    # Writes and edits their own articles, submits them for review.
    CONTRIBUTOR: [
        "add_article",
        "change_article",
        "view_article",
        "add_citation",
        "change_citation",
        "delete_citation",
        "view_citation",
        "view_note",
        "view_tag",
        "view_source",
        "view_author",
    ],
    # Edits every article, publishes, schedules and unpublishes, keeps the taxonomy.
    EDITOR: [
        f"{action}_{model}"
        for model in [
            "article",
            "citation",
            "note",
            "previewlink",
            "tag",
            "tagalias",
            "source",
            "author",
            "articleredirect",
        ]
        for action in ["add", "change", "delete", "view"]
    ]
    + ["publish_article"],
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True  # a migration's app stub has no models module
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
        )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
