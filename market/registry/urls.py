"""The public register: merchants, their outlets, lists by category and district."""

app_name = "registry"

urlpatterns = []
