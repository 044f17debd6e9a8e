"""机审 cannot be walked around at 三审 (issue #8, defect 2).

A clean piece passes 机审, 一审 and 二审; the 总编辑 then changes one text of the copy to a
blocked term and edits-and-approves in one click. Before the fix, a quote attribution, a
caption or the wire headline changed this way went live unchecked: the copy-changed check
read fewer fields than 机审 checks, and the wire headline was checked by neither. Now both
read ``baoshe.newsroom.copy`` and the check compares the copy's hash with the one stored with
the 机审 report; every field of the copy is tried here.
"""

import pytest
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import TaskState
from wagtail.test.utils.form_data import rich_text, streamfield

from baoshe.newsroom.copy import FIELDS, copy_hash
from baoshe.newsroom.models import Article
from baoshe.workflow.models import MachineReport, MachineReviewTask, ReviewTask
from tests.workflow.conftest import ADD_URL, CLEAN_TEXT, action_url, article_form, edit_url

#: In the demo word list (虚假宣传): a blocking finding wherever it appears.
BLOCKED = "稳赚不赔"
TITLE = "社区为独居老人安装烟雾报警器"


def body_blocks(image_id, **changes):
    parts = {
        "paragraph": CLEAN_TEXT,
        "heading": "上门服务",
        "quote": "装上以后安心多了。",
        "attribution": "独居老人李大爷",
        "caption": "工作人员在居民家中安装报警器",
        "credit": "本报记者",
        "video_caption": "安装过程",
        **changes,
    }
    return streamfield(
        [
            ("paragraph", rich_text(f"<p>{parts['paragraph']}</p>")),
            ("heading", parts["heading"]),
            ("quote", {"text": parts["quote"], "attribution": parts["attribution"]}),
            ("image", {"image": image_id, "caption": parts["caption"], "credit": parts["credit"]}),
            ("video", {"url": "https://example.com/a.mp4", "caption": parts["video_caption"]}),
        ]
    )


FIELD_VALUES = {
    "kicker": "平安社区",
    "subtitle": "独居老人家中全覆盖",
    "source": "示例日报",
    "authors": "本报记者 王记者",
    "editor": "钱七",
    "summary": "社区为独居老人免费安装烟雾报警器。",
    "wire_headline": "多地推广独居老人安全设施",
    "wire_dateline": "新华社北京电",
    "wire_agency": "新华社",
    "wire_body": "各地社区陆续为独居老人安装安全设施。",
    "origin": "reprint",
    "reprint_source": "示例晚报",
    "reprint_author": "张三",
    "reprint_title": "报警器进社区",
    "reprint_url": "https://example.com/original",
    "tags": "社区",
}


def form(column, image_id, body=None, **fields):
    return article_form(
        column,
        **{**FIELD_VALUES, **fields, "body": body or body_blocks(image_id)},
    )


BODY_PARTS = ["paragraph", "heading", "quote", "attribution", "caption", "credit", "video_caption"]
CASES = [
    *[(name, name) for name in FIELDS if name not in ("body",)],
    *[(f"body:{part}", "body") for part in BODY_PARTS],
]


def test_the_cases_cover_every_field_of_the_copy():
    assert {field for _, field in CASES} == set(FIELDS)


@pytest.fixture
def image(db):
    return Image.objects.create(title="报警器", file=get_test_image_file())


def approved_to_third_review(people, as_user, column, image):
    c = as_user(people["reporter"])
    response = c.post(ADD_URL, {**form(column, image.pk), "action-submit": "submit"})
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(title=TITLE)
    report = MachineReport.objects.get()
    assert not report.has_blocking, report.findings
    assert report.report["copy_hash"] == copy_hash(report.revision.as_object())
    for username in ("editor1", "director"):
        c = as_user(people[username])
        article.refresh_from_db()
        response = c.post(
            action_url(article, "approve", article.current_workflow_task_state), {"comment": ""}
        )
        assert response.status_code == 302
    article.refresh_from_db()
    assert article.current_workflow_task_state.task.specific.level == ReviewTask.Level.THIRD
    return article


@pytest.mark.parametrize(("case", "field"), CASES, ids=[case for case, _ in CASES])
def test_edit_and_approve_at_the_last_step_cannot_skip_machine_review(
    people, as_user, column, client, image, case, field
):
    article = approved_to_third_review(people, as_user, column, image)
    if case.startswith("body:"):
        part = case.split(":")[1]
        data = form(column, image.pk, body=body_blocks(image.pk, **{part: f"{BLOCKED}的理财"}))
    elif field == "title":
        data = form(column, image.pk, title=f"{TITLE}{BLOCKED}")
    else:
        data = form(column, image.pk, **{field: f"{BLOCKED}的理财"})

    c = as_user(people["chief"])
    response = c.post(
        edit_url(article),
        {
            **data,
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": '{"comment": "改后签发"}',
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert not article.live, f"{case} changed at 三审 went live without 机审"
    state = article.current_workflow_task_state
    assert isinstance(state.task.specific, MachineReviewTask)
    assert state.status == TaskState.STATUS_IN_PROGRESS
    report = MachineReport.objects.get(task_state=state)
    assert report.revision_id == article.latest_revision_id
    blocking = [f for f in report.findings if f["severity"] == "block"]
    assert [(f["field"], f["excerpt"]) for f in blocking] == [(field, BLOCKED)]
    assert report.report["copy_hash"] == copy_hash(article.get_latest_revision().as_object())
    assert (
        report.report["copy_hash"]
        != MachineReport.objects.order_by("pk").first().report["copy_hash"]
    )
    assert client.get(f"{column.url}{article.pk}.html").status_code == 404


def test_unchanged_copy_is_signed_off_without_a_new_check(people, as_user, column, client, image):
    article = approved_to_third_review(people, as_user, column, image)
    c = as_user(people["chief"])
    response = c.post(
        edit_url(article),
        {
            **form(column, image.pk, featured="on"),
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": '{"comment": "签发"}',
        },
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.live and article.featured
    assert MachineReport.objects.count() == 1
    assert client.get(article.url).status_code == 200
