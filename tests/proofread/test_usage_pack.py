"""规范用语 (usage) pack: shipped rules fire on typical errors and stay quiet on correct
near-misses; the newsroom adds and switches off rules in the admin; the weekday check in the
review path resolves a year-less date against the article's own publish date."""

import datetime as dt
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from baoshe.proofread.engine import ALL_PACKS, PACK_LABELS, Proofreader
from baoshe.proofread.engine.packs.usage import (
    CATEGORIES,
    UsagePack,
    parse_rule,
    parse_rules,
    shipped_rules,
)
from baoshe.proofread.models import ProofreadSettings
from baoshe.proofread.service import article_publish_date, check_article, check_text
from tests.factories import make_article

READER = Proofreader(["usage"])


def usage(text, reader=READER):
    return [(f.excerpt, f.suggestion) for f in reader.check(text).findings if f.pack == "usage"]


def test_pack_is_registered_enabled_by_default_and_labelled():
    assert "usage" in ALL_PACKS
    assert PACK_LABELS["usage"] == "规范用语" and UsagePack.description
    assert "usage" in ProofreadSettings().enabled_packs


def test_shipped_rules_parse_and_cover_every_category():
    rules = shipped_rules()
    assert len(rules) >= 60
    assert set(Counter(r.category for r in rules)) == set(CATEGORIES)
    assert len({r.pattern for r in rules}) == len(rules)  # a pattern is a rule's identity


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("岛内舆论认为，台湾总统的表态难以服众。", ("台湾总统", "台湾地区领导人")),
        ("台湾政府近日宣布上调电价。", ("台湾政府", "台湾当局")),
        ("该网站把中华民国列为可选项。", ("中华民国", None)),
        ("中国和台湾的贸易往来日益密切。", ("中国和台湾", "大陆和台湾")),
        ("他毕业于国立台湾大学。", ("国立台湾大学", "台湾大学")),
        ("展会吸引了美国、日本、香港等国家的企业。", ("等国家", "等国家和地区")),
        ("中国与香港的合作基础深厚。", ("中国与香港", "内地与香港")),
        ("香港政府推出了消费券计划。", ("香港政府", "香港特区政府")),
        ("截止到11月底，全市新增岗位3万个。", ("截止到", "截至")),
        ("截止发稿时，原因仍在调查中。", ("截止", "截至")),
        ("收入增长了百分之5.6%。", ("百分之5.6%", "5.6%")),
        ("出口增长百分之12。", ("百分之12", "12%")),
        ("事故数量比去年减少了两倍。", ("减少了两倍", None)),
        ("志愿者超过200名以上。", ("超过200名以上", "超过200名")),
        ("女排姑娘们凯旋归来。", ("凯旋归来", "凯旋")),
        ("观众忍俊不禁地笑了。", ("忍俊不禁地笑", "忍俊不禁")),
        ("两队实力悬殊很大。", ("悬殊很大", "悬殊")),
        ("社区为残废人提供康复服务。", ("残废人", "残疾人")),
        ("老人是一名残废军人。", ("残废军人", "伤残军人")),
        ("该机构收留了弱智儿童。", ("弱智儿童", "智力残疾儿童")),
        ("要让残疾人和正常人一样就业。", ("正常人", "健全人")),
        ("工地上的农民工拿到了工资。", ("农民工", "进城务工人员")),
        ("警方已将嫌犯控制。", ("嫌犯", "犯罪嫌疑人")),
        ("这一地区曾流行喇嘛教。", ("喇嘛教", "藏传佛教")),
        ("会议还讨论了其它事项。", ("其它", "其他")),
        ("参与“一带一路”战略建设。", ("战略", "倡议")),
    ],
)
def test_rule_fires_on_typical_error(text, expected):
    assert expected in usage(text)


@pytest.mark.parametrize(
    "text",
    [
        "报名今日截止，逾期不再受理。",
        "本次征文的截止日期为12月15日。",
        "网上报名于11月30日截止。",
        "投稿截止于本月20日。",
        "截至11月底，全市新增就业岗位3万个。",
        "截止阀出现故障导致小区停水。",
        "截止目前，已有3万人次参观。",  # the typo pack's fixed error: no duplicate here
        "台湾地区领导人的讲话引发岛内关注。",
        "台湾同胞在大陆创业的环境不断优化。",
        "所谓“台湾总统”的说法是错误的。",
        "这座老建筑建于中华民国时期。",
        "中国台湾选手获得一枚铜牌。",
        "台湾国际青年交流营开营。",
        "港英政府时期的旧建筑得到修缮。",
        "香港特区政府宣布了新计划。",
        "美国、日本、香港等国家和地区的企业参展。",
        "阿根廷重申对马尔维纳斯群岛（英国称福克兰群岛）的主权要求。",
        "出口额同比增长百分之十二。",
        "企业利润比上年增加了1倍。",
        "两队实力悬殊，比赛失去悬念。",
        "观众忍俊不禁。",
        "成语“瞎子摸象”比喻以偏概全。",
        "他吃了个哑巴亏。",
        "医生说，正常人的体温在36℃至37℃之间。",
        "《保障农民工工资支付条例》已经施行。",
        "我省移民工作取得积极进展。",
        "不少游客来到老外滩拍照。",
        "被告人王某被判处有期徒刑三年。",
        "这回教练组提前制定了计划。",
        "他的新书《其它的风景》入选年度好书。",
        "词典说明了“其它”一词的用法。",
        "“一带一路”倡议成果丰硕。",
    ],
)
def test_rule_quiet_on_correct_near_miss(text):
    assert usage(text) == []


