from django.db import models
from django.db.models import F, Sum
from django.utils.translation import gettext_lazy as _


class ShareTally(models.Model):
    """分享计数: how often readers shared an article, per channel.

    Kept apart from ``Article`` on purpose: articles are restored from revisions when they
    are published, and a counter stored on the article would be rolled back each time.
    """

    class Channel(models.TextChoices):
        WECHAT = "wechat", _("WeChat")
        WEIBO = "weibo", _("Weibo")
        X = "x", "X"
        COPY = "copy", _("Copy link")

    # What the share bar reports. Opening the 微信 QR dialog is not a share (the reader may
    # never scan it), so "wechat" stays only for counts recorded before.
    COUNTED_CHANNELS = frozenset({Channel.WEIBO, Channel.X, Channel.COPY})

    article = models.ForeignKey(
        "newsroom.Article", on_delete=models.CASCADE, related_name="share_tallies"
    )
    channel = models.CharField(max_length=10, choices=Channel.choices)
    count = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("Share count")
        verbose_name_plural = _("Share counts")
        constraints = [
            models.UniqueConstraint(fields=["article", "channel"], name="one_tally_per_channel")
        ]

    def __str__(self):
        return f"{self.article_id}:{self.channel}={self.count}"

    @classmethod
    def record(cls, article, channel: str) -> None:
        tally, created = cls.objects.get_or_create(
            article=article, channel=channel, defaults={"count": 1}
        )
        if not created:
            cls.objects.filter(pk=tally.pk).update(count=F("count") + 1)

    @classmethod
    def count_for(cls, article) -> int:
        return cls.objects.filter(article=article).aggregate(total=Sum("count"))["total"] or 0
