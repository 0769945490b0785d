from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

from .models import NavKontor, User
from .roles import Role, role_labels


@admin.register(NavKontor)
class NavKontorAdmin(admin.ModelAdmin):
    list_display = ["enhetsnummer", "name", "municipality"]
    search_fields = ["enhetsnummer", "name", "municipality"]
    ordering = ["name"]


class UserCreationForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("nav_ident", "name", "email", "nav_kontor")


class UserEditForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "groups" in self.fields:
            self.fields["groups"].label = "roller"
            self.fields["groups"].label_from_instance = lambda group: role_labels([group.name])


class RoleFilter(admin.SimpleListFilter):
    title = "rolle"
    parameter_name = "rolle"

    def lookups(self, request, model_admin):
        return Role.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(groups__name=self.value())
        return queryset


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    list_display = ["nav_ident", "name", "nav_kontor", "roles", "is_active", "is_staff"]
    list_filter = [RoleFilter, "nav_kontor", "is_active", "is_staff", "is_superuser"]
    search_fields = ["nav_ident", "name", "email"]
    ordering = ["name"]
    list_select_related = ["nav_kontor"]
    autocomplete_fields = ["nav_kontor"]
    fieldsets = [
        (None, {"fields": ["nav_ident", "password"]}),
        ("Person", {"fields": ["name", "email", "nav_kontor"]}),
        (
            "Roller og tilganger",
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        ("Datoer", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["nav_ident", "name", "email", "nav_kontor", "password1", "password2"],
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description="roller")
    def roles(self, obj) -> str:
        return role_labels(sorted(g.name for g in obj.groups.all()))
