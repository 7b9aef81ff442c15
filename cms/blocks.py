from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "document-link"]


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Heading"), form_classname="title", help_text=_("A section heading; it appears in the contents.")
    )
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=RICH_TEXT_FEATURES, help_text=_("Short paragraphs read best on a phone.")
    )
    # Wagtail's ImageBlock asks for alt text, or an explicit "decorative" tick, before it saves.
    image = ImageBlock(label=_("Image"), help_text=_("Describe the image for people who cannot see it."))
    call_to_action = blocks.StructBlock(
        [
            ("text", blocks.CharBlock(label=_("Button text"), help_text=_("Say what happens, e.g. “Apply now”."))),
            ("page", blocks.PageChooserBlock(label=_("Page it opens"), help_text=_("The page the button opens."))),
        ],
        label=_("Call to action"),
        icon="link",
    )


class PolicySectionBlock(blocks.StructBlock):
    """One numbered section of a policy document: it gets an anchor and a line in the contents."""

    heading = blocks.CharBlock(label=_("Section heading"), help_text=_("As numbered in the document, e.g. “五、……”."))
    content = blocks.RichTextBlock(
        label=_("Section text"),
        features=RICH_TEXT_FEATURES,
        help_text=_("The text of the section, paragraph by paragraph."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Section")


class PolicyBodyBlock(blocks.StreamBlock):
    section = PolicySectionBlock()


class AttachmentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(
        label=pgettext_lazy("file", "Document"), help_text=_("A PDF or other file from the document library.")
    )
    description = blocks.CharBlock(
        label=_("Description"), required=False, help_text=_("What the file is, e.g. “Scanned original (PDF)”.")
    )

    class Meta:
        icon = "doc-empty"
        label = _("Attachment")


class AttachmentsBlock(blocks.StreamBlock):
    attachment = AttachmentBlock()
