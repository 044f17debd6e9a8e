"""Scheduled publishing and expiry without cron.

``run_due`` is what Wagtail's ``publish_scheduled`` command does, as a function that takes the
clock as an argument: it unpublishes live objects whose ``expire_at`` has passed and publishes
revisions whose approved go-live time has come, for every model with ``DraftStateMixin``
(articles, and columns and single pages too). ``baoshe serve`` calls it every 30 seconds
through the task queue; tests call it directly with a ``now`` of their choosing.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.actions.publish_revision import PublishRevisionAction
from wagtail.models import DraftStateMixin, Page, Revision

logger = logging.getLogger(__name__)

# Functions of ``now`` registered under this hook run on every tick of the clock, after the
# publishing: what changes by time alone (a cached page valid until a release time) goes then.
CLOCK_HOOK = "baoshe_clock_tick"


@dataclass
class DueSummary:
    now: dt.datetime
    published: list[str] = field(default_factory=list)
    expired: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def __str__(self):
        counts = {
            "time": f"{timezone.localtime(self.now):%Y-%m-%d %H:%M:%S}",
            "published": len(self.published),
            "expired": len(self.expired),
            "errors": len(self.errors),
        }
        if self.errors:
            return (
                _("%(time)s published: %(published)s, expired: %(expired)s, failed: %(errors)s")
                % counts
            )
        return _("%(time)s published: %(published)s, expired: %(expired)s") % counts

    def to_dict(self):
        return {
            "now": self.now.isoformat(),
            "published": self.published,
            "expired": self.expired,
            "errors": self.errors,
        }


class ScheduledPublish(PublishRevisionAction):
    """Publish a revision the scheduler found due at ``now``.

    Wagtail compares ``go_live_at`` with the wall clock when publishing; the scheduler's clock
    decides instead, so a revision that is due by ``now`` goes live even if the wall clock is a
    few seconds behind (or a test passes a later ``now``).
    """

    def __init__(self, revision, now):
        super().__init__(revision, log_action="wagtail.publish.scheduled")
        if self.object.go_live_at and self.object.go_live_at > timezone.now():
            self.object.go_live_at = min(self.object.go_live_at, now, timezone.now())


def _draft_models():
    return [Page] + [
        model
        for model in apps.get_models()
        if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
    ]


def _label(obj) -> str:
    return f"{obj._meta.verbose_name}#{obj.pk} {obj}"


def run_due(now: dt.datetime | None = None) -> DueSummary:
    """Expire what is past its end time, then publish what is due, as of ``now``."""
    now = now or timezone.now()
    summary = DueSummary(now=now)

    for model in _draft_models():
        for obj in list(model.objects.filter(live=True, expire_at__lte=now).order_by("expire_at")):
            try:
                with transaction.atomic():
                    obj = obj.specific if isinstance(obj, Page) else obj
                    obj.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
                summary.expired.append(_label(obj))
            except Exception as exc:  # one bad row must not stop the rest
                logger.exception("expiring %s failed", obj)
                summary.errors.append(f"{_label(obj)}: {exc}")

    due = Revision.objects.filter(approved_go_live_at__lte=now).order_by("approved_go_live_at")
    for revision in list(due):
        try:
            with transaction.atomic():
                action = ScheduledPublish(revision, now)
                action.execute(skip_permission_checks=True)
            summary.published.append(_label(action.object))
        except Exception as exc:
            logger.exception("scheduled publishing of revision %s failed", revision.pk)
            summary.errors.append(f"revision {revision.pk}: {exc}")
    for tick in hooks.get_hooks(CLOCK_HOOK):  # e.g. the page cache forgets pages due now
        try:
            tick(now)
        except Exception as exc:
            logger.exception("clock hook %s failed", tick)
            summary.errors.append(f"{getattr(tick, '__name__', tick)}: {exc}")
    if summary.published or summary.expired or summary.errors:
        logger.info("%s", summary)
    return summary
