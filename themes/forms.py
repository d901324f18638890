"""The members' contribution form: one page, a draft may be partial, files checked by content."""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.db.models.functions import Lower
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from members import uploads
from members.models import User
from members.places import DistrictMultipleChoiceField
from members.roles import ROLE_GROUPS

from .models import (
    SECTIONS,
    Contribution,
    ContributionKind,
    Theme,
    Visibility,
)
from .selectors import lessons_to_build_on, popular_tags
from .services import EDITABLE_FIELDS, MAX_ATTACHMENTS, attachment_key

FIRST_YEAR = 1990

# Tags: letters and digits of any alphabet, with single spaces or hyphens between words.
TAG_MIN_LENGTH = 2
TAG_MAX_LENGTH = 50
MAX_TAGS = 10
_TAG_SHAPE = re.compile(r"^[^\W_]+(?:[ -]+[^\W_]+)*$")

# A hint for the browser's file picker only; the server checks every file by its content.
ACCEPT_ATTRIBUTE = (
    ".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.jpg,.jpeg,.png,.gif,.webp,"
    "application/pdf,image/jpeg,image/png,image/gif,image/webp"
)


FIELD_ORDER = [
    "kind",
    "title",
    "summary",
    "primary_theme",
    "secondary_themes",
    "anti_corruption_focus",
    *(name for name, _label, _question in SECTIONS),
    "districts",
    "period_start",
    "period_end",
    "language",
    "suggested_tags",
    "tags",
    "builds_on",
    "coauthors",
    "remove_attachments",
    "new_attachments",
    "visibility",
]


def _printable(text: str, limit: int = TAG_MAX_LENGTH) -> str:
    """A rejected value as it can be shown back: control characters made visible, cut short."""
    shown = "".join("?" if unicodedata.category(ch).startswith("C") else ch for ch in text)
    return shown if len(shown) <= limit else shown[:limit] + "…"


def parse_tags(raw: str) -> tuple[list[str], list[str]]:
    """Split a comma-separated list of tags: (normalised tags, error messages).

    Spaces are trimmed and collapsed and empty entries dropped; repeated tags (in any
    capitalisation) count once. A tag is 2 to 50 letters, digits, spaces or hyphens.
    """
    tags: list[str] = []
    seen: set[str] = set()
    errors: list[str] = []
    for piece in raw.split(","):
        tag = " ".join(piece.split())
        if not tag:
            continue
        if not _TAG_SHAPE.match(tag):
            errors.append(
                gettext(
                    "“%(tag)s” is not a valid tag: use only letters, digits, spaces and hyphens."
                )
                % {"tag": _printable(tag)}
            )
            continue
        if not TAG_MIN_LENGTH <= len(tag) <= TAG_MAX_LENGTH:
            errors.append(
                gettext(
                    "“%(tag)s” is not a valid tag: a tag has between %(min)s and %(max)s characters."
                )
                % {"tag": _printable(tag), "min": TAG_MIN_LENGTH, "max": TAG_MAX_LENGTH}
            )
            continue
        if tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    return tags, errors


def with_existing_spelling(tags: list[str]) -> list[str]:
    """Reuse an existing tag's spelling ("Agua" for "agua") instead of making a twin."""
    if not tags:
        return []
    existing = {
        name.casefold(): name
        for name in Tag.objects.annotate(lower_name=Lower("name"))
        .filter(lower_name__in=[tag.lower() for tag in tags])
        .values_list("name", flat=True)
    }
    return [existing.get(tag.casefold(), tag) for tag in tags]


def coauthor_candidates(author):
    """Active members of any institution, except the author, with their institution."""
    return (
        User.objects.filter(is_active=True)
        .filter(Q(groups__name__in=ROLE_GROUPS) | Q(is_superuser=True))
        .exclude(pk=author.pk)
        .select_related("institution")
        .distinct()
        .order_by("institution__name", "full_name", "email")
    )


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked on its own (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(upload, initial) for upload in files]


def _model_field(name: str, **overrides):
    """The model's form field (label, max length, choices), adjusted for the front-end form."""
    return Contribution._meta.get_field(name).formfield(**overrides)


