"""Roles from the migration, 三校 rounds, 撤稿/更正, the dashboard panel and locking."""

import datetime as dt

import feedparser
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import TaskState

from baoshe.newsroom.models import Article
from baoshe.workflow.models import Correction, ProofreadingRound, Withdrawal
from tests.factories import make_article
from tests.workflow.conftest import ADD_URL, article_form, edit_url


def perms(name):
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=name).permissions.select_related("content_type")
    }


def test_the_migration_creates_the_roles_with_their_permissions(db):
    # No fixture created them: these rows come from workflow/migrations/0002.
    roles = ["记者", "编辑", "部门主任/值班主任", "总编辑", "校对", "管理员"]
    for role in roles:
        assert "wagtailadmin.access_admin" in perms(role), role
        assert "newsroom.view_article" in perms(role), role
    # Direct publishing outside 三审三校 is the 管理员's emergency path alone; taking a live
    # piece down without 撤稿 is nobody's (superusers only).
    publishers = {r for r in roles if "newsroom.publish_article" in perms(r)}
    assert publishers == {"管理员"}
    assert not any("newsroom.unpublish_article" in perms(r) for r in roles)
    editors_of_all = {r for r in roles if "newsroom.change_any_article" in perms(r)}
    assert editors_of_all == {"编辑", "部门主任/值班主任", "总编辑", "管理员"}
    assert {"newsroom.add_article", "newsroom.change_article"} <= perms("记者")
    assert "newsroom.delete_article" not in perms("记者")
    assert "workflow.add_proofreadinground" in perms("校对")
    assert "newsroom.add_article" not in perms("校对")

    from wagtail.models import Workflow

    workflow = Workflow.objects.get(name="三审三校")
    tasks = [t.specific for t in workflow.tasks]
    assert [t.name for t in tasks] == ["机审", "一审", "二审", "三审"]
    assert [sorted(g.name for g in t.groups.all()) for t in tasks[1:]] == [
        ["编辑"],
        ["部门主任/值班主任"],
        ["总编辑"],
    ]
    assert Article.get_default_workflow() == workflow


def test_a_reporter_cannot_publish_and_edits_only_own_pieces(people, as_user, column):
    c = as_user(people["reporter"])
    c.post(ADD_URL, {**article_form(column), "action-publish": "publish"})
    article = Article.objects.get()
    assert not article.live  # the publish action is not offered to a 记者
    other = make_article(column, title="别人的稿件", publish=False)
    response = c.get(edit_url(other), follow=True)
    assert response.redirect_chain and response.redirect_chain[-1][0] == "/admin/"
    assert c.get(edit_url(article)).status_code == 200


