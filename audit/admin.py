from django.contrib import admin

from accounts.roles import role_labels
from core.admin import PersonalDataAdmin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(PersonalDataAdmin):
    """Read-only: the log can be searched here but never edited or deleted."""

    list_display = [
        "created_at",
        "actor_ident",
        "roles",
        "action",
        "participant",
        "what",
        "ip",
    ]
    list_filter = ["action", "actor_office", "created_at"]
    search_fields = ["=actor_ident", "=request_id", "=participant__uuid"]
    date_hierarchy = "created_at"
    list_select_related = ["participant"]
    show_full_result_count = False

    @admin.display(description="roller", ordering="actor_roles")
    def roles(self, obj) -> str:
        return role_labels(obj.actor_roles)

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
