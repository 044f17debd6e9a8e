"""三审三校: the review tasks, the 机审 reports that travel with revisions, 三校 rounds, and the
post-publication 撤稿/更正 requests.

The pre-publication path is Wagtail's workflow framework: one ``Workflow`` "三审三校" assigned to
``newsroom.Article`` with a ``MachineReviewTask`` (机审) followed by three ``ReviewTask`` steps
(一审, 二审, 三审), each a group-approval task. Withdrawals and corrections are small models
with their own two-step review (二审 then 三审) because they act on a live article without
creating a new revision of it; docs/workflow.md gives the reasons.
"""

import difflib

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.actions.unpublish import UnpublishAction
from wagtail.log_actions import log
from wagtail.models import AbstractGroupApprovalTask, Revision, Task, TaskState

from baoshe.newsroom import permissions as article_perms
from baoshe.newsroom.copy import copy_hash, copy_lines

from . import machine
from .roles import CHIEF, DIRECTOR


def has_perm(user, perm: str) -> bool:
    """``user.has_perm`` for an active, signed-in user (superusers hold every permission)."""
    return bool(user and user.is_authenticated and user.is_active and user.has_perm(perm))


def workflow_article(task_state_or_workflow_state):
    """The article a task state (or workflow state) is about."""
    state = getattr(task_state_or_workflow_state, "workflow_state", task_state_or_workflow_state)
    return state.content_object


def refresh_latest_revision(workflow_state):
    """The workflow state's cached object may predate the revision just saved by the editor."""
    obj = workflow_state.content_object
    if obj is not None and obj.pk:
        obj.latest_revision_id = (
            type(obj).objects.filter(pk=obj.pk).values_list("latest_revision_id", flat=True).first()
        )
        field = type(obj)._meta.get_field("latest_revision")
        if field.is_cached(obj):
            field.delete_cached_value(obj)


def log_article(article, action, user=None, data=None, revision=None):
    return log(instance=article, action=action, user=user, data=data or {}, revision=revision)


# --- 机审 ---------------------------------------------------------------------------------------


