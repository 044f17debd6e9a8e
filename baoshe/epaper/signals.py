"""Any saved or deleted 数字报 row moves the ``epaper`` version token (``core/versions.py``),
which the article page's cached 数字报 link is kept under."""

from django.db.models.signals import post_delete, post_save

from baoshe.core import versions

EPAPER = "epaper"


def changed(sender, **kwargs):
    if kwargs.get("raw"):
        return
    # Now (what is rendered from here on is not kept under the old token) and once committed
    # (what was rendered meanwhile, from the state before, is not kept either).
    versions.bump(EPAPER)
    versions.bump_on_commit(EPAPER)


def connect():
    from .models import Issue, PrintArticle, PrintPage, Publication

    for model in (Publication, Issue, PrintPage, PrintArticle):
        post_save.connect(
            changed, sender=model, dispatch_uid=f"epaper_version_save_{model.__name__}"
        )
        post_delete.connect(
            changed, sender=model, dispatch_uid=f"epaper_version_delete_{model.__name__}"
        )
