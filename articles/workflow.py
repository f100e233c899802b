"""Who may do what to an article, and the moves between its states.

Two roles: a contributor (« Rédacteur ») writes their own articles and submits them
for review; an editor (« Éditeur ») edits every article, publishes, schedules and
unpublishes. The rules are checked on the server, whatever the form showed.
"""

import reversion
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .models import Article, Author

CONTRIBUTOR_STATUSES = {Article.Status.DRAFT, Article.Status.REVIEW}


def can_publish(user) -> bool:
    """Publish, schedule and unpublish: the editors' right."""
    return user.has_perm("articles.publish_article")


def can_edit(user, article: Article | None) -> bool:
    """Editors edit every article; a contributor only their own, until it is published."""
    if not user.has_perm("articles.change_article"):
        return False
    if article is None or can_publish(user):
        return True
    return article.status in CONTRIBUTOR_STATUSES and article.authors.filter(user=user).exists()


def author_for(user) -> Author:
    """The user's byline, made from their account the first time they write."""
    try:
        return user.author
    except Author.DoesNotExist:
        return Author.objects.create(user=user, name=user.get_full_name() or user.get_username())


def _save_all(articles, user, comment: str) -> None:
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(comment)
        for article in articles:
            article.save()


def submit_for_review(articles, user) -> list[Article]:
    """Drafts the user may edit go to the review queue; returns those moved."""
    moved = [a for a in articles if a.status == Article.Status.DRAFT and can_edit(user, a)]
    for article in moved:
        article.status = Article.Status.REVIEW
    _save_all(moved, user, _("Submitted for review"))
    return moved


def publish(articles, user) -> tuple[list[Article], dict[Article, list[str]]]:
    """Publish now, or at their set time, every article meeting the checklist.

    Returns the articles published and, for the others, what each one lacks.
    """
    if not can_publish(user):
        return [], {}
    ready, refused = [], {}
    for article in articles:
        if article.status == Article.Status.PUBLISHED:
            continue
        if problems := article.publication_problems():
            refused[article] = problems
            continue
        article.status = Article.Status.PUBLISHED
        ready.append(article)
    _save_all(ready, user, _("Published"))
    return ready, refused


def unpublish(articles, user) -> list[Article]:
    """Published or scheduled articles go back to draft; returns those moved."""
    if not can_publish(user):
        return []
    moved = [a for a in articles if a.status == Article.Status.PUBLISHED]
    for article in moved:
        article.status = Article.Status.DRAFT
    _save_all(moved, user, _("Unpublished"))
    return moved


def state_label(article: Article) -> str:
    """Draft, in review, scheduled for a date, or published."""
    if article.is_scheduled:
        when = formats.date_format(
            timezone.localtime(article.published_at), "SHORT_DATETIME_FORMAT"
        )
        return _("Scheduled for %(date)s") % {"date": when}
    return str(article.get_status_display())
