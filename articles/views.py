"""Public pages. Every query starts from Article.objects.published(), or reads a public
list (ArticleQuerySet.listing()), whose queries do."""

from datetime import datetime, timedelta

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET
from django.views.generic import ListView

from . import preview, search
from .models import (
    Article,
    Author,
    PreviewLink,
    Source,
    Tag,
    public_article,
    subject_at,
)


class PaginatedArticlesView(ListView):
    """A page of article cards, 20 at a time; a bad page number answers 404."""

    paginate_by = settings.NEWSROOM["PAGE_SIZE"]
    context_object_name = "articles"
    # False where a listing without public articles is no page at all (404).
    allow_empty_first_page = True

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kw):
        # The paginator's own count decides, where ListView's allow_empty = False would
        # cost an extra EXISTS query.
        return super().get_paginator(queryset, per_page, orphans, self.allow_empty_first_page, **kw)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        if page is not None:
            context["page_range"] = page.paginator.get_elided_page_range(page.number)
        return context


class ArticleListView(PaginatedArticlesView):
    """The home page: latest published articles, newest first."""

    template_name = "articles/article_list.html"

    def get_queryset(self):
        # Counted and paged on the site's list: page 1,000 costs what page 1 costs.
        return Article.objects.for_listing().listing()


def article_detail(request, slug):
    """An article's page: Article.objects.published().for_page(), by slug, and the
    articles it links to (a title, an address and a date each), in two queries."""
    found = public_article(slug)
    if found is None:
        raise Http404
    article, links = found
    context = {
        "article": article,
        "related": links.related,
        "previous": links.previous,
        "next": links.next,
    }
    return TemplateResponse(request, "articles/article_detail.html", context)


class ArchiveView(ListView):
    """/archives/: the months with published articles, by year, with how many."""

    template_name = "articles/article_archive.html"
    context_object_name = "months"

    def get_queryset(self):
        return Article.objects.published().months()


class ArchiveMonthView(PaginatedArticlesView):
    """/archives/2023/01/: the articles published that month (Paris time), paginated.

    A month without any published article, a future one included, answers 404.
    """

    template_name = "articles/article_archive_month.html"

    allow_empty_first_page = False

    def get_queryset(self):
        paris = timezone.get_default_timezone()
        self.month = datetime(self.kwargs["year"], self.kwargs["month"], 1, tzinfo=paris)
        if self.month > timezone.now():
            raise Http404  # nothing published yet, and no date to compute past year 9999
        following = (self.month + timedelta(days=31)).replace(day=1)
        return (
            Article.objects.published()
            .filter(published_at__gte=self.month, published_at__lt=following)
            .for_listing()
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(month=self.month, **kwargs)


def shared_preview(request, token):
    """An unpublished article, for whoever holds a live share link to it."""
    link_id = PreviewLink.id_from_token(token)
    if link_id is None:
        raise Http404
    link = PreviewLink.objects.active().filter(pk=link_id).first()
    if link is None:
        return preview.gone(request)  # a real link, expired or revoked
    article = get_object_or_404(Article.objects.for_page(), pk=link.article_id)
    return preview.render(request, article, shared=True)


class TagListView(ListView):
    template_name = "articles/tag_list.html"
    context_object_name = "tags"

    def get_queryset(self):
        return Tag.objects.with_published_counts()


class ArticlesOfView(PaginatedArticlesView):
    """Published articles of one tag, source or author, paginated like the home page.

    Subclasses name the model they list articles for (ArticleQuerySet.listing() finds
    its articles). An unknown slug answers 404, and so does a tag, source or author with
    no published article: its name alone could give away what is being prepared.
    """

    model: type

    allow_empty_first_page = False

    def get_queryset(self):
        self.object = subject_at(self.model, self.kwargs["slug"])
        if self.object is None:
            raise Http404
        # The subject's list gives the count and the page's ids, from its index alone.
        return Article.objects.for_listing().listing(self.object)

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.object, **kwargs)


class TagDetailView(ArticlesOfView):
    model = Tag
    template_name = "articles/tag_detail.html"


class SourceDetailView(ArticlesOfView):
    model = Source
    template_name = "articles/source_detail.html"


class AuthorDetailView(ArticlesOfView):
    model = Author
    template_name = "articles/author_detail.html"


class SearchView(PaginatedArticlesView):
    """/recherche/?q=: published articles matching every word, most relevant first.

    An empty, too long or wordless query runs no search; the page says why.
    """

    template_name = "articles/search.html"

    def get_queryset(self):
        self.query = search.parse_query(self.request.GET.get("q"))
        if not self.query.words:
            return Article.objects.none()
        return search.matching(Article.objects.published().for_listing(), self.query)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            query=self.query, max_length=search.MAX_QUERY_LENGTH, **kwargs
        )
        articles = context["articles"]
        excerpts = search.excerpts(articles, self.query)
        context["results"] = [(article, excerpts.get(article.pk)) for article in articles]
        return context


@require_GET
def robots_txt(request):
    # Share links (/apercu/) and search results (/recherche/?q=) carry a noindex, which a
    # crawler must be allowed to read: a disallowed address can still be listed, unread.
    sitemaps = [reverse("articles:sitemap"), reverse("articles:sitemap_news")]
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "",
        *(f"Sitemap: {request.build_absolute_uri(path)}" for path in sitemaps),
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
