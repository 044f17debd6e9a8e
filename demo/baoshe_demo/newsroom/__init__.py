"""The newsroom's demo: 示例日报's columns, articles, footer pages and links.

The prose lives in ``data/`` (read by ``content``); ``loader`` builds the site from it. Other
apps' demos use the stories through ``story()``, not through the data's internal shapes.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The newsroom's demo needs no other app's demo.
AFTER: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoStory:
    """A demo article as the layout desk prints it: its lines of text and picture caption."""

    key: str
    title: str
    kicker: str
    subtitle: str
    authors: str
    paragraphs: tuple[str, ...]
    picture_caption: str | None  # None: the story has no picture


def story_keys() -> list[str]:
    from . import content

    return [spec["key"] for spec in content.ARTICLES]


def story(key: str) -> DemoStory:
    """The demo article ``key`` (its file name without the number, e.g. ``yaowen-01``)."""
    from . import content

    try:
        spec = next(a for a in content.ARTICLES if a["key"] == key)
    except StopIteration:
        raise KeyError(key) from None
    picture = spec.get("image")
    return DemoStory(
        key=key,
        title=spec["title"],
        kicker=spec.get("kicker", ""),
        subtitle=spec.get("subtitle", ""),
        authors=spec.get("authors", ""),
        paragraphs=tuple(item[1] for item in spec["body"] if item[0] == "p"),
        picture_caption=picture.get("caption", "") if picture else None,
    )


def load(stdout, style) -> None:
    from .loader import DemoLoader

    created = DemoLoader(stdout=stdout).load()
    summary = "，".join(f"{name} +{count}" for name, count in created.items())
    stdout.write(style.SUCCESS(f"示例日报已就绪（新建：{summary}）"))
