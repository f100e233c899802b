"""The editors' workplace: articles, sources, tags and authors in the Django admin."""

from django.contrib import admin
from django.db.models import Count
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin
from taggit.forms import TagWidget
from taggit.models import Tag as TaggitTag

from .models import Article, Author, Citation, Source, Tag
from .slugs import slugify

TAG_SUGGESTIONS = 10

# The newsroom has its own Tag model; taggit's default one stays empty and out of sight.
admin.site.unregister(TaggitTag)


class TagAutocompleteWidget(TagWidget):
    """The comma-separated tag field, with suggestions of existing tags as one types.

    Without JavaScript it stays a plain text field: any new name typed becomes a tag.
    """

    class Media:
        js = ["js/tag-autocomplete.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-tag-suggestions"] = reverse(
            "admin:articles_tag_suggestions"
        )
        context["widget"]["attrs"]["autocomplete"] = "off"
        return context


class CitationInline(admin.TabularInline):
    model = Citation
    extra = 1
    autocomplete_fields = ["source"]
    fields = ["source", "url", "position"]


@admin.register(Article)
class ArticleAdmin(VersionAdmin):
    list_display = ["title", "status", "published_at", "author_names", "tag_names"]
    list_filter = ["status", "tags", "authors"]
    search_fields = ["title", "standfirst", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["authors"]
    inlines = [CitationInline]
    readonly_fields = ["first_published_at", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "body"]}),
        (_("Hero image"), {"fields": ["hero_image", "hero_alt", "hero_credit"]}),
        (_("Byline and topics"), {"fields": ["authors", "tags"]}),
        (
            _("Publication"),
            {
                "fields": [
                    "status",
                    "published_at",
                    "first_published_at",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("authors", "tags")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "tags":
            kwargs["widget"] = TagAutocompleteWidget(attrs={"size": 60})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def view_on_site(self, obj: Article) -> str | None:
        # Drafts and scheduled articles have no public page yet.
        return obj.get_absolute_url() if obj.is_public else None

    @admin.display(description=_("authors"))
    def author_names(self, obj: Article) -> str:
        return ", ".join(author.name for author in obj.authors.all())

    @admin.display(description=_("tags"))
    def tag_names(self, obj: Article) -> str:
        return ", ".join(tag.name for tag in obj.tags.all())


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "url", "citation_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(citation_count=Count("citations"))

    @admin.display(description=_("citations"), ordering="citation_count")
    def citation_count(self, obj: Source) -> int:
        return obj.citation_count


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "article_count"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("tagged_articles"))

    @admin.display(description=_("articles"), ordering="article_count")
    def article_count(self, obj: Tag) -> int:
        return obj.article_count

    def get_urls(self):
        suggestions = self.admin_site.admin_view(self.suggestions)
        return [
            path("suggestions/", suggestions, name="articles_tag_suggestions"),
            *super().get_urls(),
        ]

    def suggestions(self, request):
        """Names of existing tags matching what an editor is typing, accents ignored."""
        if not self.has_view_permission(request):
            return JsonResponse({"names": []}, status=403)
        term = slugify(request.GET.get("term", ""))
        tags = Tag.objects.filter(slug__contains=term) if term else Tag.objects.none()
        names = list(tags.order_by("name").values_list("name", flat=True)[:TAG_SUGGESTIONS])
        return JsonResponse({"names": names})


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "article_count"]
    search_fields = ["name", "user__username"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description=_("articles"), ordering="article_count")
    def article_count(self, obj: Author) -> int:
        return obj.article_count
