"""机审: the workflow step that runs the proofreading service, its reports and overrides."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from wagtail.models import Revision, Task, TaskState

from baoshe.newsroom import permissions as article_perms
from baoshe.newsroom.copy import FIELD_LABELS
from baoshe.proofread.service import check_article

from .common import (
    has_perm,
    log_article,
    quoted_list,
    refresh_latest_revision,
    workflow_article,
)

# How the review page names a finding's severity.
SEVERITY_LABELS = {
    "block": gettext_lazy("Blocking"),
    "warn": gettext_lazy("Warning"),
    "info": gettext_lazy("Note"),
}

# Refusals the review page's views give too.
RECHECK_REFUSED = gettext_lazy(
    "Only the author or someone who may edit this piece can ask for a new machine review."
)
OVERRIDE_REFUSED = gettext_lazy("Only second and third reviewers may waive blocking findings.")
OVERRIDE_OWN_REFUSED = gettext_lazy(
    "You cannot waive blocking findings in a piece you wrote or submitted."
)


class MachineReviewTask(Task):
    """机审: runs the proofreading service over the submitted revision.

    Nothing blocking: the task approves itself and the piece moves on to 一审. Blocking
    findings: the task stays in progress until the author fixes the copy and asks for a new
    check (the edited revision is checked again), or a 二审/三审 editor overrides each blocking
    finding with a written reason.
    """

    admin_form_fields = Task.admin_form_fields

    class Meta:
        verbose_name = gettext_lazy("machine review (automatic proofreading)")
        verbose_name_plural = gettext_lazy("machine reviews (automatic proofreading)")

    @classmethod
    def get_description(cls):
        return _(
            "Runs automatic proofreading. Copy with no blocking findings passes at once; "
            "blocking findings must be fixed and checked again, or waived with a written "
            "reason by a second or third reviewer."
        )

    def start(self, workflow_state, user=None):
        refresh_latest_revision(workflow_state)
        task_state = super().start(workflow_state, user=user)
        report = MachineReport.run(task_state)
        if not report.has_blocking:
            task_state.approve(
                user=None, update=False, comment=_("Machine review passed: no blocking findings.")
            )
        elif self.carry_overrides_forward(report, workflow_state):
            task_state.approve(
                user=None,
                update=False,
                comment=_("Machine review passed: the blocking findings are those already waived."),
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
                reason=_("Carried over from an earlier waiver: %(reason)s")
                % {"reason": override.reason},
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
            actions.append(("recheck", _("Check again after changes"), False))
        if self.user_can_override(user, obj, getattr(obj, "current_workflow_state", None)):
            actions.append(("reject", pgettext("review action", "Request changes"), True))
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        article = workflow_article(task_state)
        if action_name == "recheck":
            if not self.user_can_recheck(user, article):
                raise PermissionDenied(RECHECK_REFUSED)
            with transaction.atomic():
                task_state.cancel(user=user, resume=True, comment=_("Check again after changes"))
        elif action_name == "reject":
            if not self.user_can_override(user, article, task_state.workflow_state):
                raise PermissionDenied(
                    _("Only second and third reviewers may send back a piece in machine review.")
                )
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
            raise PermissionDenied(OVERRIDE_REFUSED)
        if not article_perms.may_approve(
            user, workflow_article(task_state), task_state.workflow_state
        ):
            raise PermissionDenied(OVERRIDE_OWN_REFUSED)
        if task_state.status != TaskState.STATUS_IN_PROGRESS:
            raise PermissionDenied(_("This machine review has ended: nothing can be waived now."))
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError(_("A waiver needs a written reason."))
        report = task_state.machine_report
        open_items = dict(report.outstanding_blocking())
        chosen = sorted({int(i) for i in findings} & set(open_items))
        if not chosen:
            raise ValidationError(_("Choose at least one blocking finding not yet waived."))
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
            task_state.approve(
                user=user,
                comment=_("Blocking findings waived: %(reason)s") % {"reason": reason},
            )
        return override


class MachineReport(models.Model):
    """One 机审 run over one revision, for one task state: the report travels with the copy."""

    task_state = models.OneToOneField(
        TaskState,
        on_delete=models.CASCADE,
        related_name="machine_report",
        verbose_name=gettext_lazy("task state"),
    )
    revision = models.ForeignKey(
        Revision,
        on_delete=models.CASCADE,
        related_name="machine_reports",
        verbose_name=gettext_lazy("checked revision"),
    )
    report = models.JSONField(gettext_lazy("report"), default=dict)
    has_blocking = models.BooleanField(gettext_lazy("has blocking findings"), default=False)
    created_at = models.DateTimeField(gettext_lazy("checked at"), auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("machine review report")
        verbose_name_plural = gettext_lazy("machine review reports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return _("Machine review report #%(pk)s (revision %(revision)s)") % {
            "pk": self.pk,
            "revision": self.revision_id,
        }

    @classmethod
    def run(cls, task_state):
        article = task_state.revision.as_object()
        # Stored as the proofreading service's own ``ArticleReport.to_dict()``, one format
        # everywhere; its ``copy_hash`` (the copy this report passed) is what
        # ``ReviewTask.copy_changed_since_machine_check`` compares the latest revision with.
        data = check_article(article).to_dict()
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
                "severity_label": SEVERITY_LABELS.get(f.get("severity"), ""),
                "field_label": FIELD_LABELS.get(f.get("field"), f.get("field") or ""),
                "waived": i in waived,
            }
            for i, f in enumerate(self.findings)
        ]
        return sorted(rows, key=lambda r: (order.get(r["severity"], 3), r["index"]))


class MachineOverride(models.Model):
    """A 二审/三审 editor's written decision to let blocking findings through."""

    report = models.ForeignKey(
        MachineReport,
        on_delete=models.CASCADE,
        related_name="overrides",
        verbose_name=gettext_lazy("machine review report"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=gettext_lazy("waived by"),
    )
    reason = models.TextField(gettext_lazy("reason"))
    finding_indexes = models.JSONField(gettext_lazy("numbers of the waived findings"), default=list)
    findings = models.JSONField(gettext_lazy("waived findings"), default=list)
    created_at = models.DateTimeField(gettext_lazy("waived at"), auto_now_add=True)

    class Meta:
        verbose_name = gettext_lazy("machine review waiver")
        verbose_name_plural = gettext_lazy("machine review waivers")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return _("Machine review waiver #%(pk)s") % {"pk": self.pk}

    def quoted_excerpts(self) -> str:
        return quoted_list(f["excerpt"] for f in self.findings)
