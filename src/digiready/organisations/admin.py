from django.contrib import admin

from digiready.organisations.models import Organisation, OrganisationLink, Succession


class ParentLinkInline(admin.TabularInline):
    model = OrganisationLink
    fk_name = "child"
    extra = 0
    autocomplete_fields = ["parent"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "ods_code", "kind", "provider_type", "effective_from", "effective_to"]
    list_filter = ["kind", "provider_type"]
    search_fields = ["name", "ods_code"]
    inlines = [ParentLinkInline]


@admin.register(Succession)
class SuccessionAdmin(admin.ModelAdmin):
    list_display = ["predecessor", "successor", "effective_on"]
    autocomplete_fields = ["predecessor", "successor"]
