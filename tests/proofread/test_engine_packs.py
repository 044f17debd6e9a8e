"""Each pack finds planted errors at the right offsets and stays quiet on tricky clean text."""

from datetime import date

import pytest

from baoshe.proofread.engine import NameEntry, Proofreader, Severity

READER = Proofreader(
    names=[NameEntry("李明华", "市长", ["李明化"]), NameEntry("赵文清", "院长", [], "after")]
)


def found(text, pack, **kw):
    report = READER.check(text, packs=[pack], **kw)
    return [(f.start, f.end, f.excerpt, f.suggestion) for f in report.findings]


def span(text, excerpt, nth=1):
    start = -1
    for _ in range(nth):
        start = text.index(excerpt, start + 1)
    return start, start + len(excerpt)


@pytest.mark.parametrize(
    ("text", "excerpt", "suggestion"),
    [
        ("工人们正在为新教学楼按装空调。", "按装", "安装"),
        ("既使遇到困难，团队也没有放弃。", "既使", "即使"),
        ("队员们再接再励。", "再接再励", "再接再厉"),
        ("该公司的帐户已被冻结。", "帐户", "账户"),
        ("他们认真的学习了会议精神。", "的", "地"),
        ("这位老运动员跑的很快。", "的", "得"),
        ("会议通过了了三项决议。", "了了", "了"),
        ("工厂烧得面目全飞。", "飞", "非"),
    ],
)
def test_typo_finds_planted_error(text, excerpt, suggestion):
    assert (*span(text, excerpt), excerpt, suggestion) in found(text, "typo")


@pytest.mark.parametrize(
    "text",
    [
        "该项目发挥了积极的作用。",
        "这是努力的结果。",
        "他们认真的态度感动了大家。",
        "我们的的确确做到了。",
        "为了了解情况，记者走访了多户居民。",
        "这个目的的确定花了很长时间。",
        "大家看看这份材料，常常讨论，谢谢。",
        "既使人感动，又发人深省。",
        "他说的很多话都很有道理。",
        "我听了妈妈的劝告。",
        "市长李明华出席会议，李明化名录外也不报错字。",
    ],
)
def test_typo_quiet_on_clean_text(text):
    findings = READER.check(text, packs=["typo"]).findings
    assert findings == [] or text.startswith("市长"), findings
    if text.startswith("市长"):
        assert all(f.rule != "confusion" for f in findings)


@pytest.mark.parametrize(
    ("text", "excerpt", "suggestion"),
    [
        ("他的学习成积一直很好。", "积", "绩"),
        ("他做事一向认真负则。", "则", "责"),
        ("我们要提高警剔。", "剔", "惕"),
        ("我们先开会，然候去现场调研。", "候", "后"),
        ("会议由市长主持，大家踊跃发严。", "严", "言"),
        ("这个方案得到了群众的普偏认可。", "偏", "遍"),
    ],
)
def test_typo_scorer_catches_misspelt_characters(text, excerpt, suggestion):
    report = READER.check(text, packs=["typo"])
    hits = [(f.start, f.end, f.excerpt, f.suggestion, f.rule) for f in report.findings]
    assert (*span(text, excerpt), excerpt, suggestion, "confusion") in hits
    assert all(f.severity is Severity.WARN for f in report.findings)


@pytest.mark.parametrize(
    "text",
    [
        "今年粮食产量再创新高，农民喜笑颜开。",
        "记者从市交通局获悉，地铁三号线将于年底通车。",
        "这家企业的产品远销海外，深受消费者青睐。",
        "孩子们在操场上快乐地奔跑。",
        "专家建议市民外出时做好防护措施。",
        "这座大桥全长三公里，是当地的标志性建筑。",
        "经过几年的努力，这里的环境发生了翻天覆地的变化。",
        "救援仍在进行，事故原因仍在进一步调查。",
    ],
)
def test_typo_scorer_quiet_on_news_copy(text):
    assert found(text, "typo") == []


def test_typo_scorer_hint_tier_is_info():
    from baoshe.proofread.engine.spelling import shipped_model

    model = shipped_model()
    assert 0 < model.hint_threshold < model.warn_threshold == model.threshold < 1
    saved = model.threshold
    model.threshold = model.hint_threshold
    try:
        report = READER.check("这座大桥全长三公里。", packs=["typo"])
    finally:
        model.threshold = saved
    assert all(f.severity is Severity.INFO for f in report.findings if f.rule == "confusion"), (
        report.findings
    )


def test_sensitive_evasions_map_to_original_offsets():
    for text, excerpt in [
        ("页面出现测试违禁词字样", "测试违禁词"),
        ("页面出现“测 试 违 禁 词”字样", "测 试 违 禁 词"),
        ("页面出现测*试*违*禁*词字样", "测*试*违*禁*词"),
        ("页面出现测\u200b试违禁词字样", "测\u200b试违禁词"),
        ("页面出现測試違禁詞字样", "測試違禁詞"),
        ("号称稳赚不赔", "稳赚不赔"),
    ]:
        hits = found(text, "sensitive")
        assert [(s, e, x) for s, e, x, _ in hits] == [(*span(text, excerpt), excerpt)], text


def test_sensitive_fullwidth_latin_term():
    from baoshe.proofread.engine import WordList

    reader = Proofreader(["sensitive"], word_lists=[WordList.from_terms("x", ["abc赌场"])])
    text = "访问ＡＢＣ赌场网站"
    [f] = reader.check(text).findings
    assert (f.start, f.end, f.excerpt) == (2, 7, "ＡＢＣ赌场")


@pytest.mark.parametrize(
    "text", ["他对面包过敏。", "测试，违禁词不应跨句匹配。", "记者测试了违禁词过滤系统。"]
)
def test_sensitive_quiet(text):
    assert found(text, "sensitive") == []


