"""Helpers the workflow's models share: permission checks, the article of a state, logging."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import pgettext
from wagtail.log_actions import log


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


def in_paper_language():
    """Text stored for the record (a log entry's labels, a request's comment history) is in the
    paper's language, whatever the language of the editor who acted."""
    return translation.override(settings.LANGUAGE_CODE)


def log_article(article, action, user=None, data=None, revision=None):
    return log(instance=article, action=action, user=user, data=data or {}, revision=revision)


def quoted_list(texts) -> str:
    """“甲”、“乙”: quoted excerpts in one run, separated as the language separates a list."""
    return pgettext("list separator", ", ").join(f"“{text}”" for text in texts)
