"""Every save and delete of something a reader page shows purges those pages.

Receivers listen to every model (the ``pagecache_urls`` hook decides what matters), and to
Wagtail's page moves, whose tree update is a queryset ``update`` with no ``post_save``.
"""

from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from . import conf
from .purge import ALL, purge, purge_instance, urls_for

_PREVIOUS = "_pagecache_previous_urls"


def before_save(sender, instance, raw=False, **kwargs):
    """Note what the row showed before this save (an article moving leaves a column)."""
    if raw or instance.pk is None or not urls_for(instance):
        return
    previous = type(instance)._base_manager.filter(pk=instance.pk).first()
    if previous is not None:
        setattr(instance, _PREVIOUS, urls_for(previous))


def after_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    paths = urls_for(instance) | getattr(instance, _PREVIOUS, set())
    if hasattr(instance, _PREVIOUS):
        delattr(instance, _PREVIOUS)
    purge({ALL} if ALL in paths else paths)


def after_delete(sender, instance, **kwargs):
    purge_instance(instance)


def after_publication_change(sender, instance, **kwargs):
    purge_instance(instance)


def after_move(sender, instance, **kwargs):
    purge({ALL})


def connect():
    if not conf.enabled():
        return
    pre_save.connect(before_save, dispatch_uid="pagecache_pre_save")
    post_save.connect(after_save, dispatch_uid="pagecache_post_save")
    post_delete.connect(after_delete, dispatch_uid="pagecache_post_delete")
    for signal in (page_published, page_unpublished, published, unpublished):
        signal.connect(after_publication_change, dispatch_uid=f"pagecache_{id(signal)}")
    post_page_move.connect(after_move, dispatch_uid="pagecache_move")
