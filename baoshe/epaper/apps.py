from django.apps import AppConfig


class EpaperConfig(AppConfig):
    """数字报: the printed pages as images with clickable article hotspots."""

    name = "baoshe.epaper"
    label = "epaper"
    verbose_name = "数字报"

    def ready(self):
        # Registers the cleanup of imports whose worker died (baoshe.core.supervision).
        from . import recovery  # noqa: F401
