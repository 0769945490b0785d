from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from .forms import PreferencesForm
from .services import kinds_for, reminder_preferences, reminder_preferences_set


@login_required
def preferences(request):
    kinds = kinds_for(request.user)
    if not kinds:
        raise Http404("Siden finnes ikke.")
    form = PreferencesForm(
        request.POST or None, kinds=kinds, current=reminder_preferences(request.user)
    )
    if request.method == "POST" and form.is_valid():
        reminder_preferences_set(user=request.user, email_by_kind=form.cleaned_data)
        messages.success(request, "Varslingsvalgene er lagret.")
        return redirect("reminders:preferences")
    return render(request, "reminders/preferences.html", {"form": form})
