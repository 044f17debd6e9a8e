"""Demo content for 示例日报 (website 示例网), the city daily of the invented 示例市, read from
the data files beside this module: nothing here holds the demo's prose.

``data/paper.toml``
    the paper's fixed lines (ICP number, slogan, contact line), licences, friend links and the
    column tree (``[[columns]]`` in navigation order; ``parent`` names a column's parent slug).
``data/articles/NNN-<key>.md``
    one article per file, in the order the loader creates them: TOML front matter between
    ``+++`` lines (key, column, title, kicker, subtitle, summary, authors, editor, days_ago,
    hour, featured, tags, and optional ``[image]``, ``[reprint]`` and ``[wire]`` tables), then
    the body.
``data/pages/<slug>.md``
    the footer's single pages (关于我们, 广告服务, 版权声明, 联系我们), front matter ``title``.

Bodies use a small Markdown subset an editor can write without help: paragraphs separated by
a blank line, ``## `` for a sub-heading, and a quotation as ``> text`` followed by a line
``> —— attribution``. They are parsed into ``("p", text)``, ``("h", heading)`` and
``("quote", text, attribution)``, the shapes the loader builds StreamField blocks from.

Every place, person, company, organisation, number and event in the data is invented; phone
numbers, e-mail addresses and web sites use reserved or obviously fake values. ``days_ago``
and ``hour`` place an article in the last three weeks; the stories are written as if "today"
were 11月23日.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
FRONT_MATTER = "+++"
ATTRIBUTION = "—— "


class DemoDataError(ValueError):
    """A demo data file that does not follow the format above; the message names the file."""


def split_front_matter(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    if not lines or lines[0].strip() != FRONT_MATTER:
        raise DemoDataError(f"{path.name}: 文件须以 +++ 开头的 TOML 头信息开始")
    try:
        end = next(i for i, line in enumerate(lines[1:], 1) if line.strip() == FRONT_MATTER)
    except StopIteration:
        raise DemoDataError(f"{path.name}: TOML 头信息没有以 +++ 结束") from None
    try:
        meta = tomllib.loads("\n".join(lines[1:end]))
    except tomllib.TOMLDecodeError as exc:
        raise DemoDataError(f"{path.name}: TOML 头信息有误：{exc}") from None
    return meta, "\n".join(lines[end + 1 :])


def parse_body(markdown: str, name: str = "") -> list[tuple]:
    """Paragraphs, ``## `` headings and ``> `` quotations with a ``> —— `` attribution."""
    blocks = []
    for chunk in markdown.strip().split("\n\n"):
        lines = [line.strip() for line in chunk.strip().splitlines()]
        if not lines or not lines[0]:
            continue
        if lines[0].startswith("## "):
            blocks.append(("h", lines[0][3:].strip()))
        elif lines[0].startswith(">"):
            quoted = [line.lstrip(">").strip() for line in lines]
            if len(quoted) != 2 or not quoted[1].startswith(ATTRIBUTION):
                raise DemoDataError(f"{name}: 引语须为“> 引文”加一行“> —— 出处”")
            blocks.append(("quote", quoted[0], quoted[1][len(ATTRIBUTION) :].strip()))
        else:
            blocks.append(("p", "".join(lines)))
    return blocks


def read_article(path: Path) -> dict:
    meta, body = split_front_matter(path)
    meta.setdefault("image", None)
    meta.setdefault("reprint", None)
    meta.setdefault("wire", None)
    meta["body"] = parse_body(body, path.name)
    return meta


@cache
def _paper() -> dict:
    return tomllib.loads((DATA_DIR / "paper.toml").read_text(encoding="utf-8"))


@cache
def _articles() -> list[dict]:
    return [read_article(p) for p in sorted((DATA_DIR / "articles").glob("*.md"))]


@cache
def _pages() -> dict[str, dict]:
    pages = {}
    for path in sorted((DATA_DIR / "pages").glob("*.md")):
        meta, body = split_front_matter(path)
        pages[path.stem] = {"title": meta["title"], "body": parse_body(body, path.name)}
    return pages


def __getattr__(name: str):
    """The module's data, read on first use: COLUMNS, ARTICLES, FOOTER_PAGES, FRIEND_LINKS,
    LICENCES, ICP_NUMBER, SLOGAN, CONTACT_LINE."""
    paper = _paper()
    if name == "COLUMNS":
        return [{"parent": None, "prefix": "", **column} for column in paper["columns"]]
    if name == "ARTICLES":
        return _articles()
    if name == "FOOTER_PAGES":
        return _pages()
    if name == "FRIEND_LINKS":
        return [tuple(pair) for pair in paper["friend_links"]]
    if name == "LICENCES":
        return [tuple(pair) for pair in paper["licences"]]
    if name in {"ICP_NUMBER", "SLOGAN", "CONTACT_LINE"}:
        return paper[name.lower()]
    raise AttributeError(name)
