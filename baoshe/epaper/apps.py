from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EpaperConfig(AppConfig):
    """数字报: the printed pages as images with clickable article hotspots."""

    name = "baoshe.epaper"
    label = "epaper"
    verbose_name = _("E-paper")

    def ready(self):
        # Registers the cleanup of imports whose worker died (baoshe.core.supervision).
        from . import recovery  # noqa: F401
        from .signals import connect

        connect()