def test_proofreading_rounds_are_recorded_with_their_diff(people, as_user, column):
    c = as_user(people["reporter"])
    c.post(ADD_URL, {**article_form(column), "action-submit": "submit"})
    article = Article.objects.get()
    assert article.current_workflow_state is not None

    # Not a 校对: refused.
    assert c.post(f"/admin/workflow/article/{article.pk}/proofread/").status_code == 403

    p = as_user(people["proofreader"])
    # 校对 may edit the copy during review, then records the round.
    response = p.post(
        edit_url(article),
        article_form(column, paragraphs=["社区工作人员上门安装烟雾报警器，即使老人独居也能安心。"]),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    p.post(f"/admin/workflow/article/{article.pk}/proofread/", {"note": "放心→安心"})
    first = ProofreadingRound.objects.get()
    article.refresh_from_db()
    assert first.number == 1 and first.label == "一校"
    assert first.proofreader == people["proofreader"]
    assert first.revision_id == article.latest_revision_id
    assert first.previous_revision_id != first.revision_id
    assert ["-", "社区工作人员上门安装烟雾报警器，即使老人独居也能放心。"] in first.diff
    assert ["+", "社区工作人员上门安装烟雾报警器，即使老人独居也能安心。"] in first.diff

    p.post(f"/admin/workflow/article/{article.pk}/proofread/", {"note": "二校无改动"})
    second = ProofreadingRound.objects.get(number=2)
    assert second.label == "二校" and second.previous_revision_id == first.revision_id
    assert second.diff == []

    page = p.get(f"/admin/workflow/article/{article.pk}/").content.decode()
    assert "一校：孙校对" in page and "并排对比" in page
    compare = p.get(
        f"/admin/snippets/newsroom/article/history/{article.pk}/revisions/compare/"
        f"{first.previous_revision_id}...{first.revision_id}/"
    )
    assert compare.status_code == 200 and "安心" in compare.content.decode()
    history = p.get(f"/admin/snippets/newsroom/article/history/{article.pk}/").content.decode()
    assert "登记一校（改动 2 行）" in history and "登记二校" in history


def test_withdrawal_through_review_answers_410_and_leaves_every_list(
    people, as_user, column, client
):
    article = make_article(column, title="需要撤下的稿件")
    url = article.url
    assert client.get(url).status_code == 200

    e = as_user(people["editor1"])
    e.post(f"/admin/workflow/article/{article.pk}/withdraw/", {"reason": ""})
    assert not Withdrawal.objects.exists()  # a reason is required
    e.post(
        f"/admin/workflow/article/{article.pk}/withdraw/",
        {"reason": "当事人身份信息有误", "notice": "因信息核实有误，本文已撤回。"},
    )
    withdrawal = Withdrawal.objects.get()
    assert withdrawal.state == "pending_second"
    review = f"/admin/workflow/request/withdrawal/{withdrawal.pk}/review/"

    # 一审 cannot decide; 三审 cannot skip 二审.
    assert e.post(review, {"decision": "approve"}).status_code == 403
    chief = as_user(people["chief"])
    assert chief.post(review, {"decision": "approve"}).status_code == 403
    d = as_user(people["director"])
    d.post(review, {"decision": "approve", "comment": "同意撤稿"})
    withdrawal.refresh_from_db()
    assert withdrawal.state == "pending_final" and withdrawal.second_by == people["director"]
    article.refresh_from_db()
    assert article.live  # nothing happens before 三审

    chief = as_user(people["chief"])
    chief.post(review, {"decision": "approve"})
    withdrawal.refresh_from_db()
    article.refresh_from_db()
    assert withdrawal.state == "approved" and withdrawal.approved_by == people["chief"]
    assert not article.live

    client.logout()
    gone = client.get(url)
    assert gone.status_code == 410
    assert "本文已撤稿" in gone.content.decode()
    assert "因信息核实有误，本文已撤回。" in gone.content.decode()
    assert "需要撤下的稿件" not in client.get("/").content.decode()
    assert "需要撤下的稿件" not in client.get(column.url).content.decode()
    assert "需要撤下的稿件" not in [
        e.title for e in feedparser.parse(client.get("/rss.xml").content).entries
    ]
    assert url not in client.get("/sitemap-news.xml").content.decode()
    month = f"/sitemap-{timezone.localtime(article.first_published_at):%Y-%m}.xml"
    assert url not in client.get(month).content.decode()

    chief = as_user(people["chief"])
    history = chief.get(f"/admin/snippets/newsroom/article/history/{article.pk}/").content.decode()
    for text in ["申请撤稿", "当事人身份信息有误", "撤稿申请二审通过", "稿件已撤稿"]:
        assert text in history, text


def test_correction_through_review_shows_a_dated_note(people, as_user, column, client):
    article = make_article(column, title="需要更正的稿件")
    e = as_user(people["editor1"])
    e.post(f"/admin/workflow/article/{article.pk}/correct/", {"text": "第二段“3日”应为“5日”。"})
    correction = Correction.objects.get()
    review = f"/admin/workflow/request/correction/{correction.pk}/review/"
    d = as_user(people["director"])
    # Rejecting needs a reason.
    d.post(review, {"decision": "reject", "comment": ""})
    correction.refresh_from_db()
    assert correction.state == "pending_second"
    d.post(review, {"decision": "approve"})
    client.logout()
    assert "第二段“3日”应为“5日”" not in client.get(article.url).content.decode()
    c = as_user(people["chief"])
    c.post(review, {"decision": "approve", "comment": "刊发更正"})
    correction.refresh_from_db()
    assert correction.state == "approved" and correction.date == timezone.localdate()
    client.logout()
    page = client.get(article.url).content.decode()
    today = timezone.localdate()
    assert f"{today.year}年{today.month}月{today.day}日" in page
    assert "第二段“3日”应为“5日”。" in page
    assert page.index("correction-note") > page.index('class="story__header"')
    c = as_user(people["chief"])
    history = c.get(f"/admin/snippets/newsroom/article/history/{article.pk}/").content.decode()
    assert "申请更正" in history and "更正已刊出" in history


def test_dashboard_lists_what_waits_for_my_role_oldest_first(people, as_user, column):
    c = as_user(people["reporter"])
    for title in ("较早提交的稿件", "较晚提交的稿件"):
        c.post(ADD_URL, {**article_form(column, title=title), "action-submit": "submit"})
    early = Article.objects.get(title="较早提交的稿件")
    late = Article.objects.get(title="较晚提交的稿件")
    now = timezone.now()
    TaskState.objects.filter(pk=early.current_workflow_task_state.pk).update(
        started_at=now - dt.timedelta(hours=3, minutes=5)
    )
    TaskState.objects.filter(pk=late.current_workflow_task_state.pk).update(
        started_at=now - dt.timedelta(minutes=20)
    )
    editor = as_user(people["editor1"])
    page = editor.get("/admin/").content.decode()
    assert "等待我处理（2）" in page
    assert "等待 3 小时" in page and "等待 20 分钟" in page
    assert page.index("较早提交的稿件") < page.index("较晚提交的稿件")
    chief = as_user(people["chief"])
    page = chief.get("/admin/").content.decode()
    assert "较早提交的稿件" not in page and "目前没有等待你处理的稿件。" in page


def test_a_locked_article_names_its_holder_and_refuses_other_saves(people, as_user, column):
    article = make_article(column, title="锁定测试稿件", publish=False)
    editor = as_user(people["editor1"])
    assert editor.post(f"/admin/snippets/newsroom/article/lock/{article.pk}/").status_code == 302
    article.refresh_from_db()
    assert article.locked and article.locked_by == people["editor1"]

    director = as_user(people["director"])
    page = director.get(edit_url(article)).content.decode()
    assert "李编辑" in page and "锁定" in page
    response = director.post(edit_url(article), article_form(column, title="被覆盖的标题"))
    assert response.status_code == 200
    assert "锁定" in response.content.decode()
    article.refresh_from_db()
    assert article.title == "锁定测试稿件"
    assert article.get_latest_revision_as_object().title == "锁定测试稿件"

    # The holder can still save.
    editor = as_user(people["editor1"])
    response = editor.post(edit_url(article), article_form(column, title="持锁人修改的标题"))
    assert response.status_code == 302
    assert Article.objects.get().get_latest_revision_as_object().title == "持锁人修改的标题"


def test_only_an_administrator_publishes_outside_the_review_chain(people, as_user, column, client):
    # 总编辑 has no 发布 button and a forged publish request only saves a draft.
    c = as_user(people["chief"])
    page = c.get(ADD_URL).content.decode()
    assert 'name="action-publish"' not in page and 'name="action-submit"' in page
    response = c.post(
        ADD_URL,
        {**article_form(column, title="总编辑直接发布的稿件"), "action-publish": "publish"},
        follow=True,
    )
    article = Article.objects.get(title="总编辑直接发布的稿件")
    assert not article.live
    assert any("三审三校" in str(m) for m in response.context["messages"])
    assert client.get(f"{column.url}{article.pk}.html").status_code == 404

    # A 管理员 can, for emergencies; that is the one way around the chain.
    admin = as_user(people["manager"])
    assert 'name="action-publish"' in admin.get(edit_url(article)).content.decode()
    admin.post(
        edit_url(article),
        {**article_form(column, title="总编辑直接发布的稿件"), "action-publish": "publish"},
    )
    article.refresh_from_db()
    assert article.live


def test_what_an_english_speaking_editor_does_is_recorded_in_the_papers_language(
    people, as_user, column
):
    """An editor may read the admin in English; the record (log labels, a request's comment
    history) is kept in the paper's language, for every later reader of it."""
    from django.utils import translation
    from wagtail.models import ModelLogEntry

    c = as_user(people["reporter"])
    c.post(ADD_URL, {**article_form(column), "action-submit": "submit"})
    article = Article.objects.get()
    with translation.override("en"):
        ProofreadingRound.record(article, people["proofreader"], note="")
    entry = ModelLogEntry.objects.filter(action="baoshe.proofread.round").get()
    assert entry.data["label"] == "一校"
