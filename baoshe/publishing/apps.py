from django.apps import AppConfig


class PublishingConfig(AppConfig):
    """How published articles leave the site: RSS feeds and the sitemap."""

    name = "baoshe.publishing"
    label = "publishing"
    verbose_name = "发布"
