from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from core.pagination import page_size

from . import services
from .selectors import get_notification_for_user, notifications_for


@login_required
def notification_list(request):
    page = Paginator(notifications_for(request.user), page_size(request)).get_page(
        request.GET.get("side")
    )
    return render(request, "notifications/list.html", {"page": page, "title": "Varsler"})


@login_required
@require_POST
def notification_read(request, notification):
    notification = get_notification_for_user(request.user, notification)
    services.notification_mark_read(actor=request.user, notification=notification)
    target = notification.url
    if request.POST.get("open") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        return redirect(target)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all(request):
    count = services.notification_mark_all_read(actor=request.user)
    if count:
        messages.success(request, "Alle varsler er markert som lest.")
    return redirect("notifications:list")
