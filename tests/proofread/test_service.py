"""The proofreading service: articles proofread per field, configuration from the admin."""

import datetime as dt
import json

from django.utils import timezone
from wagtail.rich_text import RichText

from baoshe.newsroom.models import Article
from baoshe.proofread import service
from baoshe.proofread.models import CorrectionRule, NameEntry, ProofreadSettings, WordList
from baoshe.proofread.service import ArticleReport, check_article, check_text, get_proofreader
from tests.factories import make_article

PUBLISH = dt.date(2026, 11, 24)


def make_flawed(column, **fields):
    """An article with one planted mistake in each text field."""
    defaults = {
        "kicker": "号称稳赚不赔的理财",
        "title": "市民按装新设施",
        "subtitle": "既使下雨也开放",
        "summary": "本次活动共有120人参加。",
        "paragraphs": ["本报讯 今天上午，活动共有100人参加。", "大家再接再励。"],
        "wire_body": "新华社北京11月30日电 记者获悉……",
        "wire_dateline": "新华社北京11月30日电",
    }
    defaults.update(fields)
    return make_article(column, **defaults)


def by_rule(report, field):
    return {f.rule: f for f in report.findings if f.field == field}


def test_findings_are_placed_in_the_field_they_are_in(column):
    article = make_flawed(column)
    article.body.insert(1, ("heading", "第二部分"))
    report = check_article(article, publish_date=PUBLISH)

    for finding in report.findings:  # every offset points into its own field's text
        text = report.texts[finding.field]
        assert text[finding.start : finding.end] == finding.excerpt
        assert finding.context[finding.context_offset :].startswith(finding.excerpt)

    assert by_rule(report, "title")["fixed"].suggestion == "安装"
    assert by_rule(report, "title")["fixed"].start == 2
    assert by_rule(report, "subtitle")["fixed"].excerpt == "既使"
    assert by_rule(report, "kicker")["wordlist:虚假宣传"].excerpt == "稳赚不赔"
    summary = by_rule(report, "summary")["summary-number"]
    assert (summary.excerpt, summary.suggestion) == ("120", "100")
    body = by_rule(report, "body")["fixed"]
    assert body.excerpt == "再接再励" and body.suggestion == "再接再厉"
    # Paragraph, heading, paragraph: the typo is in the third block of the StreamField.
    assert report.texts["body"].split("\n")[2] == "大家再接再励。"
    assert body.block_index == 2 and body.block_id == article.body[2].id
    assert by_rule(report, "wire_body")["dateline"].severity == "block"
    assert report.has_blocking
    assert report.counts["block"] >= 2 and sum(report.counts.values()) == len(report.findings)
    fields = [f.field for f in report.findings]
    assert fields == sorted(fields, key=service.ARTICLE_FIELDS.index)


def test_report_survives_json_round_trip(column):
    report = check_article(make_flawed(column), publish_date=PUBLISH)
    stored = json.loads(json.dumps(report.to_dict(), ensure_ascii=False))
    again = ArticleReport.from_dict(stored)
    assert again.to_dict() == report.to_dict()
    assert again.findings == report.findings
    assert stored["version"] == 1 and stored["publish_date"] == "2026-11-24"


def test_unsaved_article_and_publish_date_fallbacks(column):
    article = Article(
        title="今天天气很好",
        column=column,
        body=[("paragraph", RichText("<p>本报讯（记者 张三）11月25日，市里开会。</p>"))],
    )
    today = timezone.localdate()
    assert service.article_publish_date(article) == today
    article.go_live_at = timezone.make_aware(dt.datetime(2026, 11, 20, 9))
    assert service.article_publish_date(article) == dt.date(2026, 11, 20)
    report = check_article(article)  # a lead dated after the publish date
    assert [f.rule for f in report.findings] == ["dateline"]
    assert report.publish_date == dt.date(2026, 11, 20)


def test_body_html_is_extracted_without_scripts(column):
    article = Article(
        title="标题",
        column=column,
        body=[
            ("paragraph", RichText("<p>第一段<b>按装</b>完毕。</p><script>按装</script>")),
            ("quote", {"text": "引文里按装了", "attribution": "某人"}),
        ],
    )
    report = check_article(article, publish_date=PUBLISH)
    assert report.texts["body"] == "第一段按装完毕。\n引文里按装了\n某人"
    assert [(f.start, f.block_index) for f in report.for_field("body")] == [(3, 0), (12, 1)]


def test_configuration_changes_take_effect_without_restart(db):
    text = "记者发现新禁词甲，市民按装了设备。"
    assert check_text(text).findings[0].rule == "fixed"
    first = get_proofreader()
    assert get_proofreader() is first  # cached, not rebuilt per call

    WordList.objects.create(name="本社词表", terms="新禁词甲\t本社\tblock\t请勿使用")
    report = check_text(text)
    assert get_proofreader() is not first
    hit = report.by_pack("sensitive")[0]
    assert (hit.excerpt, hit.severity, hit.rule) == ("新禁词甲", "block", "wordlist:本社")
    assert "请勿使用" in hit.message

    settings = ProofreadSettings.load()
    settings.pack_typo = False
    settings.allowlist = "新禁词甲"
    settings.save()
    assert check_text(text).findings == []

    settings.pack_typo = True
    settings.allowlist = ""
    settings.save()
    WordList.objects.filter(name="本社词表").delete()
    CorrectionRule.objects.create(wrong="发现", right="看到", note="本社用语", severity="info")
    NameEntry.objects.create(name="李明华", title="市长", variants="李明化、李名华")
    report = check_text(text + "副市长李明化出席。")
    rules = {(f.rule, f.excerpt, f.suggestion) for f in report.findings}
    assert ("fixed", "发现", "看到") in rules
    assert ("variant", "李明化", "李明华") in rules
    assert not report.by_pack("sensitive")


def test_word_list_offsets_in_mixed_width_text(db):
    WordList.objects.create(name="表", terms="禁词\nbad word")
    text = "Ａ😀é 禁 词，then BAD WORD。"
    report = check_text(text, packs=["sensitive"])
    assert [text[f.start : f.end] for f in report.findings] == ["禁 词", "BAD WORD"]


def test_check_text_html_and_empty(db):
    report = check_text("<p>市民<em>按装</em></p><script>按装</script>")
    assert len(report.findings) == 1
    assert report.source.text[report.findings[0].start :].startswith("按装")
    assert check_text("").findings == [] and not check_text("   ").has_blocking


def test_word_list_model_counts_terms(db):
    word_list = WordList.objects.create(name="计数", terms="# 注释\n甲乙\n丙丁\tX\tblock\n!甲乙丙")
    assert word_list.term_count == 2
    word_list.terms += "\n戊己"
    word_list.save(update_fields=["terms"])
    word_list.refresh_from_db()
    assert word_list.term_count == 3


def test_change_made_by_another_worker_is_seen(db):
    """Without a shared cache (LocMemCache per gunicorn worker) the token lives in the DB."""
    ProofreadSettings.load()  # the row exists once the desk has configured anything
    first = get_proofreader()
    assert get_proofreader() is first
    # What a bump in another process leaves behind: only the stored token changes.
    ProofreadSettings.objects.update(config_version="changed-elsewhere")
    assert get_proofreader() is not first
