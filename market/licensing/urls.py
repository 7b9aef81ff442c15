"""The merchant portal: applications, licences and the public profile."""

app_name = "licensing"

urlpatterns = []
