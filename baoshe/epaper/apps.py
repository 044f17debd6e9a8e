from django.apps import AppConfig


class EpaperConfig(AppConfig):
    """数字报: the printed pages as images with clickable article hotspots."""

    name = "baoshe.epaper"
    label = "epaper"
    verbose_name = "数字报"
