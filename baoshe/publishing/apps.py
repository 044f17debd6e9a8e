from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    """How published articles leave the site: RSS feeds and the sitemap."""

    name = "baoshe.publishing"
    label = "publishing"
    verbose_name = _("Publishing")
