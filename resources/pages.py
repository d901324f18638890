"""The Community's public pages (Wagtail): the Foundational Document, with the members'
comments on its sections; the news and the outreach pages (about, methodology, privacy,
contact).

The tree stays tidy: under the home page of each language hang one Foundational Document,
one news index (with its articles) and the standard pages. Spanish pages are the source;
the English ones are their translations (wagtail.contrib.simple_translation).
"""

from dataclasses import dataclass, field
from email.utils import parseaddr
from functools import wraps

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count
from django.http import Http404, HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageLogEntry
from wagtail.search import index

from members.roles import is_facilitator, is_member
from themes import comments
from themes.models import CommentBase
from themes.selectors import comments_readable_by

from . import services
from .blocks import DocumentBodyBlock, PageBodyBlock
from .structured_data import article_page_json_ld

HOME_PAGE = "col_portal.HomePage"


# ---- The Foundational Document


@dataclass
class TocEntry:
    anchor: str
    title: str


@dataclass
class Section:
    """A level-2 heading and the blocks that follow it, up to the next level-2 heading."""

    anchor: str
    title: str
    blocks: list = field(default_factory=list)
    subsections: list[TocEntry] = field(default_factory=list)
    comments: list = field(default_factory=list)
    comment_count: int = 0


def split_sections(body) -> tuple[list, list[Section]]:
    """(blocks before the first section, sections) of a body of DocumentBodyBlock."""
    preamble: list = []
    sections: list[Section] = []
    for child in body:
        is_heading = child.block_type == "heading"
        if is_heading and child.value.tag == "h2":
            sections.append(Section(anchor=child.value.slug, title=child.value["text"]))
            continue
        if not sections:
            preamble.append(child)
            continue
        sections[-1].blocks.append(child)
        if is_heading:
            sections[-1].subsections.append(
                TocEntry(anchor=child.value.slug, title=child.value["text"])
            )
    return preamble, sections


class SectionCommentForm(comments.CommentForm):
    anchor = forms.CharField(widget=forms.HiddenInput, max_length=60)


def _posted_by_a_member(view):
    """A route that takes only a POST from a member: visitors are sent to log in and come
    back to the document."""

    @wraps(view)
    def checked(page, request, *args, **kwargs):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.is_authenticated:
            return redirect_to_login(page.get_url(request))
        if not is_member(request.user):
            raise PermissionDenied
        return view(page, request, *args, **kwargs)

    return checked


@dataclass
class PastVersion:
    """A version of the Foundational Document that a later one replaced: the text it had
    when it was last published under that version number (a Wagtail revision)."""

    version: str
    adopted_on: object
    published_at: object
    changes: str
    revision_id: int
    url: str = ""

    @property
    def slug(self) -> str:
        """The version in an address ("1.0" → "1-0": Wagtail's page addresses take no dots)."""
        return slugify(self.version.replace(".", "-"))


