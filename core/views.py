from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from accounts.forms import NavIdentAuthenticationForm
from accounts.roles import Role, roles_of


class LoginView(auth_views.LoginView):
    form_class = NavIdentAuthenticationForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


@login_required
def home(request):
    """Each role lands on its own start page."""
    roles = roles_of(request.user)
    if Role.VEILEDER in roles:
        return redirect("participants:caseload")
    if Role.LEDER in roles:
        return redirect("participants:office")
    if Role.MARKEDSRADGIVER in roles:
        return redirect("matching:queue")
    if Role.KARRIEREVEILEDER in roles:
        return redirect("careerguidance:appointments")
    if Role.FAGOPPLAERING in roles:
        return redirect("careerguidance:requests")
    return render(request, "core/home.html")


def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def robots(request):
    return HttpResponse("User-agent: *\nDisallow: /\n", content_type="text/plain")
