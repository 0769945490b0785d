from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from .capabilities import start_page
from .forms import NavIdentAuthenticationForm
from .roles import roles_of


class LoginView(auth_views.LoginView):
    form_class = NavIdentAuthenticationForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


@login_required
def home(request):
    """Each role lands on its own start page."""
    page = start_page(request.user)
    if page:
        return redirect(page)
    return render(request, "accounts/home.html", {"user_roles": sorted(roles_of(request.user))})
