"""The member's own pages ("My account", data export and deletion) and the admin's sign-in door."""

import json
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network import services
from network.forms import DeleteAccountForm, ProfileForm


@login_required
def my_account(request):
    """The member's own page: profile form and links to manage the account."""
    member = services.get_member(user=request.user)
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=member)
        if form.is_valid():
            form.save()
            messages.success(request, _("Your profile has been saved."))
            return redirect("network:my_account")
        messages.error(request, _("Please correct the errors below."))
    else:
        form = ProfileForm(instance=member)
    return render(request, "network/my_account.html", {
        "form": form, "member": member,
        "suggested_experts": services.suggest_experts(members=[member]),
    })


@login_required
@require_POST
def export_data(request):
    """Download everything the site holds about the member, as JSON."""
    data = services.export_personal_data(user=request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    filename = services.export_filename(user=request.user)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def delete_account(request):
    """Ask for the password, then erase the account and its personal data."""
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.delete_account(user=user)
        messages.success(request, _("Your account and personal data have been deleted."))
        return redirect("/")
    return render(request, "network/delete_account.html", {"form": form})


def admin_login(request):
    """/admin/login/: the admin has no password form of its own; sign-in happens at allauth's
    (one rate limit, email verification), then staff go on to the admin."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        next_url = ""
    next_url = next_url or reverse("wagtailadmin_home")
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
    if request.user.has_perm("wagtailadmin.access_admin"):
        return redirect(next_url)
    # Signed in but not staff: redirecting to the sign-in page would loop back here.
    raise PermissionDenied
