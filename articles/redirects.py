"""Old addresses keep answering: a renamed article or a merged tag redirects (301)."""

import functools

from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse

from .models import Article, ArticleRedirect, TagAlias


def old_article_slug(slug: str) -> str | None:
    """The current slug of the public article that once had this one."""
    redirects = ArticleRedirect.objects.filter(slug=slug, article__in=Article.objects.published())
    return redirects.values_list("article__slug", flat=True).first()


def old_tag_slug(slug: str) -> str | None:
    """The slug of the public tag this one was merged into, or is another name of.

    Like the tag's own page, an alias of a tag without public articles answers 404:
    redirecting would give away the name of a topic still being prepared.
    """
    aliases = TagAlias.objects.filter(
        slug=slug, tag__tagged_articles__content_object__in=Article.objects.published()
    )
    return aliases.values_list("tag__slug", flat=True).first()


def follow_old_slugs(view, current_slug):
    """Wrap a view taking `slug`: where it finds nothing, try the old addresses.

    The answer points at the same kind of page (page, RSS or Atom feed) under the
    current slug, query string kept.
    """

    @functools.wraps(view)
    def wrapper(request, *args, slug, **kwargs):
        try:
            return view(request, *args, slug=slug, **kwargs)
        except Http404:
            if (target := current_slug(slug)) is None or target == slug:
                raise
        url = reverse(request.resolver_match.view_name, kwargs={**kwargs, "slug": target})
        if query := request.META.get("QUERY_STRING"):
            url = f"{url}?{query}"
        return HttpResponsePermanentRedirect(url)

    return wrapper