def test_offsets_point_into_the_text_across_paragraphs():
    text = "第一段没有问题。\n台湾政府宣布了新措施，其它部门配合。"
    report = READER.check(text)
    assert [text[f.start : f.end] for f in report.findings] == ["台湾政府", "其它"]
    assert {f.rule for f in report.findings} == {"usage-taiwan", "usage-wording"}


def test_newsroom_rules_add_replace_and_switch_off():
    own = "\n".join(
        [
            "# our house style",
            "-其它",
            "台湾总统\t台湾地区领导人\tinfo\ttaiwan\t本社说明",
            "re:本市(\\w{2})局长\t市\\1局局长\twarn\twording\t写全称",
        ]
    )
    reader = Proofreader(["usage"], usage_rules=own)
    report = reader.check("台湾总统说其它事。本市交通局长出席。")
    found = {f.excerpt: f for f in report.findings}
    assert "其它" not in found  # switched off
    assert found["台湾总统"].severity == "info" and "本社说明" in found["台湾总统"].message
    assert found["本市交通局长"].suggestion == "市交通局局长"


@pytest.mark.parametrize(
    "line",
    [
        "re:([\tx\twarn\twording",  # bad regex
        "词\t建议\tsevere\twording",  # bad severity
        "词\t建议\twarn\tnope",  # bad category
        "re:甲(乙)\t\\2\twarn\twording",  # suggestion names a missing group
    ],
)
def test_bad_rule_lines_are_reported_not_used(line):
    rules, _, problems = parse_rules(line)
    assert rules == [] and len(problems) == 1
    with pytest.raises(ValueError):
        parse_rule(line)


def test_settings_refuse_unusable_rule_lines():
    settings = ProofreadSettings(usage_rules="词\t建议\tsevere\twording")
    with pytest.raises(ValidationError) as exc:
        settings.clean()
    assert "usage_rules" in exc.value.message_dict


@pytest.fixture
def usage_settings(db):
    """Only the packs these tests look at (the configured reader is built from this row)."""
    settings = ProofreadSettings.objects.first() or ProofreadSettings()
    for pack in ALL_PACKS:
        setattr(settings, f"pack_{pack}", pack in {"usage", "consistency"})
    settings.save()
    return settings


def test_admin_rules_reach_the_configured_reader(usage_settings):
    assert check_text("报告提到其它事项。").by_pack("usage")
    usage_settings.usage_rules = "-其它"
    usage_settings.save()
    assert not check_text("报告提到其它事项。").by_pack("usage")


# --- the weekday check uses the article's publish date -------------------------------------

WEEKDAY_BODY = ["11月27日（星期四），市政府召开常务会议。"]  # 2026-11-27 is a Friday


def weekday_findings(report):
    return [f for f in report.findings if f.rule == "weekday"]


def test_weekday_uses_first_publication_date_without_explicit_date(column, usage_settings):
    published = timezone.make_aware(dt.datetime(2026, 11, 27, 9, 0))
    article = make_article(column, paragraphs=WEEKDAY_BODY, published_at=published)
    report = check_article(article)  # as the workflow's 机审 calls it: no date passed
    assert report.publish_date == dt.date(2026, 11, 27)
    (finding,) = weekday_findings(report)
    assert (finding.excerpt, finding.suggestion) == ("星期四", "星期五")
    # The same through the revision object the workflow task proofreads.
    revision_article = article.latest_revision.as_object()
    assert weekday_findings(check_article(revision_article))


def test_weekday_year_follows_the_publish_date(column, usage_settings):
    # In 2025, 11月27日 was a Thursday: the same text is right for a story run that year.
    published = timezone.make_aware(dt.datetime(2025, 11, 27, 9, 0))
    article = make_article(column, paragraphs=WEEKDAY_BODY, published_at=published)
    assert article_publish_date(article) == dt.date(2025, 11, 27)
    assert not weekday_findings(check_article(article))


def test_publish_date_is_the_newsroom_day_not_utc(column, usage_settings):
    # 2026-11-26 17:30 UTC is 2026-11-27 01:30 in Asia/Shanghai.
    published = dt.datetime(2026, 11, 26, 17, 30, tzinfo=dt.UTC)
    article = make_article(column, paragraphs=WEEKDAY_BODY, published_at=published)
    with timezone.override("UTC"):  # an editor whose admin time zone is UTC
        assert article_publish_date(article) == dt.date(2026, 11, 27)


def test_draft_uses_go_live_then_today(column, usage_settings, monkeypatch):
    article = make_article(column, paragraphs=WEEKDAY_BODY, publish=False)
    article.go_live_at = timezone.make_aware(dt.datetime(2026, 11, 27, 8, 0))
    assert weekday_findings(check_article(article))
    article.go_live_at = None
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2025, 11, 20))
    report = check_article(article)
    assert report.publish_date == dt.date(2025, 11, 20)
    assert not weekday_findings(report)  # 2025-11-27 was a Thursday
