from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin import messages

from . import users


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("baoshe/admin.css"))


# --- user management without escalation (core/users.py) ----------------------------------


def _refuse(request, reason):
    messages.error(request, reason)
    return redirect(reverse("wagtailusers_users:index"))


def _post(request):
    return request.POST if request.method == "POST" else None


@hooks.register("before_create_user")
def create_user_without_escalation(request):
    reason = users.refusal(request.user, None, _post(request))
    return _refuse(request, reason) if reason else None


@hooks.register("before_edit_user")
def edit_user_without_escalation(request, user):
    reason = users.refusal(request.user, user, _post(request))
    return _refuse(request, reason) if reason else None


@hooks.register("before_delete_user")
def delete_superusers_only_as_superuser(request, user):
    reason = users.refusal(request.user, user, None)
    return _refuse(request, reason) if reason else None
