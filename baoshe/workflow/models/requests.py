"""撤稿 / 更正: requests that act on a published article, reviewed by 二审 then 三审."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from wagtail.actions.unpublish import UnpublishAction

from ..roles import CHIEF, DIRECTOR
from .common import has_perm, log_article


class PostPublicationRequest(models.Model):
    """A request that acts on a published article: reviewed by 二审, then decided by 三审."""

    class State(models.TextChoices):
        PENDING_SECOND = "pending_second", "待二审"
        PENDING_FINAL = "pending_final", "待三审"
        APPROVED = "approved", "已批准"
        REJECTED = "rejected", "已驳回"

    #: the permission deciding each stage, and who holds it by default (for messages)
    STAGE_PERMISSIONS = {
        State.PENDING_SECOND: "newsroom.second_review_article",
        State.PENDING_FINAL: "newsroom.sign_off_article",
    }
    STAGE_ROLES = {State.PENDING_SECOND: [DIRECTOR], State.PENDING_FINAL: [CHIEF]}
    STAGE_NAMES = {State.PENDING_SECOND: "二审", State.PENDING_FINAL: "三审"}
    kind = ""  # "withdrawal" / "correction"
    kind_label = ""
    #: whether a second request may be filed while one is still under review
    one_pending_only = False

    state = models.CharField(
        "状态", max_length=20, choices=State.choices, default=State.PENDING_SECOND
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="申请人"
    )
    requested_at = models.DateTimeField("申请时间", auto_now_add=True)
    second_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="二审",
    )
    second_at = models.DateTimeField("二审时间", null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="三审（批准人）",
    )
    decided_at = models.DateTimeField("决定时间", null=True, blank=True)
    comment = models.TextField("审核意见", blank=True)

    class Meta:
        abstract = True

    @property
    def is_pending(self):
        return self.state in self.STAGE_PERMISSIONS

    @property
    def stage_name(self):
        return self.STAGE_NAMES.get(self.state, "")

    def user_can_review(self, user) -> bool:
        perm = self.STAGE_PERMISSIONS.get(self.state)
        return bool(perm) and has_perm(user, perm)

    def summary_text(self) -> str:
        raise NotImplementedError

    def apply(self, user):
        raise NotImplementedError

    @classmethod
    def open(cls, article, user, field, value, missing, not_live, **extra):
        """File a request on a live article: the requester's permission, the required text
        (``field`` = ``value``, ``missing`` when blank) and the article's state are checked,
        then the request is created and logged."""
        if not (user.is_superuser or user.has_perm(f"workflow.add_{cls.kind}")):
            raise PermissionDenied(f"你没有申请{cls.kind_label}的权限。")
        value = (value or "").strip()
        if not value:
            raise ValidationError(missing)
        if not article.live:
            raise ValidationError(not_live)
        pending = cls.objects.filter(article=article, state__in=list(cls.STAGE_PERMISSIONS))
        if cls.one_pending_only and pending.exists():
            raise ValidationError(f"这篇稿件已有待审核的{cls.kind_label}申请。")
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
            raise PermissionDenied(f"这条{self.kind_label}申请已经处理完毕。")
        if not self.user_can_review(user):
            roles = "、".join(self.STAGE_ROLES[self.state])
            raise PermissionDenied(
                f"{self.kind_label}申请现在等待{self.stage_name}，须由{roles}处理。"
            )
        comment = (comment or "").strip()
        if not approve and not comment:
            raise ValidationError("驳回时请写明理由。")
        stage = self.stage_name
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
            self.comment = "\n".join(filter(None, [self.comment, f"{stage}：{comment}"]))
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
    kind_label = "撤稿"
    one_pending_only = True

    article = models.ForeignKey(
        "newsroom.Article",
        on_delete=models.CASCADE,
        related_name="withdrawals",
        verbose_name="稿件",
    )
    reason = models.TextField("撤稿理由")
    notice = models.CharField(
        "读者提示",
        max_length=300,
        blank=True,
        help_text="显示在原稿件地址上；留空则显示“本文已撤稿”。",
    )

    class Meta:
        verbose_name = "撤稿"
        verbose_name_plural = "撤稿"
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"撤稿：{self.article_id}（{self.get_state_display()}）"

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
            missing="请写明撤稿理由。",
            not_live="只有已发布的稿件才能撤稿。",
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
    kind_label = "更正"

    article = models.ForeignKey(
        "newsroom.Article",
        on_delete=models.CASCADE,
        related_name="corrections",
        verbose_name="稿件",
    )
    text = models.TextField("更正内容")
    date = models.DateField("更正日期", null=True, blank=True)

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        verbose_name = "更正"
        verbose_name_plural = "更正"
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"更正：{self.article_id}（{self.get_state_display()}）"

    def summary_text(self):
        return self.text

    @classmethod
    def request(cls, article, user, text):
        return cls.open(
            article,
            user,
            "text",
            text,
            missing="请填写更正内容。",
            not_live="只有已发布的稿件才能发更正。",
        )

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