def test_sensitive_severity_from_list():
    report = READER.check("号称稳赚不赔", packs=["sensitive"])
    assert report.has_blocking and report.findings[0].severity is Severity.BLOCK


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("这款手机是行业第一的产品。", "行业第一"),
        ("本店商品全网最低价。", "全网最低价"),
        ("顶级的享受", "顶级"),
    ],
)
def test_adlaw_hits(text, excerpt):
    assert [(s, e) for s, e, *_ in found(text, "adlaw")] == [span(text, excerpt)]


@pytest.mark.parametrize(
    "text",
    [
        "这是第一次举办，第一季度增长，第一书记驻村，第一时间赶到。",
        "该地获批国家级新区，剪纸入选国家级非物质文化遗产。",
        "最高人民法院发布案例，他获得最佳男主角奖。",
    ],
)
def test_adlaw_quiet_on_institutional_language(text):
    assert found(text, "adlaw") == []


def test_adlaw_advertising_mode_blocks():
    reader = Proofreader(["adlaw"], advertising=True)
    assert reader.check("行业第一").has_blocking
    assert not Proofreader(["adlaw"]).check("行业第一").has_blocking


@pytest.mark.parametrize(
    ("text", "excerpt", "suggestion"),
    [
        ("他说,我们明天出发。", ",", "，"),
        ("你去哪里?", "?", "？"),
        ("会议(扩大)召开", "(", "（"),
        ("他说：“我们一定会成功。", "“", None),
        ("天气很好，，大家出门", "，，", "，"),
        ("他想了想。。。还是没说", "。。。", "……"),
        ("他想了想...还是没说", "...", "……"),
        ("他想了想…还是没说", "…", "……"),
        ("答案--勇气", "--", "——"),
    ],
)
def test_punctuation_hits(text, excerpt, suggestion):
    assert (*span(text, excerpt), excerpt, suggestion) in found(text, "punctuation")


@pytest.mark.parametrize(
    "text",
    [
        "他说：“我们一定会成功。”",
        "真的吗？！太好了！！",
        "北京—上海高铁开通。这就是答案——勇气。他想了想……还是没说。",
        "时间：10:30，新版 Python 3.11 已发布，网址 www.example.com。",
        "他说：“‘创新’是关键。”It’s fine.",
        "“第一段引语没有后引号。\n“第二段引语结束。”",
    ],
)
def test_punctuation_quiet(text):
    assert found(text, "punctuation") == []


@pytest.mark.parametrize(
    ("text", "excerpt", "suggestion"),
    [
        ("二0二六年", "二0二六", "二〇二六"),
        ("2026年13月5日完工", "2026年13月5日", None),
        ("定于2月30日举行", "2月30日", None),
        ("2025年2月29日", "2025年2月29日", None),
        ("列车于25时70分到站", "25时70分", None),
        ("总投资为12,3456元", "12,3456", "123,456"),
        ("约50人左右参加", "约50人左右", "50人左右"),
        ("投资3千万元", "3千万", "3000万"),
    ],
)
def test_numbers_hits(text, excerpt, suggestion):
    assert (*span(text, excerpt), excerpt, suggestion) in found(text, "numbers")


def test_numbers_impossible_dates_block():
    assert READER.check("2026年13月5日", packs=["numbers"]).has_blocking


@pytest.mark.parametrize(
    "text",
    [
        "2024年2月29日开幕，总投资1,234,567元，3000万元，二〇二六年。",
        "第1,2,3条；全程约5千米；10时30分开始；2023,2024年获奖；比分3:2。",
        "全市有50人左右参加。",
    ],
)
def test_numbers_quiet(text):
    assert found(text, "numbers") == []


def test_names_variant_title_and_order():
    text = "副市长李明华和李明化、李明华书记、李明华市长、院长赵文清。"
    hits = found(text, "names")
    assert (*span(text, "副市长"), "副市长", "市长") in hits
    assert (*span(text, "李明化"), "李明化", "李明华") in hits
    assert (*span(text, "书记"), "书记", "市长") in hits
    assert (*span(text, "李明华市长"), "李明华市长", "市长李明华") in hits
    assert (*span(text, "院长赵文清"), "院长赵文清", "赵文清院长") in hits


def test_names_quiet_when_right():
    assert found("市长李明华出席，赵文清院长致辞。李明华表示，市长热线将升级。", "names") == []


def test_consistency_weekday_and_dateline():
    text = "本报讯（记者 张三）11月24日（星期一），会议召开。"
    hits = found(text, "consistency", publish_date=date(2026, 11, 24))
    assert hits == [(*span(text, "星期一"), "星期一", "星期二")]
    text = "新华社北京11月25日电 会议召开。"
    hits = found(text, "consistency", publish_date=date(2026, 11, 24))
    assert [(s, e) for s, e, *_ in hits] == [span(text, "11月25日")]
    # Year resolution across new year: a 12月31日 dateline published on 2 January is fine.
    assert (
        found(text.replace("11月25日", "12月31日"), "consistency", publish_date=date(2026, 1, 2))
        == []
    )


def test_consistency_summary():
    report = READER.check(
        "今年共有1200人参加，11月24日闭幕。",
        summary="11月25日闭幕，共有1300人参加。",
        packs=["consistency"],
    )
    got = {(f.field, f.excerpt, f.suggestion) for f in report.findings}
    assert got == {("summary", "11月25日", None), ("summary", "1300", "1200")}
    quiet = READER.check(
        "共有1200人，11月24日。", summary="11月24日，1200人。", packs=["consistency"]
    )
    assert quiet.findings == []
