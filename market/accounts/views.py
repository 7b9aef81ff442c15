from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from market.accounts.forms import SignUpForm
from market.accounts.roles import Role
from market.accounts.services import register_user


@require_http_methods(["GET", "POST"])
def sign_up(request):
    if request.user.is_authenticated:
        return redirect("accounts:home")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = register_user(form)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome to Linli. Your account is ready."))
        return redirect("accounts:home")
    return render(request, "accounts/sign_up.html", {"form": form})


@login_required
def home(request):
    """Each role lands where its work is: bureau staff in the admin, others on their own page."""
    user = request.user
    if user.is_bureau_staff:
        return redirect("wagtailadmin_home")
    role = Role.MERCHANT if user.has_role(Role.MERCHANT) else Role.RESIDENT
    return render(request, f"accounts/home_{role.value}.html", {"role": role})
