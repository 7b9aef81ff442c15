from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from market.registry.models import Organization

TERM_SEPARATORS = ",，、;；\n"


def split_terms(text: str) -> list[str]:
    for separator in TERM_SEPARATORS[1:]:
        text = text.replace(separator, TERM_SEPARATORS[0])
    return list(dict.fromkeys(term.strip().lower() for term in text.split(TERM_SEPARATORS[0]) if term.strip()))


class Synonym(models.Model):
    """Words residents use for the same thing (保洁, 家政, 清洁). A query for one also finds the others."""

    terms = models.CharField(
        _("equivalent terms"),
        max_length=500,
        help_text=_("Two or more words that mean the same, separated by commas, e.g. 保洁, 家政, 清洁."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["terms"]
        verbose_name = _("synonym set")
        verbose_name_plural = _("synonym sets")

    def __str__(self):
        return " ↔ ".join(self.term_list)

    @property
    def term_list(self) -> list[str]:
        return split_terms(self.terms)

    def clean(self):
        if len(self.term_list) < 2:
            raise ValidationError({"terms": _("Give at least two words that mean the same.")})
        self.terms = ", ".join(self.term_list)


class MerchantSearchEntry(models.Model):
    """One listed merchant as the database backends search it: the analysed text of its names, outlets,
    categories and services, plus the category codes (with their ancestors) that filters and facets count.

    The SQLite full-text table and the PostgreSQL vector are built from these columns.
    """

    organization = models.OneToOneField(
        Organization,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="search_entry",
        verbose_name=_("merchant"),
    )
    name = models.CharField(pgettext_lazy("object name", "name"), max_length=200)
    description = models.TextField(pgettext_lazy("about", "description"), blank=True)
    names = models.TextField(_("segmented names"))
    body = models.TextField(_("segmented text"), blank=True)
    pinyin = models.TextField(_("pinyin"), blank=True)
    initials = models.TextField(_("pinyin initials"), blank=True)
    # Space-separated codes, so PostgreSQL counts facets in one pass over the hits without joining.
    category_codes = models.TextField(_("category codes"), blank=True)
    district_codes = models.TextField(_("district codes"), blank=True)
    # Filled by PostgreSQL itself as the row is written (migration 0006); on SQLite the FTS5 table answers.
    search_vector = SearchVectorField(null=True, editable=False)
    # The record this entry was written from (MerchantRecord.content_hash): what the drift check compares.
    content_hash = models.CharField(_("content hash"), max_length=32, blank=True, default="")
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("merchant search entry")
        verbose_name_plural = _("merchant search entries")

    def __str__(self):
        return self.name


class MerchantSearchCard(models.Model):
    """What a result card shows (MerchantRecord.card), beside the entry, so that a results page loads no merchant
    row. Its own table: in the entry's row it pushed PostgreSQL to move the text vectors out of line (TOAST), and
    every search then fetched them from there, three to five times slower at 100k merchants."""

    entry = models.OneToOneField(
        MerchantSearchEntry,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="card",
        verbose_name=_("entry"),
    )
    card = models.JSONField(_("result card"), default=dict, blank=True)

    class Meta:
        verbose_name = _("result card")
        verbose_name_plural = _("result cards")

    def __str__(self):
        return str(self.entry_id)


class MerchantSearchCategory(models.Model):
    """A category code a searchable merchant belongs to, directly or through a sub-category."""

    entry = models.ForeignKey(
        MerchantSearchEntry, on_delete=models.CASCADE, related_name="categories", verbose_name=_("entry")
    )
    code = models.SlugField(_("category code"), max_length=50)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["code", "entry"], name="unique_search_category")]
        verbose_name = _("searchable category")
        verbose_name_plural = _("searchable categories")

    def __str__(self):
        return self.code


class PendingRemoval(models.Model):
    """A merchant taken off the register whose Elasticsearch document could not be deleted at once: searches on
    Elasticsearch leave it out (so `total` counts only what can be shown) until a reindex deletes the document."""

    organization_id = models.BigIntegerField(_("merchant id"), primary_key=True)
    noted_at = models.DateTimeField(_("noted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("pending removal from Elasticsearch")
        verbose_name_plural = _("pending removals from Elasticsearch")

    def __str__(self):
        return str(self.organization_id)
