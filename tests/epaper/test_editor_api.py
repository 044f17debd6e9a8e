"""The hotspot editor's save endpoint: merges, deletions, bad payloads and who may save; and
the words it shows about doubtful pages (editor and issue page)."""

import datetime as dt
import json

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from wagtail.models import Revision

from baoshe.epaper.models import Issue, PrintArticle, PrintImage, PrintPage, Publication
from baoshe.workflow import roles

FIELDS = ("kicker", "title", "subtitle", "byline", "body", "hotspots")


def make_page(issue, number, order):
    """A printed page as the importer leaves it: three stories in a row, one text block each
    and a fourth block (a 图片 caption) the import gave to none."""
    page = PrintPage.objects.create(
        issue=issue,
        number=number,
        name="要闻",
        sort_order=order,
        pdf=f"epaper/test/{number}.pdf",
        image_screen=f"epaper/test/{number}.webp",
        thumbnail=f"epaper/test/{number}-t.webp",
        width_pt=900,
        height_pt=1300,
        text_blocks=[
            {
                "bbox": [50 + 300 * k, 100, 300 + 300 * k, 600],
                "text": f"第{k}篇",
                "kind": "text",
                "article": k,
            }
            for k in range(3)
        ]
        + [{"bbox": [50, 700, 300, 760], "text": "图片说明", "kind": "text", "article": None}],
    )
    for k in range(3):
        x = 50 + 300 * k
        PrintArticle.objects.create(
            page=page,
            order=k,
            title=f"{number}第{k}篇标题",
            body=f"{number}第{k}篇正文",
            hotspots=[[[x, 100], [x + 250, 100], [x + 250, 600], [x, 600]]],
        )
    return page


@pytest.fixture
def pages(db):
    paper = Publication.objects.create(slug="shili", name="示例日报")
    issue = Issue.objects.create(publication=paper, date=dt.date(2026, 3, 2))
    return [make_page(issue, "A01", 0), make_page(issue, "A02", 1)]


@pytest.fixture
def page(pages):
    return pages[0]


def item(article, **changes):
    out = {name: getattr(article, name) for name in FIELDS}
    return {"id": article.pk, **out, **changes}


def save(client, page, payload):
    body = payload if isinstance(payload, str) else json.dumps(payload)
    return client.post(
        f"/admin/epaper/page/{page.pk}/save/",
        body,
        content_type="application/json",
        headers={"x-requested-with": "XMLHttpRequest"},  # as editor.js sends it
    )


def snapshot(page):
    return list(page.articles.order_by("pk").values_list("pk", "order", *FIELDS))


def test_merge_keeps_one_article_with_both_texts_photos_and_links(admin_client, page, editor):
    first, second, *rest = page.articles.order_by("order")
    photo = PrintImage.objects.create(
        article=second,
        image=default_storage.save("test/merge-photo.webp", ContentFile(b"RIFF")),
        caption="图片说明",
        bbox=[1, 2, 3, 4],
    )
    second.continuations = [{"direction": "to", "page": "A03"}]
    second.save()
    merged = item(
        first,
        hotspots=first.hotspots + second.hotspots,
        body=f"{first.body}\n{second.body}",
        merged_from=[second.pk],
    )
    response = save(admin_client, page, {"articles": [merged, *[item(a) for a in rest]]})
    assert response.status_code == 200 and response.json()["ok"]

    assert not PrintArticle.objects.filter(pk=second.pk).exists()
    first.refresh_from_db()
    assert first.body.endswith(second.body) and first.body.startswith(first.body.split("\n")[0])
    assert len(first.hotspots) == 2
    assert first.continuations == [{"direction": "to", "page": "A03"}]
    photo.refresh_from_db()
    assert photo.article == first  # the photo followed its text
    assert default_storage.exists(photo.image.name)  # and its file is kept
    revision = Revision.objects.for_instance(first).get()
    assert revision.user == editor and revision.content["body"] == first.body
    assert page.articles.count() == 1 + len(rest)
    assert [a["id"] for a in response.json()["articles"]] == [first.pk] + [a.pk for a in rest]


def test_merge_into_a_new_article(admin_client, page):
    first, second, *rest = page.articles.order_by("order")
    new = {
        "id": None,
        "title": "合并后的新稿件",
        "body": f"{first.body}\n{second.body}",
        "hotspots": first.hotspots + second.hotspots,
        "merged_from": [first.pk, second.pk],
    }
    response = save(admin_client, page, {"articles": [new, *[item(a) for a in rest]]})
    assert response.status_code == 200
    made = page.articles.get(title="合并后的新稿件")
    assert made.order == 0 and first.body in made.body and second.body in made.body
    assert not PrintArticle.objects.filter(pk__in=[first.pk, second.pk]).exists()


def test_merging_an_article_deleted_meanwhile_still_saves(admin_client, page):
    first, second, third = page.articles.order_by("order")
    gone = second.pk
    second.delete()  # in another tab, after this editor loaded the page
    merged = item(first, body=f"{first.body}\n{second.body}", merged_from=[gone])
    response = save(admin_client, page, {"articles": [merged, item(third)]})
    assert response.status_code == 200
    first.refresh_from_db()
    assert first.body.endswith(second.body) and page.articles.count() == 2


def test_deleted_article_takes_its_photo_files_along(
    admin_client, page, django_capture_on_commit_callbacks
):
    first, second, *rest = page.articles.order_by("order")
    name = default_storage.save("test/gone-photo.webp", ContentFile(b"RIFF"))
    PrintImage.objects.create(article=second, image=name, bbox=[1, 2, 3, 4])
    with django_capture_on_commit_callbacks(execute=True):
        response = save(admin_client, page, {"articles": [item(a) for a in [first, *rest]]})
    assert response.status_code == 200
    assert not PrintArticle.objects.filter(pk=second.pk).exists()
    assert not default_storage.exists(name)


