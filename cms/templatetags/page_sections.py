"""Anchored sections of a StreamField body: each heading gets an id, and the contents link to them."""

from django import template
from django.utils.text import slugify

register = template.Library()

HEADING_BLOCK = "heading"
SECTION_BLOCK = "section"


def _heading_text(block) -> str:
    """A heading block is its text; a policy section block carries its heading inside."""
    if block.block_type == SECTION_BLOCK:
        return str(block.value["heading"])
    return str(block.value)


@register.filter
def heading_anchor(block) -> str:
    """Readable in either language (slugify keeps Chinese characters); the block id keeps it unique."""
    readable = slugify(_heading_text(block), allow_unicode=True) or "section"
    suffix = (block.id or "")[:8]
    return f"{readable}-{suffix}" if suffix else readable


@register.simple_tag
def table_of_contents(body) -> list[dict[str, str]]:
    return [
        {"anchor": heading_anchor(block), "text": _heading_text(block)}
        for block in body
        if block.block_type in (HEADING_BLOCK, SECTION_BLOCK)
    ]
