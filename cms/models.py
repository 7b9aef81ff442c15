"""The public site's pages, and the navigation and footer that editors keep per language."""

import datetime

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from cms import figures, page_cache
from cms.blocks import AttachmentsBlock, BodyBlock, PolicyBodyBlock
from market import clock_source
from search.analysis import joined, segment_for_index

LIST_PAGE_SIZE = 20
HOME_NOTICE_COUNT = 5
HOME_NEWS_COUNT = 3


SEGMENTED_TEXT = "search_text_segmented"


def _searchable_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " ".join(_searchable_text(item) for item in value)
    return strip_tags(str(value))


class SitePage(Page):
    """Every page of the site: the sitemap lists each page in both languages, with hreflang alternates.

    Search reads a copy of the page's searchable text segmented into words the way the register's is
    (search.analysis): Wagtail's backends split text on spaces and punctuation, and Chinese has neither between
    words, so without it 社区服务 matched no page that did not say exactly that between two commas.
    """

    search_fields = [*Page.search_fields, index.SearchField(SEGMENTED_TEXT)]

    class Meta:
        abstract = True

    def search_text_segmented(self) -> str:
        """Every other search field's text (titles, introductions, rich text, stream blocks), segmented, simplified
        and lower-cased, words separated by spaces (search.pages segments queries the same way)."""
        texts = [
            _searchable_text(field.get_value(self))
            for field in self.get_search_fields()
            if isinstance(field, index.SearchField) and field.field_name != SEGMENTED_TEXT
        ]
        return joined(dict.fromkeys(segment_for_index(" ".join(texts))))

    def get_sitemap_urls(self, request=None):
        versions = [self, *self.get_translations().live().public().select_related("locale")]
        alternates = [
            {"lang_code": version.locale.language_code, "location": version.get_full_url(request)}
            for version in versions
        ]
        return [
            {"location": version.get_full_url(request), "lastmod": version.last_published_at, "alternates": alternates}
            for version in versions
        ]


def children_of_type(page, model):
    """Live, public children of one type (children share their parent's language)."""
    return model.objects.child_of(page).live().public().defer_streamfields()


class HomePage(SitePage):
    """The front door: a search box into the register, categories, and what is new."""

    headline = models.CharField(_("headline"), max_length=120, help_text=_("The one sentence residents read first."))
    introduction = models.TextField(_("introduction"), blank=True, help_text=_("Two or three short sentences."))

    content_panels = [*Page.content_panels, FieldPanel("headline"), FieldPanel("introduction")]
    # One home per language, each a child of Wagtail's root.
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(figures.home_figures())
        context.update(page_cache.cached("home-pages", self.latest_pages, key=str(self.pk)))
        return context

    def latest_pages(self) -> dict:
        """The open notices and the news the home page lists, and their sections: kept until a page changes."""
        return {
            "latest_notices": list(
                NoticePage.objects.live()
                .public()
                .filter(locale=self.locale, closed_at__isnull=True)
                .order_by("notice_ends_on", "-first_published_at")[:HOME_NOTICE_COUNT]
            ),
            "latest_news": list(
                NewsArticlePage.objects.live()
                .public()
                .filter(locale=self.locale)
                .defer_streamfields()
                .order_by("-date", "-first_published_at")[:HOME_NEWS_COUNT]
            ),
            "notice_index": NoticeIndexPage.objects.live().filter(locale=self.locale).first(),
            "news_index": NewsIndexPage.objects.live().filter(locale=self.locale).first(),
        }


