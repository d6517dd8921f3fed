from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.http import HttpRequest

from digiready.accounts.models import AuditEvent, RoleAssignment, User


class PersonCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name")

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).lower()


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class PersonAdmin(UserAdmin):
    list_display = ["email", "full_name", "organisation", "profession", "is_active"]
    list_filter = ["is_active", "staff_group", "roles__role"]
    search_fields = ["email", "full_name"]
    ordering = ["email"]
    autocomplete_fields = ["organisation"]
    inlines = [RoleInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Person", {"fields": ("full_name", "organisation", "profession", "staff_group")}),
        ("Access", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_form = PersonCreationForm
    add_fieldsets = ((None, {"fields": ("email", "full_name", "password1", "password2")}),)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        # The audit log records which administrator granted or revoked each role.
        instances = formset.save(commit=False)
        for instance in instances:
            instance.audit_actor = request.user
            instance.save()
        for assignment in formset.deleted_objects:
            assignment.audit_actor = request.user
            assignment.delete()
        formset.save_m2m()


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_label", "action", "target"]
    list_filter = ["action"]
    search_fields = ["actor_label", "target"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
