from django.contrib import admin
from guardian.admin import GuardedModelAdmin

from core.admin import ParticipantAdminBase
from core.admin_search import TokenSearchAdminMixin

from .models import Laerefag, Participant


@admin.register(Laerefag)
class LaerefagAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "programomrade"]
    list_filter = ["programomrade"]
    search_fields = ["name", "code"]


@admin.register(Participant)
class ParticipantAdmin(TokenSearchAdminMixin, ParticipantAdminBase, GuardedModelAdmin):
    """Read-only: her data changes through the services (with history and audit).
    Administrators grant explicit access here ("Objekttilganger"). A search by
    fødselsnummer travels behind a token, never in the URL."""

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
    exclude = ["fodselsnummer"]  # the list shows it masked; the full number is not needed
    readonly_fields = ["masked_fnr"]
    show_full_result_count = False

    @admin.display(description="fødselsnummer")
    def masked_fnr(self, obj) -> str:
        return obj.masked_fodselsnummer

    def obj_perms_manage_view(self, request, object_pk):
        # The grants page names her too: logged like her change page.
        response = super().obj_perms_manage_view(request, object_pk)
        if response.status_code == 200:
            self._audit(request, [object_pk], single=True)
        return response
