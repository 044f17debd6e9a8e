from django.apps import AppConfig


class EngageConfig(AppConfig):
    """What readers do with an article: share it (and later comment on it)."""

    name = "baoshe.engage"
    label = "engage"
    verbose_name = "互动"
