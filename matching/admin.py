from django.contrib import admin

from core.admin import PersonalDataAdmin

from .models import Match, MatchEvent


class MatchEventInline(admin.TabularInline):
    """History is written by the services only; the admin shows it."""

    model = MatchEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "actor", "from_status", "to_status", "comment"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Match)
class MatchAdmin(PersonalDataAdmin):
    list_display = ["participant", "company", "status", "created_at", "decided_at"]
    list_filter = ["status"]
    search_fields = ["company__name", "participant__last_name", "=uuid"]
    list_select_related = ["participant", "company"]
    raw_id_fields = ["participant", "company", "proposed_by", "decided_by"]
    # Status changes go through matching.services so every one gets its history row.
    readonly_fields = [
        "uuid",
        "status",
        "decided_by",
        "decided_at",
        "decision_reason",
        "start_date",
        "created_at",
        "updated_at",
    ]
    inlines = [MatchEventInline]
    show_full_result_count = False
