"""三校: proofreading rounds on a revision, each with its diff against the previous round."""

import difflib

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from wagtail.models import Revision

from baoshe.newsroom.copy import copy_lines

from .common import has_perm, log_article


def text_diff(old_lines, new_lines) -> list[list[str]]:
    """Line diff as [[op, text]], op one of ' ', '-', '+'; changed lines only with context."""
    rows = []
    for line in difflib.unified_diff(old_lines, new_lines, lineterm="", n=1):
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("@@"):
            rows.append(["@", "…"])
        else:
            rows.append([line[:1], line[1:]])
    return rows


CN_NUMERALS = "一二三四五六七八九十"


class ProofreadingRound(models.Model):
    """One 校次 by a 校对 on one revision, with the diff against the previous round's revision."""

    article = models.ForeignKey(
        "newsroom.Article",
        on_delete=models.CASCADE,
        related_name="proofreading_rounds",
        verbose_name="稿件",
    )
    number = models.PositiveSmallIntegerField("校次")
    revision = models.ForeignKey(
        Revision, on_delete=models.CASCADE, related_name="+", verbose_name="校对版本"
    )
    previous_revision = models.ForeignKey(
        Revision,
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="对比版本",
    )
    proofreader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="校对"
    )
    note = models.TextField("校对意见", blank=True)
    diff = models.JSONField("改动", default=list)
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "校次"
        verbose_name_plural = "校次"
        ordering = ["article", "number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="unique_round_number")
        ]

    def __str__(self):
        return f"{self.article_id} {self.label}"

    @property
    def label(self) -> str:
        n = self.number
        return f"{CN_NUMERALS[n - 1]}校" if 0 < n <= len(CN_NUMERALS) else f"第{n}校"

    @classmethod
    @transaction.atomic
    def record(cls, article, user, note=""):
        """Record a round on the article's latest revision (the piece must be in review)."""
        if not has_perm(user, "workflow.add_proofreadinground"):
            raise PermissionDenied("只有校对可以登记校次。")
        state = article.current_workflow_state
        if state is None:
            raise ValidationError("稿件不在审核流程中，不能登记校次。")
        revision = article.get_latest_revision()
        last = cls.objects.select_for_update().filter(article=article).order_by("-number").first()
        if last is not None:
            previous = last.revision
        else:
            first_state = state.task_states.order_by("started_at", "pk").first()
            previous = first_state.revision if first_state else None
        old_lines = copy_lines(previous.as_object()) if previous else []
        new_lines = copy_lines(revision.as_object())
        round_ = cls.objects.create(
            article=article,
            number=(last.number + 1) if last else 1,
            revision=revision,
            previous_revision=previous,
            proofreader=user,
            note=note.strip(),
            diff=text_diff(old_lines, new_lines),
        )
        log_article(
            article,
            "baoshe.proofread.round",
            user=user,
            revision=revision,
            data={
                "round": round_.number,
                "label": round_.label,
                "note": round_.note,
                "revision_id": revision.pk,
                "previous_revision_id": previous.pk if previous else None,
                "changed_lines": sum(1 for op, _ in round_.diff if op in "+-"),
            },
        )
        return round_
