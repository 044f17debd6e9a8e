from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    """Reader pages kept as files and served without Django; purged when their content changes."""

    name = "baoshe.pagecache"
    label = "pagecache"
    verbose_name = _("Page cache")

    def ready(self):
        from .signals import connect

        connect()
