from django.contrib import messages
from django.shortcuts import redirect, render

from accounts.capabilities import Capability
from accounts.decorators import capability_required

from .forms import PreferencesForm
from .services import kinds_for, reminder_preferences, reminder_preferences_set


@capability_required(Capability.NOTIFICATION_SETTINGS)
def preferences(request):
    kinds = kinds_for(request.user)
    form = PreferencesForm(
        request.POST or None, kinds=kinds, current=reminder_preferences(request.user)
    )
    if request.method == "POST" and form.is_valid():
        reminder_preferences_set(user=request.user, email_by_kind=form.cleaned_data)
        messages.success(request, "Varslingsvalgene er lagret.")
        return redirect("reminders:preferences")
    return render(request, "reminders/preferences.html", {"form": form})
