"""Public pages. Every query starts from Article.objects.published()."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView

from . import preview
from .models import Article, Author, PreviewLink, Source, Tag


class PaginatedArticlesView(ListView):
    """A page of article cards, 20 at a time; a bad page number answers 404."""

    paginate_by = settings.NEWSROOM["PAGE_SIZE"]
    context_object_name = "articles"

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
        return Article.objects.published().for_listing()


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.published().for_page()


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

    Subclasses name the model they list articles for and the article lookup that
    reaches it. An unknown slug answers 404, and so does a tag, source or author with
    no published article: its name alone could give away what is being prepared.
    """

    model: type
    lookup: str

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kw):
        # No public article, no page. The paginator's own count decides, where
        # ListView's allow_empty = False would cost an extra EXISTS query.
        return super().get_paginator(queryset, per_page, orphans, False, **kw)

    def get_queryset(self):
        self.object = get_object_or_404(self.model, slug=self.kwargs["slug"])
        return self.articles_of(Article.objects.published()).for_listing()

    def articles_of(self, articles):
        return articles.filter(**{self.lookup: self.object})

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.object, **kwargs)


class TagDetailView(ArticlesOfView):
    model = Tag
    lookup = "tags"
    template_name = "articles/tag_detail.html"


class SourceDetailView(ArticlesOfView):
    model = Source
    template_name = "articles/source_detail.html"

    def articles_of(self, articles):
        # An article may cite two pages of one source: a subquery lists it once,
        # where a join would list it twice.
        return articles.filter(pk__in=self.object.citations.values("article"))


class AuthorDetailView(ArticlesOfView):
    model = Author
    lookup = "authors"
    template_name = "articles/author_detail.html"


@require_GET
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
