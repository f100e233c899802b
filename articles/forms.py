"""The article form editors submit in the admin, with the newsroom's rules."""

from django import forms
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reversion.models import Version

from .models import Article
from .workflow import CONTRIBUTOR_STATUSES, can_publish

# The admin's citation inline posts its rows under this prefix.
CITATIONS_PREFIX = "citations"


class ArticleAdminForm(forms.ModelForm):
    """Role, checklist and concurrent-edit rules on top of the model's own.

    `user` is set by the admin on the class it builds for each request.
    """

    # When the article was last saved, as the editor's form loaded it.
    loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)

    user = None

    class Meta:
        model = Article
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.updated_at.isoformat()
        if "authors" in self.fields and not can_publish(self.user):
            # A contributor always signs their article: the admin adds them on save.
            self.fields["authors"].required = False
        if "status" in self.fields and not can_publish(self.user):
            self.fields["status"].choices = [
                (value, label)
                for value, label in self.fields["status"].choices
                if value in CONTRIBUTOR_STATUSES
            ]

    def clean(self):
        cleaned_data = super().clean()
        self._refuse_stale_edit(cleaned_data.get("loaded_version"))
        hero_image = cleaned_data.get("hero_image", self.instance.hero_image)
        if hero_image and not cleaned_data.get("hero_alt", "").strip():
            self.add_error("hero_alt", _("Describe the image for readers who cannot see it."))
        return cleaned_data

    def _refuse_stale_edit(self, loaded_version: str | None) -> None:
        """Nothing is overwritten silently: a save based on an old version is refused."""
        if not self.instance.pk:
            return
        current = Article.objects.filter(pk=self.instance.pk)
        if transaction.get_connection().in_atomic_block:
            # The admin saves in a transaction: hold the row until this save is done,
            # so two saves at the same instant cannot both pass this check.
            current = current.select_for_update()
        saved = current.values_list("updated_at", flat=True).first()
        if saved is None or loaded_version == saved.isoformat():
            return
        latest = Version.objects.get_for_object(self.instance).select_related("revision__user")
        revision = latest.first().revision if latest.exists() else None
        when = formats.date_format(timezone.localtime(saved), "DATETIME_FORMAT")
        if revision and revision.user:
            who = revision.user.get_full_name() or revision.user.get_username()
            message = _(
                "%(who)s changed this article on %(when)s, while you were editing it. "
                "Your text is still below and nothing was saved: open the article in "
                "another tab, bring your changes into the latest version, and save there."
            ) % {"who": who, "when": when}
        else:
            message = _(
                "Someone changed this article on %(when)s, while you were editing it. "
                "Your text is still below and nothing was saved: open the article in "
                "another tab, bring your changes into the latest version, and save there."
            ) % {"when": when}
        raise forms.ValidationError(message, code="stale")

    def _post_clean(self):
        super()._post_clean()  # the instance now holds the submitted values
        if self.cleaned_data.get("status") != Article.Status.PUBLISHED:
            return
        tags = self.cleaned_data.get("tags")
        problems = self.instance.publication_problems(
            tag_count=len(tags) if tags is not None else None,
            source_count=self._submitted_source_count(),
        )
        if problems:
            self.add_error(
                None,
                forms.ValidationError(
                    [_("This article cannot be published yet. It still needs:")]
                    + [forms.ValidationError(problem) for problem in problems],
                    code="checklist",
                ),
            )

    def _submitted_source_count(self) -> int | None:
        """How many citations the admin's inline submitted with this form, if it did."""
        total = self.data.get(f"{CITATIONS_PREFIX}-TOTAL_FORMS")
        if total is None or not total.isdigit():
            return None
        return sum(
            1
            for i in range(int(total))
            if self.data.get(f"{CITATIONS_PREFIX}-{i}-source")
            and not self.data.get(f"{CITATIONS_PREFIX}-{i}-DELETE")
        )
