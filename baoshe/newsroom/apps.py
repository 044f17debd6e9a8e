from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    """Columns and articles: what the paper writes and where it files it."""

    name = "baoshe.newsroom"
    label = "newsroom"
    verbose_name = _("Newsroom")
