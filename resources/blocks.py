"""The building blocks of the portal's pages (StreamField): headings with anchors,
paragraphs, lists, quotes, tables, images and the facilitation team's contact details.

A heading's anchor is kept in the page's data once written (filled from the heading's text
when left empty), so the table of contents, links shared by e-mail and the members'
comments on a section keep pointing at it when the heading's wording is corrected later.
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.images.blocks import ImageChooserBlock

# Paragraphs stay plain: emphasis, links and lists. Headings are blocks of their own, so
# that the table of contents can find them.
PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]
ANCHOR_MAX_LENGTH = 60


def anchor_from(text: str) -> str:
    return slugify(text)[:ANCHOR_MAX_LENGTH].strip("-") or "seccion"


class HeadingValue(blocks.StructValue):
    @property
    def slug(self) -> str:
        """The anchor written in the page, or one made from the heading's text."""
        return self.get("anchor") or anchor_from(self.get("text") or "")

    @property
    def tag(self) -> str:
        return "h3" if self.get("level") == "h3" else "h2"


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=150)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section")), ("h3", _("Subsection"))],
        default="h2",
    )
    anchor = blocks.CharBlock(
        label=_("Anchor"),
        required=False,
        max_length=ANCHOR_MAX_LENGTH,
        validators=[validate_slug],
        help_text=_(
            "The end of the section's address, after #. Left empty, it is made from the "
            "heading. Keep it once published: links and members' comments use it."
        ),
    )

    def clean(self, value):
        value = super().clean(value)
        if not value.get("anchor"):
            value["anchor"] = anchor_from(value.get("text") or "")
        return value

    class Meta:
        icon = "title"
        label = _("Heading")
        value_class = HeadingValue
        template = "resources/pages/blocks/heading.html"
        form_layout = blocks.BlockGroup(children=["text", "level"], settings=["anchor"])


class ListBlock(blocks.StructBlock):
    ordered = blocks.BooleanBlock(
        label=_("Numbered"), required=False, help_text=_("Number the items (1, 2, 3…).")
    )
    items = blocks.ListBlock(
        blocks.CharBlock(label=_("Item"), max_length=600), label=_("Items"), min_num=1
    )

    class Meta:
        icon = "list-ul"
        label = _("List")
        template = "resources/pages/blocks/list.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"), max_length=1500)
    attribution = blocks.CharBlock(
        label=_("Attribution"),
        required=False,
        max_length=200,
        help_text=_("Who said or wrote it, or the document it comes from."),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "resources/pages/blocks/quote.html"


class TableBlock(TypedTableBlock):
    """A simple table: text cells, a caption and a header row (no merged cells)."""

    text = blocks.CharBlock(label=_("Text"), required=False, max_length=500)
    rich_text = blocks.RichTextBlock(
        label=_("Text with links"), required=False, features=["bold", "italic", "link"]
    )

    class Meta:
        icon = "table"
        label = _("Table")
        template = "resources/pages/blocks/table.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt = blocks.CharBlock(
        label=_("Text alternative"),
        required=False,
        max_length=250,
        help_text=_(
            "What the image shows, for people who cannot see it. Left empty, the image's "
            "own description is used."
        ),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "resources/pages/blocks/image.html"


class ContactDetailsBlock(blocks.StaticBlock):
    """The facilitation team's address, taken from the settings (never typed in a page)."""

    class Meta:
        icon = "mail"
        label = _("Facilitation team's contact details")
        admin_text = _(
            "Shows the facilitation team's e-mail address (from the portal's settings) and "
            "the link to the membership application."
        )
        template = "resources/pages/blocks/contact_details.html"


class BodyBlock(blocks.StreamBlock):
    """A page body whose headings have unique anchors."""

    def clean(self, value):
        value = super().clean(value)
        seen: dict[str, int] = {}
        errors = {}
        for index, child in enumerate(value):
            if child.block_type != "heading":
                continue
            anchor = child.value.slug
            if anchor in seen:
                errors[index] = StructBlockValidationError(
                    block_errors={
                        "anchor": ValidationError(
                            _("Another heading of this page already uses this anchor.")
                        )
                    }
                )
            seen[anchor] = index
        if errors:
            raise blocks.StreamBlockValidationError(block_errors=errors)
        return value


def _paragraph_block():
    return blocks.RichTextBlock(
        label=_("Paragraph"),
        features=PARAGRAPH_FEATURES,
        icon="pilcrow",
        template="resources/pages/blocks/paragraph.html",
    )


class DocumentBodyBlock(BodyBlock):
    """The Foundational Document: structured text only."""

    heading = HeadingBlock()
    paragraph = _paragraph_block()
    list = ListBlock()
    quote = QuoteBlock()
    table = TableBlock()


class PageBodyBlock(DocumentBodyBlock):
    """Outreach pages: the same text blocks, images and the contact details."""

    image = ImageBlock()
    contact_details = ContactDetailsBlock()


# ---- Home page highlights


class HighlightCardBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=90)
    text = blocks.TextBlock(label=_("Text"), max_length=400)
    page = blocks.PageChooserBlock(
        label=_("Link to a page"), required=False, help_text=_("Optional.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Card")
        template = "resources/pages/blocks/highlight_card.html"


class HighlightsBlock(blocks.StreamBlock):
    card = HighlightCardBlock()
    quote = QuoteBlock(template="resources/pages/blocks/highlight_quote.html")

    class Meta:
        max_num = 6