class MachineReviewTask(Task):
    """机审: runs the proofreading service over the submitted revision.

    Nothing blocking: the task approves itself and the piece moves on to 一审. Blocking
    findings: the task stays in progress until the author fixes the copy and asks for a new
    check (the edited revision is checked again), or a 二审/三审 editor overrides each blocking
    finding with a written reason.
    """

    admin_form_fields = Task.admin_form_fields

    class Meta:
        verbose_name = "机审（自动校对）"
        verbose_name_plural = "机审（自动校对）"

    @classmethod
    def get_description(cls):
        return (
            "运行自动校对；无阻断问题时自动通过，有阻断问题须修改后重新机审，"
            "或由二审、三审人员写明理由放行。"
        )

    def start(self, workflow_state, user=None):
        refresh_latest_revision(workflow_state)
        task_state = super().start(workflow_state, user=user)
        report = MachineReport.run(task_state)
        if not report.has_blocking:
            task_state.approve(user=None, update=False, comment="机审通过：无阻断问题。")
        elif self.carry_overrides_forward(report, workflow_state):
            task_state.approve(
                user=None, update=False, comment="机审通过：阻断项与此前已放行的相同。"
            )
        return task_state

    @staticmethod
    def finding_key(finding):
        return (finding.get("field"), finding.get("pack"), finding.get("rule"), finding["excerpt"])

    def carry_overrides_forward(self, report, workflow_state) -> bool:
        """A blocking finding already overridden in this workflow (same field, rule and text)
        stays overridden on later revisions; True when nothing blocking is left."""
        earlier = MachineOverride.objects.filter(
            report__task_state__workflow_state=workflow_state
        ).exclude(report=report)
        waived = {}
        for override in earlier:
            for finding in override.findings:
                waived.setdefault(self.finding_key(finding), override)
        carried = {}
        for index, finding in report.outstanding_blocking():
            override = waived.get(self.finding_key(finding))
            if override is not None:
                carried.setdefault(override, []).append((index, finding))
        for override, items in carried.items():
            MachineOverride.objects.create(
                report=report,
                user=override.user,
                reason=f"沿用此前放行：{override.reason}",
                finding_indexes=[i for i, _ in items],
                findings=[f for _, f in items],
            )
        return not report.outstanding_blocking()

    def user_can_override(self, user, article=None, workflow_state=None) -> bool:
        """二审/三审 (``override_machine_review``), and never on a piece of one's own."""
        if not has_perm(user, "newsroom.override_machine_review"):
            return False
        return article is None or article_perms.may_approve(user, article, workflow_state)

    @staticmethod
    def user_can_recheck(user, article) -> bool:
        """Restarting 机审 is for whoever may edit the piece (its author, editors)."""
        return article_perms.may_edit(user, article)

    def get_actions(self, obj, user):
        actions = []
        if self.user_can_recheck(user, obj):
            actions.append(("recheck", "修改后重新机审", False))
        if self.user_can_override(user, obj, getattr(obj, "current_workflow_state", None)):
            actions.append(("reject", "退回修改", True))
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        article = workflow_article(task_state)
        if action_name == "recheck":
            if not self.user_can_recheck(user, article):
                raise PermissionDenied("只有作者或可修改这篇稿件的人可以重新机审。")
            with transaction.atomic():
                task_state.cancel(user=user, resume=True, comment="修改后重新机审")
        elif action_name == "reject":
            if not self.user_can_override(user, article, task_state.workflow_state):
                raise PermissionDenied("只有二审、三审人员可以退回机审中的稿件。")
            task_state.reject(user=user, comment=kwargs.get("comment", ""))
        elif action_name == "override":
            self.override(task_state, user, **kwargs)
        else:
            raise PermissionDenied

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if has_perm(user, "newsroom.override_machine_review"):
            return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        return TaskState.objects.none()

    @transaction.atomic
    def override(self, task_state, user, reason="", findings=()):
        """Waive the blocking findings numbered ``findings`` of the task state's report."""
        if not has_perm(user, "newsroom.override_machine_review"):
            raise PermissionDenied("只有二审、三审人员可以放行机审阻断项。")
        if not article_perms.may_approve(
            user, workflow_article(task_state), task_state.workflow_state
        ):
            raise PermissionDenied("不能放行自己撰写或提交的稿件的机审阻断项。")
        if task_state.status != TaskState.STATUS_IN_PROGRESS:
            raise PermissionDenied("这次机审已经结束，不能再放行。")
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError("放行必须写明理由。")
        report = task_state.machine_report
        open_items = dict(report.outstanding_blocking())
        chosen = sorted({int(i) for i in findings} & set(open_items))
        if not chosen:
            raise ValidationError("请至少选择一处尚未放行的阻断项。")
        override = MachineOverride.objects.create(
            report=report,
            user=user,
            reason=reason,
            finding_indexes=chosen,
            findings=[open_items[i] for i in chosen],
        )
        article = task_state.revision.as_object()
        log_article(
            article,
            "baoshe.machine.override",
            user=user,
            revision=task_state.revision,
            data={
                "reason": reason,
                "findings": [
                    {"excerpt": f["excerpt"], "message": f["message"]} for f in override.findings
                ],
            },
        )
        if not report.outstanding_blocking():
            task_state.approve(user=user, comment=f"机审阻断项已放行：{reason}")
        return override