class ContributionForm(forms.Form):
    """Everything an author writes. Valid here means "can be saved as a draft"; the parts
    required before review are checked on submit (services.missing_sections)."""

    kind = forms.ChoiceField(
        label=_("What are you sharing?"),
        choices=ContributionKind.choices,
        initial=ContributionKind.LESSON,
        widget=forms.RadioSelect,
    )
    title = _model_field(
        "title",
        error_messages={"required": _("Give your contribution a title: even a draft needs one.")},
    )
    summary = _model_field(
        "summary",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _(
                "Write a short summary: even a draft needs one (you can change it later)."
            )
        },
    )
    primary_theme = forms.ModelChoiceField(
        label=_("Main theme"),
        queryset=Theme.objects.order_by("order"),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose the main theme: even a draft needs one.")},
    )
    secondary_themes = forms.ModelMultipleChoiceField(
        label=_("Other themes it touches (optional)"),
        queryset=Theme.objects.order_by("order"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    anti_corruption_focus = _model_field("anti_corruption_focus")

    districts = DistrictMultipleChoiceField(
        label=_("Districts (optional)"),
        help_text=_(
            "Where it happened. For a lesson about a whole province, choose all its districts."
        ),
    )
    language = forms.ChoiceField(
        label=_("Language of the text"), choices=Contribution._meta.get_field("language").choices
    )

    suggested_tags = forms.MultipleChoiceField(
        label=_("Tags already used in the Community"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    tags = forms.CharField(
        label=_("Other tags (optional)"),
        required=False,
        max_length=(TAG_MAX_LENGTH + 2) * MAX_TAGS,
        help_text=_(
            "Separate tags with commas, e.g. water, mining canon. Letters, digits, spaces and "
            "hyphens, 2 to 50 characters each; at most 10 tags in all."
        ),
    )
    coauthors = forms.ModelMultipleChoiceField(
        label=_("Co-authors (optional)"),
        queryset=None,
        required=False,
        help_text=_(
            "Members of any institution of the Community who wrote this with you. They can "
            "edit it too. To choose more than one, hold Ctrl (Cmd on a Mac) while clicking."
        ),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    builds_on = forms.ModelMultipleChoiceField(
        label=_("Does it build on earlier lessons? (optional)"),
        queryset=None,
        required=False,
        help_text=_(
            "Published lessons of the Community that this one takes further. To choose more "
            "than one, hold Ctrl (Cmd on a Mac) while clicking."
        ),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    new_attachments = MultipleFileField(label=_("Add files (optional)"), required=False)
    remove_attachments = forms.MultipleChoiceField(
        label=_("Files already attached"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    visibility = forms.ChoiceField(
        label=_("Who can read it once published?"),
        choices=Visibility.choices,
        initial=Visibility.PUBLIC,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, author, draft: Contribution | None = None, **kwargs):
        self.draft = draft
        self.existing_attachments = list(draft.attachments.all()) if draft is not None else []
        self.popular_tags = popular_tags()
        if draft is not None and "initial" not in kwargs:
            kwargs["initial"] = self._initial_from(draft)
        super().__init__(*args, **kwargs)
        # Sections, in reading order after the summary: label and the question they answer.
        for name, label, question in SECTIONS:
            self.fields[name] = _model_field(
                name,
                label=label,
                help_text=question,
                required=False,
                widget=forms.Textarea(attrs={"rows": 6}),
            )
        # Years from 1990 to next year (a project may be planned for next year).
        last_year = timezone.localdate().year + 1
        for name, label in (
            ("period_start", _("From (year, optional)")),
            ("period_end", _("To (year, optional)")),
        ):
            self.fields[name] = forms.IntegerField(
                label=label, required=False, min_value=FIRST_YEAR, max_value=last_year
            )
        if not self.is_bound and "language" not in self.initial:
            self.initial["language"] = (get_language() or "es")[:2]
        self.fields["suggested_tags"].choices = [(name, name) for name in self.popular_tags]

        candidates = coauthor_candidates(author)
        self.fields["builds_on"].queryset = lessons_to_build_on(author, exclude=draft)
        self.fields["coauthors"].queryset = candidates
        # Grouped by institution in the list; still validated against the queryset.
        groups: dict[str, list] = {}
        for person in candidates:
            institution = (
                person.institution.name if person.institution else gettext("No institution")
            )
            groups.setdefault(institution, []).append((person.pk, person.get_full_name()))
        self.fields["coauthors"].widget.choices = list(groups.items())

        self.fields["new_attachments"].help_text = gettext(
            "Up to %(count)s files of at most %(size)s each: PDF, Office or OpenDocument "
            "documents and images (%(types)s)."
        ) % {
            "count": MAX_ATTACHMENTS,
            "size": filesizeformat(uploads.max_bytes(uploads.ATTACHMENT)),
            "types": uploads.accepted_label(uploads.ATTACHMENT),
        }
        self.fields["remove_attachments"].choices = [
            (attachment_key(attachment), attachment.title)
            for attachment in self.existing_attachments
        ]
        # In page order, so that the error summary reads like the page.
        self.order_fields(FIELD_ORDER)

    def _initial_from(self, draft: Contribution) -> dict:
        """The form as the author left it: the latest draft, not the published row."""
        initial = {name: getattr(draft, name) for name in EDITABLE_FIELDS}
        initial["primary_theme"] = draft.primary_theme_id
        initial["secondary_themes"] = [theme.pk for theme in draft.secondary_themes.all()]
        initial["districts"] = [district.pk for district in draft.districts.all()]
        initial["coauthors"] = [person.pk for person in draft.coauthors.all()]
        initial["builds_on"] = [lesson.pk for lesson in draft.builds_on.all()]
        names = [tag.name for tag in draft.tags.all()]
        suggested = {name.casefold(): name for name in self.popular_tags}
        initial["suggested_tags"] = [
            suggested[n.casefold()] for n in names if n.casefold() in suggested
        ]
        initial["tags"] = ", ".join(n for n in names if n.casefold() not in suggested)
        return initial

    # ---- Field checks

    def clean_tags(self):
        tags, errors = parse_tags(self.cleaned_data.get("tags", ""))
        if errors:
            raise ValidationError(errors)
        return tags

    def clean_new_attachments(self):
        files = self.cleaned_data.get("new_attachments") or []
        errors = []
        for upload in files:
            try:
                uploads.check_upload(upload, kind=uploads.ATTACHMENT)
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return files

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The end year cannot be before the start year."))

        if "tags" in cleaned and "suggested_tags" in cleaned:
            tags = list(cleaned["suggested_tags"])
            known = {tag.casefold() for tag in tags}
            tags += [tag for tag in cleaned["tags"] if tag.casefold() not in known]
            if len(tags) > MAX_TAGS:
                self.add_error(
                    "tags",
                    _("Use at most %(count)s tags (you chose %(chosen)s).")
                    % {"count": MAX_TAGS, "chosen": len(tags)},
                )
            else:
                cleaned["all_tags"] = with_existing_spelling(tags)

        removing = set(cleaned.get("remove_attachments") or [])
        kept = [a for a in self.existing_attachments if attachment_key(a) not in removing]
        new = cleaned.get("new_attachments") or []
        if new and len(kept) + len(new) > MAX_ATTACHMENTS:
            self.add_error(
                "new_attachments",
                _(
                    "A contribution can have at most %(count)s attachments: it has %(kept)s "
                    "and you added %(new)s."
                )
                % {"count": MAX_ATTACHMENTS, "kept": len(kept), "new": len(new)},
            )
        return cleaned

    # ---- For the services

    def service_arguments(self) -> dict:
        """contribution_save_draft's keyword arguments from the cleaned form."""
        data = self.cleaned_data
        fields = {name: data.get(name) for name in EDITABLE_FIELDS}
        for name, _label, _question in SECTIONS:
            fields[name] = fields[name] or ""
        fields["anti_corruption_focus"] = bool(data.get("anti_corruption_focus"))
        return {
            "fields": fields,
            "secondary_themes": list(data.get("secondary_themes") or []),
            "districts": list(data.get("districts") or []),
            "coauthors": list(data.get("coauthors") or []),
            "builds_on": list(data.get("builds_on") or []),
            "tags": data.get("all_tags", []),
            "new_attachments": [
                (upload.name.rsplit(".", 1)[0][:200], upload)
                for upload in data.get("new_attachments") or []
            ],
            "remove_attachment_ids": list(data.get("remove_attachments") or []),
        }

    # ---- For the template

    def attachments_with_boxes(self):
        """Each attached file with its "remove" checkbox (same order as the choices)."""
        return list(zip(self.existing_attachments, self["remove_attachments"], strict=True))

    def section_fields(self):
        return [self[name] for name, _label, _question in SECTIONS]

    @property
    def required_on_submit(self) -> list[str]:
        return ["title", "summary", *(name for name, _label, _question in SECTIONS)]
