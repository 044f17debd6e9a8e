"""Any change to the 机审 configuration invalidates every process's cached ``Proofreader``.

The version is bumped immediately (this process, and tests running inside one transaction)
and again once the transaction commits, so another process cannot rebuild from the old rows
and keep that stale result under the new token.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from .service import bump_config_version


def _config_changed(sender, **kwargs):
    bump_config_version()
    transaction.on_commit(bump_config_version)


def connect() -> None:
    from .models import CorrectionRule, NameEntry, ProofreadSettings, WordList

    for model in (ProofreadSettings, WordList, NameEntry, CorrectionRule):
        uid = f"proofread-config-{model._meta.model_name}"
        post_save.connect(_config_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_config_changed, sender=model, dispatch_uid=f"{uid}-delete")
