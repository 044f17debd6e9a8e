"""Whole issues: page names, story rotation, 转版 between pages, files on disk."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
from collections.abc import Sequence

from .content import BANK, body_paragraphs, byline, caption
from .page import compose_page, compose_scanned_page
from .specs import ArticleSpec, GeneratedIssue, ImageSpec

SECTIONS = ["要闻", "要闻", "城事", "经济", "教育", "民生", "文化", "体育"]


def page_numbers(n_pages: int) -> list[tuple[str, str]]:
    """A01..A08 then B01..B08 (a 16-page broadsheet has two sections)."""
    out = []
    for i in range(n_pages):
        letter = "AB"[i // 8] if i < 16 else chr(ord("A") + i // 8)
        out.append(
            (
                f"{letter}{i % 8 + 1:02d}",
                SECTIONS[i % 8]
                if i < 8
                else ["综合", "都市", "财经", "科技", "健康", "旅游", "副刊", "广告"][i % 8],
            )
        )
    return out


def bank_article(rng: random.Random, index: int) -> ArticleSpec:
    """A bank story with optional parts randomly present, extendable to any length."""
    topic, kicker, title, subtitle, lead = BANK[index % len(BANK)]
    image = None
    if rng.random() < 0.4:
        image = ImageSpec(
            caption=caption(rng, topic), aspect=rng.uniform(0.5, 0.75), seed=rng.randint(0, 10**6)
        )
    return ArticleSpec(
        title=title,
        kicker=kicker if rng.random() < 0.85 else "",
        subtitle=subtitle if rng.random() < 0.85 else "",
        byline=byline(rng) if rng.random() < 0.85 else "",
        paragraphs=body_paragraphs(rng, topic, lead, count=40),
        image=image,
        topic=topic,
        key=f"bank-{index % len(BANK)}",
        extend=True,
    )


def generate_issue(
    seed: int = 0,
    n_pages: int = 8,
    *,
    articles: Sequence[ArticleSpec] = (),
    date: dt.date | None = None,
    scanned_pages: Sequence[int] | None = None,
    issue_no: int = 1024,
    continuations: bool = True,
) -> GeneratedIssue:
    """Generate an issue of `n_pages` single-page PDFs with ground truth.

    `articles` (e.g. the web demo stories) are placed first, in order, lead slot of
    A01 first; bank stories fill the rest. `scanned_pages` are 0-based indexes of
    pages drawn as a picture without text layer; None means "the last page when the
    issue has 8 pages or more". With `continuations`, one story on each of the first
    pages jumps (下转) to a later page where it resumes (上接).
    """
    rng = random.Random(seed)
    date = date or dt.date(2025, 6, 18)
    if scanned_pages is None:
        scanned_pages = [n_pages - 1] if n_pages >= 8 else []
    user = list(articles)
    bank_order = list(range(len(BANK)))
    rng.shuffle(bank_order)
    counter = {"n": 0}

    def next_article(page_rng: random.Random) -> ArticleSpec:
        if user:
            return user.pop(0)
        i = counter["n"]
        counter["n"] += 1
        return bank_article(page_rng, bank_order[i % len(bank_order)])

    numbers = page_numbers(n_pages)
    text_pages = [i for i in range(n_pages) if i not in set(scanned_pages)]
    jumps: dict[int, int] = {}
    if continuations and len(text_pages) >= 3:
        # A01 jumps to a later page, like front-page stories do; one more inner jump.
        jumps[text_pages[0]] = text_pages[min(2, len(text_pages) - 1)]
        if len(text_pages) >= 6:
            jumps[text_pages[1]] = text_pages[4]
    pending: dict[int, tuple] = {}
    pages = []
    for i, (number, name) in enumerate(numbers):
        page_seed = seed * 1000 + i
        if i in scanned_pages:
            pages.append(compose_scanned_page(number, name, page_seed))
            continue
        to = numbers[jumps[i]][0] if i in jumps else None
        page, outgoing = compose_page(
            number,
            name,
            date,
            page_seed,
            next_article,
            issue_no=issue_no,
            n_pages=n_pages,
            continued_in=pending.pop(i, None),
            continue_to=to,
        )
        if outgoing and i in jumps:
            pending[jumps[i]] = outgoing
        pages.append(page)
    return GeneratedIssue(date=date.isoformat(), pages=pages)


def write_issue(
    directory: str | os.PathLike, issue: GeneratedIssue | None = None, **kwargs
) -> GeneratedIssue:
    """Write `A01-要闻.pdf` files, `truth.json` (per page) and `manifest.json`."""
    issue = issue or generate_issue(**kwargs)
    os.makedirs(directory, exist_ok=True)
    truth = {}
    manifest = {"date": issue.date, "pages": []}
    for p in issue.pages:
        with open(os.path.join(directory, p.filename), "wb") as fh:
            fh.write(p.pdf_bytes)
        truth[p.number] = p.truth.to_dict()
        manifest["pages"].append({"number": p.number, "name": p.name, "file": p.filename})
    with open(os.path.join(directory, "truth.json"), "w", encoding="utf-8") as fh:
        json.dump(truth, fh, ensure_ascii=False, indent=1)
    with open(os.path.join(directory, "manifest.json"), "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, ensure_ascii=False, indent=1)
    return issue