class FoundationalDocumentPage(RoutablePageMixin, Page):
    """The Community's Foundational Document: its purpose, principles, roles and rules,
    as sections with anchors. Every publication is a Wagtail revision; the version number
    and the adoption date say which text the Community agreed on.

    Past versions are the page's own revisions, not copies: the last publication under
    each earlier version number is listed on the page (date, what changed) and can be read
    at versiones/<version>/. Wagtail keeps every revision and its publication log, so
    facilitators keep one way of working (edit, publish with a new version number) and no
    second copy of the text can drift from what was actually published."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        max_length=1200,
        help_text=_("A few lines above the table of contents: what this document is."),
    )
    version = models.CharField(
        _("version"),
        max_length=20,
        default="1.0",
        help_text=_("Raise it when the Community adopts changes, e.g. 1.1 or 2.0."),
    )
    adopted_on = models.DateField(
        _("adopted on"),
        null=True,
        blank=True,
        help_text=_("The date of the workshop that adopted this version. Empty: under discussion."),
    )
    changes = models.TextField(
        _("what changed"),
        blank=True,
        max_length=1200,
        help_text=_(
            "What this version changes from the previous one, in a few lines. Shown in the "
            "document's version history."
        ),
    )
    body = StreamField(DocumentBodyBlock(), verbose_name=_("sections"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("version"), FieldPanel("adopted_on")]),
                FieldPanel("changes"),
            ],
            heading=_("Version"),
        ),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = [HOME_PAGE]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "resources/pages/foundational_document_page.html"

    class Meta:
        verbose_name = _("Foundational Document")
        verbose_name_plural = _("Foundational Documents")

    def sections(self) -> tuple[list, list[Section]]:
        return split_sections(self.body)

    def section_anchors(self) -> dict[str, str]:
        """{anchor: title} of the level-2 sections members may comment on."""
        return {section.anchor: section.title for section in self.sections()[1]}

    def comment_counts(self) -> dict[str, int]:
        """{anchor: number of visible comments}: all that people who may not read the
        comments learn about them."""
        rows = (
            self.section_comments.filter(is_hidden=False)
            .values("anchor")
            .annotate(count=Count("pk"))
            .order_by()
        )
        return {row["anchor"]: row["count"] for row in rows}

    def past_versions(self) -> list[PastVersion]:
        """The earlier versions, newest first: for each version number other than the
        live one, its last publication."""
        entries = (
            PageLogEntry.objects.filter(page=self, action="wagtail.publish", revision__isnull=False)
            .select_related("revision")
            .order_by("-timestamp", "-pk")
        )
        seen = {self.version}
        versions = []
        for entry in entries:
            content = entry.revision.content
            number = str(content.get("version") or "").strip()
            if not number or number in seen:
                continue
            seen.add(number)
            adopted_on = content.get("adopted_on")
            versions.append(
                PastVersion(
                    version=number,
                    adopted_on=forms.DateField().to_python(adopted_on) if adopted_on else None,
                    published_at=entry.timestamp,
                    changes=content.get("changes") or "",
                    revision_id=entry.revision_id,
                )
            )
        return versions

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        user = request.user
        preamble, sections = self.sections()
        by_anchor = {section.anchor: section for section in sections}
        can_comment = is_member(user)
        if can_comment:
            for comment in comments_readable_by(user, self.section_comments.all()):
                section = by_anchor.get(comment.anchor)
                if section is not None:
                    section.comments.append(comment)
            counts = {}
        else:
            counts = self.comment_counts()
        for section in sections:
            section.comment_count = counts.get(section.anchor, 0)
        past_versions = self.past_versions()
        page_url = self.get_url(request) or ""
        for past in past_versions:
            past.url = page_url + self.reverse_subpage("past_version", args=[past.slug])
        context.update(
            {
                "preamble": preamble,
                "sections": sections,
                "content_language": self.locale.language_code,
                "can_comment": can_comment,
                "can_moderate": is_facilitator(user),
                "past_versions": past_versions,
            }
        )
        return context

    @path("versiones/<slug:version>/", name="past_version")
    def past_version(self, request, version):
        """An earlier version, read as it was published: its text only (the members'
        comments belong to the live document)."""
        chosen = next((past for past in self.past_versions() if past.slug == version), None)
        if chosen is None:
            raise Http404
        old = self.revisions.get(pk=chosen.revision_id).as_object()
        preamble, sections = old.sections()
        context = super().get_context(request)
        chosen.url = request.path
        context.update(
            {
                "page": old,
                "self": old,
                "live_page": self,
                "past_version": chosen,
                "preamble": preamble,
                "sections": sections,
                "content_language": self.locale.language_code,
                "can_comment": False,
                "can_moderate": False,
            }
        )
        return TemplateResponse(request, self.get_template(request), context)

    @path("comentar/", name="comment")
    @_posted_by_a_member
    def comment(self, request):
        def refused(form, status):
            if form.data.get("anchor") not in self.section_anchors():
                # No form on the page to show the error beside: say it at the top.
                messages.error(request, gettext("This section no longer exists in the document."))
            context = self.get_context(request)
            context["failed_form"] = form
            context["failed_anchor"] = form.data.get("anchor", "")
            return TemplateResponse(request, self.get_template(request), context, status=status)

        return comments.post_comment(
            request,
            form=SectionCommentForm(request.POST),
            create=lambda data: services.section_comment_create(
                user=request.user, page=self, anchor=data["anchor"], body=data["body"]
            ),
            refused=refused,
        )

    @path("comentarios/<int:pk>/ocultar/", name="hide_comment")
    @_posted_by_a_member
    def hide_comment(self, request, pk):
        return comments.hide_comment(request, self.section_comments.all(), pk)


class SectionComment(CommentBase):
    """A member's comment on one section of the Foundational Document (by its anchor).

    Members only: visitors never see them. A comment whose section was later removed from
    the document stays in the admin.
    """

    audit_log_name = "resources.section_comment"

    page = models.ForeignKey(
        FoundationalDocumentPage,
        on_delete=models.CASCADE,
        related_name="section_comments",
        verbose_name=_("document"),
    )
    anchor = models.CharField(_("section"), max_length=60)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="section_comments",
        verbose_name=_("author"),
    )

    class Meta(CommentBase.Meta):
        verbose_name = _("comment on the Foundational Document")
        verbose_name_plural = _("comments on the Foundational Document")
        indexes = [models.Index(fields=["page", "anchor", "created_at"])]

    def __str__(self):
        return f"{self.author} — {self.page}, {self.section_title}"

    def get_absolute_url(self) -> str:
        return f"{self.page.url}#comentario-{self.pk}"

    @property
    def section_title(self) -> str:
        """The heading of the section commented on ("1. Propósito"); its anchor if the
        section was taken out of the document since."""
        return self.page.section_anchors().get(self.anchor, self.anchor)

    @property
    def place(self) -> str:
        return f"{self.page} — {self.section_title}"


# ---- Outreach: news and standard pages


class ArticleKind(models.TextChoices):
    NEWS = "news", _("News")
    ANNOUNCEMENT = "announcement", _("Announcement")
    CALL = "call", _("Call for participation")


class NewsIndexPage(Page):
    """The list of news, announcements and calls, newest first."""

    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = [HOME_PAGE]
    subpage_types = ["resources.ArticlePage"]
    max_count_per_parent = 1
    template = "resources/pages/news_index_page.html"
    per_page = 10

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def articles(self):
        return (
            ArticlePage.objects.live()
            .public()
            .child_of(self)
            .select_related("image")
            .order_by("-date", "-first_published_at", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        page_obj = Paginator(self.articles(), self.per_page).get_page(request.GET.get("page"))
        context.update(
            {
                "page_obj": page_obj,
                "articles": page_obj.object_list,
                "content_language": self.locale.language_code,
            }
        )
        return context


class ArticlePage(Page):
    """A piece of news, an announcement or a call for participation."""

    kind = models.CharField(
        _("kind"), max_length=16, choices=ArticleKind.choices, default=ArticleKind.NEWS
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("Two or three lines shown in the news list.")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("image"),
        help_text=_("Optional. Shown small, resized by the portal."),
    )
    body = StreamField(PageBodyBlock(), verbose_name=_("text"))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]), FieldPanel("summary")],
            heading=_("Kind, date and summary"),
        ),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("date"),
    ]

    parent_page_types = ["resources.NewsIndexPage"]
    subpage_types: list[str] = []
    template = "resources/pages/article_page.html"

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["content_language"] = self.locale.language_code
        context["json_ld"] = article_page_json_ld(self, request)
        return context


class IntroductionAndBodyPage(Page):
    """A page of the site's own (right under the home page, with no pages below it): an
    introduction under the title, then the text."""

    introduction = models.TextField(
        _("introduction"), blank=True, max_length=800, help_text=_("Shown under the title.")
    )
    body = StreamField(PageBodyBlock(), verbose_name=_("text"))

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = [HOME_PAGE]
    subpage_types: list[str] = []

    class Meta:
        abstract = True


class StandardPage(IntroductionAndBodyPage):
    """A page of plain content: about the Community, methodology, privacy, contact."""

    template = "resources/pages/standard_page.html"

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["content_language"] = self.locale.language_code
        return context


def facilitation_email() -> str:
    """The address people can write to: MODERATION_EMAIL, else the sender address unless
    it is a no-reply one. Empty when neither can be answered."""
    address = settings.MODERATION_EMAIL.strip()
    if address:
        return address
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    local_part = address.split("@", 1)[0].lower().replace("-", "").replace("_", "")
    if not address or local_part in {"noreply", "donotreply"}:
        return ""
    return address