class MachineReport(models.Model):
    """One 机审 run over one revision, for one task state: the report travels with the copy."""

    task_state = models.OneToOneField(
        TaskState, on_delete=models.CASCADE, related_name="machine_report", verbose_name="任务状态"
    )
    revision = models.ForeignKey(
        Revision, on_delete=models.CASCADE, related_name="machine_reports", verbose_name="版本"
    )
    report = models.JSONField("报告", default=dict)
    has_blocking = models.BooleanField("有阻断项", default=False)
    created_at = models.DateTimeField("检查时间", auto_now_add=True)

    class Meta:
        verbose_name = "机审报告"
        verbose_name_plural = "机审报告"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"机审报告 #{self.pk}（版本 {self.revision_id}）"

    @classmethod
    def run(cls, task_state):
        article = task_state.revision.as_object()
        data = machine.check(article)
        # The hash of the copy this report passed: what ``copy_changed_since_machine_check``
        # compares the latest revision with.
        data["copy_hash"] = data.get("copy_hash") or copy_hash(article)
        report = cls.objects.create(
            task_state=task_state,
            revision=task_state.revision,
            report=data,
            has_blocking=data["has_blocking"],
        )
        counts = data.get("counts", {})
        log_article(
            article,
            "baoshe.machine.check",
            revision=task_state.revision,
            data={
                "report_id": report.pk,
                "block": counts.get("block", 0),
                "warn": counts.get("warn", 0),
                "info": counts.get("info", 0),
            },
        )
        return report

    @property
    def findings(self) -> list[dict]:
        return self.report.get("findings", [])

    @property
    def counts(self) -> dict:
        return self.report.get("counts", {})

    @cached_property
    def waived_indexes(self) -> set[int]:
        waived = set()
        for override in self.overrides.all():
            waived.update(override.finding_indexes)
        return waived

    def outstanding_blocking(self) -> list[tuple[int, dict]]:
        self.__dict__.pop("waived_indexes", None)
        return [
            (i, f)
            for i, f in enumerate(self.findings)
            if f.get("severity") == "block" and i not in self.waived_indexes
        ]

    def rows(self):
        """Findings for templates, blocking first, with labels and override state."""
        waived = self.waived_indexes
        order = {"block": 0, "warn": 1, "info": 2}
        rows = [
            {
                **f,
                "index": i,
                "severity_label": machine.SEVERITY_LABELS.get(f.get("severity"), ""),
                "field_label": machine.FIELD_LABELS.get(f.get("field"), f.get("field") or ""),
                "waived": i in waived,
            }
            for i, f in enumerate(self.findings)
        ]
        return sorted(rows, key=lambda r: (order.get(r["severity"], 3), r["index"]))


class MachineOverride(models.Model):
    """A 二审/三审 editor's written decision to let blocking findings through."""

    report = models.ForeignKey(
        MachineReport, on_delete=models.CASCADE, related_name="overrides", verbose_name="机审报告"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="放行人"
    )
    reason = models.TextField("理由")
    finding_indexes = models.JSONField("放行的问题序号", default=list)
    findings = models.JSONField("放行的问题", default=list)
    created_at = models.DateTimeField("放行时间", auto_now_add=True)

    class Meta:
        verbose_name = "机审放行"
        verbose_name_plural = "机审放行"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"机审放行 #{self.pk}"


# --- 一审 二审 三审 ------------------------------------------------------------------------------


