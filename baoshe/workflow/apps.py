from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    """三审三校: review levels, proofreading rounds, scheduling, withdrawal and correction."""

    name = "baoshe.workflow"
    label = "workflow"
    verbose_name = _("Review and proofreading")

    def ready(self):
        from . import notifications

        notifications.connect()

        from django.db.models.signals import post_delete, post_save

        from .models import Correction
        from .templatetags.workflow_tags import corrections_changed

        post_save.connect(corrections_changed, sender=Correction, dispatch_uid="corrections_v_save")
        post_delete.connect(
            corrections_changed, sender=Correction, dispatch_uid="corrections_v_delete"
        )
