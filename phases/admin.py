from django.contrib import admin

from core.admin import PersonalDataAdmin

from .models import (
    ChecklistItem,
    Employment,
    Fagbrev,
    Laerekontrakt,
    Meeting,
    Opplaeringsplan,
    PhaseTransition,
)


class ReadOnly(PersonalDataAdmin):
    """History and registrations change only through phases.services (locks, audit)."""


@admin.register(PhaseTransition)
class PhaseTransitionAdmin(ReadOnly):
    list_display = ["created_at", "participant", "from_phase", "to_phase", "actor", "end_reason"]
    list_filter = ["to_phase", "end_reason"]
    list_select_related = ["participant", "actor"]
    show_full_result_count = False


@admin.register(Meeting)
class MeetingAdmin(ReadOnly):
    list_display = ["held_on", "participant", "kind", "place", "recorded_by"]
    list_filter = ["kind", "place"]
    list_select_related = ["participant", "recorded_by"]


@admin.register(Laerekontrakt)
class LaerekontraktAdmin(ReadOnly):
    list_display = [
        "signed_on",
        "ends_on",
        "participant",
        "company",
        "laerefag",
        "opplaeringskontor",
    ]
    list_select_related = ["participant", "company", "laerefag"]


@admin.register(Opplaeringsplan)
class OpplaeringsplanAdmin(ReadOnly):
    list_display = ["received_on", "participant", "school", "registered_by"]
    list_select_related = ["participant", "registered_by"]


@admin.register(Employment)
class EmploymentAdmin(ReadOnly):
    list_display = ["created_at", "participant", "employer", "employer_name", "start_date"]
    list_select_related = ["participant", "employer"]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(ReadOnly):
    list_display = ["participant", "phase", "label", "done_at", "done_by"]
    list_filter = ["phase"]
    list_select_related = ["participant", "done_by"]
    show_full_result_count = False


@admin.register(Fagbrev)
class FagbrevAdmin(ReadOnly):
    list_display = ["passed_on", "participant", "laerefag", "registered_by"]
    list_select_related = ["participant", "laerefag", "registered_by"]
