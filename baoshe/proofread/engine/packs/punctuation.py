"""标点: punctuation per GB/T 15834-2011 《标点符号用法》.

Rules and the decisions behind them:

``halfwidth``   , ; : ? ! between (or ? ! . after) Chinese characters should be full-width.
                A colon or comma next to a digit or Latin letter is left alone (时间: 10:30,
                Python 3.11, URLs).
``paren``       half-width ( ) touching Chinese text -> （ ）.
``pair``        unbalanced or mismatched “” ‘’ 《》 （） 【】 〈〉 「」 『』 within a paragraph.
                A quotation running over several paragraphs legitimately opens each paragraph
                with “ and closes only in the last one (GB/T 15834 4.1.3.4); an unclosed “
                followed by a paragraph that starts with “ is therefore not reported.
``doubled``     ，， 。。 、、 ；； ：： and clashes such as ，。 are errors. Repeated or combined
                ？ and ！ (？！ ！！ ？？ ！！！) are allowed for emphasis; four or more is info.
``ellipsis``    。。。 ... ··· and a lone … should be …… (six dots); …… and ………… (twelve dots, for
                omitted paragraphs) are correct.
``dash``        -- －－ ─ and three or more — next to Chinese should be the 破折号 ——. A single —
                between Chinese words is the 连接号 (北京—上海) and is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Finding, Severity
from ..normalize import CJK_CLASS
from .base import Document, Pack

_CJK = f"[{CJK_CLASS}]"
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", ".": "。", "(": "（", ")": "）"}

_HALF_BETWEEN_RE = re.compile(rf"(?<={_CJK})([,;:?!])(?=\s?{_CJK}|[“‘（《])")
_HALF_END_RE = re.compile(rf"(?<={_CJK})([?!.])(?=[”’」』]?\s*$)", re.MULTILINE)
_PAREN_RE = re.compile(rf"(?<={_CJK})\(|\((?={_CJK})|(?<={_CJK})\)|\)(?={_CJK}|[，。；、])")
_DOUBLED_RE = re.compile(r"([，。、；：])\1+|[，、；：][。，；：、]|。[，、；：]")
_EMPHASIS_RE = re.compile(r"[？！]{4,}")
_ELLIPSIS_RE = re.compile(
    rf"(?:(?<={_CJK})|(?<=[，。；”’]))(?:\.{{3,}}|。{{3,}}|[·・]{{3,}})|(?<!…)…(?!…)|(?<!…)…{{3}}(?!…)|…{{5,}}"
)
_DASH_RE = re.compile(
    rf"(?:(?<={_CJK})|(?<=[，。”]))(?:-{{2,}}|－{{2,}}|─+|—{{3,}})(?=\s?{_CJK}|[“‘])"
)

_OPEN = {"“": "”", "‘": "’", "《": "》", "（": "）", "【": "】", "〈": "〉", "「": "」", "『": "』"}
_CLOSE = {v: k for k, v in _OPEN.items()}
_PAIR_RE = re.compile("[" + "".join(_OPEN) + "".join(_CLOSE) + "]")


class PunctuationPack(Pack):
    id = "punctuation"
    label = "标点"
    description = "标点符号用法（GB/T 15834）：全半角、成对符号、叠用、省略号、破折号"

    def check(self, doc: Document) -> Iterator[Finding]:
        paragraphs = list(doc.paragraphs())
        for idx, (offset, para) in enumerate(paragraphs):
            yield from self._regex_rules(doc, offset, para)
            next_para = paragraphs[idx + 1][1] if idx + 1 < len(paragraphs) else ""
            yield from self._pairs(doc, offset, para, next_para)

    def _regex_rules(self, doc: Document, offset: int, para: str) -> Iterator[Finding]:
        for rx in (_HALF_BETWEEN_RE, _HALF_END_RE):
            for m in rx.finditer(para):
                ch = m.group(1)
                yield self.finding(
                    doc,
                    offset + m.start(1),
                    offset + m.end(1),
                    "halfwidth",
                    Severity.WARN,
                    f"中文语句中应使用全角标点“{_FULL[ch]}”，而非半角“{ch}”。",
                    _FULL[ch],
                )
        for m in _PAREN_RE.finditer(para):
            ch = m.group()
            yield self.finding(
                doc,
                offset + m.start(),
                offset + m.end(),
                "paren",
                Severity.INFO,
                f"中文语句中的括号应使用全角“{_FULL[ch]}”。",
                _FULL[ch],
            )
        for m in _DOUBLED_RE.finditer(para):
            s = m.group()
            if s.startswith("。。") and len(s) >= 3:
                continue  # 。。。 is a wrong ellipsis, reported below
            yield self.finding(
                doc,
                offset + m.start(),
                offset + m.end(),
                "doubled",
                Severity.WARN,
                f"标点“{s}”重复或连用不当。",
                s[0] if s[0] == s[-1] else None,
            )
        for m in _EMPHASIS_RE.finditer(para):
            yield self.finding(
                doc,
                offset + m.start(),
                offset + m.end(),
                "doubled",
                Severity.INFO,
                "问号、叹号叠用过多（新闻稿一般不超过三个）。",
                None,
            )
        for m in _ELLIPSIS_RE.finditer(para):
            yield self.finding(
                doc,
                offset + m.start(),
                offset + m.end(),
                "ellipsis",
                Severity.WARN,
                f"省略号应为“……”（两个三连点），而非“{m.group()}”。",
                "……",
            )
        for m in _DASH_RE.finditer(para):
            yield self.finding(
                doc,
                offset + m.start(),
                offset + m.end(),
                "dash",
                Severity.WARN,
                f"破折号应为“——”（两个一字线），而非“{m.group()}”。",
                "——",
            )

    def _pairs(self, doc: Document, offset: int, para: str, next_para: str) -> Iterator[Finding]:
        stack: list[tuple[str, int]] = []
        for m in _PAIR_RE.finditer(para):
            ch, pos = m.group(), m.start()
            prev, nxt = para[pos - 1 : pos], para[pos + 1 : pos + 2]
            if ch == "’" and prev.isascii() and prev.isalpha() and nxt.isascii():
                continue  # apostrophe in English: It’s
            if ch in _OPEN:
                stack.append((ch, pos))
                continue
            want = _CLOSE[ch]
            if stack and stack[-1][0] == want:
                stack.pop()
                continue
            if any(o == want for o, _ in stack):
                # Mismatch: something opened later was not closed before this closer.
                while stack and stack[-1][0] != want:
                    o, p = stack.pop()
                    yield self._unclosed(doc, offset, o, p)
                stack.pop()
                continue
            yield self.finding(
                doc,
                offset + pos,
                offset + pos + 1,
                "pair",
                Severity.WARN,
                f"“{ch}”缺少对应的“{want}”。",
                None,
            )
        continues = next_para.lstrip().startswith("“")
        for o, p in stack:
            if o == "“" and continues:
                continue  # multi-paragraph quotation
            yield self._unclosed(doc, offset, o, p)

    def _unclosed(self, doc: Document, offset: int, opener: str, pos: int) -> Finding:
        return self.finding(
            doc,
            offset + pos,
            offset + pos + 1,
            "pair",
            Severity.WARN,
            f"“{opener}”缺少对应的“{_OPEN[opener]}”。",
            None,
        )
