"""An article's history in the admin: pick two saved versions and read what changed.

Title, standfirst and body are compared word by word; the body is read the way an editor
reads it, one line per paragraph, intertitle, list item or quote. Every text is escaped:
stored HTML is never rendered, only the <del> and <ins> marks added here.
"""

import difflib
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import NamedTuple

from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from reversion.models import Version

from .models import Tag, TaggedArticle

# Each of these starts a new line of the body's diff.
BLOCK_TAGS = {"p", "h2", "h3", "li", "blockquote"}
# The units of a diff: a word or a punctuation mark, with the spaces after it.
TOKEN = re.compile(r"\w+\s*|[^\w\s]\s*")
# Below this likeness a rewritten line reads better as all removed, then all added,
# than as a scatter of common words kept between changes.
REWRITTEN_BELOW = 0.4
# Unchanged lines of the body shown around each change.
CONTEXT_LINES = 1


class Block(NamedTuple):
    kind: str  # "p", "h2", "h3", "li" or "blockquote"
    text: str


@dataclass
class Line:
    kind: str
    html: SafeString
    change: str  # "same", "changed", "removed", "added" or "gap" (unchanged lines skipped)


@dataclass
class FieldDiff:
    label: str
    lines: list[Line]
    changed: bool


@dataclass
class Side:
    """One of the two versions compared, with its tags marked against the other's."""

    version: Version
    label: str
    tags: list[tuple[str, str]]  # (name, change): "same", "removed" or "added"


class _BlockReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._kinds: list[str] = []
        self._chunks: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS or tag == "br":
            self.flush()
        if tag in BLOCK_TAGS:
            # A paragraph inside a quote or a list item still reads as one.
            self._kinds.append(self._kinds[-1] if tag == "p" and self._kinds else tag)

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS:
            self.flush()
            if self._kinds:
                self._kinds.pop()

    def handle_data(self, data):
        self._chunks.append(data)

    def flush(self):
        text = " ".join("".join(self._chunks).split())
        self._chunks = []
        if text:
            self.blocks.append(Block(self._kinds[-1] if self._kinds else "p", text))


def text_blocks(body_html: str) -> list[Block]:
    """The body's text, one block per paragraph, intertitle, list item or quote."""
    reader = _BlockReader()
    reader.feed(body_html or "")
    reader.close()
    reader.flush()
    return reader.blocks


def _marked(template: str, text: str, space: str = "") -> SafeString:
    # The spaces after the last word stay outside the mark, so it hugs the words.
    words = text.rstrip()
    return format_html(template, words, text[len(words) :] or space)


def diff_words(old: str, new: str) -> SafeString:
    """The new text, with words removed from the old one in <del> and added ones in <ins>."""
    old_tokens, new_tokens = TOKEN.findall(old), TOKEN.findall(new)
    matcher = difflib.SequenceMatcher(
        None, [t.strip() for t in old_tokens], [t.strip() for t in new_tokens], autojunk=False
    )
    if matcher.ratio() < REWRITTEN_BELOW:
        opcodes = [("replace", 0, len(old_tokens), 0, len(new_tokens))]
    else:
        opcodes = matcher.get_opcodes()
    parts = []
    for op, i1, i2, j1, j2 in opcodes:
        if op == "equal":
            # Keep the spacing of whichever side has a space after the word.
            pairs = zip(old_tokens[i1:i2], new_tokens[j1:j2], strict=True)
            parts.append(conditional_escape("".join(max(pair, key=len) for pair in pairs)))
            continue
        if i1 < i2:
            # A space between removed and added words, even at the end of the text.
            space = " " if j1 < j2 else ""
            parts.append(_marked("<del>{}</del>{}", "".join(old_tokens[i1:i2]), space))
        if j1 < j2:
            parts.append(_marked("<ins>{}</ins>{}", "".join(new_tokens[j1:j2])))
    return mark_safe("".join(parts))  # every part was escaped above


