"""What printed Chinese pages and their files say: the words and marks the segmenter, the
linker and the page-file parser look for.

This is data about Chinese text, not interface text, so it stays in Chinese and out of the
catalogue (docs/i18n.md): a 繁體 or English admin still imports pages printed in 简体中文.
"""

import re

# 转版 markers in the body: "（下转第A03版）", "（上接第1版）", "(转第3版)".
CONTINUATION = re.compile(r"[（(]\s*(下转|上接|转|接)\s*第?\s*([A-Za-z]?\d{1,3})\s*版\s*[)）]")
# the marker's first group when the story goes on to another page (otherwise it comes from one)
CONTINUES_TO = ("下转", "转")

# A byline starts with a role ("本报记者 张三") and, when it has no space, ends with one of
# BYLINE_ENDINGS ("新华社记者张三摄").
BYLINE = re.compile(
    r"^[■●◎□▲◆★]?\s*(本报记者|本报通讯员|本报评论员|本报特约记者|记者|通讯员|特约记者|文[/／]|图[/／]|文图[/／]|本报讯)"
)
BYLINE_ENDINGS = ("摄", "报道")

# A byline set inline at the start of the body: "本报讯（记者 张三 通讯员 李四）",
# "本报北京5月20日电（记者 王五）", "新华社北京11月27日电（记者 赵六）". Group "who" is the byline.
_OPENING = r"^\s*(?:本报讯|本报[^（(，。]{0,12}电|新华社[^（(，。]{0,12}电|[^（(，。]{2,8}讯)\s*"
INLINE_OPENING = re.compile(_OPENING + r"[（(]")
INLINE_BYLINE = re.compile(_OPENING + r"[（(](?P<who>[^（()）,，。；]{2,60})[）)]")
# The roles inside a byline; names follow them ("记者王小明通讯员赵丽" reads
# "记者 王小明 通讯员 赵丽" when the page sets the spaces as kerning, not as characters).
BYLINE_ROLES = re.compile(
    r"(本报记者|特约记者|见习记者|摄影记者|记者|本报通讯员|通讯员|实习生|摄影)"
)

# how a story's last line ends (a column that stops without one goes on elsewhere)
SENTENCE_END = ("。", "！", "？", "”", "」", "…", ".", "!", "?", "）")

# the dashes a subtitle starts with ("——访……")
LEADING_DASHES = re.compile(r"^[—–\-－─]+\s*")

# the label the law requires on an advertisement
AD_LABELS = ("广告", "廣告")
# what an unlabelled ad says: a phone number, a price or a discount, a call to buy
AD_CUES = re.compile(
    r"(?:\d{3,4}[-－—\s]?\d{7,8}|1[3-9]\d{9}|\d{3,4}[-－\s]\d{4}[-－\s]?\d{4}|热线|订购|咨询电话|"
    r"优惠|折起|低至|特价|促销|专卖|招商|加盟|[0-9０-９.]+折|[0-9０-９]+元)"
)

# Words too common to tell two stories apart (the linker's stop words).
_STOP_TEXT = (
    "我们 他们 你们 这个 那个 一个 没有 已经 可以 进行 表示 以及 还是 就是 同时 目前 其中 "
    "今年 去年 明年 记者 本报 通讯员 如果 因为 所以 但是 而且 并且 此外 通过 对于 这些 "
    "那些 自己 大家 一些 时候 工作 相关 有关 方面 情况 开展 问题 部分 其他 之后 之前"
)
STOP_WORDS = frozenset(_STOP_TEXT.split())

# A page file's name: "A01", "01", "第A01版", "A01-要闻", "A01 要闻", "A01_要闻".
PAGE_FILE_NAME = re.compile(
    r"^(?:第\s*)?(?P<num>[A-Za-z]{0,2}\s*\d{1,3})\s*版?(?:\s*[-_—–－·.\s]\s*(?P<name>.+?))?$"
)

# header cells of a manifest.csv's first row (版次,版名)
MANIFEST_NUMBER_HEADERS = ("版次", "number")

# A 版次 printed alone in a page's header: "A02", "第5版", "08" (the importer reads merged PDFs'
# page numbers from it).
HEADER_PAGE_NUMBER = re.compile(r"^(?P<di>第\s*)?(?P<num>[A-Za-z]{0,2}\s*\d{1,3})\s*(?P<ban>版?)$")
