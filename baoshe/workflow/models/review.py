"""一审 / 二审 / 三审: the group-approval steps of 三审三校."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from wagtail.forms import TaskStateCommentForm
from wagtail.models import AbstractGroupApprovalTask, Task, TaskState

from baoshe.newsroom import permissions as article_perms
from baoshe.newsroom.copy import copy_hash

from .common import has_perm, refresh_latest_revision, workflow_article
from .machine_review import MachineReport, MachineReviewTask


class RequestChangesForm(TaskStateCommentForm):
    """退回修改 always says what to change: the comment is required."""

    comment = forms.CharField(
        label=gettext_lazy("What should be changed"),
        required=True,
        widget=forms.Textarea({"rows": 3}),
    )


class ReviewTask(AbstractGroupApprovalTask):
    """一审 / 二审 / 三审: approval by the members of the step's groups.

    Reviewers may approve, approve with a comment, request changes (back to the author with a
    comment), or edit and pass on in one go (Wagtail's edit-then-act menu). 校对 may edit the
    copy at every step. If the copy changed since its last 机审, the step first sends it back
    through 机审, so every revision that reaches a reviewer carries a report.
    """

    class Level(models.IntegerChoices):
        FIRST = 1, gettext_lazy("First review")
        SECOND = 2, gettext_lazy("Second review")
        THIRD = 3, gettext_lazy("Third review")

    level = models.PositiveSmallIntegerField(
        gettext_lazy("review level"), choices=Level.choices, default=1
    )

    admin_form_fields = Task.admin_form_fields + ["level", "groups"]

    class Meta:
        verbose_name = gettext_lazy("review step")
        verbose_name_plural = gettext_lazy("review steps")

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups may approve this review level, request changes, "
            "or edit and approve."
        )

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
            raise PermissionDenied(_("You cannot approve a piece you wrote or submitted."))
        if action_name == "approve" and self.copy_changed_since_machine_check(
            task_state.workflow_state
        ):
            task_state.cancel(
                user=user,
                resume=True,
                comment=_(
                    "The copy was changed at this level and has gone to machine review first; "
                    "please review it again after the check."
                ),
            )
            return None
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_form_for_action(self, action):
        if action == "reject":
            return RequestChangesForm
        return super().get_form_for_action(action)

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
        actions = [("reject", pgettext("review action", "Request changes"), True)]
        if article_perms.may_approve(user, obj, getattr(obj, "current_workflow_state", None)):
            actions += [
                ("approve", pgettext("review action", "Approve"), False),
                ("approve", pgettext("review action", "Approve with comment"), True),
            ]
        return actions
