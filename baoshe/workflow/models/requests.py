"""撤稿 / 更正: requests that act on a published article, reviewed by 二审 then 三审."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy
from wagtail.actions.unpublish import UnpublishAction

from ..roles import CHIEF, DIRECTOR
from .common import has_perm, in_paper_language, log_article


class PostPublicationRequest(models.Model):
    """A request that acts on a published article: reviewed by 二审, then decided by 三审."""

    class State(models.TextChoices):
        PENDING_SECOND = "pending_second", gettext_lazy("Awaiting second review")
        PENDING_FINAL = "pending_final", gettext_lazy("Awaiting third review")
        APPROVED = "approved", pgettext_lazy("request state", "Approved")
        REJECTED = "rejected", pgettext_lazy("request state", "Rejected")

    #: the permission deciding each stage, and who holds it by default (for messages)
    STAGE_PERMISSIONS = {
        State.PENDING_SECOND: "newsroom.second_review_article",
        State.PENDING_FINAL: "newsroom.sign_off_article",
    }
    STAGE_ROLES = {State.PENDING_SECOND: [DIRECTOR], State.PENDING_FINAL: [CHIEF]}
    STAGE_NAMES = {
        State.PENDING_SECOND: gettext_lazy("Second review"),
        State.PENDING_FINAL: gettext_lazy("Third review"),
    }
    kind = ""  # "withdrawal" / "correction"
    kind_label = ""
    #: the sentences naming this kind of request, each whole (one per kind, for translators):
    #: title (%(article)s, %(state)s), missing, not_live, refused, already_pending, decided,
    #: awaiting (%(stage)s, %(roles)s), waiting (%(stage)s), submitted, approved and rejected
    #: (%(state)s)
    texts = {}
    #: whether a second request may be filed while one is still under review
    one_pending_only = False

    state = models.CharField(
        gettext_lazy("status"), max_length=20, choices=State.choices, default=State.PENDING_SECOND
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=gettext_lazy("requester"),
    )
    requested_at = models.DateTimeField(gettext_lazy("requested at"), auto_now_add=True)
    second_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=gettext_lazy("second reviewer"),
    )
    second_at = models.DateTimeField(gettext_lazy("second review at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=gettext_lazy("third reviewer (approver)"),
    )
    decided_at = models.DateTimeField(gettext_lazy("decided at"), null=True, blank=True)
    comment = models.TextField(gettext_lazy("review comments"), blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.texts["title"] % {
            "article": self.article_id,
            "state": self.get_state_display(),
        }

    @property
    def is_pending(self):
        return self.state in self.STAGE_PERMISSIONS

    @property
    def stage_name(self):
        return str(self.STAGE_NAMES.get(self.state, ""))

    def user_can_review(self, user) -> bool:
        perm = self.STAGE_PERMISSIONS.get(self.state)
        return bool(perm) and has_perm(user, perm)

    def summary_text(self) -> str:
        raise NotImplementedError

    def apply(self, user):
        raise NotImplementedError

    @classmethod
    def open(cls, article, user, field, value, **extra):
        """File a request on a live article: the requester's permission, the required text
        (``field`` = ``value``) and the article's state are checked, then the request is
        created and logged."""
        if not (user.is_superuser or user.has_perm(f"workflow.add_{cls.kind}")):
            raise PermissionDenied(cls.texts["refused"])
        value = (value or "").strip()
        if not value:
            raise ValidationError(cls.texts["missing"])
        if not article.live:
            raise ValidationError(cls.texts["not_live"])
        pending = cls.objects.filter(article=article, state__in=list(cls.STAGE_PERMISSIONS))
        if cls.one_pending_only and pending.exists():
            raise ValidationError(cls.texts["already_pending"])
        request = cls.objects.create(article=article, requested_by=user, **{field: value}, **extra)
        log_article(
            article,
            f"baoshe.{cls.kind}.request",
            user=user,
            data={"request_id": request.pk, field: value},
        )
        return request

    @transaction.atomic
    def review(self, user, approve: bool, comment=""):
        if not self.is_pending:
            raise PermissionDenied(self.texts["decided"])
        if not self.user_can_review(user):
            roles = pgettext("list separator", ", ").join(self.STAGE_ROLES[self.state])
            raise PermissionDenied(
                self.texts["awaiting"] % {"stage": self.stage_name, "roles": roles}
            )
        comment = (comment or "").strip()
        if not approve and not comment:
            raise ValidationError(_("Please give a reason for rejecting."))
        with in_paper_language():
            stage = str(self.stage_name)
        now = timezone.now()
        if not approve:
            self.state = self.State.REJECTED
            self.approved_by, self.decided_at = user, now
        elif self.state == self.State.PENDING_SECOND:
            self.state = self.State.PENDING_FINAL
            self.second_by, self.second_at = user, now
        else:
            self.state = self.State.APPROVED
            self.approved_by, self.decided_at = user, now
        if comment:
            with in_paper_language():
                line = _("%(stage)s: %(comment)s") % {"stage": stage, "comment": comment}
            self.comment = "\n".join(filter(None, [self.comment, line]))
        self.save()
        log_article(
            self.article,
            f"baoshe.{self.kind}.review",
            user=user,
            data={
                "request_id": self.pk,
                "stage": stage,
                "approved": approve,
                "comment": comment,
                "state": self.get_state_display(),
            },
        )
        if self.state == self.State.APPROVED:
            self.apply(user)
        return self


class Withdrawal(PostPublicationRequest):
    """撤稿: once approved the article is unpublished and its address answers 410."""

    kind = "withdrawal"
    kind_label = gettext_lazy("Withdrawal")
    texts = {
        "title": gettext_lazy("Withdrawal: %(article)s (%(state)s)"),
        "missing": gettext_lazy("Please give the reason for the withdrawal."),
        "not_live": gettext_lazy("Only a published article can be withdrawn."),
        "refused": gettext_lazy("You do not have permission to request a withdrawal."),
        "already_pending": gettext_lazy(
            "This article already has a withdrawal request under review."
        ),
        "decided": gettext_lazy("This withdrawal request has already been dealt with."),
        "awaiting": gettext_lazy(
            "This withdrawal request is awaiting %(stage)s and must be handled by %(roles)s."
        ),
        "waiting": gettext_lazy("Withdrawal request (%(stage)s)"),
        "submitted": gettext_lazy("Withdrawal request submitted; awaiting second review."),
        "approved": gettext_lazy("Withdrawal request approved (%(state)s)."),
        "rejected": gettext_lazy("Withdrawal request rejected (%(state)s)."),
    }
    one_pending_only = True

    article = models.ForeignKey(
        "newsroom.Article",
        on_delete=models.CASCADE,
        related_name="withdrawals",
        verbose_name=gettext_lazy("article"),
    )
    reason = models.TextField(gettext_lazy("reason for withdrawal"))
    notice = models.CharField(
        gettext_lazy("notice to readers"),
        max_length=300,
        blank=True,
        help_text=gettext_lazy(
            "Shown at the article's address; if left empty, "
            "“This article has been withdrawn” is shown."
        ),
    )

    class Meta:
        verbose_name = gettext_lazy("withdrawal")
        verbose_name_plural = gettext_lazy("withdrawals")
        ordering = ["-requested_at", "-pk"]

    def summary_text(self):
        return self.reason

    @classmethod
    @transaction.atomic
    def request(cls, article, user, reason, notice=""):
        return cls.open(
            article,
            user,
            "reason",
            reason,
            notice=(notice or "").strip(),
        )

    def apply(self, user):
        article = type(self.article).objects.get(pk=self.article_id)
        state = article.current_workflow_state
        if state is not None:
            state.cancel(user=user)
        article.revisions.update(approved_go_live_at=None)
        if article.live:
            # The two-stage 撤稿 review is the authorisation: nobody below a superuser holds
            # the permission to unpublish directly (newsroom.unpublish_article).
            UnpublishAction(article, user=user).execute(skip_permission_checks=True)
        log_article(
            article,
            "baoshe.withdrawal.done",
            user=user,
            data={"request_id": self.pk, "reason": self.reason},
        )


class CorrectionQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(state=PostPublicationRequest.State.APPROVED).order_by("date", "pk")


class Correction(PostPublicationRequest):
    """更正: once approved, a dated correction note shows on the article."""

    kind = "correction"
    kind_label = gettext_lazy("Correction")
    texts = {
        "title": gettext_lazy("Correction: %(article)s (%(state)s)"),
        "missing": gettext_lazy("Please write the correction."),
        "not_live": gettext_lazy("Only a published article can be corrected."),
        "refused": gettext_lazy("You do not have permission to request a correction."),
        "already_pending": gettext_lazy(
            "This article already has a correction request under review."
        ),
        "decided": gettext_lazy("This correction request has already been dealt with."),
        "awaiting": gettext_lazy(
            "This correction request is awaiting %(stage)s and must be handled by %(roles)s."
        ),
        "waiting": gettext_lazy("Correction request (%(stage)s)"),
        "submitted": gettext_lazy("Correction request submitted; awaiting second review."),
        "approved": gettext_lazy("Correction request approved (%(state)s)."),
        "rejected": gettext_lazy("Correction request rejected (%(state)s)."),
    }

    article = models.ForeignKey(
        "newsroom.Article",
        on_delete=models.CASCADE,
        related_name="corrections",
        verbose_name=gettext_lazy("article"),
    )
    text = models.TextField(gettext_lazy("correction text"))
    date = models.DateField(gettext_lazy("correction date"), null=True, blank=True)

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("correction")
        verbose_name_plural = gettext_lazy("corrections")
        ordering = ["-requested_at", "-pk"]

    def summary_text(self):
        return self.text

    @classmethod
    def request(cls, article, user, text):
        return cls.open(article, user, "text", text)

    def apply(self, user):
        self.date = timezone.localdate()
        self.save(update_fields=["date"])
        log_article(
            self.article,
            "baoshe.correction.done",
            user=user,
            data={"request_id": self.pk, "text": self.text, "date": self.date.isoformat()},
        )


def withdrawn_article(pk):
    """The approved withdrawal of a non-live article, or None."""
    return (
        Withdrawal.objects.filter(
            article_id=pk, state=Withdrawal.State.APPROVED, article__live=False
        )
        .select_related("article", "article__column")
        .order_by("-decided_at")
        .first()
    )
