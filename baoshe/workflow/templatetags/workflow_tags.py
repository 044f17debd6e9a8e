from django import template

register = template.Library()


@register.simple_tag
def visible_corrections(article):
    """Approved 更正 of an article, oldest first (none for an unsaved preview object)."""
    from baoshe.workflow.models import Correction

    if not getattr(article, "pk", None):
        return []
    return list(Correction.objects.filter(article_id=article.pk).visible())
