from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from cms.blocks import BodyBlock


class HomePage(Page):
    """The front door: a search box into the register, categories, and what is new."""

    headline = models.CharField(
        _("headline"), max_length=120, help_text=_("The one sentence residents read first.")
    )
    introduction = models.TextField(_("introduction"), blank=True, help_text=_("Two or three short sentences."))

    content_panels = [*Page.content_panels, FieldPanel("headline"), FieldPanel("introduction")]
    # One home per language, each a child of Wagtail's root.
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from market.registry.models import Category, Organization

        context = super().get_context(request, *args, **kwargs)
        context["categories"] = Category.objects.filter(parent=None)
        context["listed_merchant_count"] = Organization.objects.listed().count()
        return context


class StandardPage(Page):
    """A plain page of text: about us, accessibility, privacy."""

    introduction = models.TextField(_("introduction"), blank=True, help_text=_("Shown under the title."))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"), help_text=_("The text of the page."))

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]

    class Meta:
        verbose_name = _("standard page")