class ReviewTask(AbstractGroupApprovalTask):
    """一审 / 二审 / 三审: approval by the members of the step's groups.

    Reviewers may approve, approve with a comment, request changes (back to the author with a
    comment), or edit and pass on in one go (Wagtail's edit-then-act menu). 校对 may edit the
    copy at every step. If the copy changed since its last 机审, the step first sends it back
    through 机审, so every revision that reaches a reviewer carries a report.
    """

    class Level(models.IntegerChoices):
        FIRST = 1, "一审"
        SECOND = 2, "二审"
        THIRD = 3, "三审"

    level = models.PositiveSmallIntegerField("审级", choices=Level.choices, default=1)

    admin_form_fields = Task.admin_form_fields + ["level", "groups"]

    class Meta:
        verbose_name = "三审审核步骤"
        verbose_name_plural = "三审审核步骤"

    @classmethod
    def get_description(cls):
        return "所选用户组的成员可以通过、退回修改或修改后通过本审级。"

    def start(self, workflow_state, user=None):
        machine_task = (
            MachineReviewTask.objects.filter(
                workflow_tasks__workflow=workflow_state.workflow, active=True
            )
            .exclude(pk=self.pk)
            .first()
        )
        if machine_task is not None and self.copy_changed_since_machine_check(workflow_state):
            return machine_task.start(workflow_state, user=user)
        return super().start(workflow_state, user=user)

    @staticmethod
    def copy_changed_since_machine_check(workflow_state) -> bool:
        """Whether the copy of the latest revision differs from the copy 机审 last passed.

        Copy, not revision: a reviewer who only sets the go-live time saves a new revision
        but changes nothing a reader sees. The copy is everything the reader page prints
        (``baoshe.newsroom.copy``: captions, attributions, the wire block …), compared by
        the hash stored with the 机审 report. The latest revision is hashed afresh even when
        it is the checked one: a referenced wire article may have changed since.
        """
        refresh_latest_revision(workflow_state)
        latest = workflow_state.content_object.get_latest_revision()
        if latest is None:
            return False
        checked = (
            MachineReport.objects.filter(
                task_state__workflow_state=workflow_state,
                task_state__status=TaskState.STATUS_APPROVED,
            )
            .select_related("revision")
            .order_by("-pk")
            .first()
        )
        if checked is None:
            return True
        checked_hash = checked.report.get("copy_hash") or copy_hash(checked.revision.as_object())
        return copy_hash(latest.as_object()) != checked_hash

    def on_action(self, task_state, user, action_name, **kwargs):
        """An approval signs off machine-checked copy only.

        A reviewer who edits and approves in one go (Wagtail's edit-then-act) would otherwise
        pass text no 机审 has seen, and at 三审 publish it. Instead the step restarts: its
        ``start`` sends the changed copy through 机审, and the same level then approves the
        checked text.
        """
        if action_name == "approve" and not article_perms.may_approve(
            user, workflow_article(task_state), task_state.workflow_state
        ):
            raise PermissionDenied("不能审核通过自己撰写或提交的稿件。")
        if action_name == "approve" and self.copy_changed_since_machine_check(
            task_state.workflow_state
        ):
            task_state.cancel(
                user=user, resume=True, comment="本审级修改了稿件，已先送机审，机审后请再次审核。"
            )
            return None
        return super().on_action(task_state, user, action_name, **kwargs)

    def _may_edit(self, user):
        return (
            user.is_superuser
            or self._user_in_groups(user)
            or has_perm(user, "workflow.add_proofreadinground")
        )

    def user_can_access_editor(self, obj, user):
        return self._may_edit(user)

    def locked_for_user(self, obj, user):
        return not self._may_edit(user)

    def get_actions(self, obj, user):
        if not (user.is_superuser or self._user_in_groups(user)):
            return []
        actions = [("reject", "退回修改", True)]
        if article_perms.may_approve(user, obj, getattr(obj, "current_workflow_state", None)):
            actions += [("approve", "通过", False), ("approve", "通过并附意见", True)]
        return actions


# --- 三校 -----------------------------------------------------------------------------------------


def article_text_lines(article) -> list[str]:
    """The article as the lines a proofreader compares: its whole copy."""
    return copy_lines(article)


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
        old_lines = article_text_lines(previous.as_object()) if previous else []
        new_lines = article_text_lines(revision.as_object())
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


# --- 撤稿 / 更正 ----------------------------------------------------------------------------------


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
    def request(cls, article, user, reason, notice=""):
        if not (user.is_superuser or user.has_perm("workflow.add_withdrawal")):
            raise PermissionDenied("你没有申请撤稿的权限。")
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError("请写明撤稿理由。")
        if not article.live:
            raise ValidationError("只有已发布的稿件才能撤稿。")
        if cls.objects.filter(article=article, state__in=list(cls.STAGE_PERMISSIONS)).exists():
            raise ValidationError("这篇稿件已有待审核的撤稿申请。")
        withdrawal = cls.objects.create(
            article=article, requested_by=user, reason=reason, notice=notice.strip()
        )
        log_article(
            article,
            "baoshe.withdrawal.request",
            user=user,
            data={"request_id": withdrawal.pk, "reason": reason},
        )
        return withdrawal

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
        if not (user.is_superuser or user.has_perm("workflow.add_correction")):
            raise PermissionDenied("你没有申请更正的权限。")
        text = (text or "").strip()
        if not text:
            raise ValidationError("请填写更正内容。")
        if not article.live:
            raise ValidationError("只有已发布的稿件才能发更正。")
        correction = cls.objects.create(article=article, requested_by=user, text=text)
        log_article(
            article,
            "baoshe.correction.request",
            user=user,
            data={"request_id": correction.pk, "text": text},
        )
        return correction

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


def role_groups(user):
    return set(Group.objects.filter(user=user).values_list("name", flat=True))