@pytest.mark.parametrize(
    "case",
    [
        "merge-from-other-page",
        "merge-listed-article",
        "merge-twice",
        "duplicate-id",
        "merge-not-a-list",
        "merge-bad-id",
        "string-id",
        "too-many-hotspots",
        "point-not-a-pair",
    ],
)
def test_bad_save_is_refused_with_a_reason_and_changes_nothing(admin_client, pages, case):
    page, other_page = pages
    first, second, *rest = page.articles.order_by("order")
    foreign = other_page.articles.first()
    rect = [[10, 10], [20, 10], [20, 20], [10, 20]]
    payloads = {
        "merge-from-other-page": [item(first, merged_from=[foreign.pk]), item(second)],
        "merge-listed-article": [item(first, merged_from=[second.pk]), item(second)],
        "merge-twice": [
            item(first, merged_from=[second.pk]),
            {"id": None, "merged_from": [second.pk]},
        ],
        "duplicate-id": [item(first, title="甲"), item(first, title="乙")],
        "merge-not-a-list": [item(first, merged_from=second.pk)],
        "merge-bad-id": [item(first, merged_from=["x"])],
        "string-id": [item(first, id="12")],
        "too-many-hotspots": [item(first, hotspots=[rect] * 101)],
        "point-not-a-pair": [item(first, hotspots=[[[1, 2, 3], [4, 5], [6, 7]]])],
    }
    before, before_other = snapshot(page), snapshot(other_page)
    articles = payloads[case] + [item(a) for a in rest]
    response = save(admin_client, page, {"reviewed": True, "articles": articles})
    assert response.status_code == 400
    answer = response.json()
    assert answer["ok"] is False and answer["error"].startswith("数据格式错误")
    assert snapshot(page) == before and snapshot(other_page) == before_other
    page.refresh_from_db()
    assert not page.reviewed


def test_not_json_is_refused_in_words(admin_client, page):
    before = snapshot(page)
    response = save(admin_client, page, "{not json")
    assert response.status_code == 400 and response.json()["error"].startswith("数据格式错误")
    assert snapshot(page) == before


def test_reporter_may_not_save_but_layout_editor_may(client, django_user_model, page):
    first, *rest = page.articles.order_by("order")
    payload = {"articles": [item(first, title="记者改的"), *[item(a) for a in rest]]}
    reporter = django_user_model.objects.create_user("reporter", password="pw-reporter-1")
    reporter.groups.add(Group.objects.get(name=roles.REPORTER))
    client.force_login(reporter)
    before = snapshot(page)
    assert save(client, page, payload).status_code == 403
    # a plain request is sent back to the dashboard, Wagtail's answer to a refused page
    plain = client.post(
        f"/admin/epaper/page/{page.pk}/save/", json.dumps(payload), "application/json"
    )
    assert plain.status_code == 302 and plain.url == "/admin/"
    assert client.get(f"/admin/epaper/page/{page.pk}/").url == "/admin/"
    assert snapshot(page) == before

    layout = django_user_model.objects.create_user("layout", password="pw-layout-1")
    layout.groups.add(Group.objects.get(name=roles.LAYOUT_EDITOR))
    client.force_login(layout)
    payload["articles"][0]["title"] = "版面编辑改的"
    assert save(client, page, payload).status_code == 200
    first.refresh_from_db()
    assert first.title == "版面编辑改的"


def editor_json(html):
    return json.loads(
        html.split('id="ep-editor-data" type="application/json">')[1].split("</script>")[0]
    )


def test_editor_shows_blocks_and_confidence_in_words(admin_client, pages):
    page, other_page = pages
    page.needs_review = True
    page.review_reasons = ["没有识别出稿件，请手工画热区"]
    page.save()
    doubtful = page.articles.order_by("order")[1]
    doubtful.confidence = 0.5
    doubtful.confidence_reasons = ["没有找到标题"]
    doubtful.save()

    html = admin_client.get(f"/admin/epaper/page/{page.pk}/").content.decode()
    data = editor_json(html)
    assert len(data["blocks"]) == len(page.text_blocks) > 0
    assert set(data["blocks"][0]) == {"bbox", "text", "kind"}
    shown = data["articles"][1]
    assert shown["confidence"] == 0.5 and shown["reasons"] == ["没有找到标题"]
    assert "没有识别出稿件，请手工画热区" in html and "本版需要复核" in html
    assert "套索" in html and "画多边形" in html and "文字块" in html  # the tools, in Chinese
    assert f'href="/admin/epaper/page/{other_page.pk}/" id="ep-next"' in html
    strings = json.loads(
        html.split('id="ep-editor-strings" type="application/json">')[1].split("</script>")[0]
    )
    assert all(not value.isascii() for value in strings.values())  # every word translated

    issue = admin_client.get(f"/admin/epaper/issue/{page.issue_id}/").content.decode()
    review = issue.split('id="ep-to-review"')[1].split("</section>")[0]
    # the flagged page comes first, with its reasons and a link straight into the editor
    assert review.index(f"/admin/epaper/page/{page.pk}/") < review.index(
        f"/admin/epaper/page/{other_page.pk}/"
    )
    assert "没有识别出稿件，请手工画热区" in review and "没有找到标题" in review
    assert "置信度 0.50" in review
