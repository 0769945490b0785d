from django import forms
from django.contrib.auth.forms import AuthenticationForm

from core.forms import AkselFormMixin


class NavIdentAuthenticationForm(AkselFormMixin, AuthenticationForm):
    username = forms.CharField(
        label="NAV-ident",
        max_length=7,
        help_text="Én bokstav og seks sifre, for eksempel Z123456.",
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "username", "autocapitalize": "characters"}
        ),
    )
    error_messages = {
        "invalid_login": "Feil NAV-ident eller passord. Sjekk at du har skrevet riktig.",
        "inactive": "Brukeren er deaktivert. Kontakt en administrator.",
    }

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().upper()


def axes_username(request, credentials) -> str:
    """The NAV-ident as axes counts it: case-insensitive, so z123456 and Z123456 share a limit."""
    raw = (credentials or {}).get("username") or request.POST.get("username", "")
    return raw.strip().upper()
