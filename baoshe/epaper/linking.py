"""Match printed stories to the web articles they were made from (网络版 ↔ 数字报).

Desks rewrite headlines for print and cut stories to fit, so neither an exact title nor an
exact body comparison works. A print story and a web article are compared on *content words*
(jieba segmentation, words of two or more characters, stop words and numbers dropped):

    score = 0.4 × cosine(title words) + 0.6 × containment(print body words in web words)

Containment (the share of the printed story's distinct words found in the web article)
rather than Jaccard, because the print version is usually the web text cut short; cosine on
titles, because a rewritten headline keeps most of its nouns. A pair is linked when the
score reaches ``BAOSHE_EPAPER_LINK_THRESHOLD`` (default 0.55). On the demo paper matching
stories score 0.9–1.0 and unrelated ones below 0.3 (stories on the same city share words
like 示例市, 市民, 项目), so 0.55 leaves margin both ways; docs/epaper.md has the numbers.

Candidates are the public web articles first published within ``LINK_WINDOW_DAYS`` (default 1)
of the issue date, in the site's time zone: the web usually runs a story the evening before
or the morning of the printed day. Several printed parts (a story and its 转版 continuation)
may link to the same web article.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
from collections import Counter
from dataclasses import dataclass

from . import conf
from .lexicon import STOP_WORDS

_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z]")


def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def content_words(text: str) -> list[str]:
    """Words of two or more characters with a letter or 汉字, minus stop words."""
    if not text:
        return []
    return [
        w for w in _jieba().lcut(text) if len(w) >= 2 and _WORD.search(w) and w not in STOP_WORDS
    ]


def cosine(a: list[str], b: list[str]) -> float:
    if not a or not b:
        return 0.0
    ca, cb = Counter(a), Counter(b)
    dot = sum(ca[w] * cb[w] for w in ca.keys() & cb.keys())
    norm = math.sqrt(sum(v * v for v in ca.values())) * math.sqrt(sum(v * v for v in cb.values()))
    return dot / norm if norm else 0.0


def containment(part: list[str], whole: list[str]) -> float:
    words = set(part)
    if not words:
        return 0.0
    return len(words & set(whole)) / len(words)


@dataclass
class Text:
    """The words of one story, computed once per story."""

    title: list[str]
    body: list[str]

    @classmethod
    def of(cls, title: str, body: str) -> Text:
        return cls(content_words(title), content_words(body))


def score(printed: Text, web: Text) -> float:
    return 0.4 * cosine(printed.title, web.title) + 0.6 * containment(printed.body, web.body)


def web_candidates(date: dt.date) -> list[tuple[int, Text]]:
    """Public web articles published within the window around ``date``, as (id, words).

    Public as readers see it (``Article.objects.public()``): a printed story is never linked
    to a draft, nor to a piece under a restricted or unpublished column."""
    from baoshe.newsroom.models import Article

    window = dt.timedelta(days=conf.link_window_days())
    articles = Article.objects.public().filter(
        first_published_at__date__range=(date - window, date + window)
    )
    return [
        (
            article.pk,
            Text.of(
                f"{article.kicker} {article.title} {article.subtitle}",
                "\n".join([article.summary, *article.plain_paragraphs()]),
            ),
        )
        for article in articles
    ]


def best_matches(
    printed: dict, candidates: list[tuple[int, Text]], threshold: float | None = None
) -> dict:
    """For each printed key → Text, the best web (id, score) at or above the threshold."""
    threshold = conf.link_threshold() if threshold is None else threshold
    links = {}
    for key, text in printed.items():
        scored = [(score(text, web), web_id) for web_id, web in candidates]
        if not scored:
            continue
        best, web_id = max(scored)
        if best >= threshold:
            links[key] = (web_id, round(best, 3))
    return links


def link_prepared(prepared_pages, date: dt.date) -> dict:
    """Links for the articles of pages being imported: (版次, position) → (web id, score)."""
    printed = {}
    for page in prepared_pages:
        for position, article in enumerate(page.layout.articles):
            body = "\n".join(article.paragraphs)
            if article.title or len(body) >= 30:
                printed[(page.source.number, position)] = Text.of(article.title, body)
    if not printed:
        return {}
    candidates = web_candidates(date)
    return best_matches(printed, candidates) if candidates else {}