def diff_blocks(old: list[Block], new: list[Block]) -> list[Line]:
    """The lines that changed, with a line of context around each change."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    gap = Line("gap", mark_safe("…"), "gap")
    lines = []
    end = 0
    for group in matcher.get_grouped_opcodes(CONTEXT_LINES):
        if group[0][3] > end:
            lines.append(gap)
        for op, i1, i2, j1, j2 in group:
            if op == "equal":
                lines += [Line(b.kind, conditional_escape(b.text), "same") for b in new[j1:j2]]
                continue
            pairs = list(zip(old[i1:i2], new[j1:j2], strict=False))
            for before, after in pairs:
                lines.append(Line(after.kind, diff_words(before.text, after.text), "changed"))
            for block in old[i1 + len(pairs) : i2]:
                lines.append(Line(block.kind, _marked("<del>{}</del>{}", block.text), "removed"))
            for block in new[j1 + len(pairs) : j2]:
                lines.append(Line(block.kind, _marked("<ins>{}</ins>{}", block.text), "added"))
        end = group[-1][4]
    if lines and end < len(new):
        lines.append(gap)
    return lines


def version_tags(version: Version) -> set[str]:
    """Names of the tags the article had in this version (tags since deleted are left out)."""
    tagged = version.revision.version_set.get_for_model(TaggedArticle)
    tag_ids = [
        item.field_dict["tag_id"]
        for item in tagged
        if str(item.field_dict["content_object_id"]) == version.object_id
    ]
    return set(Tag.objects.filter(pk__in=tag_ids).values_list("name", flat=True))


class RevisionCompareMixin:
    """For a VersionAdmin: compare two versions picked on the object's history page.

    The history page gains a column of radio buttons and a « Compare » button; the
    compare page is at <object_id>/history/compare/?old=<version id>&new=<version id>.
    """

    object_history_template = "admin/articles/article/object_history.html"
    compare_template = "admin/articles/article/compare.html"
    compared_fields = ["title", "standfirst", "body"]
    html_fields = {"body"}

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name=f"{opts.app_label}_{opts.model_name}_compare",
            ),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        context = getattr(response, "context_data", None)  # None when redirected
        if context and context["action_list"]:
            actions = context["action_list"]
            # Each revision holds one version of this object: its id is what is compared.
            version_ids = dict(
                Version.objects.get_for_object_reference(
                    self.model, unquote(object_id)
                ).values_list("revision_id", "pk")
            )
            for action in actions:
                action["version_id"] = version_ids[action["revision"].pk]
            latest = sorted(actions, key=lambda a: (a["revision"].date_created, a["version_id"]))
            # Ready to compare the last save with the one before it.
            context["compare_old"] = latest[-2]["version_id"] if len(latest) > 1 else None
            context["compare_new"] = latest[-1]["version_id"]
        return response

    def compare_view(self, request, object_id):
        """Two versions of the object side by side: who saved them, when, and what changed."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(_("No such article."))
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        versions = Version.objects.get_for_object(obj).select_related("revision__user")
        old, new = sorted(
            (
                _version_or_404(versions, request.GET.get("old")),
                _version_or_404(versions, request.GET.get("new")),
            ),
            key=lambda version: (version.revision.date_created, version.pk),
        )
        old_tags, new_tags = version_tags(old), version_tags(new)
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": _("Compare two versions of “%(title)s”") % {"title": obj},
            "subtitle": None,
            "opts": opts,
            "object": obj,
            "sides": [
                Side(old, _("Older version"), _tag_changes(old_tags, new_tags, "removed")),
                Side(new, _("Newer version"), _tag_changes(new_tags, old_tags, "added")),
            ],
            "fields": [self._field_diff(name, old, new) for name in self.compared_fields],
            "history_url": reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_history",
                args=[quote(obj.pk)],
            ),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.compare_template, context)

    def _field_diff(self, name: str, old: Version, new: Version) -> FieldDiff:
        label = self.model._meta.get_field(name).verbose_name
        before, after = old.field_dict.get(name) or "", new.field_dict.get(name) or ""
        if name in self.html_fields:
            lines = diff_blocks(text_blocks(before), text_blocks(after))
            return FieldDiff(label, lines, changed=bool(lines))
        before, after = " ".join(before.split()), " ".join(after.split())
        changed = before != after
        lines = [Line("p", diff_words(before, after), "changed" if changed else "same")]
        return FieldDiff(label, lines, changed)


def _tag_changes(names: set[str], others: set[str], change: str) -> list[tuple[str, str]]:
    """Each tag by name, marked with `change` when the other version does not have it."""
    return [(name, "same" if name in others else change) for name in sorted(names)]


def _version_or_404(versions, version_id: str | None) -> Version:
    """One of the object's own versions, by the id given in the address."""
    try:
        return versions.get(pk=int(version_id or ""))
    except ValueError:
        raise Http404(_("Pick two versions to compare.")) from None
    except Version.DoesNotExist:
        raise Http404(_("This version is not one of this article’s.")) from None