class StandardPage(SitePage):
    """A plain page of text: about us, accessibility, privacy; or a section that lists its pages."""

    introduction = models.TextField(_("introduction"), blank=True, help_text=_("Shown under the title."))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"), help_text=_("The text of the page."))

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [*SitePage.search_fields, index.SearchField("introduction"), index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["subpages"] = self.get_children().live().public().specific(defer=True)
        return context


class PolicyStatus(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    AMENDED = "amended", _("Amended")
    REPEALED = "repealed", _("Repealed")


class PolicyIndexPage(SitePage):
    """The policy library: every policy document, newest first."""

    introduction = models.TextField(_("introduction"), blank=True, help_text=_("What residents find here."))

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.PolicyPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("policy library")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["policies"] = children_of_type(self, PolicyPage).order_by("-date_issued")
        return context


class PolicyPage(SitePage):
    """A policy document: who issued it, its number and date, whether it is in force, and its sections."""

    issuing_body = models.CharField(
        _("issuing body"), max_length=200, help_text=_("Who issued the document, e.g. 国务院 (the State Council).")
    )
    document_number = models.CharField(
        _("document number"), max_length=100, blank=True, help_text=_("As printed, e.g. 国发〔2006〕14号.")
    )
    date_issued = models.DateField(_("date issued"), help_text=_("The date on the document."))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PolicyStatus.choices,
        default=PolicyStatus.IN_FORCE,
        help_text=_("Whether the document still applies; an amended or repealed one stays readable."),
    )
    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("One or two sentences: what the document is about.")
    )
    preamble = RichTextField(
        _("preamble"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("The addressees and opening paragraphs before the first numbered section."),
    )
    body = StreamField(
        PolicyBodyBlock(),
        verbose_name=_("sections"),
        help_text=_("One block per numbered section; each becomes a line in the table of contents."),
    )
    attachments = StreamField(
        AttachmentsBlock(),
        blank=True,
        verbose_name=_("attachments"),
        help_text=_("Files from the document library, e.g. the scanned original."),
    )
    related_categories = ParentalManyToManyField(
        "registry.Category",
        blank=True,
        related_name="policy_pages",
        verbose_name=_("related categories"),
        help_text=_("The service categories this policy concerns."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("issuing_body"),
                FieldRowPanel([FieldPanel("document_number"), FieldPanel("date_issued")]),
                FieldPanel("status"),
            ],
            heading=pgettext_lazy("file", "Document"),
        ),
        FieldPanel("introduction"),
        FieldPanel("preamble"),
        FieldPanel("body"),
        FieldPanel("attachments"),
        FieldPanel("related_categories", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = [
        *SitePage.search_fields,
        index.SearchField("document_number"),
        index.SearchField("introduction"),
        index.SearchField("preamble"),
        index.SearchField("body"),
    ]
    parent_page_types = ["cms.PolicyIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("policy document")


class NewsIndexPage(SitePage):
    introduction = models.TextField(_("introduction"), blank=True, help_text=_("What residents find here."))

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsArticlePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = children_of_type(self, NewsArticlePage).order_by("-date", "-first_published_at")
        context["page_obj"] = Paginator(articles, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
        return context


class NewsArticlePage(SitePage):
    date = models.DateField(_("date"), default=datetime.date.today, help_text=_("The date the news is about."))
    summary = models.TextField(
        _("summary"), max_length=300, help_text=_("One or two sentences for lists, feeds and link previews.")
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), help_text=_("The article."))

    content_panels = [*Page.content_panels, FieldPanel("date"), FieldPanel("summary"), FieldPanel("body")]
    search_fields = [*SitePage.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news article")


class ServiceGuidePage(SitePage):
    """How to apply for a listing in one category. The licences and fees come from the licence types the
    administrators keep, so they are never typed twice.
    """

    category = models.ForeignKey(
        "registry.Category",
        on_delete=models.PROTECT,
        related_name="service_guides",
        limit_choices_to={"parent__isnull": True},
        verbose_name=_("category"),
        help_text=_("The top-level category this guide is for; its licences are listed from the registry."),
    )
    introduction = models.TextField(_("introduction"), blank=True, help_text=_("Who this guide is for."))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("steps"), help_text=_("The steps to apply, in order."))

    content_panels = [*Page.content_panels, FieldPanel("category"), FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [*SitePage.search_fields, index.SearchField("introduction"), index.SearchField("body")]
    subpage_types = []

    class Meta:
        verbose_name = _("service guide")

    def get_context(self, request, *args, **kwargs):
        from market.licensing.models import LicenceType

        context = super().get_context(request, *args, **kwargs)
        context["licence_types"] = (
            LicenceType.objects.filter(
                models.Q(required_for_categories=self.category)
                | models.Q(required_for_categories__parent=self.category)
            )
            .distinct()
            .order_by("code")
        )
        return context


class NoticeIndexPage(SitePage):
    """Public notices (公示): applications the bureau means to approve, open to objection."""

    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("How public notice works and who may object.")
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NoticePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("notice index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        notices = children_of_type(self, NoticePage)
        context["open_notices"] = notices.filter(closed_at__isnull=True).order_by("notice_ends_on")
        closed = notices.filter(closed_at__isnull=False).order_by("-closed_at")
        context["page_obj"] = Paginator(closed, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
        return context


class NoticePage(SitePage):
    """A public notice, created and closed by the registry's workflow (cms/notices.py), never by hand.

    It keeps the applicant's public data as it was on notice, so the record stays true after later changes.
    """

    application = models.ForeignKey(
        "licensing.Application",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("application"),
        help_text=_("The application on notice; set by the system."),
    )
    merchant_name = models.CharField(_("merchant"), max_length=200, help_text=_("The applicant's legal name."))
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, help_text=_("From the applicant's business licence.")
    )
    category_names = models.CharField(
        _("categories"), max_length=500, help_text=_("The services applied for, separated by commas.")
    )
    outlet_addresses = models.TextField(
        _("outlets"), blank=True, help_text=_("One outlet per line: its name and address.")
    )
    proposed_changes = models.TextField(
        _("proposed changes"),
        blank=True,
        help_text=_(
            "For a listed merchant's change application: one proposed change per line, beside what it replaces."
        ),
    )
    notice_starts_on = models.DateField(_("notice starts"), help_text=_("The first day of the notice."))
    notice_ends_on = models.DateField(_("notice ends"), help_text=_("The last day on which an objection can be made."))
    closed_at = models.DateTimeField(
        _("closed at"), null=True, blank=True, help_text=_("Set when the notice period has ended.")
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("merchant_name", read_only=True),
                FieldPanel("credit_code", read_only=True),
                FieldPanel("category_names", read_only=True),
                FieldPanel("outlet_addresses", read_only=True),
                FieldPanel("proposed_changes", read_only=True),
                FieldPanel("notice_starts_on", read_only=True),
                FieldPanel("notice_ends_on", read_only=True),
                FieldPanel("closed_at", read_only=True),
            ],
            heading=_("On notice (from the registry)"),
        ),
    ]
    search_fields = [*SitePage.search_fields, index.SearchField("merchant_name"), index.SearchField("credit_code")]
    parent_page_types = ["cms.NoticeIndexPage"]
    subpage_types = []
    is_creatable = False

    class Meta:
        verbose_name = _("public notice")

    @property
    def is_open(self) -> bool:
        return self.closed_at is None and clock_source.today() <= self.notice_ends_on

    @property
    def outlets(self) -> list[str]:
        return [line for line in self.outlet_addresses.splitlines() if line.strip()]

    @property
    def changes(self) -> list[str]:
        return [line for line in self.proposed_changes.splitlines() if line.strip()]

    def get_context(self, request, *args, **kwargs):
        from cms.forms import ObjectionForm
        from market.licensing.models import Objection

        context = super().get_context(request, *args, **kwargs)
        context.setdefault("objection_form", ObjectionForm())
        user = request.user
        context["my_objections"] = (
            Objection.objects.filter(application_id=self.application_id, objector=user)
            if user.is_authenticated and self.application_id
            else Objection.objects.none()
        )
        return context


# ------------------------------------------------------------------ navigation and footer, per language


class MenuLink(Orderable):
    """A link to a page of the site (followed to its translation) or to any address."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("page"),
        help_text=_("A page of this site; the link follows it into the reader's language."),
    )
    url = models.CharField(
        _("address"), max_length=300, blank=True, help_text=_("Instead of a page: an address such as /search/.")
    )
    label = models.CharField(
        pgettext_lazy("menu link", "label"),
        max_length=60,
        blank=True,
        help_text=_("The link text; empty uses the page's title."),
    )

    panels = [FieldPanel("page"), FieldPanel("url"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        abstract = True

    def clean(self):
        from django.core.exceptions import ValidationError

        if bool(self.page_id) == bool(self.url):
            raise ValidationError(_("Choose a page or type an address, not both."))
        if self.url and not self.label:
            raise ValidationError({"label": _("A link to an address needs a label.")})


class MainMenu(TranslatableMixin, ClusterableModel):
    """The main navigation under the site's header, one per language."""

    name = models.CharField(
        pgettext_lazy("object name", "name"), max_length=60, help_text=_("For editors only, e.g. “Main navigation”.")
    )

    panels = [FieldPanel("name"), InlinePanel("links", label=_("Links"))]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("main navigation")
        verbose_name_plural = _("main navigation")

    def __str__(self):
        return self.name


class MainMenuLink(MenuLink):
    menu = ParentalKey(MainMenu, on_delete=models.CASCADE, related_name="links")


class Footer(TranslatableMixin, ClusterableModel):
    """The site's footer, one per language: who runs the site, how to reach them, and links."""

    about = models.TextField(_("about"), help_text=_("One or two sentences about the bureau and the site."))
    contact = RichTextField(
        _("contact"), features=["bold", "link", "ul"], help_text=_("Hotline, email and office hours.")
    )
    legal = models.TextField(
        _("legal line"), blank=True, help_text=_("Copyright, operator and ICP filing number, one per line.")
    )

    panels = [FieldPanel("about"), FieldPanel("contact"), FieldPanel("legal"), InlinePanel("links", label=_("Links"))]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer")
        verbose_name_plural = _("footers")

    def __str__(self):
        return f"{self._meta.verbose_name} ({self.locale})"

    @property
    def legal_lines(self) -> list[str]:
        return [line for line in self.legal.splitlines() if line.strip()]


class FooterLink(MenuLink):
    footer = ParentalKey(Footer, on_delete=models.CASCADE, related_name="links")
