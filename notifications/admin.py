from django.contrib import admin

from core.admin import PersonalDataAdmin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(PersonalDataAdmin):
    list_display = ["text", "recipient", "kind", "created_at", "read_at"]
    list_filter = ["kind"]
    search_fields = ["text", "recipient__name", "recipient__nav_ident"]
    list_select_related = ["recipient"]
    raw_id_fields = ["recipient", "participant"]
    readonly_fields = ["uuid", "dedup_key", "group_key", "repeats", "created_at"]
    show_full_result_count = False
