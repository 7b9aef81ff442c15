"""The demo has a dozen posts across categories and districts, some in their priority window, with applications
in every state; loading it twice changes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from market import clock_source
from market.jobs import services
from market.jobs.models import JobApplication, JobApplicationState, JobPost

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_dozen_posts_some_in_the_window_and_applications_in_every_state():
    with override_settings(ELASTICSEARCH_URL=""):  # a shared index must not be rebuilt by one test
        call_command("load_demo", "--i-know-this-is-not-production", stdout=StringIO())
    counts = (JobPost.objects.count(), JobApplication.objects.count())

    posts = JobPost.objects.select_related("location")
    assert len(posts) == 12
    assert len({post.category_id for post in posts}) >= 8
    assert len({post.location.district_id for post in posts}) >= 3
    assert JobPost.objects.in_priority_window(clock_source.now()).count() >= 3
    assert set(JobApplication.objects.values_list("state", flat=True)) == set(JobApplicationState.values)
    own = set(JobApplication.objects.filter(resident__username="resident").values_list("state", flat=True))
    assert own == set(JobApplicationState.values)
    assert services.public_posts().filter(organization__owner__username="merchant").exists()
    assert services.public_posts().count() == 11  # the twelfth was taken down

    with override_settings(ELASTICSEARCH_URL=""):  # a shared index must not be rebuilt by one test
        call_command("load_demo", "--i-know-this-is-not-production", stdout=StringIO())
    assert (JobPost.objects.count(), JobApplication.objects.count()) == counts
