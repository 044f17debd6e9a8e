"""Load the demo newspaper (示例日报) into an empty or already-demoed database.

Idempotent: every object is looked up by a natural key (column slug under its parent, article
title within its column, image title, page slug) before it is created, so a second
``make run`` creates nothing new. The whole load runs in one transaction.
"""

from __future__ import annotations

import datetime as dt
import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from wagtail.images.models import Image
from wagtail.models import Collection, Locale, Page, Site

from baoshe.core.models import FriendLink, SiteSettings, StandardPage
from baoshe.newsroom.models import Article, ColumnPage, HomePage

from . import content
from .pictures import draw_badge, draw_picture


class DemoLoader:
    def __init__(self, stdout=None, now: dt.datetime | None = None):
        self.stdout = stdout
        self.now = now or timezone.now()
        self.created = {"columns": 0, "articles": 0, "images": 0, "pages": 0}

    def say(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(message)

    @transaction.atomic
    def load(self) -> dict:
        home = ensure_home()
        site = Site.objects.get(root_page=home)
        self.configure_site(site)
        self.say("栏目 …")
        columns = self.load_columns(home)
        self.say("单页与站点设置 …")
        footer = self.load_footer_pages(home)
        self.load_settings(site, footer)
        self.say(f"稿件 … (共 {len(content.ARTICLES)} 篇)")
        self.load_articles(columns)
        return self.created

    # --- site -------------------------------------------------------------------

    def configure_site(self, site: Site) -> None:
        """Point the site at the address it is served on, so canonical URLs and QR codes work."""
        parts = urlsplit(settings.BAOSHE_BASE_URL)
        site.hostname = parts.hostname or "localhost"
        site.port = parts.port or (443 if parts.scheme == "https" else 80)
        site.site_name = "示例网"
        site.save()
        home = site.root_page
        if home.title != "示例日报":
            home.title = home.draft_title = "示例日报"
            home.save()

    def load_columns(self, home: HomePage) -> dict[str, ColumnPage]:
        columns: dict[str, ColumnPage] = {}
        for spec in content.COLUMNS:
            parent = home if spec["parent"] is None else columns[spec["parent"]]
            column = ColumnPage.objects.child_of(parent).filter(slug=spec["slug"]).first()
            if column is None:
                column = ColumnPage(
                    title=spec["title"],
                    slug=spec["slug"],
                    title_prefix=spec.get("prefix", ""),
                    description=spec.get("description", ""),
                    show_in_menus=spec["parent"] is None,
                )
                parent.add_child(instance=column)
                column.save_revision().publish()
                self.created["columns"] += 1
            columns[spec["slug"]] = column
        return columns

    def load_footer_pages(self, home: HomePage) -> dict[str, StandardPage]:
        pages = {}
        for slug, spec in content.FOOTER_PAGES.items():
            page = StandardPage.objects.child_of(home).filter(slug=slug).first()
            if page is None:
                page = StandardPage(title=spec["title"], slug=slug, body=stream_body(spec["body"]))
                home.add_child(instance=page)
                page.save_revision().publish()
                self.created["pages"] += 1
            pages[slug] = page
        return pages

    def load_settings(self, site: Site, footer: dict[str, StandardPage]) -> None:
        paper = SiteSettings.for_site(site)
        paper.paper_name = "示例日报"
        paper.site_name = "示例网"
        paper.publisher = "示例日报社"
        paper.slogan = content.SLOGAN
        paper.icp_number = content.ICP_NUMBER
        paper.police_record = getattr(content, "POLICE_RECORD", "")
        paper.contact_line = content.CONTACT_LINE
        paper.licences = [
            ("licence", {"name": name, "number": number, "url": ""})
            for name, number in content.LICENCES
        ]
        paper.about_page = footer.get("about")
        paper.advertising_page = footer.get("advertising")
        paper.copyright_page = footer.get("copyright")
        paper.contact_page = footer.get("contact")
        if paper.institution_badge is None:
            paper.institution_badge = self.image("demo:badge", "badge.png", draw_badge)
            paper.institution_url = "https://example.org/"
        paper.save()
        if not paper.friend_links.exists():
            for order, (name, url) in enumerate(content.FRIEND_LINKS):
                FriendLink.objects.create(settings=paper, name=name, url=url, sort_order=order)

    # --- articles ---------------------------------------------------------------

    def load_articles(self, columns: dict[str, ColumnPage]) -> None:
        by_key: dict[str, Article] = {}
        for spec in content.ARTICLES:
            column = columns[spec["column"]]
            article = Article.objects.filter(column=column, title=spec["title"]).first()
            if article is None:
                article = self.create_article(spec, column)
                self.created["articles"] += 1
            by_key[spec["key"]] = article

    def create_article(self, spec: dict, column: ColumnPage) -> Article:
        published = self.publish_time(spec)
        body = stream_body(spec["body"])
        image = None
        if spec.get("image"):
            picture = spec["image"]
            image = self.image(
                f"demo:{spec['key']}",
                f"{spec['key']}.jpg",
                lambda: draw_picture(picture["motif"], seed=hash_seed(spec["key"])),
            )
            body.insert(
                1 if len(body) > 1 else 0,
                (
                    "image",
                    {
                        "image": image,
                        "caption": picture.get("caption", ""),
                        "credit": picture.get("credit", ""),
                    },
                ),
            )
        article = Article(
            title=spec["title"],
            kicker=spec.get("kicker", ""),
            subtitle=spec.get("subtitle", ""),
            column=column,
            summary=spec.get("summary", ""),
            body=body,
            cover_image=image,
            featured=spec.get("featured", False),
            authors=spec.get("authors", ""),
            editor=spec.get("editor", ""),
            first_published_at=published,
        )
        reprint = spec.get("reprint")
        if reprint:
            article.origin = Article.Origin.REPRINT
            article.reprint_source = reprint["source"]
            article.reprint_title = reprint.get("title", "")
            article.reprint_author = reprint.get("author", "")
            article.reprint_url = reprint.get("url", "")
            article.source = reprint["source"]
        wire = spec.get("wire")
        if wire:
            article.wire_headline = wire["headline"]
            article.wire_agency = wire["agency"]
            article.wire_dateline = wire["dateline"]
            article.wire_body = "\n".join(wire["body"])
        if spec.get("review"):
            # A piece still in 三审三校 (the workflow demo submits it): a draft, never live.
            article.first_published_at = None
            article.live = False
        article.full_clean()
        article.save()
        article.tags.set(spec.get("tags", []))
        article.save()
        revision = article.save_revision()
        if spec.get("review"):
            return article
        revision.publish()
        # Publishing stamps "now"; the demo spreads its stories over the last three weeks.
        Article.objects.filter(pk=article.pk).update(
            first_published_at=published, last_published_at=published
        )
        return article

    def publish_time(self, spec: dict) -> dt.datetime:
        local_now = timezone.localtime(self.now)
        day = local_now.date() - dt.timedelta(days=spec.get("days_ago", 0))
        moment = dt.datetime.combine(day, dt.time(spec.get("hour", 9), spec.get("minute", 0)))
        moment = timezone.make_aware(moment)
        if moment < self.now:
            return moment
        # Later today than "now": stack these just before now, in content order, so the
        # first story of the list (the reference-style 头条) is the newest.
        position = next(i for i, a in enumerate(content.ARTICLES) if a["key"] == spec["key"])
        return self.now - dt.timedelta(minutes=5 + position)

    def image(self, title: str, filename: str, draw) -> Image:
        existing = Image.objects.filter(title=title).first()
        if existing is not None:
            return existing
        import io

        image = Image(title=title)
        image.file = ImageFile(io.BytesIO(draw()), name=filename)
        image.save()
        self.created["images"] += 1
        return image


def ensure_home() -> HomePage:
    """The paper's home page and the default site serving it.

    The migration makes both on a fresh install; ``flush`` (and so every live-server test)
    empties the tables again, and this puts them back.
    """
    home = HomePage.objects.first()
    if home is None:
        locale = Locale.objects.first() or Locale.objects.create(language_code="zh-hans")
        if not Collection.objects.exists():
            Collection.add_root(name="Root")
        root = Page.get_first_root_node() or Page.add_root(
            title="全部站点", slug="root", locale=locale
        )
        home = root.add_child(instance=HomePage(title="示例日报", slug="home", locale=locale))
    if not Site.objects.filter(root_page=home).exists():
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return home


def stream_body(items) -> list:
    """Content items ``("p", text)``, ``("h", text)``, ``("quote", text, who)`` as blocks."""
    from wagtail.rich_text import RichText

    blocks = []
    for item in items:
        kind = item[0]
        if kind == "p":
            blocks.append(("paragraph", RichText(f"<p>{escape(item[1])}</p>")))
        elif kind == "h":
            blocks.append(("heading", item[1]))
        elif kind == "quote":
            blocks.append(
                ("quote", {"text": item[1], "attribution": item[2] if len(item) > 2 else ""})
            )
    return blocks


def hash_seed(key: str) -> int:
    return sum(ord(ch) * (i + 1) for i, ch in enumerate(key))


def ensure_admin(data_dir) -> tuple[str, str, bool]:
    """The demo's administrator, with a random password kept in ``var/admin-login.txt``.

    Returns (username, password, created). The password is only known while that file
    exists; an operator who changed it in the admin gets a note instead of a stale secret.
    """
    User = get_user_model()
    login_file = data_dir / "admin-login.txt"
    username = "admin"
    if User.objects.filter(username=username).exists():
        password = ""
        if login_file.exists():
            password = login_file.read_text(encoding="utf-8").strip().split(":", 1)[-1]
        return username, password, False
    password = secrets.token_urlsafe(12)
    User.objects.create_superuser(username, "admin@example.com", password, first_name="管理员")
    data_dir.mkdir(parents=True, exist_ok=True)
    login_file.write_text(f"{username}:{password}\n", encoding="utf-8")
    login_file.chmod(0o600)
    return username, password, True
