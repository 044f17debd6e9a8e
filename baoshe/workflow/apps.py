from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    """三审三校: review levels, proofreading rounds, scheduling, withdrawal and correction."""

    name = "baoshe.workflow"
    label = "workflow"
    verbose_name = "三审三校"
