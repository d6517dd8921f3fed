"""Campaigns, their phases and questions are set up here. Contributions are moderated in the
service's own pages, where only redacted text is shown beyond the moderator."""

from django.contrib import admin

from digiready.consultation.models import Campaign, Phase, Question


class PhaseInline(admin.StackedInline):
    model = Phase
    extra = 0


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 1


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "published", "created_at"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [PhaseInline]


@admin.register(Phase)
class PhaseAdmin(admin.ModelAdmin):
    list_display = ["title", "campaign", "opens_on", "closes_on"]
    list_filter = ["campaign"]
    inlines = [QuestionInline]
