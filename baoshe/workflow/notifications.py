"""三审三校's notification mail, sent off the request when it goes to a mail server.

Wagtail mails the next step's group (and the submitter) from inside the approve request: with
a mail server that is one SMTP conversation per recipient, and the reviewer waits for all of
them (a group of ten at 0.3 s a message is 3 s). Here the same notifiers run from a
django-tasks task after the transaction commits, so an approval answers at once and the
worker (``baoshe serve``) sends the mail. Mail written to files, the console or memory (the
default without ``EMAIL_URL``, and the tests) is still sent at once: it costs nothing.

The handlers are connected under Wagtail's own ``dispatch_uid``s before Wagtail connects its
(``baoshe.workflow`` is installed before ``wagtail.admin``), which makes Wagtail's connect a
no-op: one handler per event, never two mails.
"""

from django.conf import settings
from django.db import transaction
from django_tasks import task
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

#: backends that deliver nothing over the network: sent in the request
LOCAL_MAIL_BACKENDS = {
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}

#: event → (signal, sender, Wagtail's dispatch_uid, notifier in wagtail.admin.signal_handlers)
EVENTS = {
    "task_submitted": (
        task_submitted,
        TaskState,
        "group_approval_task_submitted_email_notification",
        "task_submission_email_notifier",
    ),
    "workflow_submitted": (
        workflow_submitted,
        WorkflowState,
        "workflow_state_submitted_email_notification",
        "workflow_submission_email_notifier",
    ),
    "workflow_rejected": (
        workflow_rejected,
        WorkflowState,
        "workflow_state_rejected_email_notification",
        "workflow_rejection_email_notifier",
    ),
    "workflow_approved": (
        workflow_approved,
        WorkflowState,
        "workflow_state_approved_email_notification",
        "workflow_approval_email_notifier",
    ),
}


def mail_goes_to_a_server() -> bool:
    return settings.EMAIL_BACKEND not in LOCAL_MAIL_BACKENDS


def _notify(event, instance, user):
    from wagtail.admin import signal_handlers

    _signal, sender, _uid, notifier = EVENTS[event]
    return getattr(signal_handlers, notifier)(sender=sender, instance=instance, user=user)


@task()
def send_workflow_notification(event: str, instance_pk: int, user_pk: int | None) -> bool:
    """Wagtail's notifier for ``event``, on the task or workflow state as it is now."""
    from django.contrib.auth import get_user_model

    _signal, sender, _uid, _notifier = EVENTS[event]
    instance = sender.objects.filter(pk=instance_pk).first()
    if instance is None:
        return False
    user = get_user_model().objects.filter(pk=user_pk).first() if user_pk else None
    return bool(_notify(event, instance, user))


def _handler(event):
    def handler(sender, instance=None, user=None, **kwargs):
        if instance is None:
            return None
        if not mail_goes_to_a_server():
            return _notify(event, instance, user)
        user_pk = getattr(user, "pk", None)
        transaction.on_commit(
            lambda: send_workflow_notification.enqueue(event, instance.pk, user_pk)
        )
        return None

    handler.__name__ = f"deferred_{event}_notification"
    return handler


_HANDLERS = {event: _handler(event) for event in EVENTS}


def connect():
    """Called from ``WorkflowConfig.ready``, before ``wagtail.admin`` connects its own."""
    for event, (signal, sender, uid, _notifier) in EVENTS.items():
        signal.connect(_HANDLERS[event], sender=sender, dispatch_uid=uid)
