"""三审三校's models, one module a concern; every public name is importable from here.

The pre-publication path is Wagtail's workflow framework: one ``Workflow`` "三审三校" assigned to
``newsroom.Article`` with a ``MachineReviewTask`` (机审) followed by three ``ReviewTask`` steps
(一审, 二审, 三审), each a group-approval task. Withdrawals and corrections are small models
with their own two-step review (二审 then 三审) because they act on a live article without
creating a new revision of it; docs/workflow.md gives the reasons.

``machine_review``  机审: the task, the reports that travel with revisions, overrides
``review``          一审 / 二审 / 三审
``proofreading``    三校 rounds and their diffs
``requests``        撤稿 / 更正 after publication
``common``          helpers the others share
"""

from .common import (
    has_perm,
    log_article,
    quoted_list,
    refresh_latest_revision,
    workflow_article,
)
from .machine_review import (
    OVERRIDE_OWN_REFUSED,
    OVERRIDE_REFUSED,
    RECHECK_REFUSED,
    MachineOverride,
    MachineReport,
    MachineReviewTask,
)
from .proofreading import RECORD_REFUSED, ROUND_LABELS, ProofreadingRound
from .requests import (
    Correction,
    CorrectionQuerySet,
    PostPublicationRequest,
    Withdrawal,
    withdrawn_article,
)
from .review import ReviewTask

__all__ = [
    "OVERRIDE_OWN_REFUSED",
    "OVERRIDE_REFUSED",
    "RECHECK_REFUSED",
    "RECORD_REFUSED",
    "Correction",
    "CorrectionQuerySet",
    "MachineOverride",
    "MachineReport",
    "MachineReviewTask",
    "PostPublicationRequest",
    "ProofreadingRound",
    "ROUND_LABELS",
    "ReviewTask",
    "Withdrawal",
    "has_perm",
    "log_article",
    "quoted_list",
    "refresh_latest_revision",
    "withdrawn_article",
    "workflow_article",
]
