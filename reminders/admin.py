from django.contrib import admin, messages

from core.admin import PersonalDataAdmin

from .models import Delivery, DeliveryStatus, ReminderPreference
from .services import deliveries_retry


@admin.register(Delivery)
class DeliveryAdmin(PersonalDataAdmin):
    list_display = [
        "created_at",
        "kind",
        "address",
        "period",
        "status",
        "attempts",
        "last_error",
        "sent_at",
    ]
    list_filter = ["status", "kind"]
    search_fields = ["object_key", "address"]
    readonly_fields = [f.name for f in Delivery._meta.fields]
    actions = ["send_again"]

    def has_resend_permission(self, request) -> bool:
        # The rows stay read-only; starting a failed delivery over goes through the service.
        return request.user.has_perm("reminders.change_delivery")

    @admin.action(description="Send igjen", permissions=["resend"])
    def send_again(self, request, queryset):
        # Only failed rows start over; the sweep sends them within a minute.
        ids = list(queryset.filter(status=DeliveryStatus.FAILED).values_list("pk", flat=True))
        count = deliveries_retry(delivery_ids=ids, actor=request.user)
        self.message_user(
            request,
            f"{count} feilede påminnelser sendes på nytt i løpet av et minutt.",
            messages.SUCCESS,
        )


@admin.register(ReminderPreference)
class ReminderPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "email"]
    list_filter = ["kind", "email"]
