from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    """Columns and articles: what the paper writes and where it files it."""

    name = "baoshe.newsroom"
    label = "newsroom"
    verbose_name = "采编"
