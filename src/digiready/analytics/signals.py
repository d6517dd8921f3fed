"""Keep cached figures honest: whatever changes what they are computed from moves its
revision (``cube_store.bump``), wherever it happens - pages, the API, imports, erasure, the
admin or the command line.

Bulk writes that send no signals (loading a synthetic population, importing a workforce
frame's cells) move the revisions themselves.
"""

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from digiready.analytics.cube_store import FRAME, bump_on_commit, wave_key
from digiready.analytics.models import WeightRun
from digiready.assessments.models import Assessment, Status, Subject
from digiready.organisations.models import WorkforceSnapshot


@receiver(post_save, sender=Assessment)
def assessment_saved(sender: Any, instance: Assessment, **kwargs: Any) -> None:
    if (
        instance.subject == Subject.PERSON
        and instance.status == Status.SUBMITTED
        and instance.wave_id is not None
    ):
        bump_on_commit(wave_key(instance.wave_id))


@receiver(post_delete, sender=Assessment)
def assessment_deleted(sender: Any, instance: Assessment, **kwargs: Any) -> None:
    if instance.subject == Subject.PERSON and instance.wave_id is not None:
        bump_on_commit(wave_key(instance.wave_id))


@receiver(post_save, sender=WeightRun)
@receiver(post_delete, sender=WeightRun)
def weights_changed(sender: Any, instance: WeightRun, **kwargs: Any) -> None:
    bump_on_commit(wave_key(instance.wave_id))


@receiver(post_save, sender=WorkforceSnapshot)
@receiver(post_delete, sender=WorkforceSnapshot)
def frame_changed(sender: Any, instance: WorkforceSnapshot, **kwargs: Any) -> None:
    bump_on_commit(FRAME)
