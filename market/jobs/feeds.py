"""An Atom feed of new job posts, in the reader's language: the same posts as the jobs page, newest first."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from market import clock_source
from market.jobs import services
from market.jobs.templatetags.jobs import pay

FEED_SIZE = 50


class NewJobPostsFeed(Feed):
    feed_type = Atom1Feed
    title = _("Linli: flexible work near you")
    subtitle = _("New hourly, part-time and seasonal jobs at merchants listed by the city commerce bureau.")

    def link(self):
        return reverse("jobs:list")

    def items(self):
        return services.public_posts(clock_source.now()).order_by("-published_at", "-pk")[:FEED_SIZE]

    def item_title(self, post):
        return f"{post.title} · {post.organization}"

    def item_description(self, post):
        text = _("%(kind)s, %(pay)s, %(district)s %(subdistrict)s. %(shifts)s. From %(start)s to %(end)s.") % {
            "kind": post.get_kind_display(),
            "pay": pay(post),
            "district": post.location.district.display_name,
            "subdistrict": post.location.subdistrict.display_name,
            "shifts": post.shifts,
            "start": f"{post.starts_on:%Y-%m-%d}",
            "end": f"{post.ends_on:%Y-%m-%d}",
        }
        if post.in_priority_window(clock_source.now()):
            text += " " + str(_("Open first to residents verified as registered unemployed or laid-off."))
        return text

    def item_link(self, post):
        return reverse("jobs:post", args=[post.pk])

    def item_pubdate(self, post):
        return post.published_at

    def item_updateddate(self, post):
        return post.published_at

    def item_categories(self, post):
        return [post.category.display_name, post.get_kind_display()]
