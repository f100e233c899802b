"""The editors' workplace: articles, sources, tags and authors in the Django admin."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin
from taggit.forms import TagWidget
from taggit.models import Tag as TaggitTag

from . import preview, workflow
from .editor import ArticleBodyField
from .forms import ArticleAdminForm
from .images import HeroImageFormField
from .models import (
    STANDFIRST_LENGTH,
    Article,
    Author,
    Citation,
    Note,
    PreviewLink,
    Source,
    Tag,
    TagAlias,
)
from .revisions import RevisionCompareMixin
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


class NoteInline(admin.StackedInline):
    """Dated public notes under a published article: « Mise à jour », « Correctif »."""

    model = Note
    extra = 0
    fields = ["kind", "text", "created_at"]
    readonly_fields = ["created_at"]


class PreviewLinkInline(admin.TabularInline):
    """Share links given out for this article; deleting one revokes it at once."""

    model = PreviewLink
    extra = 0
    fields = ["address", "created_by", "created_at", "expires_at"]
    readonly_fields = fields
    verbose_name_plural = _("share links (delete one to revoke it)")

    def has_add_permission(self, request, obj):
        return False  # made with the « Share » button, which sets the expiry

    @admin.display(description=_("address"))
    def address(self, link: PreviewLink) -> str:
        if not link.is_active:
            return _("expired")
        return link.get_absolute_url()


class TagAliasFormSet(forms.BaseInlineFormSet):
    """Two rows giving one name (same address) are refused here, not by the database."""

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            name = getattr(form, "cleaned_data", {}).get("name")
            if not name or form in self.deleted_forms:
                continue
            if (slug := slugify(name)) in seen:
                raise forms.ValidationError(
                    gettext("“%(name)s” is given twice.") % {"name": name}, code="duplicate"
                )
            seen.add(slug)


class TagAliasInline(admin.TabularInline):
    model = TagAlias
    formset = TagAliasFormSet
    extra = 1
    fields = ["name"]
    verbose_name_plural = _("aliases: other names that attach this tag")


class PublicationStateFilter(admin.SimpleListFilter):
    """Status as readers live it: a published article may still be waiting for its time."""

    title = _("status")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("draft", _("Draft")),
            ("review", _("In review")),
            ("scheduled", _("Scheduled")),
            ("published", _("Published")),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "draft":
                return queryset.filter(status=Article.Status.DRAFT)
            case "review":
                return queryset.in_review()
            case "scheduled":
                return queryset.scheduled()
            case "published":
                return queryset.published()
        return queryset


@admin.register(Article)
class ArticleAdmin(RevisionCompareMixin, VersionAdmin):
    form = ArticleAdminForm
    list_display = ["title", "state", "published_at", "author_names", "tag_names"]
    list_filter = [PublicationStateFilter, "tags", "authors"]
    search_fields = ["title", "standfirst", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["authors"]
    inlines = [CitationInline, PreviewLinkInline, NoteInline]  # as get_inlines() allows
    readonly_fields = ["checklist", "first_published_at", "created_at", "updated_at"]
    actions = ["submit_for_review", "publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["loaded_version", "title", "slug", "standfirst", "body"]}),
        (_("Hero image"), {"fields": ["hero_image", "hero_alt", "hero_credit"]}),
        (_("Byline and topics"), {"fields": ["authors", "tags"]}),
        (
            _("Publication"),
            {
                "fields": [
                    "checklist",
                    "status",
                    "published_at",
                    "first_published_at",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    change_list_template = "admin/articles/article/change_list.html"

    class Media:
        # On every form of an article: change, restore and recover.
        css = {"all": ["css/admin-workflow.css"]}
        js = ["js/article-checklist.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("authors", "tags")

    # --- Roles: checked here, on the server, whatever the form showed -------------

    def has_change_permission(self, request, obj=None):
        return workflow.can_edit(request.user, obj)

    def has_publish_permission(self, request):
        return workflow.can_publish(request.user)

    def recoverlist_view(self, request, extra_context=None):
        # Deleted articles, anyone's, are brought back by editors only.
        if not workflow.can_publish(request.user):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not workflow.can_publish(request.user):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        # Only editors set the publication time: a date is how one schedules.
        if not workflow.can_publish(request.user):
            return [*fields, "published_at"]
        return fields

    def get_inlines(self, request, obj):
        inlines = [CitationInline]
        if obj is not None:
            inlines.append(PreviewLinkInline)
            if obj.first_published_at:  # public notes belong to published articles
                inlines.append(NoteInline)
        return inlines

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.user = request.user
        return form

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        author = Author.objects.filter(user=request.user).first()
        if author and not workflow.can_publish(request.user):
            initial.setdefault("authors", [author.pk])
        return initial

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # A contributor's article is theirs: they stay in its byline.
        if not workflow.can_publish(request.user):
            form.instance.authors.add(workflow.author_for(request.user))

    @admin.display(description=_("pre-publication checklist"))
    def checklist(self, obj: Article | None) -> str:
        items = obj.checklist() if obj and obj.pk else Article().checklist(0, 0)
        context = {"items": items, "standfirst_length": STANDFIRST_LENGTH}
        return render_to_string("admin/articles/article/checklist.html", context)

    @admin.display(description=_("status"), ordering="status")
    def state(self, obj: Article) -> str:
        return workflow.state_label(obj)

    # --- Actions ------------------------------------------------------------------

    @admin.action(description=_("Submit for review"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        moved = workflow.submit_for_review(queryset, request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d article submitted for review.",
                "%(count)d articles submitted for review.",
                len(moved),
            )
            % {"count": len(moved)},
            messages.SUCCESS if moved else messages.WARNING,
        )

    @admin.action(description=_("Publish (now or at their set time)"), permissions=["publish"])
    def publish(self, request, queryset):
        published, refused = workflow.publish(queryset.prefetch_related(None), request.user)
        if published:
            self.message_user(
                request,
                ngettext(
                    "%(count)d article published.", "%(count)d articles published.", len(published)
                )
                % {"count": len(published)},
                messages.SUCCESS,
            )
        for article, problems in refused.items():
            self.message_user(
                request,
                _("“%(title)s” was not published. It still needs: %(problems)s.")
                % {"title": article, "problems": ", ".join(problems)},
                messages.ERROR,
            )

    @admin.action(description=_("Unpublish (back to draft)"), permissions=["publish"])
    def unpublish(self, request, queryset):
        moved = workflow.unpublish(queryset, request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d article unpublished.", "%(count)d articles unpublished.", len(moved)
            )
            % {"count": len(moved)},
            messages.SUCCESS if moved else messages.WARNING,
        )

    # --- Preview and share links ----------------------------------------------------

    def get_urls(self):
        return [
            path(
                "<path:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="articles_article_preview",
            ),
            path(
                "<path:object_id>/share/",
                self.admin_site.admin_view(self.share_view),
                name="articles_article_share",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request, object_id):
        """The article exactly as readers will see it, whatever its status."""
        article = get_object_or_404(Article.objects.for_page(), pk=object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return preview.render(request, article)

    def share_view(self, request, object_id):
        """Make a share link for someone outside the newsroom (POST only)."""
        article = get_object_or_404(Article, pk=object_id)
        if request.method != "POST" or not request.user.has_perm("articles.add_previewlink"):
            raise PermissionDenied
        link = PreviewLink.objects.create(article=article, created_by=request.user)
        self.message_user(
            request,
            format_html(
                gettext("Share link, valid until {date}: {url}"),
                date=formats.date_format(timezone.localtime(link.expires_at), "DATETIME_FORMAT"),
                url=request.build_absolute_uri(link.get_absolute_url()),
            ),
            messages.SUCCESS,
        )
        return redirect("admin:articles_article_change", article.pk)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "tags":
            kwargs["widget"] = TagAutocompleteWidget(attrs={"size": 60})
        if db_field.name == "hero_image":
            # Its own messages for each refusal, a decompression bomb included.
            kwargs["form_class"] = HeroImageFormField
        if db_field.name == "body":
            # A rich-text editor, and the allow-list applied before the form validates.
            kwargs["form_class"] = ArticleBodyField
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


class TagAdminForm(forms.ModelForm):
    """A tag may not take a name or address that is another tag's alias: it leads there."""

    def clean(self):
        cleaned_data = super().clean()
        for field in ["name", "slug"]:
            # Checked when given or changed, like an alias itself.
            if field not in self.changed_data or not (value := cleaned_data.get(field)):
                continue
            aliases = TagAlias.objects.filter(Q(slug=slugify(value)) | Q(name__iexact=value))
            if self.instance.pk:
                aliases = aliases.exclude(tag=self.instance)
            if alias := aliases.select_related("tag").first():
                self.add_error(
                    field,
                    gettext("“%(alias)s” is already another name of the tag “%(tag)s”.")
                    % {"alias": alias.name, "tag": alias.tag.name},
                )
        return cleaned_data


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    form = TagAdminForm
    list_display = ["name", "slug", "alias_names", "article_count"]
    search_fields = ["name", "slug", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TagAliasInline]
    actions = ["merge_tags"]

    @admin.display(description=_("aliases"))
    def alias_names(self, obj: Tag) -> str:
        return ", ".join(alias.name for alias in obj.aliases.all())

    def has_merge_permission(self, request) -> bool:
        # Merging changes one tag and deletes the others: it takes both rights (an
        # action's list of permissions asks for any one of them).
        return self.has_change_permission(request) and self.has_delete_permission(request)

    @admin.action(description=_("Merge the selected tags"), permissions=["merge"])
    def merge_tags(self, request, queryset):
        """Ask which tag to keep, then move every article of the others onto it."""
        tags = list(queryset.order_by("-article_count", "name"))
        if len(tags) < 2:
            self.message_user(request, _("Select at least two tags to merge."), messages.WARNING)
            return None
        kept = next((t for t in tags if str(t.pk) == request.POST.get("keep")), None)
        if kept is None:
            return TemplateResponse(
                request,
                "admin/articles/tag/merge.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("Merge tags"),
                    "opts": self.opts,
                    "tags": tags,
                    "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                },
            )
        merged = [t for t in tags if t != kept]
        kept.absorb(merged)
        self.message_user(
            request,
            _("Merged into “%(tag)s”: %(names)s. Their old addresses now lead to it.")
            % {"tag": kept.name, "names": ", ".join(t.name for t in merged)},
            messages.SUCCESS,
        )
        return None

    def get_queryset(self, request):
        tags = super().get_queryset(request).prefetch_related("aliases")
        return tags.annotate(article_count=Count("tagged_articles"))

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
        # An alias ("intelligence artificielle") suggests its tag ("IA").
        matching = Q(slug__contains=term) | Q(aliases__slug__contains=term)
        tags = Tag.objects.filter(matching).distinct() if term else Tag.objects.none()
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
