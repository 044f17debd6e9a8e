from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngageConfig(AppConfig):
    """What readers do with an article: share it (and later comment on it)."""

    name = "baoshe.engage"
    label = "engage"
    verbose_name = _("Engagement")
