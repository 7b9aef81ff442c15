"""Anchored sections of a StreamField body: each heading gets an id, and the contents link to them."""

from django import template
from django.utils.text import slugify

register = template.Library()

HEADING_BLOCK = "heading"


@register.filter
def heading_anchor(block) -> str:
    """Readable in either language (slugify keeps Chinese characters); the block id keeps it unique."""
    readable = slugify(str(block.value), allow_unicode=True) or "section"
    suffix = (block.id or "")[:8]
    return f"{readable}-{suffix}" if suffix else readable


@register.simple_tag
def table_of_contents(body) -> list[dict[str, str]]:
    return [
        {"anchor": heading_anchor(block), "text": str(block.value)}
        for block in body
        if block.block_type == HEADING_BLOCK
    ]
