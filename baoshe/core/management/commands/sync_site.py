from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from baoshe.core.address import site_address, sync_default_site


class Command(BaseCommand):
    @property
    def help(self):
        # Translated when asked for: argparse cannot take a lazy string.
        return _("Make Wagtail's default site record (hostname, port) follow BAOSHE_BASE_URL.")

    def handle(self, *args, **options):
        hostname, port = site_address()
        address = {"address": f"{hostname}:{port}"}
        if sync_default_site():
            self.stdout.write(_("The default site is now %(address)s.") % address)
        else:
            self.stdout.write(
                _("The default site is already %(address)s (or there is no default site).")
                % address
            )
