from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render

from .capabilities import start_page
from .forms import NavIdentAuthenticationForm
from .roles import roles_of


class LoginView(auth_views.LoginView):
    form_class = NavIdentAuthenticationForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if not settings.PASSWORD_LOGIN:
            return HttpResponseNotAllowed(["GET"])
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = settings.OIDC_ENABLED
        context["password_login"] = settings.PASSWORD_LOGIN
        # mozilla-django-oidc sends a refused or cancelled login back here.
        context["login_failed"] = "feil" in self.request.GET
        return context


@login_required
def home(request):
    """Each role lands on its own start page."""
    page = start_page(request.user)
    if page:
        return redirect(page)
    return render(request, "accounts/home.html", {"user_roles": sorted(roles_of(request.user))})
