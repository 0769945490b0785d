from django.contrib import admin

from core.admin import PersonalDataAdmin

from .models import Delivery, ReminderPreference


@admin.register(Delivery)
class DeliveryAdmin(PersonalDataAdmin):
    list_display = ["created_at", "kind", "address", "period", "status", "attempts", "sent_at"]
    list_filter = ["kind", "status"]
    search_fields = ["object_key", "address"]
    readonly_fields = [f.name for f in Delivery._meta.fields]


@admin.register(ReminderPreference)
class ReminderPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "email"]
    list_filter = ["kind", "email"]
