"""三校: proofreading rounds on a revision, each with its diff against the previous round."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy
from wagtail.models import Revision

from baoshe.newsroom.copy import copy_diff, copy_lines

from .common import has_perm, in_paper_language, log_article

#: 一校, 二校 … 十校: the names of the first ten rounds; later ones are numbered
ROUND_LABELS = (
    pgettext_lazy("proofreading round", "First proof"),
    pgettext_lazy("proofreading round", "Second proof"),
    pgettext_lazy("proofreading round", "Third proof"),
    pgettext_lazy("proofreading round", "Fourth proof"),
    pgettext_lazy("proofreading round", "Fifth proof"),
    pgettext_lazy("proofreading round", "Sixth proof"),
    pgettext_lazy("proofreading round", "Seventh proof"),
    pgettext_lazy("proofreading round", "Eighth proof"),
    pgettext_lazy("proofreading round", "Ninth proof"),
    pgettext_lazy("proofreading round", "Tenth proof"),
)
RECORD_REFUSED = gettext_lazy("Only proofreaders may record a proofreading round.")


class ProofreadingRound(models.Model):
    """One 校次 by a 校对 on one revision, with the diff against the previous round's revision."""

    article = models.ForeignKey(
        "newsroom.Article",
        on_delete=models.CASCADE,
        related_name="proofreading_rounds",
        verbose_name=gettext_lazy("article"),
    )
    number = models.PositiveSmallIntegerField(gettext_lazy("proofreading round"))
    revision = models.ForeignKey(
        Revision,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=gettext_lazy("proofread revision"),
    )
    previous_revision = models.ForeignKey(
        Revision,
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=gettext_lazy("compared revision"),
    )
    proofreader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=gettext_lazy("proofreader"),
    )
    note = models.TextField(gettext_lazy("proofreader's note"), blank=True)
    diff = models.JSONField(gettext_lazy("changes"), default=list)
    created_at = models.DateTimeField(gettext_lazy("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("proofreading round")
        verbose_name_plural = gettext_lazy("proofreading rounds")
        ordering = ["article", "number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="unique_round_number")
        ]

    def __str__(self):
        return f"{self.article_id} {self.label}"

    @property
    def label(self) -> str:
        n = self.number
        if 0 < n <= len(ROUND_LABELS):
            return str(ROUND_LABELS[n - 1])
        return pgettext("proofreading round", "Proof %(number)s") % {"number": n}

    @classmethod
    @transaction.atomic
    def record(cls, article, user, note=""):
        """Record a round on the article's latest revision (the piece must be in review)."""
        if not has_perm(user, "workflow.add_proofreadinground"):
            raise PermissionDenied(RECORD_REFUSED)
        state = article.current_workflow_state
        if state is None:
            raise ValidationError(
                _("The piece is not in review: no proofreading round can be recorded.")
            )
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
            diff=copy_diff(old_lines, new_lines),
        )
        with in_paper_language():
            label = str(round_.label)
        log_article(
            article,
            "baoshe.proofread.round",
            user=user,
            revision=revision,
            data={
                "round": round_.number,
                "label": label,
                "note": round_.note,
                "revision_id": revision.pk,
                "previous_revision_id": previous.pk if previous else None,
                "changed_lines": sum(1 for op, _ in round_.diff if op in "+-"),
            },
        )
        return round_
