from django.contrib import admin
from guardian.admin import GuardedModelAdmin

from core.admin_search import TokenSearchAdminMixin

from .models import Laerefag, Participant


@admin.register(Laerefag)
class LaerefagAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "programomrade"]
    list_filter = ["programomrade"]
    search_fields = ["name", "code"]


@admin.register(Participant)
class ParticipantAdmin(TokenSearchAdminMixin, GuardedModelAdmin):
    """Administrators fix reference data and grant explicit access ("Objekttilganger")."""

    list_display = [
        "__str__",
        "masked_fnr",
        "nav_kontor",
        "veileder",
        "innsatsgruppe",
        "skjermet",
        "adressebeskyttelse",
    ]
    list_filter = ["nav_kontor", "innsatsgruppe", "adressebeskyttelse", "skjermet", "vgs_completed"]
    search_fields = ["last_name", "first_name", "=fodselsnummer"]
    list_select_related = ["nav_kontor", "veileder"]
    autocomplete_fields = ["nav_kontor", "veileder", "sluttkompetanse"]
    readonly_fields = ["uuid", "birth_date", "created_at", "updated_at"]
    show_full_result_count = False

    @admin.display(description="fødselsnummer")
    def masked_fnr(self, obj) -> str:
        return obj.masked_fodselsnummer

    def has_add_permission(self, request):
        # Registration validates identity and assigns a veileder: done in the app's service.
        return False
