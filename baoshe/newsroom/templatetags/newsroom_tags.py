import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime

register = template.Library()

# json.dumps does not escape "</script>"; these replacements make embedding safe.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def source_label(article, paper_name):
    return article.source_label(paper_name)


@register.simple_tag(takes_context=True)
def article_jsonld(context, article, paper, canonical_url):
    """schema.org NewsArticle, as search engines read it."""
    request = context.get("request")
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.display_title[:110],
        "description": article.description,
        "mainEntityOfPage": canonical_url,
        "url": canonical_url,
        "articleSection": article.column.title,
        "inLanguage": "zh-CN",
        "isAccessibleForFree": True,
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": paper.publisher or paper.paper_name,
        },
    }
    if article.first_published_at:
        data["datePublished"] = localtime(article.first_published_at).isoformat()
    if article.last_published_at:
        data["dateModified"] = localtime(article.last_published_at).isoformat()
    if article.authors:
        data["author"] = [{"@type": "Person", "name": article.authors}]
    else:
        data["author"] = [{"@type": "Organization", "name": paper.paper_name}]
    if article.cover_image:
        rendition = article.cover_image.get_rendition("fill-1200x630")
        data["image"] = [
            rendition.full_url if request is None else request.build_absolute_uri(rendition.url)
        ]
    if article.is_reprint and article.reprint_url:
        data["isBasedOn"] = article.reprint_url
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.simple_tag(takes_context=True)
def article_fragments(context, slot):
    """Every fragment registered for ``slot`` (see ``baoshe.newsroom.fragments``), rendered as
    an ``{% include %}`` of its template with the page's context."""
    from baoshe.newsroom.fragments import article_fragments as fragments_for

    article = context.get("article")
    request = context.get("request")
    engine = context.template.engine
    rendered = []
    for fragment in fragments_for(slot):
        extra = fragment.context(article, request) if fragment.context else {}
        with context.push(extra):
            rendered.append(engine.get_template(fragment.template).render(context))
    return mark_safe("\n    ".join(rendered))
