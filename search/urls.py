"""The registry search page and autocomplete."""

app_name = "search"

urlpatterns = []
