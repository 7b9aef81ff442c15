"""RSS and Atom feeds of public notices and news, in the reader's language."""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from cms.models import NewsArticlePage, NoticePage
from market import clock_source

FEED_SIZE = 30


@dataclass(frozen=True)
class FeedRequest:
    """The feed object is shared between requests, so what one request needs travels in this instead."""

    locale: Locale
    request: object


class NoticesAndNewsFeed(Feed):
    title = _("Linli: public notices and news")
    description = _("Applications on public notice and news from the city commerce bureau.")

    def get_object(self, request, *args, **kwargs):
        return FeedRequest(locale=Locale.get_active(), request=request)

    def link(self):
        return reverse("wagtail_serve", args=[""])

    def items(self, feed):
        notices = NoticePage.objects.live().public().filter(locale=feed.locale).order_by("-first_published_at")
        news = (
            NewsArticlePage.objects.live().public().filter(locale=feed.locale)
            .defer_streamfields().order_by("-first_published_at")
        )
        newest = sorted([*notices[:FEED_SIZE], *news[:FEED_SIZE]], key=lambda page: page.first_published_at)
        items = list(reversed(newest))[:FEED_SIZE]
        for item in items:
            item.feed_link = item.get_url(feed.request)
        return items

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        if isinstance(item, NoticePage):
            return _("%(merchant)s (%(code)s): %(categories)s. Objections until %(date)s.") % {
                "merchant": item.merchant_name,
                "code": item.credit_code,
                "categories": item.category_names,
                "date": item.notice_ends_on,
            }
        return item.summary

    def item_link(self, item):
        return item.feed_link

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or clock_source.now()

    def item_categories(self, item):
        return [_("Public notice") if isinstance(item, NoticePage) else _("News")]


class NoticesAndNewsAtomFeed(NoticesAndNewsFeed):
    feed_type = Atom1Feed
    subtitle = NoticesAndNewsFeed.description
