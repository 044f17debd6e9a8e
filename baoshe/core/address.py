"""The paper's public address: ``settings.BAOSHE_BASE_URL`` is the one source of truth.

Code that needs an absolute URL without a request builds it with :func:`public_url`. Wagtail
keeps its own copy of the address in the default ``Site`` record (hostname and port, used by
``Page.get_full_url``); :func:`sync_default_site` sets it from BAOSHE_BASE_URL (``baoshe
sync-site``, and the demo loader does the same), and the ``baoshe.W001`` check warns at
``migrate`` time when the two disagree.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.db import DatabaseError
from django.utils.translation import gettext as _


def public_url(path: str = "/") -> str:
    """``path`` on the paper's public address, e.g. ``https://news.example.com/about/``."""
    return settings.BAOSHE_BASE_URL.rstrip("/") + "/" + path.lstrip("/")


def site_address() -> tuple[str, int]:
    """(hostname, port) of BAOSHE_BASE_URL, as Wagtail's Site record stores them."""
    parts = urlsplit(settings.BAOSHE_BASE_URL)
    return parts.hostname or "localhost", parts.port or (443 if parts.scheme == "https" else 80)


def sync_default_site() -> bool:
    """Point the default Site record at BAOSHE_BASE_URL; True when it had to change."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == site_address():
        return False
    site.hostname, site.port = site_address()
    site.save(update_fields=["hostname", "port"])
    return True


@checks.register(checks.Tags.database)
def check_site_address(app_configs=None, databases=None, **kwargs):
    """Run with the database checks (``migrate``, ``check --database default``)."""
    from wagtail.models import Site

    try:
        site = Site.objects.filter(is_default_site=True).first()
    except DatabaseError:  # not migrated yet
        return []
    if site is None or (site.hostname, site.port) == site_address():
        return []
    return [
        checks.Warning(
            _(
                "The default site record is %(address)s, which does not match BAOSHE_BASE_URL "
                "(%(url)s)."
            )
            % {"address": f"{site.hostname}:{site.port}", "url": settings.BAOSHE_BASE_URL},
            hint=_("Run `baoshe sync-site` to make the site record follow BAOSHE_BASE_URL."),
            obj=site,
            id="baoshe.W001",
        )
    ]
