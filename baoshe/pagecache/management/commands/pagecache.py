"""``baoshe pagecache``: look at, empty, or keep in step the kept reader pages.

- ``baoshe pagecache stats``: where the pages are kept and how many there are;
- ``baoshe pagecache clear``: forget every kept page (they are rendered again on demand);
- ``baoshe pagecache listen``: on a server of several, apply the purges the others broadcast
  over Redis (``baoshe serve`` starts it when ``REDIS_URL`` is set).
"""

import json
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from baoshe.pagecache import conf
from baoshe.pagecache.purge import CHANNEL, purge_locally
from baoshe.pagecache.store import PageStore

RECONNECT_SECONDS = 2.0


class Command(BaseCommand):
    help = _("Show, clear or keep in step the page cache (stats, clear, listen).")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["stats", "clear", "listen"])

    def handle(self, *args, action, **options):
        store = PageStore(conf.root())
        if action == "stats":
            self.stdout.write(
                _("Kept pages: %(count)s in %(root)s (generation %(generation)s)")
                % {"count": store.count(), "root": store.root, "generation": store.generation()}
            )
        elif action == "clear":
            store.purge_all()
            self.stdout.write(_("Every kept page was forgotten."))
        else:
            self.listen()

    def listen(self):
        if not settings.REDIS_URL:
            raise CommandError(_("Set REDIS_URL: purges travel between servers over Redis."))
        import redis

        while True:
            try:
                pubsub = redis.Redis.from_url(settings.REDIS_URL).pubsub()
                pubsub.subscribe(CHANNEL)
                # Whatever was purged while we were not listening is unknown: start afresh.
                PageStore(conf.root()).purge_all()
                self.stdout.write(_("Listening for page cache purges."))
                for message in pubsub.listen():
                    if message.get("type") != "message":
                        continue
                    try:
                        paths = set(json.loads(message["data"]))
                    except (TypeError, ValueError):
                        continue
                    purge_locally({path for path in paths if isinstance(path, str)})
            except redis.ConnectionError as exc:
                self.stderr.write(_("Redis unavailable (%(error)s); retrying.") % {"error": exc})
                time.sleep(RECONNECT_SECONDS)
