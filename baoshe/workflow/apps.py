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
