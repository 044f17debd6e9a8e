"""机审校对 in the admin: the editor endpoint, its permissions, word-list import, settings."""

import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from baoshe.proofread.models import WordList

BAD_LIST = "\n".join(
    [
        "# 本社词表",
        "违禁甲",
        "违禁乙\t赌博\tblock\t备注",
        "坏级别\t类\tcritical",
        "a\tb\tc\td\te",
        "***",
        "违禁丙",
    ]
)


def edit_form_data(client, article, **changes):
    """What the browser would post from the article's edit page, with ``changes`` typed in."""
    edit_url = AdminURLFinder().get_edit_url(article)
    response = client.get(edit_url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="w-editor-form")
    # StreamField inputs are created by JavaScript; post the body as the browser would.
    body = changes.pop("body", ["<p>正文第一段。</p>"])
    data.update(
        nested_form_data({"body": streamfield([("paragraph", rich_text(html)) for html in body])})
    )
    for name, value in changes.items():
        data[name] = value
    return data


def test_edit_page_has_the_proofread_tab(admin_client, article):
    html = admin_client.get(AdminURLFinder().get_edit_url(article)).content.decode()
    assert "data-proofread-panel" in html and "proofread/panel.js" in html
    assert reverse("proofread:check_article", args=[article.pk]) in html


def test_endpoint_proofreads_unsaved_form_values(admin_client, article):
    data = edit_form_data(
        admin_client,
        article,
        title="市民按装新设施",
        summary="号称稳赚不赔。",
        body=["<p>大家再接再励。</p>", "<p>第二段<b>既使</b>下雨。</p>"],
    )
    response = admin_client.post(reverse("proofread:check_article", args=[article.pk]), data)
    assert response.status_code == 200
    report = response.json()
    found = {(f["field"], f["excerpt"], f["suggestion"]) for f in report["findings"]}
    assert ("title", "按装", "安装") in found
    assert ("body", "再接再励", "再接再厉") in found
    assert ("body", "既使", "即使") in found
    assert ("summary", "稳赚不赔", None) in found
    assert report["texts"]["body"] == "大家再接再励。\n第二段既使下雨。"
    assert report["has_blocking"] and report["field_labels"]["summary"] == "核心提示"
    article.refresh_from_db()
    assert article.title == "江北新区图书馆周末开放夜读"  # nothing saved


def test_endpoint_for_a_new_article(admin_client, column):
    create_url = reverse("wagtailsnippets_newsroom_article:add")
    html = admin_client.get(create_url).content.decode()
    assert reverse("proofread:check_new_article") in html
    data = querydict_from_html(html, form_id="w-editor-form")
    data["title"] = "再接再励"
    data.update(nested_form_data({"body": streamfield([])}))
    response = admin_client.post(reverse("proofread:check_new_article"), data)
    assert response.status_code == 200
    assert [f["suggestion"] for f in response.json()["findings"]] == ["再接再厉"]
    # A post that is not the editor's form (StreamField data missing) is a bad request.
    response = admin_client.post(reverse("proofread:check_new_article"), {"title": "x"})
    assert response.status_code == 400 and "error" in response.json()


def test_endpoint_refuses_anonymous_unprivileged_get_and_missing_csrf(
    client, django_user_model, article, editor
):
    url = reverse("proofread:check_article", args=[article.pk])
    data = {"title": "按装"}

    response = client.post(url, data)  # anonymous: sent to the login page
    assert response.status_code == 302 and "/login/" in response["Location"]

    reader = django_user_model.objects.create_user("reader", password="pw-reader-1")
    client.force_login(reader)  # no admin access at all
    response = client.post(url, data, headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code in (302, 403) and "findings" not in response.content.decode()

    access = Permission.objects.get(codename="access_admin")
    group = Group.objects.create(name="通讯员")
    group.permissions.add(access)
    reader.groups.add(group)
    client.force_login(reader)  # admin access but may not edit articles
    response = client.post(url, data, headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == 403

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(editor)
    assert csrf_client.post(url, data).status_code == 403  # no CSRF token

    client.force_login(editor)
    assert client.get(url).status_code == 405  # POST only


def test_import_reports_malformed_lines_and_saves_the_good_ones(admin_client, db):
    url = reverse("proofread:import_word_list")
    upload = SimpleUploadedFile("list.txt", BAD_LIST.encode("gbk"), content_type="text/plain")
    response = admin_client.post(
        url,
        {
            "new_name": "本社违禁词",
            "default_category": "违禁",
            "default_severity": "warn",
            "mode": "append",
            "upload": upload,
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    for line_no, reason in ((4, "未知级别"), (5, "字段过多"), (6, "只含符号")):
        assert f'data-line="{line_no}"' in html and reason in html
    word_list = WordList.objects.get(name="本社违禁词")
    assert word_list.term_count == 3
    parsed, issues = word_list.parse()
    assert issues == []
    assert [(e.term, e.category, e.severity) for e in parsed.entries] == [
        ("违禁甲", "违禁", "warn"),
        ("违禁乙", "赌博", "block"),
        ("违禁丙", "违禁", "warn"),
    ]

    # Appending the same file again adds nothing and says so; pasted text with a BOM works.
    response = admin_client.post(
        url,
        {
            "word_list": word_list.pk,
            "default_category": "违禁",
            "default_severity": "block",
            "mode": "append",
            "pasted": "\ufeff违禁甲\n违禁丁",
        },
    )
    assert "已合并 1 条" in response.content.decode()
    word_list.refresh_from_db()
    assert word_list.term_count == 4

    listing = admin_client.get(reverse("wagtailsnippets_proofread_wordlist:list")).content.decode()
    assert "本社违禁词" in listing and "导入词表" in listing


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"\x00\x01\x02binary", "二进制"),
        (b"", "请上传词表文件或粘贴词条"),
        ("\ufeff违禁甲\n".encode(), None),
        ("违禁甲\n".encode("utf-16"), None),
    ],
)
def test_import_input_encodings(admin_client, db, payload, message):
    upload = SimpleUploadedFile("w.txt", payload, content_type="text/plain")
    response = admin_client.post(
        reverse("proofread:import_word_list"),
        {
            "new_name": "编码测试",
            "default_category": "敏感词",
            "default_severity": "warn",
            "mode": "replace",
            "upload": upload,
        },
    )
    html = response.content.decode()
    if message:
        assert message in html and not WordList.objects.filter(name="编码测试").exists()
    else:
        assert WordList.objects.get(name="编码测试").parse()[0].entries[0].term == "违禁甲"


def test_hand_edited_terms_are_validated_line_by_line(admin_client, db):
    response = admin_client.post(
        reverse("wagtailsnippets_proofread_wordlist:add"),
        {
            "name": "手工词表",
            "default_category": "敏感词",
            "default_severity": "warn",
            "enabled": "on",
            "terms": "好词\n坏词\t类\tnope",
        },
    )
    assert response.status_code == 200
    assert "第 2 行" in response.content.decode() and not WordList.objects.exists()


def test_menu_and_settings_page(admin_client, db):
    home = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    # The sidebar menu is JSON for the admin's script (non-ASCII escaped).
    for label in ("机审校对", "敏感词表", "导入词表", "机审设置"):
        assert f'"label": {json.dumps(label)}' in home
    url = reverse("wagtailsettings:edit", args=["proofread", "proofreadsettings"])
    response = admin_client.get(url, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "广告法从严" in html and "白名单" in html
    for path in ("nameentry", "correctionrule"):
        listing = admin_client.get(reverse(f"wagtailsnippets_proofread_{path}:list"))
        assert listing.status_code == 200
