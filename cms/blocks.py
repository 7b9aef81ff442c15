from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Heading"), form_classname="title", help_text=_("A section heading; it appears in the contents.")
    )
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=["bold", "italic", "link", "ol", "ul", "document-link"]
    )
    image = ImageBlock(label=_("Image"), help_text=_("Describe the image for people who cannot see it."))
    call_to_action = blocks.StructBlock(
        [
            ("text", blocks.CharBlock(label=_("Button text"))),
            ("page", blocks.PageChooserBlock(label=_("Page it opens"))),
        ],
        label=_("Call to action"),
        icon="link",
    )
