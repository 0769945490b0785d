from django.contrib import admin

from .models import Company, CompanyNeed


class CompanyNeedInline(admin.TabularInline):
    model = CompanyNeed
    extra = 0
    autocomplete_fields = ["laerefag"]


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "orgnr", "municipality", "is_laerebedrift", "markedsradgiver"]
    list_filter = ["is_laerebedrift", "municipality"]
    search_fields = ["name", "=orgnr"]
    list_select_related = ["markedsradgiver"]
    autocomplete_fields = ["markedsradgiver"]
    readonly_fields = ["uuid", "created_at"]
    inlines = [CompanyNeedInline]
    show_full_result_count = False


@admin.register(CompanyNeed)
class CompanyNeedAdmin(admin.ModelAdmin):
    list_display = ["company", "laerefag", "count", "from_date"]
    list_select_related = ["company", "laerefag"]
    search_fields = ["company__name", "laerefag__name"]
    autocomplete_fields = ["company", "laerefag"]
