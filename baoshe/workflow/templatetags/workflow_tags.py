from django import template

from baoshe.core import versions

register = template.Library()

CORRECTIONS = "corrections"


@register.simple_tag(takes_context=True)
def visible_corrections(context, article):
    """Approved 更正 of an article, oldest first (none for an unsaved preview object). Kept in
    the cache under the ``corrections`` version token, which every saved or deleted
    correction moves, so a cold article render does not query for them."""
    from baoshe.workflow.models import Correction

    if not getattr(article, "pk", None):
        return []

    def compute():
        return list(Correction.objects.filter(article_id=article.pk).visible())

    return versions.cached(
        CORRECTIONS, f"corrections:{article.pk}", compute, context.get("request")
    )


def corrections_changed(sender, raw=False, **kwargs):
    if not raw:  # now, and again once committed (see epaper/signals.py)
        versions.bump(CORRECTIONS)
        versions.bump_on_commit(CORRECTIONS)
