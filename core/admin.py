"""Admin for tables that hold participant data: no back door around the app's rules.

Rows are read-only for everyone (writes go through the services, with history and audit),
there is no bulk delete, protected persons are filtered out by the same rule as everywhere
else, and every change page or list writes a sporingslogg row. Core knows no domain: the
rule and the log come from the apps through the extension points ``PROTECTION_FILTERS``
(``fn(user, prefix) -> Q``) and ``ADMIN_READ_AUDIT`` (``fn(user, *, participant_ids, what,
single)``), and the path to the participant from the model's personal-data declaration.
"""

from django.contrib import admin
from django.db.models import Q

from .discovery import collect
from .personal_data import declarations


def participant_path(model) -> str:
    """The lookup from ``model`` to the participant ("" for the participant herself)."""
    label = model._meta.label
    for declaration in declarations():
        if declaration.model == label:
            return declaration.path
    raise LookupError(f"{label} has no personal-data declaration")


def _nullable(model, path: str) -> bool:
    """Whether the first step of the path may be empty (a log row about no one)."""
    if not path:
        return False
    return model._meta.get_field(path.split("__")[0]).null


class PersonalDataAdmin(admin.ModelAdmin):
    """Read-only, protected persons filtered, every look logged."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Also removes the bulk "delete selected" action, which requires this permission.
        return False

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        path = participant_path(self.model)
        prefix = f"{path}__" if path else ""
        for row_filter in collect("PROTECTION_FILTERS"):
            rule = row_filter(request.user, prefix)
            if not rule:  # cleared for everyone (an empty Q would turn "or null" into "only null")
                continue
            if _nullable(self.model, path):
                rule |= Q(**{f"{path}__isnull": True})
            qs = qs.filter(rule)
        return qs

    def _participant_ids(self, pks) -> list[int]:
        path = participant_path(self.model)
        column = f"{path}__pk" if path else "pk"
        ids = self.model._default_manager.filter(pk__in=list(pks)).values_list(column, flat=True)
        return sorted({pk for pk in ids if pk is not None})

    def _audit(self, request, pks, *, single: bool) -> None:
        ids = self._participant_ids(pks)
        if not ids:
            return
        meta = self.model._meta
        what = f"Admin: {meta.verbose_name if single else meta.verbose_name_plural}"
        for record in collect("ADMIN_READ_AUDIT"):
            record(request.user, participant_ids=ids, what=what, single=single)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if response.status_code == 200 and hasattr(response, "context_data"):
            original = response.context_data.get("original")
            if original is not None:
                self._audit(request, [original.pk], single=True)
        return response

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            self._audit(request, [obj.pk for obj in changelist.result_list], single=False)
        return response

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        if response.status_code == 200:
            self._audit(request, [object_id], single=True)
        return response


class ParticipantAdminBase(PersonalDataAdmin):
    """The participant herself: read-only too, but the changelist and the grant pages
    (django-guardian's "Objekttilganger") stay open to those who may change grants."""

    def has_change_permission(self, request, obj=None):
        # Guardian asks with obj=None before showing or saving grants; a participant's own
        # page (obj given) is always read-only.
        return obj is None and super(PersonalDataAdmin, self).has_change_permission(request)
