"""The demo has a dozen posts across categories and districts, some in their priority window, with applications
in every state; loading it twice changes nothing."""

from demo.jobs import load_jobs
from market import clock_source
from market.jobs import services
from market.jobs.models import JobApplication, JobApplicationState, JobPost


def test_the_demo_has_a_dozen_posts_some_in_the_window_and_applications_in_every_state(demo):
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

    assert load_jobs() == 0
    assert (JobPost.objects.count(), JobApplication.objects.count()) == counts
