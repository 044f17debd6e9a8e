"""Newspaper pages laid out with Typst, with ground truth: an independent source for the
数字报 article segmenter.

The pages imitate what real exports do (see ../shared/data/epaper-real/README.md), not what
our own segmenter expects: narrow justified columns with tight gutters, kickers and subtitles,
headlines set at a nominal 1 pt and scaled by the matrix, photos clipped by frames smaller than
the image, full-width slogan bands, unlabelled ads, barcodes, a story nested in the corner of
the lead, an L-shaped story, a framed story, a vertical headline, inline bylines, digits and
Latin words in Chinese text.

Everything is placed absolutely; body text is fitted into its column frames by Typst itself
(binary search with ``measure``), and every element of a story reports its placed box through
``metadata`` that is read back with ``typst.query``. The truth bbox of a story is the union of
those boxes (never anything the segmenter computes).

Rerun (deterministic; writes bench/data/epaper_tools/typst/pageNN.pdf + pageNN.json):

    .venv/bin/pip install typst && .venv/bin/python bench/epaper_tools/typst_pages.py

Pass ``--preview DIR`` to also write PNGs of each page with the truth boxes drawn on it.

A second, held-out set of six pages (``--set holdout``, written to
bench/data/epaper_tools/typst-holdout/, ``layout_system`` "Typst … (held out)") uses other page
sizes, grids (4, 5, 7 and 8 columns), gutters, mastheads, furniture and story arrangements
(headline beside or under the photo, a photo page with 组图, a lead story jumping 下转第A05版
and its continuation 上接第A01版, a 竖排 headline at the right, an inverted-L story, sidebars
nested at other corners, bylines on their own line) and its own invented texts. It must not be
used to tune the segmenter; only aggregate figures are to be read from it:

    .venv/bin/python bench/epaper_tools/typst_pages.py --set holdout [--preview DIR]

A development set of five more pages (``--set dev2``, written to
bench/data/epaper_tools/typst-dev2/, ``layout_system`` "Typst … (dev 2)") has designs and
texts of its own: a front page (masthead, 报眼 ad, 导读 box, lead photo above its headline,
下转 line), its continuation page (上接 line, text columns that do not follow the grid), a
photo page (组图), an 8-column page of briefs with 3 pt gutters over a 分类广告 grid, and a
副刊 page (essay, poem, nested 链接 box):

    .venv/bin/python bench/epaper_tools/typst_pages.py --set dev2 [--preview DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import random
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import typst
from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "bench" / "data" / "epaper_tools" / "typst"
OUT_HOLDOUT = ROOT / "bench" / "data" / "epaper_tools" / "typst-holdout"
MM = 72 / 25.4


def font_dir() -> Path:
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("the mplfonts package (CJK fonts) is not installed in this venv")
    return Path(next(iter(spec.submodule_search_locations))) / "fonts"


def q(s: str) -> str:
    """A Typst string literal."""
    return json.dumps(s, ensure_ascii=False)


# --------------------------------------------------------------------------------------------
# Typst prelude: fitting body text into column frames, reporting placed boxes.
# --------------------------------------------------------------------------------------------

PRELUDE = r"""
#set document(title: "@TITLE@", author: "baoshe bench", date: none)
#set page(width: @W@pt, height: @H@pt, margin: 0pt)
#set text(lang: "zh", region: "cn", top-edge: 0.88em, bottom-edge: -0.12em)
#set par(justify: true, first-line-indent: 0pt)

#let report(id, x, y, body) = {
  place(top + left, dx: x * 1pt, dy: y * 1pt, body)
  context {
    let m = measure(body)
    [#metadata((id: id, x: x, y: y, w: m.width.pt(), h: m.height.pt())) <box>]
  }
}

// A chunk of body text: clusters a..b of cl, "¶" separates paragraphs.
// The first hl clusters of the story (本报讯（记者 …）) may be set in another font.
#let chunk(cl, a, b, starts, mid, hl: 0, hfont: none) = {
  let s = cl.slice(a, b).join()
  if s == none { s = "" }
  let paras = s.split("¶")
  for (i, p) in paras.enumerate() {
    if i > 0 { parbreak() }
    if (i > 0 or starts) and p != "" { h(2em) }
    if i == 0 and a == 0 and hl > 0 and hfont != none {
      let pc = p.clusters()
      let k = calc.min(hl, pc.len())
      text(font: hfont, pc.slice(0, k).join())
      pc.slice(k).join()
    } else { p }
  }
  if mid { linebreak(justify: true) }
}

// Styled body block of width w (pt); nominal: set at 1pt and scaled up by the matrix.
#let bodyblock(w, font, size, lead, nominal, content) = {
  if nominal {
    scale(x: size * 100%, y: size * 100%, origin: top + left, reflow: true,
      block(width: w / size * 1pt, {
        set text(font: font, size: 1pt)
        set par(leading: lead / size * 1pt, spacing: lead / size * 1pt)
        content
      }))
  } else {
    block(width: w * 1pt, {
      set text(font: font, size: size * 1pt)
      set par(leading: lead * 1pt, spacing: lead * 1pt)
      content
    })
  }
}

#let NOSTART = "，。、；：！？）”」』》"
#let ENDS = "。！？"

// Flow text through frames ((x, y, w, lines), ...), each frame filled to its last line.
#let flow(id, text-str, frames, font, size, lead, nominal: false, hl: 0, hfont: none) = context {
  let cl = text-str.clusters()
  let n = cl.len()
  let pos = 0
  let starts = true
  for (fi, f) in frames.enumerate() {
    let (x, y, w, lines) = f
    let maxh = (lines * size + (lines - 1) * lead + 0.05) * 1pt
    let last = fi == frames.len() - 1
    let mk(b) = bodyblock(w, font, size, lead, nominal,
      chunk(cl, pos, b, starts, b < n and cl.at(b) != "¶" and not last, hl: hl, hfont: hfont))
    let lo = pos
    let hi = n
    while lo < hi {
      let mid = calc.div-euclid(lo + hi + 1, 2)
      if measure(mk(mid)).height <= maxh { lo = mid } else { hi = mid - 1 }
    }
    let b = lo
    while b > pos + 1 and b < n and NOSTART.contains(cl.at(b)) { b -= 1 }
    if last {
      let j = b
      while j > pos and not ENDS.contains(cl.at(j - 1)) { j -= 1 }
      if j > pos + (b - pos) * 0.6 { b = j }
    }
    let body = mk(b)
    place(top + left, dx: x * 1pt, dy: y * 1pt, body)
    let m = measure(body)
    [#metadata((id: id, x: x, y: y, w: m.width.pt(), h: m.height.pt(), frame: fi)) <box>]
    pos = b
    starts = false
    if pos < n and cl.at(pos) == "¶" { pos += 1; starts = true }
  }
}
"""


# --------------------------------------------------------------------------------------------
# Invented news text (written for this bench; no real articles).
# --------------------------------------------------------------------------------------------

GENERIC = [
    "据了解，{org}此前已组织专人走访{place}各村社区，逐户听取群众意见，"
    "梳理出道路修缮、停车难、老人助餐等12类问题。",
    "{org}相关负责人介绍，今年以来，各项工作按照“月有计划、周有安排、日有落实”的要求推进，"
    "目前已完成年度任务的六成以上。",
    "现场，不少市民驻足观看、拍照留念。家住{place}的陈阿姨说：“以前办这些事要跑好几趟，"
    "现在家门口就能办好，心里踏实多了。”",
    "为确保活动取得实效，{org}还制定了详细的工作方案，明确责任人和时间节点，并建立每周通报制度。",
    "记者在现场看到，工作人员身穿红马甲，有的发放宣传资料，有的耐心解答群众咨询，现场秩序井然。",
    "据统计，截至5月18日，全县共有3200余人次参与其中，累计收集意见建议260余条，已办结198条。",
    "下一步，{org}将继续深化“最多跑一次”改革，把更多服务事项延伸到{place}一线，"
    "让群众少跑腿、好办事。",
    "活动中，来自县人民医院的医生为群众提供免费测血压、测血糖等服务，"
    "并现场讲解夏季常见病的预防知识。",
    "“我们要把好事办好、实事办实。”{org}负责人表示，将以此次活动为契机，"
    "进一步完善长效机制，推动各项工作常态化开展。",
    "此外，{place}还利用微信公众号、村务公开栏等渠道，及时公布工作进展，主动接受群众监督。",
    "近年来，{place}坚持生态优先、绿色发展，先后获得省级美丽乡村示范乡镇、市级文明村镇等荣誉称号。",
    "按照计划，项目总投资约1.2亿元，分两期实施，一期工程预计于今年10月底前完工，"
    "届时将惠及周边两万余名群众。",
    "在随后的座谈会上，与会人员围绕如何提升服务质量、扩大群众参与面等问题展开讨论，"
    "提出了不少有针对性的意见。",
    "据介绍，这是{org}今年开展的第三场同类活动，前两场活动共吸引了近千名群众参加，反响良好。",
    "{org}工作人员告诉记者，他们将对收集到的问题建立台账，实行销号管理，"
    "做到件件有回音、事事有着落。",
    "不少参与者表示，通过这次活动，不仅学到了实用的知识，也感受到了身边的变化，"
    "对今后的生活更有信心。",
    "在{place}的一处施工现场，挖掘机、运输车来回穿梭，工人们正抓紧进行路基平整作业，一派繁忙景象。",
    "与此同时，{org}加强与周边县市的交流合作，引进先进经验和做法，不断提高工作的专业化水平。",
    "记者从{org}了解到，今年全县计划新建和改造农村公路45公里，目前已开工38公里，完成投资6800万元。",
    "为方便群众，{place}便民服务中心推出“延时服务”和“预约服务”，工作日中午和周六上午照常办理业务。",
    "来自浙江大学的专家在讲座中结合大量案例，深入浅出地讲解了相关政策和操作要点，现场互动热烈。",
    "“这次活动办得很及时，解决了我们的大难题。”一位参与活动的企业负责人说，"
    "企业今年的订单已经排到了9月份。",
    "据悉，该活动将持续至6月底，其间还将陆续推出讲座、展览、志愿服务等系列内容，"
    "欢迎广大市民积极参与。",
    "当天下午，检查组一行还深入{place}的农贸市场、居民小区和学校周边，"
    "实地查看环境卫生和秩序管理情况。",
    "{org}有关负责人表示，将把群众满意度作为检验工作成效的重要标准，"
    "持续抓好问题整改，巩固提升工作成果。",
    "在CHINA DAILY等媒体的报道中，这一做法被称为“小切口、大民生”的基层治理样本。",
    "活动结束后，参与者纷纷通过手机扫描二维码填写问卷，对活动组织和服务质量进行评价，"
    "满意率达到96.5%。",
    "今年5月以来，{place}已累计开展各类志愿服务活动40余场，"
    "参与志愿者1500多人次，服务群众上万人次。",
    "走进{place}，干净整洁的道路、错落有致的绿化带、统一规范的店招店牌映入眼帘，处处展现着新气象。",
    "{org}副局长在接受采访时说，群众的小事就是政府的大事，必须用心用情办好。",
    "为破解资金难题，{place}积极争取上级补助资金，同时引导社会资本参与，形成了多元投入的良好格局。",
    "据悉，相关部门还将建立定期回访制度，每季度对服务对象进行一次回访，及时了解群众的新需求。",
    "一位刚从外地回乡的年轻人感慨地说，几年没回来，家乡的变化太大了，路宽了、灯亮了、环境更美了。",
    "上午9点，记者来到{place}，只见工作人员正在为前来咨询的群众逐一登记，并发放办事指南。",
    "专家提醒，市民在参与相关活动时要注意安全，遇到问题可拨打12345政务服务热线咨询。",
    "{org}还专门组建了一支由30名党员组成的志愿服务队，每周深入一线开展帮扶。",
    "这一举措实施以来，办事时间平均缩短了40%，群众满意度明显提升。",
    "“以前总觉得这些事离自己很远，现在才知道，原来每个人都可以出一份力。”参加活动的大学生小陈说。",
    "据了解，今年县财政安排专项资金2800万元，重点支持农村基础设施和公共服务设施建设。",
    "当天，工作人员还向过往群众发放《致市民的一封信》和宣传手册3000余份。",
    "在{place}，一块块宣传展板吸引了居民驻足观看，展板上图文并茂地介绍了相关政策。",
    "与往年相比，今年的活动更加注重群众参与，设置了互动体验、有奖问答等环节。",
    "目前，{org}已经建立起县、乡、村三级联动的工作体系，确保各项措施落到实处。",
    "截至目前，该项目已带动周边200余名村民在家门口就业，人均月收入增加1500元以上。",
    "数据显示，今年1至4月，全县规模以上工业增加值同比增长8.2%，固定资产投资同比增长11.5%。",
    "为了让更多群众知晓政策，{org}还录制了方言版宣传短视频，在村村响广播中循环播放。",
    "“只要群众有需要，我们随叫随到。”一位工作人员一边整理资料一边对记者说。",
    "从最初的无人问津到如今的供不应求，{place}用三年时间走出了一条特色发展之路。",
]


@dataclass
class Photo:
    cols: int = 2  # body columns it spans (at the left, or at the right with right=True)
    h: float = 120.0
    caption: str = ""
    right: bool = False
    seed: int = 0


@dataclass
class Story:
    title: list[str]  # headline lines as printed
    col: int  # first grid column
    span: int  # grid columns
    y0: float
    y1: float
    topic: list[str] = field(default_factory=list)  # story-specific sentences
    place_name: str = "城关镇"
    org: str = "县委宣传部"
    kicker: str = ""
    sub: str = ""
    byline: str = ""  # names part, e.g. "记者 张三 通讯员 李四"
    dateline: str = "本报讯"  # text before the parenthesised byline
    hsize: float = 24.0
    ncols: int | None = None  # text columns (default: grid span)
    photo: Photo | None = None
    boxed: bool = False
    nested: Story | None = None  # commentary in the lower-right corner
    nested_cols: int = 2
    nested_h: float = 150.0
    lshape: tuple[float, Photo] | None = None  # (y2, in-column photo): last column runs on
    vertical: bool = False
    scaled_head: bool = False
    scaled_body: bool = False
    halign: str | None = None


@dataclass
class Style:
    body_font: str
    body_size: float
    lead: float
    head_font: str
    kicker_font: str
    gutter: float  # between text columns of one story
    halign: str = "center"
    head_color: str = "black"
    bar: bool = False  # a coloured bar left of left-aligned headlines
    byline_font: str | None = None  # 本报讯（记者 …） set in another font


@dataclass
class Page:
    name: str
    width: float
    height: float
    ncol: int
    style: Style
    number: str
    section: str
    date: str
    margin: float = 28.0
    gap: float = 11.0  # between grid columns
    rules: bool = False
    stories: list[Story] = field(default_factory=list)
    furniture: list = field(default_factory=list)  # callables(builder) placing furniture
    top: float = 78.0
    bottom: float = 30.0
    seed: int = 0
    traits_extra: list[str] = field(default_factory=list)


def text_width(s: str, size: float) -> float:
    return sum((0.55 if ord(c) < 0x2E80 else 1.0) for c in s) * size


def make_photo(path: Path, seed: int) -> None:
    rnd = random.Random(seed)
    w, h = 480, 360
    img = Image.new("RGB", (w, h))
    d = ImageDraw.Draw(img)
    c0 = [rnd.randint(60, 200) for _ in range(3)]
    c1 = [rnd.randint(20, 240) for _ in range(3)]
    for y in range(h):
        t = y / h
        d.line(
            [(0, y), (w, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(c0, c1, strict=True))
        )
    for _ in range(9):
        x, y = rnd.randint(-40, w), rnd.randint(h // 3, h)
        r = rnd.randint(20, 110)
        col = tuple(rnd.randint(0, 255) for _ in range(3))
        if rnd.random() < 0.5:
            d.ellipse([x, y, x + r, y + r], fill=col)
        else:
            d.rectangle([x, y, x + r, y + r * 1.6], fill=col)
    d.polygon([(0, h), (w * 0.3, h * 0.45), (w * 0.6, h)], fill=(50, 90, 60))
    img = img.filter(ImageFilter.GaussianBlur(1.2))
    img.save(path, "JPEG", quality=62, optimize=True)


class Builder:
    """Builds the Typst source of one page and remembers which element belongs to which story."""

    def __init__(self, page: Page, build: Path):
        self.p = page
        self.s = page.style
        self.build = build
        self.out: list[str] = []
        self.meta: dict[str, dict] = {}  # story id -> title, byline, inside, lshape info
        self.nphoto = 0
        self.lead_len = 0
        self.rnd = random.Random(page.seed)

    # grid ---------------------------------------------------------------------------------
    def gridw(self) -> float:
        p = self.p
        return (p.width - 2 * p.margin - (p.ncol - 1) * p.gap) / p.ncol

    def colx(self, col: int, span: int) -> tuple[float, float]:
        gw = self.gridw()
        x0 = self.p.margin + col * (gw + self.p.gap)
        return x0, x0 + span * gw + (span - 1) * self.p.gap

    # primitives ---------------------------------------------------------------------------
    def put(self, sid: str, x: float, y: float, body: str) -> None:
        self.out.append(f"#report({q(sid)}, {x:.3f}, {y:.3f}, {body})")

    def raw(self, code: str) -> None:
        self.out.append(code)

    def textline(self, s, font, size, w, align="center", scaled=False, color="black"):
        fill = f", fill: {color}" if color != "black" else ""
        if scaled:  # nominal 1 pt, scaled by the matrix
            inner = (
                f"scale(x: {size * 100:.1f}%, y: {size * 100:.1f}%, origin: top + left, "
                f"reflow: true, text(font: {q(font)}, size: 1pt{fill}, {q(s)}))"
            )
        else:
            inner = f"text(font: {q(font)}, size: {size}pt{fill}, {q(s)})"
        return f"block(width: {w:.3f}pt, align({align}, {inner}))"

    def photo(self, sid: str, x: float, y: float, w: float, h: float, ph: Photo) -> float:
        """A photo clipped by a frame smaller than the image; returns the bottom incl. caption."""
        self.nphoto += 1
        name = f"{self.p.name}_{self.nphoto}.jpg"
        make_photo(self.build / name, self.p.seed * 100 + self.nphoto + ph.seed)
        iw = max(w * 1.35, h * 1.4 / 0.75)
        ox, oy = -(iw - w) * 0.4, -(iw * 0.75 - h) * 0.45
        self.put(
            sid,
            x,
            y,
            f"box(width: {w:.3f}pt, height: {h:.3f}pt, clip: true, place(top + left, "
            f'dx: {ox:.3f}pt, dy: {oy:.3f}pt, image("{name}", width: {iw:.3f}pt, '
            f"height: {iw * 0.75:.3f}pt)))",
        )
        bottom = y + h
        if ph.caption:
            size = 7.5
            lines = max(1, int(-(-text_width(ph.caption, size) * 1.04 // w)))
            body = (
                f"block(width: {w:.3f}pt, {{set par(leading: 2pt, justify: false); "
                f"text(font: {q(self.s.kicker_font)}, size: {size}pt, {q(ph.caption)})}})"
            )
            self.put(sid, x, bottom + 3, body)
            bottom += 3 + lines * size + (lines - 1) * 2
        return bottom

    def lines_in(self, top: float, bottom: float) -> int:
        return int((bottom - top + self.s.lead) // (self.s.body_size + self.s.lead))

    def pool(self, st: Story, capacity_chars: int) -> str:
        rnd = random.Random(hash_seed(st.title[0]))
        who = f"（{st.byline}）" if st.byline else ""
        first = f"{st.dateline}{who}" if (st.byline or st.dateline != "本报讯") else ""
        self.lead_len = len(first)
        paras: list[str] = []
        topic = [t.format(place=st.place_name, org=st.org) for t in st.topic]
        generic = [g.format(place=st.place_name, org=st.org) for g in GENERIC]
        rnd.shuffle(generic)
        if topic:
            paras.append(first + topic[0])
            rest = topic[1:]
        else:
            paras.append(first + generic.pop())
            rest = []
        gi = 0
        total = len(paras[0])
        while total < capacity_chars * 1.4 + 200:
            k = rnd.randint(1, 3)
            sents = []
            for _ in range(k):
                if rest and rnd.random() < 0.7:
                    sents.append(rest.pop(0))
                else:
                    sents.append(generic[gi % len(generic)])
                    gi += 1
            para = "".join(sents)
            paras.append(para)
            total += len(para)
        return "¶".join(paras)

    # stories ------------------------------------------------------------------------------
    def story(self, st: Story, sid: str, rect=None, inside: str | None = None) -> None:
        s = self.s
        if rect is None:
            x0, x1 = self.colx(st.col, st.span)
            y0, y1 = st.y0, st.y1
        else:
            x0, y0, x1, y1 = rect
        title = "".join(st.title)
        self.meta[sid] = {"title": title, "byline": st.byline, "inside": inside}
        if st.boxed:
            self.put(
                sid,
                x0,
                y0,
                f"rect(width: {x1 - x0:.3f}pt, height: {y1 - y0:.3f}pt, "
                f'stroke: 0.7pt + rgb("#333333"), fill: rgb("#f6f1e6"))',
            )
            x0, y0, x1, y1 = x0 + 7, y0 + 7, x1 - 7, y1 - 7
        align = st.halign or s.halign
        y = y0
        if st.vertical:  # 竖排 headline in a narrow column at the left
            vw = st.hsize * 1.15
            chars = ", ".join(
                f"text(font: {q(s.head_font)}, size: {st.hsize}pt, {q(c)})" for c in title
            )
            self.put(
                sid,
                x0,
                y0,
                f"block(width: {vw:.2f}pt, align(center, stack(dir: ttb, spacing: 3pt, {chars})))",
            )
            x0 = x0 + vw + 8
        w = x1 - x0
        if st.kicker:
            ks = max(10.0, min(14.0, st.hsize * 0.45))
            self.put(sid, x0, y, self.textline(st.kicker, s.kicker_font, ks, w, align))
            y += ks + 4
        if not st.vertical:
            for line in st.title:
                hs = st.hsize
                assert text_width(line, hs) <= w + 1, (line, hs, w)
                hx, hw = x0, w
                if s.bar and align == "left":  # a red bar before the headline
                    self.put(
                        sid, x0, y, f'rect(width: 3pt, height: {hs:.1f}pt, fill: rgb("#b22222"))'
                    )
                    hx, hw = x0 + 8, w - 8
                self.put(
                    sid,
                    hx,
                    y,
                    self.textline(line, s.head_font, hs, hw, align, st.scaled_head, s.head_color),
                )
                y += hs + max(3.0, hs * 0.18)
        if st.sub:
            ss = max(10.0, min(14.0, st.hsize * 0.5))
            self.put(sid, x0, y, self.textline(st.sub, s.kicker_font, ss, w, align))
            y += ss + 4
        y += 5 if (st.kicker or st.sub or not st.vertical) else 0
        # body columns
        n = st.ncols or st.span or 1
        g = s.gutter
        cw = (w - (n - 1) * g) / n
        tops = [y] * n
        bottoms = [y1] * n
        if st.photo:
            ph = st.photo
            c0 = n - ph.cols if ph.right else 0
            px = x0 + c0 * (cw + g)
            pw = ph.cols * cw + (ph.cols - 1) * g
            pb = self.photo(sid, px, y, pw, ph.h, ph)
            for c in range(c0, c0 + ph.cols):
                tops[c] = pb + 7
        if st.nested:
            k = st.nested_cols
            nx0 = x0 + (n - k) * (cw + g)
            for c in range(n - k, n):
                bottoms[c] = y1 - st.nested_h - 9
        frames = []
        for c in range(n):
            fx = x0 + c * (cw + g)
            frames.append((fx, tops[c], cw, self.lines_in(tops[c], bottoms[c])))
        if st.lshape:
            y2, lph = st.lshape
            fx = x0 + (n - 1) * (cw + g)
            pb = self.photo(sid, fx, y1 + 8, cw, lph.h, lph)
            frames.append((fx, pb + 7, cw, self.lines_in(pb + 7, y2)))
            self.meta[sid]["lshape"] = {"x": fx, "y": y1}
        cap = sum(int(f[2] // s.body_size) * f[3] for f in frames)
        text = self.pool(st, cap)
        fr = ", ".join(f"({a:.3f}, {b:.3f}, {c:.3f}, {d})" for a, b, c, d in frames)
        self.raw(
            f"#flow({q(sid)}, {q(text)}, ({fr},), {q(s.body_font)}, {s.body_size}, {s.lead}, "
            f"nominal: {'true' if st.scaled_body else 'false'}, hl: {self.lead_len}, "
            f"hfont: {q(s.byline_font) if s.byline_font else 'none'})"
        )
        if st.nested:
            self.story(st.nested, sid + "n", (nx0, y1 - st.nested_h, x1, y1), inside=title)

    # furniture ----------------------------------------------------------------------------
    def masthead(self) -> None:
        p = self.p
        m = p.margin
        self.raw(
            f'#place(dx: {m}pt, dy: 26pt, box(fill: rgb("#b22222"), inset: (x: 6pt, y: 4pt), '
            f'text(font: "SimHei", size: 20pt, fill: white, {q(p.number)})))'
        )
        self.raw(
            f'#place(dx: {m + 70}pt, dy: 28pt, text(font: "SimHei", size: 22pt, {q(p.section)}))'
        )
        self.raw(
            f"#place(dx: {m}pt, dy: 28pt, block(width: {p.width - 2 * m}pt, align(right, "
            f'text(font: {q(p.style.kicker_font)}, size: 9pt, {q(p.date)} + "    " + '
            f'"责任编辑：周明远  版式：林小雨  校对：何静"))))'
        )
        self.raw(
            f"#place(dx: {m}pt, dy: 60pt, line(length: {p.width - 2 * m}pt, "
            f'stroke: 1.6pt + rgb("#b22222")))'
        )
        self.raw(f"#place(dx: {m}pt, dy: 63pt, line(length: {p.width - 2 * m}pt, stroke: 0.4pt))")

    def folio(self) -> None:
        p = self.p
        m = p.margin
        y = p.height - 22
        self.raw(
            f"#place(dx: {m}pt, dy: {y - 5}pt, line(length: {p.width - 2 * m}pt, stroke: 0.5pt))"
        )
        self.raw(
            f"#place(dx: {m}pt, dy: {y}pt, block(width: {p.width - 2 * m}pt, "
            f'text(font: "SimHei", size: 8pt, {q(p.number + "  " + p.section)} + h(1fr) + '
            f"{q('东溪日报  ' + p.date)} + h(1fr) + {q('新闻热线：0576-8312 5555')})))"
        )

    def band(self, y: float, h: float, text_s: str, size: float = 20) -> None:
        p = self.p
        m = p.margin
        self.raw(
            f"#place(dx: {m}pt, dy: {y}pt, block(width: {p.width - 2 * m}pt, height: {h}pt, "
            f'fill: rgb("#c8102e"), align(center + horizon, text(font: "SimHei", '
            f"size: {size}pt, fill: white, tracking: 4pt, {q(text_s)}))))"
        )

    def ad(self, x0, y0, x1, y1, big: str, small: str, phone: str) -> None:
        w, h = x1 - x0, y1 - y0
        self.raw(
            f"#place(dx: {x0:.2f}pt, dy: {y0:.2f}pt, block(width: {w:.2f}pt, height: {h:.2f}pt, "
            f'fill: gradient.linear(rgb("#ffd54a"), rgb("#ff8a00"), angle: 90deg), '
            f"inset: 10pt, align(center + horizon, stack(spacing: 8pt, "
            f'text(font: "SimHei", size: {min(34, w / (len(big) + 1)):.1f}pt, '
            f'fill: rgb("#8b0000"), {q(big)}), '
            f'text(font: "SimHei", size: 12pt, {q(small)}), '
            f'box(fill: white, inset: 4pt, text(font: "SimHei", size: 15pt, '
            f'fill: rgb("#c8102e"), {q(phone)}))))))'
        )

    def barcode(self, x0: float, y0: float, w: float, h: float) -> None:
        rnd = random.Random(77)
        bars = []
        x = 0.0
        while x < w - 3:
            bw = rnd.choice([0.6, 0.6, 1.2, 1.8, 2.4])
            if rnd.random() < 0.55:
                bars.append(
                    f"place(dx: {x:.2f}pt, rect(width: {bw}pt, height: {h - 10}pt, fill: black))"
                )
            x += bw
        digits = "9 771002 892013 05"
        self.raw(
            f"#place(dx: {x0:.2f}pt, dy: {y0:.2f}pt, block(width: {w:.2f}pt, height: {h}pt, "
            f"fill: white, {{ {'; '.join(bars)}; "
            f'place(dy: {h - 9}pt, text(font: "Noto Sans CJK SC", size: 7pt, {q(digits)})) }}))'
        )

    def rules(self) -> None:
        """Thin rules in the gaps around each story (furniture)."""
        p = self.p
        hi = p.width - p.margin - 2
        for st in p.stories:
            x0, x1 = self.colx(st.col, st.span)
            y1 = st.lshape[0] if st.lshape else st.y1
            if y1 < p.height - p.bottom - 40:
                self.raw(
                    f"#place(dx: {x0:.2f}pt, dy: {y1 + 6:.2f}pt, "
                    f"line(length: {x1 - x0:.2f}pt, stroke: 0.4pt))"
                )
            if x1 < hi:
                self.raw(
                    f"#place(dx: {x1 + p.gap / 2:.2f}pt, dy: {st.y0:.2f}pt, "
                    f"line(angle: 90deg, length: {y1 - st.y0:.2f}pt, stroke: 0.4pt))"
                )

    def source(self) -> str:
        p = self.p
        head = (
            PRELUDE.replace("@TITLE@", p.name)
            .replace("@W@", str(p.width))
            .replace("@H@", str(p.height))
        )
        self.masthead()
        for i, st in enumerate(p.stories):
            self.story(st, f"s{i}")
        if p.rules:
            self.rules()
        for f in p.furniture:
            f(self)
        self.folio()
        return head + "\n".join(self.out) + "\n"


def hash_seed(s: str) -> int:
    return int(hashlib.sha256(s.encode()).hexdigest()[:8], 16)


# --------------------------------------------------------------------------------------------
# Compile, read back the placed boxes, write truth.
# --------------------------------------------------------------------------------------------


def build_page(
    page: Page,
    build: Path,
    fonts: Path,
    version: str,
    out: Path = OUT,
    holdout: bool = False,
    dev2: bool = False,
) -> dict:
    b = (Dev2Builder if dev2 else HoldoutBuilder if holdout else Builder)(page, build)
    src = build / f"{page.name}.typ"
    src.write_text(b.source(), encoding="utf-8")
    pdf = out / f"{page.name}.pdf"
    typst.compile(str(src), output=str(pdf), font_paths=[str(fonts)], ignore_system_fonts=True)
    boxes = json.loads(
        typst.query(
            str(src), "<box>", field="value", font_paths=[str(fonts)], ignore_system_fonts=True
        )
    )
    per: dict[str, list] = {}
    for bx in boxes:
        per.setdefault(bx["id"], []).append(bx)
    stories = []
    for sid, meta in b.meta.items():
        items = per[sid]
        if sid + "n" in per:  # a nested story lies inside its host's box
            items = items + per[sid + "n"]
        x0 = min(i["x"] for i in items)
        y0 = min(i["y"] for i in items)
        x1 = max(i["x"] + i["w"] for i in items)
        y1 = max(i["y"] + i["h"] for i in items)
        row = {
            "title": meta["title"],
            "byline": meta["byline"],
            "bbox": [round(x0, 1), round(y0, 1), round(x1, 1), round(y1, 1)],
        }
        if meta.get("inside"):
            row["inside"] = meta["inside"]
        if meta.get("lshape", {}).get("side") == "left":
            row["polygon"] = left_leg_polygon(items, meta["lshape"], x0, y0, x1, y1)
        elif meta.get("lshape"):
            lx, ly = meta["lshape"]["x"], meta["lshape"]["y"]
            # bottom of the upper part: everything that starts above the split line
            top_bottom = max(i["y"] + i["h"] for i in items if i["y"] < ly)
            row["polygon"] = [
                [round(x0, 1), round(y0, 1)],
                [round(x1, 1), round(y0, 1)],
                [round(x1, 1), round(y1, 1)],
                [round(lx, 1), round(y1, 1)],
                [round(lx, 1), round(top_bottom, 1)],
                [round(x0, 1), round(top_bottom, 1)],
            ]
        if meta.get("jump"):
            row["jump"] = meta["jump"]
        stories.append(row)
    data = pdf.read_bytes()
    truth = {
        "_about": (
            "Generated by bench/epaper_tools/typst_pages.py: a newspaper page laid out with "
            "Typst; each story's bbox (PDF points, top-left origin, y down) is the union of the "
            "boxes the generator placed for it (kicker, headline, subtitle, body frames as "
            "typeset, photo frames' visible extent, captions), read back from the Typst "
            "document, never from the segmenter. Furniture (版头, folio, ads, slogan band, "
            "barcode, rules) is not a story. 'inside' names the story a nested one is set in; "
            "'polygon' outlines an L-shaped story."
            + (HOLDOUT_ABOUT if holdout else "")
            + (DEV2_ABOUT if dev2 else "")
        ),
        "pdf": pdf.name,
        "sha256": hashlib.sha256(data).hexdigest(),
        "page": 0,
        "layout_system": f"Typst {version}"
        + (" (held out)" if holdout else "")
        + (" (dev 2)" if dev2 else ""),
        "_traits": page_traits(page),
        "stories": stories,
    }
    (out / f"{page.name}.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return truth


def page_traits(page: Page) -> list[str]:
    t = [
        f"{page.width:.0f}x{page.height:.0f}pt",
        f"{page.ncol}-column grid",
        f"body {page.style.body_font} {page.style.body_size}pt",
        f"headlines {page.style.head_font}",
        "rules between stories" if page.rules else "whitespace between stories",
    ]
    sts = page.stories
    if any(s.scaled_head for s in sts):
        t.append("headlines at nominal 1pt scaled by the matrix")
    if any(s.scaled_body for s in sts):
        t.append("body text at nominal 1pt scaled by the matrix")
    if any(s.nested for s in sts):
        t.append("nested commentary")
    if any(s.lshape for s in sts):
        t.append("L-shaped story")
    if any(s.boxed for s in sts):
        t.append("framed story")
    if any(s.vertical for s in sts):
        t.append("vertical headline")
    if any(s.photo or s.lshape for s in sts):
        t.append("clipped photos with captions")
    t += page.traits_extra
    return t


def version() -> str:
    with tempfile.TemporaryDirectory() as d:
        src = Path(d) / "v.typ"
        src.write_text("#metadata(str(sys.version)) <v>", encoding="utf-8")
        return json.loads(typst.query(str(src), "<v>", field="value", one=True))


def preview(name: str, truth: dict, dest: Path, out: Path = OUT) -> Path:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(out / truth["pdf"]))
    scale = 1.5
    img = doc[0].render(scale=scale).to_pil().convert("RGB")
    d = ImageDraw.Draw(img)
    colors = ["#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#008080", "#9a6324"]
    for i, st in enumerate(truth["stories"]):
        c = colors[i % len(colors)]
        x0, y0, x1, y1 = (v * scale for v in st["bbox"])
        d.rectangle([x0 - 1, y0 - 1, x1 + 1, y1 + 1], outline=c, width=1)
        if "polygon" in st:
            pts = [(x * scale, y * scale) for x, y in st["polygon"]]
            d.line(pts + [pts[0]], fill="#000000", width=2)
        d.text((x0 + 4, y0 + 2), str(i), fill=c)
    dest.mkdir(parents=True, exist_ok=True)
    out = dest / f"{name}.png"
    img.save(out)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--preview", type=Path, help="also write PNGs with the truth boxes drawn")
    ap.add_argument("--only", help="build only this page name")
    ap.add_argument(
        "--set",
        choices=("tuned", "holdout", "dev2"),
        default="tuned",
        help="'tuned': the six pages in typst/ (default); 'holdout': six other designs in "
        "typst-holdout/, kept out of segmenter tuning; 'dev2': five more designs in typst-dev2/",
    )
    args = ap.parse_args()
    fonts = font_dir()
    ver = version()
    holdout = args.set == "holdout"
    dev2 = args.set == "dev2"
    out, pages = (
        (OUT_HOLDOUT, HOLDOUT_PAGES)
        if holdout
        else (OUT_DEV2, DEV2_PAGES)
        if dev2
        else (OUT, PAGES)
    )
    out.mkdir(parents=True, exist_ok=True)
    build = Path(tempfile.mkdtemp(prefix="typst-pages-"))
    keep = args.preview is not None
    try:
        for page in pages:
            if args.only and page.name != args.only:
                continue
            truth = build_page(page, build, fonts, ver, out, holdout, dev2)
            print(
                f"{page.name}: {len(truth['stories'])} stories, "
                f"{(out / truth['pdf']).stat().st_size // 1024} KiB"
            )
            if args.preview:
                preview(page.name, truth, args.preview, out)
    finally:
        if keep:
            print(f"Typst sources kept in {build}")
        else:
            shutil.rmtree(build, ignore_errors=True)


# --------------------------------------------------------------------------------------------
# The six pages.
# --------------------------------------------------------------------------------------------

STYLE_A = Style("Noto Serif CJK SC", 9.0, 3.2, "SimHei", "SimHei", 5.0, byline_font="SimHei")
STYLE_B = Style("SimHei", 8.5, 3.0, "Source Han Serif SC", "Noto Serif CJK SC", 4.0)
STYLE_C = Style(
    "Source Han Serif SC",
    9.5,
    3.4,
    "Noto Sans CJK SC",
    "Noto Sans CJK SC",
    6.0,
    halign="left",
    head_color='rgb("#1a3d7c")',
    bar=True,
    byline_font="Noto Sans CJK SC",
)
BROAD = (680.3, 1105.4)  # 240 x 390 mm, like the real county-paper page
BIG = (round(350 * MM, 1), round(540 * MM, 1))  # 350 x 540 mm broadsheet
TABLOID = (round(280 * MM, 1), round(400 * MM, 1))  # 280 x 400 mm


def _ad(col, span, y0, y1, big, small, phone):
    def place(b):
        x0, x1 = b.colx(col, span)
        b.ad(x0, y0, x1, y1, big, small, phone)

    return place


def _band(y, h, s, size=20):
    return lambda b: b.band(y, h, s, size)


def _barcode(col, y, w=150, h=56):
    return lambda b: b.barcode(b.colx(col, 1)[0], y, w, h)


P1 = Page(
    "page01",
    *BROAD,
    ncol=6,
    style=STYLE_A,
    number="A03",
    section="要闻",
    date="2026年5月19日 星期二",
    rules=True,
    seed=1,
    traits_extra=["slogan band", "unlabelled ad", "masthead A03", "folio"],
    furniture=[
        _band(72, 28, "创建全国文明城市  共建美好幸福家园"),
        _ad(
            3,
            3,
            978,
            1072,
            "盛夏焕新季 家电低至5折",
            "以旧换新 再享政府补贴 送货上门",
            "热线 0576-8888 6666",
        ),
    ],
    stories=[
        Story(
            ["老旧小区改造全面提速"],
            0,
            4,
            110,
            562,
            hsize=32,
            scaled_head=True,
            kicker="今年计划改造38个小区  惠及居民1.6万户",
            sub="加装电梯、雨污分流、停车位扩容同步推进",
            byline="记者 张晓峰 通讯员 李文静",
            place_name="城关街道",
            org="县住建局",
            topic=[
                "5月18日上午，随着挖掘机开进城关街道西门小区，"
                "全县2026年老旧小区改造工程进入集中施工阶段。",
                "西门小区建于上世纪90年代，共有住户420户，管网老化、路面破损、"
                "停车难等问题一直困扰着居民。",
                "此次改造将为小区新增停车位86个，加装电梯12部，并对雨污管网进行全面分流改造。",
                "“改造方案是我们一起商量出来的，大家都很支持。”小区居民王大伯说。",
            ],
            photo=Photo(2, 150, "5月18日，施工人员在西门小区进行管网改造。  记者 张晓峰 摄"),
            nested=Story(
                ["让民生工程经得起检验"],
                0,
                0,
                0,
                0,
                hsize=16,
                kicker="短评",
                boxed=True,
                ncols=2,
                place_name="各地",
                org="有关部门",
                topic=[
                    "老旧小区改造是民生工程，也是民心工程。改得好不好，群众最有发言权。",
                    "只有把群众的“需求清单”变成“施工清单”，才能让改造真正改到居民的心坎上。",
                ],
            ),
            nested_cols=2,
            nested_h=165,
        ),
        Story(
            ["东溪大桥", "主体工程完工"],
            4,
            2,
            110,
            400,
            hsize=28,
            sub="预计今年国庆前通车",
            byline="记者 陈海涛",
            place_name="东溪镇",
            org="县交通运输局",
            topic=[
                "5月17日，随着最后一片箱梁吊装到位，东溪大桥主体工程顺利完工。",
                "东溪大桥全长680米，双向四车道，总投资约2.4亿元，"
                "是连接县城与东部沿海乡镇的重要通道。",
                "大桥建成后，东溪镇到县城的车程将由40分钟缩短至15分钟。",
            ],
        ),
        Story(
            ["夜市经济点亮小城"],
            4,
            2,
            415,
            562,
            hsize=22,
            byline="记者 林婷婷",
            place_name="滨江路",
            org="县商务局",
            topic=[
                "夜幕降临，滨江路美食街灯火通明，烧烤、小龙虾、手工糖画等摊位前人头攒动。",
                "今年以来，县里新设3条夜间消费街区，带动夜间消费额同比增长27%。",
            ],
        ),
        Story(
            ["守护一江清水"],
            0,
            2,
            578,
            830,
            hsize=26,
            vertical=True,
            byline="通讯员 吴建国 记者 郑丽",
            place_name="清溪流域",
            org="县生态环境局",
            topic=[
                "连日来，县生态环境局联合水利、农业农村等部门，"
                "对清溪流域开展为期一个月的专项巡查。",
                "巡查组沿河徒步检查排污口62个，发现并督促整改问题11个。",
            ],
        ),
        Story(
            ["全县小麦收割进入高峰期"],
            2,
            4,
            578,
            830,
            hsize=28,
            kicker="抢晴天  保丰收",
            byline="记者 王立新 通讯员 蒋敏",
            place_name="三丰村",
            org="县农业农村局",
            topic=[
                "眼下正值夏收时节，全县8.6万亩小麦陆续成熟，各地抢抓晴好天气，组织农机开展抢收。",
                "在三丰村的麦田里，5台联合收割机来回穿梭，金黄的麦粒源源不断地倾泻进运粮车。",
                "种粮大户李大军告诉记者，今年他种了320亩小麦，亩产预计可达520公斤。",
            ],
            photo=Photo(2, 118, "三丰村麦田里，联合收割机正在作业。  通讯员 蒋敏 摄", right=True),
        ),
        Story(
            ["社区食堂让老人吃上热乎饭"],
            0,
            3,
            846,
            1072,
            hsize=24,
            byline="记者 何雨欣",
            place_name="南门社区",
            org="县民政局",
            topic=[
                "中午11点，南门社区“幸福食堂”里飘出阵阵饭菜香，"
                "几十位老人围坐在一起，有说有笑地吃着午饭。",
                "食堂每天供应两荤两素一汤，60岁以上老人每餐只需10元，80岁以上老人还可享受补贴。",
            ],
        ),
        Story(
            ["图书馆延长夜间开放时间"],
            3,
            3,
            846,
            965,
            hsize=22,
            byline="",
            dateline="本报讯",
            place_name="县图书馆",
            org="县文化和广电旅游体育局",
            topic=[
                "从5月20日起，县图书馆将周一至周五的闭馆时间由晚上6点延长至9点，"
                "方便上班族和学生读书学习。"
            ],
        ),
    ],
)

P2 = Page(
    "page02",
    *BIG,
    ncol=6,
    style=STYLE_B,
    number="A05",
    section="综合新闻",
    date="2026年5月20日 星期三",
    margin=36,
    gap=12,
    seed=2,
    traits_extra=["English words in headline", "unlabelled ad", "barcode", "folio"],
    furniture=[
        _ad(
            3,
            3,
            1150,
            1252,
            "东溪港湾 · 滨江新城",
            "一线江景 精装交付 首付20%起",
            "售楼处 0576-8123 4567",
        ),
        _barcode(4, 1432, 170, 58),
    ],
    stories=[
        Story(
            ["HI-ENERGY 2026科技周开幕"],
            0,
            4,
            90,
            640,
            hsize=40,
            kicker="展示新能源、智能制造等领域最新成果",
            sub="60余家企业携200多项新产品参展",
            byline="记者 赵一鸣 实习生 孙悦",
            place_name="会展中心",
            org="县科技局",
            topic=[
                "5月19日，以“HI-ENERGY 2026”为主题的第五届东溪科技活动周在县会展中心开幕。",
                "本届科技周为期7天，设置新能源汽车、智能装备、数字生活等6个展区，"
                "吸引了来自长三角地区的60余家企业参展。",
                "开幕式上，县政府与3家高校院所签订了产学研合作协议，共建新材料联合实验室。",
            ],
            photo=Photo(3, 210, "科技周现场，市民体验智能机器人。  记者 赵一鸣 摄"),
        ),
        Story(
            ["海岛民宿迎来旅游旺季"],
            4,
            2,
            90,
            560,
            hsize=26,
            byline="记者 钱晓东 通讯员 潘红",
            place_name="蛇蟠岛",
            org="县文旅局",
            kicker="“五一”以来接待游客超5万人次",
            topic=[
                "进入5月，蛇蟠岛上的62家民宿几乎天天满房，不少游客专程从上海、杭州赶来看海吃海鲜。",
                "民宿主人老潘把自家老房子改成了8间客房，他说：“周末的房间要提前两周才订得到。”",
                "为提升服务水平，岛上成立了民宿行业协会，统一制定服务标准和价格公示制度。",
            ],
            lshape=(900, Photo(1, 100, "岛上民宿一角。  潘红 摄")),
        ),
        Story(
            ["渔港新建", "避风锚地"],
            4,
            1,
            576,
            900,
            hsize=22,
            byline="通讯员 蔡小军",
            place_name="健跳港",
            org="县海洋与渔业局",
            topic=["健跳渔港避风锚地建设项目近日通过验收，可同时容纳300艘渔船避风。"],
        ),
        Story(
            ["职业技能大赛决出42个奖项"],
            0,
            4,
            656,
            900,
            hsize=28,
            byline="记者 刘佳",
            place_name="县职教中心",
            org="县人力社保局",
            topic=[
                "5月16日至18日，全县第三届职业技能大赛在县职教中心举行，"
                "来自各行业的460名选手同台竞技。",
                "大赛设电工、焊工、中式烹调、育婴员等14个项目，共决出一等奖14名、二等奖28名。",
            ],
        ),
        Story(
            ["非遗竹编走进校园课堂"],
            0,
            3,
            916,
            1252,
            hsize=26,
            byline="记者 方晓燕",
            place_name="海游小学",
            org="县教育局",
            topic=[
                "“先把篾片压平，再一上一下地穿过去。”在海游小学的手工教室里，"
                "竹编艺人王师傅正手把手地教孩子们编织小竹篮。",
                "学校从去年起开设非遗竹编课程，每周一节，已有300多名学生参加。",
            ],
            photo=Photo(2, 140, "孩子们跟着老艺人学竹编。  方晓燕 摄"),
        ),
        Story(
            ["农村电商带火山区土特产"],
            3,
            3,
            916,
            1136,
            hsize=26,
            byline="记者 周立 通讯员 黄小梅",
            place_name="横渡镇",
            org="县商务局",
            topic=[
                "在横渡镇的电商服务站，主播小黄正对着手机镜头介绍刚采摘的高山杨梅。",
                "今年以来，全县通过直播带货销售农产品1.2亿元，同比增长45%。",
            ],
        ),
        Story(
            ["医保业务实现跨省通办"],
            0,
            2,
            1268,
            1492,
            hsize=24,
            byline="记者 杨帆",
            place_name="县行政服务中心",
            org="县医保局",
            topic=[
                "从6月1日起，参保人员在长三角地区就医，可直接在医院窗口办理异地就医备案和费用结算。"
            ],
        ),
        Story(
            ["暑期防溺水安全教育启动"],
            2,
            2,
            1268,
            1492,
            hsize=24,
            byline="通讯员 胡晓丽",
            place_name="各中小学校",
            org="县教育局",
            topic=["暑期将至，县教育局联合公安、应急管理部门启动防溺水安全教育月活动。"],
        ),
        Story(
            ["城区新增三处口袋公园"],
            4,
            2,
            1268,
            1420,
            hsize=24,
            byline="记者 沈静",
            place_name="城区",
            org="县综合行政执法局",
            topic=["近日，位于人民路、解放街和文峰路的3处口袋公园建成开放。"],
        ),
    ],
)

P3 = Page(
    "page03",
    *TABLOID,
    ncol=5,
    style=STYLE_C,
    number="A07",
    section="城事",
    date="2026年5月21日 星期四",
    margin=30,
    gap=11,
    rules=True,
    seed=3,
    traits_extra=["headline with a space", "unlabelled ad", "folio"],
    furniture=[
        _ad(0, 2, 946, 1100, "驾考一条龙", "C1/C2 随到随学 包接送", "报名 138 5868 0123"),
    ],
    stories=[
        Story(
            ["城乡公交一体化改革落地"],
            0,
            3,
            80,
            522,
            hsize=30,
            kicker="全县开通城乡公交线路28条",
            sub="票价统一为2元  老人持卡免费乘车",
            byline="记者 徐晨阳 通讯员 丁洁",
            place_name="县客运中心",
            org="县交通运输局",
            topic=[
                "5月20日起，全县城乡公交一体化改革正式落地，原有的17条农村客运班线"
                "全部改造为城乡公交线路。",
                "改革后，城乡公交实行“一票制”，全程票价统一为2元，70周岁以上老人持卡免费乘车。",
                "记者在县客运中心看到，一批新能源公交车整齐停放，"
                "车上配备了空调、电子报站器和监控设备。",
            ],
            photo=Photo(3, 170, "5月20日，乘客在县客运中心乘坐城乡公交。  记者 徐晨阳 摄"),
        ),
        Story(
            ["一位乡村教师的三十年"],
            3,
            2,
            80,
            366,
            hsize=22,
            boxed=True,
            scaled_body=True,
            kicker="最美人物",
            byline="记者 邵雅琴",
            place_name="花桥镇",
            org="县教育局",
            topic=[
                "在花桥镇中心小学，53岁的叶老师已经教了整整30年书。",
                "30年间，她送走了一届又一届学生，其中不少人考上了大学，有的又回到家乡当了老师。",
                "“看到孩子们一个个成才，是我最大的幸福。”叶老师笑着说。",
            ],
        ),
        Story(
            ["全民健身月活动启幕"],
            3,
            2,
            381,
            522,
            hsize=22,
            byline="通讯员 冯博",
            place_name="县体育中心",
            org="县文化和广电旅游体育局",
            topic=[
                "5月19日，全县全民健身月活动在县体育中心启幕，"
                "广场舞、太极拳、气排球等12支队伍进行了展演。"
            ],
        ),
        Story(
            ["垃圾分类积分可兑换生活用品"],
            0,
            2,
            538,
            800,
            hsize=20,
            byline="记者 贾文斌",
            place_name="城东社区",
            org="县综合行政执法局",
            topic=[
                "在城东社区的智能回收亭前，居民刘阿姨把分好类的废纸和塑料瓶投进回收箱，"
                "手机上随即收到了积分提醒。",
                "积分可在社区超市兑换洗衣液、大米等生活用品，目前已有2100多户居民注册参与。",
            ],
        ),
        Story(
            ["古村落保护利用有了新路径"],
            2,
            3,
            538,
            800,
            hsize=26,
            byline="记者 韩冰 通讯员 谢林",
            place_name="岩下村",
            org="县自然资源和规划局",
            topic=[
                "岩下村是一座有着600多年历史的古村落，村里保存着明清古建筑43幢。",
                "去年以来，村里引入专业团队，对古建筑进行修缮，"
                "并将部分闲置老屋改造为民宿、书屋和手工作坊。",
            ],
            photo=Photo(1, 150, "修缮后的岩下村古民居。  谢林 摄", right=True),
        ),
        Story(
            ["高温天气将持续 市民注意防暑"],
            0,
            5,
            815,
            930,
            hsize=24,
            ncols=5,
            byline="记者 温馨",
            place_name="全县",
            org="县气象局",
            topic=[
                "记者从县气象局获悉，受副热带高压影响，未来一周我县将持续晴热天气，"
                "最高气温可达35℃以上。"
            ],
        ),
        Story(
            ["夏粮收购价格保持稳定"],
            2,
            3,
            946,
            1100,
            hsize=24,
            byline="记者 石磊",
            place_name="县粮食收储公司",
            org="县发展和改革局",
            topic=[
                "随着夏粮陆续上市，县粮食收储公司各收购点已做好准备，"
                "小麦收购价格保持在每斤1.2元左右。"
            ],
        ),
    ],
)

P4 = Page(
    "page04",
    *BROAD,
    ncol=5,
    style=STYLE_B,
    number="A04",
    section="乡村振兴",
    date="2026年5月22日 星期五",
    gap=11,
    seed=4,
    traits_extra=["slogan band", "unlabelled ad", "folio"],
    furniture=[
        _band(72, 26, "文明出行  礼让斑马线", 18),
        _ad(
            3,
            2,
            858,
            1072,
            "鲜活海鲜 产地直供",
            "每天清晨5点到港  当日配送到家",
            "订购 0576-8399 2020",
        ),
    ],
    stories=[
        Story(
            ["乡村振兴示范带", "串起十二个美丽村庄"],
            0,
            3,
            108,
            562,
            hsize=30,
            kicker="山海协作  全域推进",
            byline="记者 蒋文涛 通讯员 许琳",
            place_name="沿江乡镇",
            org="县农业农村局",
            topic=[
                "沿着新修的沿江绿道一路向东，白墙黛瓦的农房、错落有致的稻田和果园映入眼帘。",
                "这条全长32公里的乡村振兴示范带，串起了沿线12个村庄，总投资达3.6亿元。",
                "示范带建成以来，沿线村集体经营性收入平均增长了35%。",
            ],
            photo=Photo(2, 140, "沿江绿道上的骑行爱好者。  许琳 摄"),
            nested=Story(
                ["好风景要变成好“钱景”"],
                0,
                0,
                0,
                0,
                hsize=15,
                kicker="短评",
                boxed=True,
                ncols=2,
                place_name="各村",
                org="村两委",
                topic=[
                    "示范带不能只是一条“风景线”，更要成为群众增收的“致富线”。",
                    "关键在于把生态优势转化为发展优势，让村民在家门口就能吃上“旅游饭”。",
                ],
            ),
            nested_cols=2,
            nested_h=150,
        ),
        Story(
            ["龙舟赛鼓声震江岸"],
            3,
            2,
            108,
            362,
            hsize=24,
            vertical=True,
            byline="记者 柯南星",
            place_name="海游江",
            org="县文化和广电旅游体育局",
            topic=[
                "5月21日，一年一度的海游江龙舟赛鸣锣开赛，16支队伍在江面上奋勇争先。",
                "江岸两侧人山人海，锣鼓声、呐喊声此起彼伏。",
            ],
        ),
        Story(
            ["老街改造保留烟火气"],
            3,
            2,
            378,
            562,
            hsize=22,
            byline="记者 卢敏",
            place_name="老城区",
            org="县住建局",
            topic=[
                "在老街改造中，设计团队保留了原有的石板路和木质门面，"
                "让老手艺、老字号继续在这里生根。"
            ],
        ),
        Story(
            ["农技专家田间授课"],
            0,
            2,
            578,
            842,
            hsize=22,
            byline="通讯员 包玉洁",
            place_name="沙柳街道",
            org="县农技推广中心",
            topic=[
                "连日来，县农技推广中心组织20余名农技专家深入田间地头，"
                "为农户讲解水稻育秧和病虫害防治技术。"
            ],
        ),
        Story(
            ["首批“共享农场”开园迎客"],
            2,
            3,
            578,
            842,
            hsize=24,
            byline="记者 应晓",
            place_name="六敖镇",
            org="六敖镇政府",
            topic=[
                "5月20日，六敖镇首批“共享农场”开园，城里人可以认领一块菜地，"
                "周末带着孩子来种菜、采摘。",
                "目前已有180多户市民认领了菜地，每块菜地每年租金为880元。",
            ],
            photo=Photo(1, 120, "市民在共享农场里采摘蔬菜。  应晓 摄", right=True),
        ),
        Story(
            ["小学生走进消防站体验救援"],
            0,
            3,
            858,
            1072,
            hsize=24,
            byline="记者 章一帆 通讯员 潘鹏",
            place_name="城西消防站",
            org="县消防救援大队",
            topic=[
                "5月21日上午，城关第二小学的60多名学生走进城西消防站，"
                "近距离了解消防员的工作和生活。",
                "在消防员的指导下，孩子们学习了灭火器的使用方法，还体验了穿戴消防服。",
            ],
        ),
    ],
)

P5 = Page(
    "page05",
    *BIG,
    ncol=6,
    style=STYLE_C,
    number="A06",
    section="民生",
    date="2026年5月23日 星期六",
    margin=36,
    gap=12,
    rules=True,
    seed=5,
    traits_extra=[
        "slogan band mid-page",
        "Latin and digits in headline",
        "unlabelled ad",
        "barcode",
        "folio",
    ],
    furniture=[
        _band(538, 36, "节约用水  从我做起  珍惜每一滴水", 22),
        _ad(4, 2, 1216, 1412, "家装节 预存100抵1000", "全屋定制 拎包入住", "0576-8266 9988"),
        _barcode(4, 1430, 190, 60),
    ],
    stories=[
        Story(
            ["全市重点项目集中开工"],
            0,
            4,
            90,
            522,
            hsize=42,
            scaled_head=True,
            kicker="总投资286亿元",
            sub="涉及产业、基础设施、民生等领域项目56个",
            byline="记者 罗嘉 通讯员 汪洋",
            place_name="滨海新区",
            org="县发展和改革局",
            topic=[
                "5月22日，全市二季度重点项目集中开工仪式在滨海新区举行，"
                "我县共有9个项目参加集中开工。",
                "此次开工的项目中，产业类项目占比超过六成，涵盖新能源、高端装备、生物医药等领域。",
                "项目全部建成后，预计可新增年产值120亿元，新增就业岗位5000余个。",
            ],
            photo=Photo(2, 170, "集中开工现场。  记者 罗嘉 摄"),
        ),
        Story(
            ["高铁站综合枢纽年底投用"],
            4,
            2,
            90,
            300,
            hsize=22,
            byline="记者 宋涛",
            place_name="高铁新城",
            org="县交通运输局",
            topic=[
                "记者从县交通运输局获悉，高铁站综合交通枢纽工程已完成主体结构施工，"
                "预计今年年底投入使用。"
            ],
        ),
        Story(
            ["五月CPI同比上涨0.3%"],
            4,
            2,
            316,
            522,
            hsize=24,
            byline="通讯员 严丽",
            dateline="东溪日报讯",
            place_name="全县",
            org="县统计局",
            topic=[
                "县统计局最新数据显示，5月份全县居民消费价格指数（CPI）同比上涨0.3%，"
                "涨幅与上月持平。",
                "其中，食品价格下降1.2%，服务价格上涨1.1%。",
            ],
        ),
        Story(
            ["茶园里的新农人"],
            0,
            2,
            594,
            900,
            hsize=28,
            vertical=True,
            byline="记者 马丽君",
            place_name="湫水山",
            org="县农业农村局",
            topic=[
                "大学毕业后，90后小伙王浩回到家乡湫水山，承包了200亩茶园。",
                "他引进智能灌溉系统，还通过直播卖茶，去年茶叶销售额突破300万元。",
            ],
        ),
        Story(
            ["夜间急诊开通绿色通道"],
            2,
            2,
            594,
            900,
            hsize=24,
            byline="记者 聂晓 通讯员 严冬",
            place_name="县人民医院",
            org="县卫生健康局",
            topic=["县人民医院近日开通夜间急诊绿色通道，胸痛、卒中等急危重症患者可先救治后缴费。"],
        ),
        Story(
            ["湿地公园迎来候鸟"],
            4,
            2,
            594,
            900,
            hsize=24,
            byline="通讯员 冯晓",
            place_name="湿地公园",
            org="县林业局",
            topic=[
                "近日，一群白鹭飞临城郊湿地公园，在水边觅食嬉戏，吸引了不少摄影爱好者前来拍摄。"
            ],
            photo=Photo(2, 120, "白鹭在湿地公园觅食。  冯晓 摄"),
        ),
        Story(
            ["中考考点周边交通管制"],
            0,
            3,
            916,
            1200,
            hsize=26,
            byline="记者 段鹏",
            place_name="各考点",
            org="县公安局交警大队",
            topic=[
                "6月15日至17日中考期间，县公安局交警大队将对全县6个考点周边道路实施临时交通管制。"
            ],
        ),
        Story(
            ["读者来信：小区电梯何时能修好"],
            3,
            3,
            916,
            1200,
            hsize=24,
            boxed=True,
            kicker="民生热线",
            byline="记者 龚雪",
            place_name="锦绣花园",
            org="县市场监管局",
            topic=[
                "近日，锦绣花园小区居民来信反映，小区3号楼电梯故障已有半个多月，至今没有修好。",
                "记者联系了物业公司和县市场监管局，目前维修方案已确定，预计本月底前恢复运行。",
            ],
        ),
        Story(
            ["企业职工技能培训补贴提高"],
            0,
            2,
            1216,
            1490,
            hsize=24,
            byline="记者 邱晨",
            place_name="全县",
            org="县人力社保局",
            topic=["从今年起，企业职工参加技能培训并取得证书的，最高可获得3000元补贴。"],
        ),
        Story(
            ["气象部门发布强对流预警"],
            2,
            2,
            1216,
            1490,
            hsize=24,
            byline="",
            place_name="全县",
            org="县气象台",
            topic=[
                "县气象台5月22日发布强对流天气黄色预警，"
                "预计未来24小时内我县部分地区将出现雷雨大风和短时强降水。"
            ],
        ),
    ],
)

P6 = Page(
    "page06",
    *TABLOID,
    ncol=5,
    style=STYLE_A,
    number="A08",
    section="文化",
    date="2026年5月24日 星期日",
    margin=30,
    gap=11,
    seed=6,
    traits_extra=["unlabelled ad", "barcode", "folio"],
    furniture=[
        _ad(3, 1, 1005, 1100, "周末影院", "特价19.9元", "0576-8100 7788"),
        _barcode(4, 1030, 130, 56),
    ],
    stories=[
        Story(
            ["古镇夜游项目试运营"],
            0,
            3,
            80,
            470,
            hsize=30,
            scaled_head=True,
            kicker="灯光秀、实景演出、非遗市集轮番登场",
            byline="记者 姚远 通讯员 施琪",
            place_name="亭旁古镇",
            org="县文旅集团",
            topic=[
                "5月23日晚，亭旁古镇夜游项目开始试运营，古街两侧的灯笼次第亮起，游人如织。",
                "项目总投资1.5亿元，设置了灯光秀、实景演出、非遗市集等8个体验点。",
                "试运营期间，游客凭身份证可免费入园。",
            ],
            photo=Photo(2, 150, "古镇夜景。  记者 姚远 摄"),
            lshape=(760, Photo(1, 110, "非遗市集上的糖画摊。  施琪 摄")),
        ),
        Story(
            ["老年大学秋季招生开始报名"],
            0,
            2,
            486,
            760,
            hsize=22,
            byline="记者 董瑶",
            place_name="县老年大学",
            org="县老干部局",
            topic=[
                "县老年大学2026年秋季招生即日起开始报名，今年新开设智能手机应用、短视频制作等课程。"
            ],
        ),
        Story(
            ["记者手记：在凌晨四点的菜市场"],
            3,
            2,
            80,
            336,
            hsize=18,
            boxed=True,
            byline="记者 吕航",
            dateline="本报讯",
            place_name="城南菜市场",
            org="市场管理处",
            topic=[
                "凌晨四点，城南菜市场已经灯火通明，送菜的三轮车一辆接一辆驶进来。",
                "菜贩老李说，他每天三点起床去批发市场进货，这样的日子已经坚持了15年。",
            ],
        ),
        Story(
            ["全县首个5G智慧牧场投产"],
            3,
            2,
            352,
            760,
            hsize=22,
            byline="记者 田野 通讯员 向红",
            place_name="高枧乡",
            org="县农业农村局",
            topic=[
                "在高枧乡的5G智慧牧场，500多头奶牛戴上了智能项圈，"
                "体温、运动量等数据实时传到手机上。"
            ],
            photo=Photo(1, 110, "智慧牧场里的奶牛。  向红 摄", right=True),
        ),
        Story(
            ["居家养老服务站实现全覆盖"],
            0,
            3,
            776,
            1100,
            hsize=26,
            byline="记者 蔡文 通讯员 陶静",
            place_name="各乡镇",
            org="县民政局",
            topic=[
                "截至5月底，全县已建成居家养老服务站326个，实现城乡社区全覆盖。",
                "服务站提供助餐、助浴、日间照料等服务，累计服务老人12万人次。",
            ],
        ),
        Story(
            ["图书漂流角走进公交站台"],
            3,
            2,
            776,
            990,
            hsize=22,
            byline="",
            place_name="公交站台",
            org="县图书馆",
            topic=["近日，县图书馆在城区10个公交站台设置了图书漂流角，市民候车时可随手取阅。"],
        ),
    ],
)


PAGES = [P1, P2, P3, P4, P5, P6]


# --------------------------------------------------------------------------------------------
# The held-out set: six other page designs and other invented texts, never used for tuning.
# --------------------------------------------------------------------------------------------

HOLDOUT_ABOUT = (
    " Held-out set (--set holdout): page designs and texts that differ from the tuned set and "
    "are not to be used for tuning the segmenter. 'jump' gives a story's 转版 marker as printed."
)

# Like flow(), but the last frame may end with a 转版 line (tail) set flush right, and the text
# is then cut where the frames are full, not at a sentence end.
HOLDOUT_PRELUDE = r"""
#let flowx(id, text-str, frames, font, size, lead, nominal: false, hl: 0, hfont: none,
           tail: none, tailfont: none) = context {
  let cl = text-str.clusters()
  let n = cl.len()
  let pos = 0
  let starts = true
  for (fi, f) in frames.enumerate() {
    let (x, y, w, lines) = f
    let maxh = (lines * size + (lines - 1) * lead + 0.05) * 1pt
    let last = fi == frames.len() - 1
    let jump = last and tail != none
    let mk(b) = bodyblock(w, font, size, lead, nominal, {
      chunk(cl, pos, b, starts, b < n and cl.at(b) != "¶" and not last, hl: hl, hfont: hfont)
      if jump { parbreak(); align(right, text(font: tailfont, tail)) }
    })
    let lo = pos
    let hi = n
    while lo < hi {
      let mid = calc.div-euclid(lo + hi + 1, 2)
      if measure(mk(mid)).height <= maxh { lo = mid } else { hi = mid - 1 }
    }
    let b = lo
    while b > pos + 1 and b < n and NOSTART.contains(cl.at(b)) { b -= 1 }
    if last and not jump and b < n {
      let j = b
      while j > pos and not ENDS.contains(cl.at(j - 1)) { j -= 1 }
      if j > pos { b = j }
    }
    let body = mk(b)
    place(top + left, dx: x * 1pt, dy: y * 1pt, body)
    let m = measure(body)
    [#metadata((id: id, x: x, y: y, w: m.width.pt(), h: m.height.pt(), frame: fi)) <box>]
    pos = b
    starts = false
    if pos < n and cl.at(pos) == "¶" { pos += 1; starts = true }
  }
}
"""

GENERIC_H = [
    "记者了解到，{org}已将此项工作列入年度重点任务清单，实行挂图作战、倒排工期。",
    "{place}党委书记告诉记者，接下来将重点抓好项目谋划和要素保障，力争早见成效。",
    "走访中，不少村民拉着工作人员的手说：“这些年日子越过越红火，多亏了党的好政策。”",
    "为把工作做细做实，{org}抽调业务骨干组成5个专班，分片包干，蹲点指导。",
    "据测算，项目投用后每年可节约运行成本300余万元，减少碳排放约1800吨。",
    "今年一季度，{place}共接待游客46.8万人次，实现旅游收入3.1亿元，均创历史同期新高。",
    "在{place}的文化礼堂里，几位老人正围坐在一起排练越剧选段，唱腔婉转，引来阵阵掌声。",
    "{org}负责人坦言，工作中仍存在基层力量薄弱、群众参与不够均衡等短板，需要下大力气补齐。",
    "“原来办个证要等一个星期，现在当场就拿到了。”刚办完业务的个体户老周连声称赞。",
    "按照时间表，相关配套设施将在8月底前全部完工，9月起向社会公众开放。",
    "近年来，{place}持续推进“千村示范、万村整治”工程，村容村貌焕然一新。",
    "{org}同时提醒广大群众，要通过正规渠道了解政策信息，谨防不法分子借机实施诈骗。",
    "当天的活动由{org}主办，{place}承办，共吸引周边群众800余人参加。",
    "据统计，1至5月全县新增市场主体4260户，其中新设企业1130家，同比增长16.7%。",
    "清晨6点，{place}的早市已是人声鼎沸，新鲜的蔬菜瓜果、活蹦乱跳的鱼虾摆满了摊位。",
    "在推进过程中，{org}坚持问需于民、问计于民，先后召开座谈会、恳谈会17场。",
    "专家建议，家长要多陪伴孩子进行户外运动，每天保证不少于两小时的户外活动时间。",
    "去年以来，{place}先后引进项目11个，总投资超过25亿元，为高质量发展注入了强劲动能。",
    "目前，报名通道已经开启，有意向的市民可关注“东溪发布”微信公众号了解详情。",
    "“我们把服务窗口搬到了田间地头，农户不用出村就能办好事。”{org}工作人员说。",
    "活动现场还设置了政策咨询台、便民服务点和特色产品展销区，吸引了大批群众。",
    "记者注意到，不少年轻面孔出现在志愿者队伍中，他们中有大学生、企业职工和退役军人。",
    "按照“一村一品、一镇一业”的思路，{place}因地制宜发展特色产业，带动群众增收致富。",
    "据悉，{org}将于下月组织第二轮督查，对工作推进不力的单位进行通报。",
    "每逢周末，{place}的步行街上总能看到街头艺人表演，吸引过往市民驻足欣赏。",
    "数据显示，今年前5个月全县外贸进出口总额达42.6亿元，同比增长9.4%。",
    "{org}还建立了“红黑榜”制度，每月公布一次，以此激励先进、鞭策后进。",
    "随着气温升高，{place}的水上项目也迎来了客流高峰，周末日均接待游客超过3000人次。",
    "下一步，{org}将总结推广试点经验，力争年底前在全县范围内全面铺开。",
    "在学校的科技节上，学生们展示了自己设计的机器人、无人机和环保小发明，创意十足。",
    "“看病不用再跑县城了，在家门口就能找专家。”患者家属王女士高兴地说。",
    "近日，{place}组织开展了一次应急演练，模拟处置突发险情，检验了各部门的协同作战能力。",
    "作为全县首批试点单位，{place}在推进过程中探索出了一套可复制、可推广的做法。",
    "{org}相关科室负责人介绍，今年将新增公共停车泊位1200个，缓解城区停车难问题。",
    "调研组一行先后来到{place}的产业园区、农业基地和社区服务中心，详细了解相关情况。",
    "今年的活动突出“线上+线下”相结合，线上观看直播人数累计超过12万人次。",
    "截至5月底，全县已累计发放各类惠企资金1.86亿元，惠及企业2300余家。",
    "据介绍，这批设备由{org}统一采购，全部采用国产自主品牌，使用寿命可达15年以上。",
    "不少网友在评论区留言点赞，称这样的服务“既暖心又贴心”。",
    "为保障活动顺利进行，{org}提前制定了交通疏导、医疗保障和安全保卫等工作预案。",
    "一位从事外贸20多年的企业负责人说，现在办理出口退税的速度比过去快了一半以上。",
    "从空中俯瞰，{place}山水相依、田园如画，一幅乡村振兴的美丽图景徐徐展开。",
]


@dataclass
class HStory(Story):
    """A held-out story: Story plus the arrangements the tuned pages do not have."""

    photo_first: bool = False  # the photo spans the story above its headline
    head_beside: bool = False  # headline set beside the photo (photo at the left or right)
    vertical_right: bool = False  # 竖排 headline at the right edge
    lleg: float | None = None  # first text column runs on down to this y (inverted L)
    nested_at: str = "br"  # br / bl (lower corners) or tr (upper right, under the headline)
    jump: str = ""  # 转版 marker set flush right after the last line, e.g. （下转第A05版）
    cont: str = ""  # 接转 marker opening the body, e.g. （上接第A01版）
    byline_line: bool = False  # byline on its own line (■ 记者 …) instead of 本报讯（…）
    gallery: list[Photo] = field(default_factory=list)  # 组图: a row of photos under the head
    body_size: float | None = None
    lead: float | None = None
    box_style: str = "frame"  # frame (ruled, tinted) / tint (no rule) / dash (dashed rule)
    bold: bool = False  # headline made heavier by stroking the glyph outlines
    only_topic: bool = False  # no filler: the text is the topic sentences (photo captions)


@dataclass
class HPage(Page):
    masthead_kind: str = "section"  # front / section / bar
    footer_kind: str = "folio"  # folio / editor


def left_leg_polygon(items: list, lshape: dict, x0, y0, x1, y1) -> list:
    """Outline of an inverted L: full width on top, the first text column running on below."""
    lx, ly = lshape["x"], lshape["y"]
    top_bottom = max(i["y"] + i["h"] for i in items if i["y"] + i["h"] <= ly + 0.5)
    pts = [(x0, y0), (x1, y0), (x1, top_bottom), (lx, top_bottom), (lx, y1), (x0, y1)]
    return [[round(a, 1), round(b, 1)] for a, b in pts]


class HoldoutBuilder(Builder):
    """Builder for the held-out pages: other texts, arrangements, mastheads and furniture."""

    def textline(self, s, font, size, w, align="center", scaled=False, color="black", bold=False):
        if not bold:
            return super().textline(s, font, size, w, align, scaled, color)
        fill = f", fill: {color}" if color != "black" else ""
        stroke = f"stroke: {0.035 * (1 if scaled else size):.3f}pt + {color}"
        if scaled:
            inner = (
                f"scale(x: {size * 100:.1f}%, y: {size * 100:.1f}%, origin: top + left, "
                f"reflow: true, text(font: {q(font)}, size: 1pt{fill}, {stroke}, {q(s)}))"
            )
        else:
            inner = f"text(font: {q(font)}, size: {size}pt{fill}, {stroke}, {q(s)})"
        return f"block(width: {w:.3f}pt, align({align}, {inner}))"

    def pool(self, st: HStory, capacity_chars: int) -> str:
        rnd = random.Random(hash_seed("holdout:" + st.title[0]))
        if st.cont:
            first = st.cont
        elif st.byline and not st.byline_line:
            first = f"{st.dateline}（{st.byline}）"
        else:
            first = f"{st.dateline} " if st.dateline else ""
        self.lead_len = len(first) if not st.cont else 0
        topic = [t.format(place=st.place_name, org=st.org) for t in st.topic]
        generic = [g.format(place=st.place_name, org=st.org) for g in GENERIC_H]
        rnd.shuffle(generic)
        paras = [first + (topic[0] if topic else generic.pop())]
        rest = topic[1:]
        if st.only_topic:
            return "¶".join(paras + rest)
        gi = 0
        total = len(paras[0])
        while total < capacity_chars * 1.4 + 200:
            k = rnd.randint(1, 3)
            sents = []
            for _ in range(k):
                if rest and rnd.random() < 0.75:
                    sents.append(rest.pop(0))
                else:
                    sents.append(generic[gi % len(generic)])
                    gi += 1
            para = "".join(sents)
            paras.append(para)
            total += len(para)
        return "¶".join(paras)

    def header(self, st: HStory, x0: float, y: float, w: float, align: str) -> float:
        """Kicker, headline lines, subtitle and byline line; returns the y below them."""
        s = self.s
        sid = self.cur
        if st.kicker:
            ks = max(9.0, min(14.0, st.hsize * 0.45))
            self.put(sid, x0, y, self.textline(st.kicker, s.kicker_font, ks, w, align))
            y += ks + 4
        if not st.vertical:
            for line in st.title:
                hs = st.hsize
                assert text_width(line, hs) <= w + 1, (line, hs, w)
                self.put(
                    sid,
                    x0,
                    y,
                    self.textline(
                        line, s.head_font, hs, w, align, st.scaled_head, s.head_color, st.bold
                    ),
                )
                y += hs + max(3.0, hs * 0.18)
        if st.sub:
            ss = max(9.5, min(14.0, st.hsize * 0.5))
            self.put(sid, x0, y, self.textline(st.sub, s.kicker_font, ss, w, align))
            y += ss + 4
        if st.byline_line and st.byline:
            bs = 9.0
            self.put(sid, x0, y + 2, self.textline("■ " + st.byline, s.kicker_font, bs, w, align))
            y += bs + 6
        return y + 5

    def story(self, st: HStory, sid: str, rect=None, inside: str | None = None) -> None:
        s = self.s
        self.cur = sid
        if rect is None:
            x0, x1 = self.colx(st.col, st.span)
            y0, y1 = st.y0, st.y1
        else:
            x0, y0, x1, y1 = rect
        title = "".join(st.title)
        self.meta[sid] = {"title": title, "byline": st.byline, "inside": inside}
        if st.jump:
            self.meta[sid]["jump"] = st.jump
        if st.boxed:
            stroke = {
                "frame": '0.7pt + rgb("#333333")',
                "tint": "none",
                "dash": '(paint: rgb("#555555"), thickness: 0.6pt, dash: "dashed")',
            }[st.box_style]
            fill = 'rgb("#eef3f8")' if st.box_style == "tint" else 'rgb("#fbf7ee")'
            self.put(
                sid,
                x0,
                y0,
                f"rect(width: {x1 - x0:.3f}pt, height: {y1 - y0:.3f}pt, "
                f"stroke: {stroke}, fill: {fill})",
            )
            x0, y0, x1, y1 = x0 + 6, y0 + 6, x1 - 6, y1 - 6
        align = st.halign or s.halign
        bsize = st.body_size or s.body_size
        lead = st.lead or s.lead
        if st.vertical:  # 竖排 headline in a narrow column at the left or the right
            vw = st.hsize * 1.15
            chars = ", ".join(
                f"text(font: {q(s.head_font)}, size: {st.hsize}pt, {q(c)})" for c in title
            )
            vx = x1 - vw if st.vertical_right else x0
            self.put(
                sid,
                vx,
                y0,
                f"block(width: {vw:.2f}pt, align(center, stack(dir: ttb, spacing: 2pt, {chars})))",
            )
            if st.vertical_right:
                x1 = x1 - vw - 7
            else:
                x0 = x0 + vw + 7
        w = x1 - x0
        n = st.ncols or st.span or 1
        g = s.gutter
        cw = (w - (n - 1) * g) / n
        y = y0
        tops = [y0] * n
        bottoms = [y1] * n
        ph = st.photo
        if ph and st.photo_first:  # the photo above everything, across ph.cols columns
            c0 = n - ph.cols if ph.right else 0
            px = x0 + c0 * (cw + g)
            pw = ph.cols * cw + (ph.cols - 1) * g
            y = self.photo(sid, px, y0, pw, ph.h, ph) + 6
            tops = [y] * n
            y = self.header(st, x0, y, w, align)
            tops = [y] * n
        elif ph and st.head_beside:  # photo at one side, headline beside it
            c0 = n - ph.cols if ph.right else 0
            px = x0 + c0 * (cw + g)
            pw = ph.cols * cw + (ph.cols - 1) * g
            pb = self.photo(sid, px, y0, pw, ph.h, ph)
            hc0 = 0 if ph.right else ph.cols
            hx = x0 + hc0 * (cw + g)
            hw = (n - ph.cols) * cw + (n - ph.cols - 1) * g
            hb = self.header(st, hx, y0, hw, align)
            for c in range(n):
                tops[c] = pb + 7 if c0 <= c < c0 + ph.cols else hb
        else:
            y = self.header(st, x0, y0, w, align)
            tops = [y] * n
            if st.gallery:  # 组图: photos side by side under the headline
                units = sum(gp.cols for gp in st.gallery)
                share = (w - (len(st.gallery) - 1) * g) / units
                px = x0
                low = y
                for gp in st.gallery:
                    pw = gp.cols * share
                    low = max(low, self.photo(sid, px, y, pw, gp.h, gp))
                    px += pw + g
                tops = [low + 7] * n
            if ph:
                c0 = n - ph.cols if ph.right else 0
                px = x0 + c0 * (cw + g)
                pw = ph.cols * cw + (ph.cols - 1) * g
                pb = self.photo(sid, px, tops[c0], pw, ph.h, ph)
                for c in range(c0, c0 + ph.cols):
                    tops[c] = pb + 7
        nrect = None
        if st.nested:
            k = st.nested_cols
            if st.nested_at == "bl":
                nx0, nx1 = x0, x0 + k * cw + (k - 1) * g
                nrect = (nx0, y1 - st.nested_h, nx1, y1)
                for c in range(k):
                    bottoms[c] = y1 - st.nested_h - 9
            elif st.nested_at == "tr":
                nx0 = x0 + (n - k) * (cw + g)
                ny = max(tops[n - k :])
                nrect = (nx0, ny, x1, ny + st.nested_h)
                for c in range(n - k, n):
                    tops[c] = ny + st.nested_h + 9
            else:
                nx0 = x0 + (n - k) * (cw + g)
                nrect = (nx0, y1 - st.nested_h, x1, y1)
                for c in range(n - k, n):
                    bottoms[c] = y1 - st.nested_h - 9
        if st.lleg:
            bottoms[0] = st.lleg
            self.meta[sid]["lshape"] = {"x": x0 + cw, "y": y1, "side": "left"}
        size_sav = (s.body_size, s.lead)
        s.body_size, s.lead = bsize, lead  # lines_in() reads the style
        frames = []
        for c in range(n):
            fx = x0 + c * (cw + g)
            frames.append((fx, tops[c], cw, self.lines_in(tops[c], bottoms[c])))
        if st.lshape:
            y2, lph = st.lshape
            fx = x0 + (n - 1) * (cw + g)
            pb = self.photo(sid, fx, y1 + 8, cw, lph.h, lph)
            frames.append((fx, pb + 7, cw, self.lines_in(pb + 7, y2)))
            self.meta[sid]["lshape"] = {"x": fx, "y": y1}
        s.body_size, s.lead = size_sav
        if st.only_topic:  # a caption: as many lines as the text needs, spread over the columns
            text = self.pool(st, 0)
            cpl = int(cw // bsize)
            need = sum(-(-(len(t) + 2) // cpl) for t in text.split("¶"))
            frames = [f for f in frames if f[1] == min(tops)]  # not under a side photo
            frames = [(a, b, c, -(-need // len(frames)) + 1) for a, b, c, _ in frames]
        frames = [f for f in frames if f[3] > 0]
        cap = sum(int(f[2] // bsize) * f[3] for f in frames)
        if not st.only_topic:
            text = self.pool(st, cap)
        fr = ", ".join(f"({a:.3f}, {b:.3f}, {c:.3f}, {d})" for a, b, c, d in frames)
        tail = f", tail: {q(st.jump)}, tailfont: {q(s.kicker_font)}" if st.jump else ""
        self.raw(
            f"#flowx({q(sid)}, {q(text)}, ({fr},), {q(s.body_font)}, {bsize}, {lead}, "
            f"nominal: {'true' if st.scaled_body else 'false'}, hl: {self.lead_len}, "
            f"hfont: {q(s.byline_font) if s.byline_font else 'none'}{tail})"
        )
        if st.nested:
            self.story(st.nested, sid + "n", nrect, inside=title)
            self.cur = sid

    # furniture ----------------------------------------------------------------------------
    def masthead(self) -> None:
        p = self.p
        m = p.margin
        W = p.width - 2 * m
        kf = q(p.style.kicker_font)
        if p.masthead_kind == "front":
            self.raw(
                f'#place(dx: {m}pt, dy: 20pt, text(font: "SimHei", size: 54pt, '
                f'fill: rgb("#c8102e"), tracking: 6pt, "东溪日报"))'
            )
            info = [
                "DONGXI DAILY",
                "国内统一连续出版物号 CN33-0199",
                f"{p.date}  农历丙午年四月初九",
                "第9126期  今日12版",
            ]
            lines = ", ".join(f"text(font: {kf}, size: 8pt, {q(t)})" for t in info)
            self.raw(f"#place(dx: {m + 262}pt, dy: 24pt, stack(spacing: 4pt, {lines}))")
            self.raw(
                f'#place(dx: {m}pt, dy: 92pt, line(length: {W}pt, stroke: 2.4pt + rgb("#c8102e")))'
            )
            self.raw(f"#place(dx: {m}pt, dy: 96pt, line(length: {W}pt, stroke: 0.5pt))")
        elif p.masthead_kind == "bar":
            self.raw(
                f"#place(dx: {m}pt, dy: 24pt, block(width: {W}pt, height: 26pt, "
                f'fill: rgb("#1f4e79"), '
                f'inset: (x: 8pt), align(horizon, text(font: "SimHei", size: 16pt, fill: white, '
                f"{q(p.section)}) + h(1fr) + text(font: {kf}, size: 8.5pt, fill: white, "
                f'{q(p.date)}) + h(12pt) + text(font: "SimHei", size: 18pt, fill: white, '
                f"{q(p.number)}))))"
            )
            self.raw(
                f"#place(dx: {m}pt, dy: 54pt, block(width: {W}pt, align(right, text(font: {kf}, "
                f'size: 7.5pt, "本版责编：梁思齐  美编：顾欣  校对：孔亮"))))'
            )
        else:  # section name at the right, page number boxed at the right edge
            self.raw(
                f"#place(dx: {m}pt, dy: 30pt, text(font: {kf}, size: 8.5pt, "
                f"{q(p.date + '  东溪日报')}))"
            )
            self.raw(
                f"#place(dx: {m}pt, dy: 22pt, block(width: {W}pt, align(right, "
                f'text(font: "SimHei", size: 24pt, tracking: 3pt, {q(p.section)}) + h(8pt) + '
                f'box(stroke: 1pt + black, inset: (x: 5pt, y: 3pt), text(font: "SimHei", '
                f"size: 18pt, {q(p.number)})))))"
            )
            self.raw(f"#place(dx: {m}pt, dy: 58pt, line(length: {W}pt, stroke: 0.6pt))")
            self.raw(f"#place(dx: {m}pt, dy: 60.5pt, line(length: {W}pt, stroke: 0.6pt))")

    def folio(self) -> None:
        p = self.p
        m = p.margin
        W = p.width - 2 * m
        y = p.height - 20
        kf = q(p.style.kicker_font)
        if p.footer_kind == "editor":
            self.raw(f"#place(dx: {m}pt, dy: {y - 5}pt, line(length: {W}pt, stroke: 0.4pt))")
            self.raw(
                f"#place(dx: {m}pt, dy: {y}pt, block(width: {W}pt, text(font: {kf}, size: 7.5pt, "
                f'"责任编辑：宋佳宁  版式设计：冯立  校对：陈可") + h(1fr) + '
                f'text(font: "SimHei", size: 9pt, {q(p.number)})))'
            )
        else:
            self.raw(
                f"#place(dx: {m}pt, dy: {y}pt, block(width: {W}pt, "
                f'text(font: "SimHei", size: 8pt, {q(p.number)}) + h(1fr) + '
                f'text(font: {kf}, size: 7.5pt, "东溪日报社出版  地址：东溪县人民路88号  '
                f'广告热线：0576-8312 6688  印刷：东溪日报印务中心")))'
            )

    def ear(self, x0, y0, x1, y1, big: str, small: str) -> None:
        """报眼: a small ad beside the masthead, no label."""
        self.raw(
            f"#place(dx: {x0:.2f}pt, dy: {y0:.2f}pt, block(width: {x1 - x0:.2f}pt, "
            f'height: {y1 - y0:.2f}pt, fill: rgb("#0a6e4f"), inset: 6pt, align(center + horizon, '
            f'stack(spacing: 6pt, text(font: "SimHei", size: 24pt, fill: white, {q(big)}), '
            f'text(font: "SimHei", size: 10pt, fill: rgb("#ffe08a"), {q(small)})))))'
        )

    def index_box(self, x0, y0, x1, y1, rows: list[tuple[str, str]]) -> None:
        """导读: a page index, furniture."""
        items = ", ".join(
            f'grid(columns: (24pt, 1fr), text(font: "SimHei", size: 8pt, fill: rgb("#c8102e"), '
            f"{q(a)}), text(font: {q(self.s.kicker_font)}, size: 9pt, {q(b)}))"
            for a, b in rows
        )
        self.raw(
            f"#place(dx: {x0:.2f}pt, dy: {y0:.2f}pt, block(width: {x1 - x0:.2f}pt, "
            f'height: {y1 - y0:.2f}pt, fill: rgb("#f2f2f2"), inset: 7pt, stack(spacing: 7pt, '
            f'text(font: "SimHei", size: 13pt, "今日导读"), line(length: 100%, stroke: 0.5pt), '
            f"{items})))"
        )

    def weather(self, x0, y0, w) -> None:
        self.raw(
            f"#place(dx: {x0:.2f}pt, dy: {y0:.2f}pt, block(width: {w:.2f}pt, "
            f'stroke: 0.5pt + rgb("#1f4e79"), inset: 5pt, stack(spacing: 4pt, '
            f'text(font: "SimHei", size: 9pt, fill: rgb("#1f4e79"), "今日天气"), '
            f'text(font: {q(self.s.kicker_font)}, size: 8pt, "多云转阵雨  22～31℃  东南风3级"), '
            f'text(font: {q(self.s.kicker_font)}, size: 8pt, "空气质量：良  紫外线：强"))))'
        )

    def qrcode(self, x0, y0, size, label: str) -> None:
        rnd = random.Random(int(x0 * 7 + y0))
        k = 21
        cell = size / k
        cells = []
        for i in range(k):
            for j in range(k):
                on = rnd.random() < 0.5
                for a, b in ((0, 0), (0, k - 7), (k - 7, 0)):
                    if a <= i < a + 7 and b <= j < b + 7:
                        ii, jj = i - a, j - b
                        on = ii in (0, 6) or jj in (0, 6) or (2 <= ii <= 4 and 2 <= jj <= 4)
                if on:
                    cells.append(
                        f"place(dx: {j * cell:.2f}pt, dy: {i * cell:.2f}pt, "
                        f"rect(width: {cell + 0.05:.2f}pt, height: {cell + 0.05:.2f}pt, "
                        "fill: black))"
                    )
        self.raw(
            f"#place(dx: {x0:.2f}pt, dy: {y0:.2f}pt, stack(spacing: 3pt, block(width: {size}pt, "
            f"height: {size}pt, {{ {'; '.join(cells)} }}), block(width: {size}pt, align(center, "
            f"text(font: {q(self.s.kicker_font)}, size: 7pt, {q(label)})))))"
        )

    def classifieds(self, x0, y0, x1, y1, items: list[tuple[str, str]], cols: int) -> None:
        """分类广告: small ruled notices in a grid, no label; furniture."""
        cells = ", ".join(
            "block(width: 100%, stroke: 0.4pt, inset: 4pt, stack(spacing: 3pt, "
            f'text(font: "SimHei", '
            f"size: 10pt, {q(a)}), par(justify: true, leading: 2pt, text(font: "
            f"{q(self.s.kicker_font)}, size: 7pt, {q(b)}))))"
            for a, b in items
        )
        self.raw(
            f"#place(dx: {x0:.2f}pt, dy: {y0:.2f}pt, block(width: {x1 - x0:.2f}pt, "
            f"height: {y1 - y0:.2f}pt, clip: true, grid(columns: {cols}, gutter: 3pt, {cells})))"
        )

    def rules(self) -> None:
        """Thin rules around each story; a left leg keeps its column free of the bottom rule."""
        p = self.p
        hi = p.width - p.margin - 2
        for i, st in enumerate(p.stories):
            x0, x1 = self.colx(st.col, st.span)
            y1 = st.y1
            leg = self.meta[f"s{i}"].get("lshape", {})
            if leg.get("side") == "left":
                x0 = leg["x"] + p.gap / 2
            if y1 < p.height - p.bottom - 40:
                self.raw(
                    f"#place(dx: {x0:.2f}pt, dy: {y1 + 6:.2f}pt, "
                    f"line(length: {x1 - x0:.2f}pt, stroke: 0.4pt))"
                )
            if x1 < hi:
                self.raw(
                    f"#place(dx: {x1 + p.gap / 2:.2f}pt, dy: {st.y0:.2f}pt, "
                    f"line(angle: 90deg, length: {y1 - st.y0:.2f}pt, stroke: 0.4pt))"
                )

    def source(self) -> str:
        p = self.p
        head = (
            PRELUDE.replace("@TITLE@", p.name)
            .replace("@W@", str(p.width))
            .replace("@H@", str(p.height))
        ) + HOLDOUT_PRELUDE
        self.masthead()
        for i, st in enumerate(p.stories):
            self.story(st, f"s{i}")
        if p.rules:
            self.rules()
        for f in p.furniture:
            f(self)
        self.folio()
        return head + "\n".join(self.out) + "\n"


# The six held-out pages ---------------------------------------------------------------------

STYLE_H1 = Style(
    "Noto Serif CJK SC", 8.0, 2.8, "SimHei", "Noto Sans CJK SC", 3.5, byline_font="SimHei"
)
STYLE_H2 = Style(
    "Source Han Serif SC",
    10.0,
    3.8,
    "SimHei",
    "Noto Sans CJK SC",
    7.0,
    halign="left",
    byline_font="SimHei",
)
STYLE_H3 = Style(
    "Noto Sans CJK SC",
    8.5,
    3.0,
    "Source Han Serif SC",
    "SimHei",
    4.0,
    halign="left",
    head_color='rgb("#7a1c1c")',
)
STYLE_H4 = Style(
    "Noto Serif CJK SC", 8.0, 2.6, "SimHei", "Noto Sans CJK SC", 3.0, byline_font="SimHei"
)
STYLE_H5 = Style(
    "Source Han Serif SC",
    9.5,
    3.4,
    "Noto Sans CJK SC",
    "Noto Serif CJK SC",
    3.0,
    halign="left",
    head_color='rgb("#0b5d3b")',
)
STYLE_H6 = Style("Noto Serif CJK SC", 10.0, 4.0, "Source Han Serif SC", "SimHei", 8.0)

H_BIG = (round(350 * MM, 1), round(500 * MM, 1))  # 350 x 500 mm, 7 columns
H_TAB = (round(250 * MM, 1), round(350 * MM, 1))  # 250 x 350 mm, 4 columns
H_A3 = (round(297 * MM, 1), round(420 * MM, 1))  # A3, 5 columns
H_WIDE = (round(330 * MM, 1), round(480 * MM, 1))  # 330 x 480 mm, 8 columns
H_MID = (round(260 * MM, 1), round(380 * MM, 1))  # 260 x 380 mm, 5 columns
H_SMALL = (round(230 * MM, 1), round(330 * MM, 1))  # 230 x 330 mm, 4 columns


def _hx(method, *args):
    return lambda b: getattr(b, method)(*args)


def _hcols(method, col, span, y0, y1, *args):
    def place(b):
        x0, x1 = b.colx(col, span)
        getattr(b, method)(x0, y0, x1, y1, *args)

    return place


def _hqr(col, y, size, label):
    return lambda b: b.qrcode(b.colx(col, 1)[1] - size, y, size, label)


def _hweather(col, span, y):
    def place(b):
        x0, x1 = b.colx(col, span)
        b.weather(x0, y, x1 - x0)

    return place


H1 = HPage(
    "page01",
    *H_BIG,
    ncol=7,
    style=STYLE_H1,
    number="A01",
    section="要闻",
    date="2026年6月2日 星期二",
    margin=30,
    gap=8,
    seed=101,
    masthead_kind="front",
    footer_kind="folio",
    traits_extra=[
        "front page: big masthead with issue data",
        "ear ad beside the masthead",
        "page index (导读) box",
        "weather box",
        "full-width ad strip at the bottom",
        "lead story jumps (下转第A05版)",
        "photo above the headline",
        "commentary in a tinted box",
        "narrow 3.5pt gutters",
    ],
    furniture=[
        _hcols("ear", 5, 2, 16, 86, "东溪农商银行", "存款 贷款 理财  服务热线 96596"),
        _hcols(
            "index_box",
            5,
            2,
            106,
            330,
            [
                ("A02", "全县上半年经济运行稳中向好"),
                ("A03", "“山海协作”再结新硕果"),
                ("A05", "民营企业家座谈会召开"),
                ("A06", "夜经济点亮消费新场景"),
                ("B02", "一条山路和它的守路人"),
                ("B04", "外婆的端午粽"),
            ],
        ),
        _hweather(5, 2, 1016),
        _hcols(
            "ad",
            0,
            7,
            1246,
            1385,
            "东溪湾·海岸城  五月风华  荣耀加推",
            "120-168㎡ 滨海阔景洋房 样板区盛大开放",
            "品鉴热线 0576-8700 1234",
        ),
    ],
    stories=[
        HStory(
            ["“一件事”集成改革", "让企业群众办事更省心"],
            0,
            5,
            106,
            640,
            hsize=34,
            scaled_head=True,
            kicker="聚焦营商环境优化提升",
            sub="全县46个“一件事”实现“一窗受理、一次办结”",
            byline="记者 沈嘉禾 通讯员 徐安琪",
            place_name="县行政服务中心",
            org="县数据资源管理局",
            topic=[
                "6月1日上午，在县行政服务中心“一件事”综合窗口，"
                "刚从外地回乡创业的小林只用了40分钟，就领到了营业执照、食品经营许可证等5本证照。",
                "“以前要跑市场监管、卫健、消防好几个部门，现在一个窗口全搞定。”小林说。",
                "今年以来，县数据资源管理局梳理出企业开办、不动产登记、新生儿出生等46个高频事项，"
                "通过流程再造、数据共享，平均办理时间压缩了七成以上。",
            ],
            photo=Photo(
                2,
                168,
                "6月1日，群众在县行政服务中心综合窗口办理业务。  记者 沈嘉禾 摄",
                right=True,
            ),
            jump="（下转第A05版）",
        ),
        HStory(
            ["把“省心”落到", "每一个窗口"],
            5,
            2,
            342,
            640,
            hsize=18,
            kicker="本报评论员",
            boxed=True,
            box_style="tint",
            ncols=2,
            dateline="",
            place_name="各服务窗口",
            org="有关部门",
            topic=[
                "改革好不好，群众说了算。一张表、一个窗、一次办，"
                "看似是流程的变化，背后是服务理念的转变。",
                "让数据多跑路、群众少跑腿，需要部门之间真正打破壁垒，把群众的“关键小事”当成自己的大事。",
            ],
        ),
        HStory(
            ["东溪港集装箱吞吐量创同期新高"],
            0,
            3,
            656,
            1000,
            hsize=22,
            halign="left",
            photo_first=True,
            photo=Photo(3, 176, "6月1日，东溪港集装箱码头一派繁忙。  通讯员 乐海 摄"),
            byline="记者 胡天成 通讯员 乐海",
            place_name="东溪港区",
            org="县港航管理中心",
            topic=[
                "记者从县港航管理中心获悉，1至5月，东溪港累计完成集装箱吞吐量21.4万标箱，同比增长18.6%，创历史同期新高。",
                "今年以来，东溪港新开通至东南亚的外贸航线2条，内贸航线实现沿海主要港口全覆盖。",
            ],
        ),
        HStory(
            ["首届乡村运动会", "在山乡开赛"],
            3,
            2,
            656,
            1000,
            hsize=22,
            kicker="抬杠赛、插秧赛、挑担赛轮番登场",
            byline="记者 钟雨桐",
            place_name="珠岙镇",
            org="县体育发展中心",
            topic=[
                "5月31日，全县首届乡村运动会在珠岙镇拉开帷幕，来自18个乡镇的600多名农民运动员参赛。",
                "运动会设置抬杠赛、插秧赛、挑担赛等9个接地气的比赛项目，赛场上欢声笑语不断。",
            ],
        ),
        HStory(
            ["高考护航行动启动"],
            5,
            2,
            656,
            860,
            hsize=18,
            halign="left",
            byline="通讯员 叶知秋",
            place_name="各考点",
            org="县教育局",
            topic=[
                "高考临近，县教育局联合公安、交通、供电等12个部门启动高考护航行动，"
                "为全县2860名考生营造安静有序的考试环境。"
            ],
        ),
        HStory(
            ["5G基站实现行政村全覆盖"],
            5,
            2,
            872,
            1000,
            hsize=16,
            halign="left",
            byline="记者 邵远航",
            place_name="全县",
            org="县经信局",
            topic=["截至5月底，全县累计建成5G基站1680个，实现行政村5G信号全覆盖。"],
        ),
        HStory(
            ["六月起这些新规施行"],
            0,
            2,
            1016,
            1230,
            hsize=20,
            byline="记者 唐可欣",
            dateline="东溪日报讯",
            place_name="全县",
            org="县司法局",
            topic=[
                "6月起，一批新修订的法律法规和政策开始施行，涉及个人信息保护、电动自行车管理、"
                "农村宅基地审批等多个方面。"
            ],
        ),
        HStory(
            ["盐碱滩上", "试种海水稻"],
            2,
            3,
            1016,
            1230,
            hsize=22,
            byline="记者 潘书言 通讯员 于涛",
            place_name="沿海围垦区",
            org="县农业农村局",
            topic=[
                "在沿海围垦区的200亩试验田里，海水稻秧苗已经返青，长势喜人。",
                "这是我县首次在盐碱滩涂上试种海水稻，如果试种成功，将为全县3万亩滩涂的开发利用探索出新路子。",
            ],
            photo=Photo(1, 110, "海水稻试验田。  于涛 摄", right=True),
        ),
        HStory(
            ["无偿献血者获表彰"],
            5,
            2,
            1082,
            1230,
            hsize=18,
            halign="left",
            byline="通讯员 韩晓",
            place_name="县中心血站",
            org="县卫生健康局",
            topic=["6月1日，全县无偿献血表彰会召开，126名献血者和8家单位受到表彰。"],
        ),
    ],
)

H2 = HPage(
    "page02",
    *H_TAB,
    ncol=4,
    style=STYLE_H2,
    number="B02",
    section="深读",
    date="2026年6月3日 星期三",
    margin=28,
    gap=10,
    seed=102,
    masthead_kind="bar",
    footer_kind="editor",
    traits_extra=[
        "feature page, 4 stories",
        "headline beside the photo",
        "inverted-L story (first column runs on)",
        "vertical headline at the right",
        "byline on its own line",
        "ad in the middle of the right column",
        "wide 7pt gutters, 10pt body",
    ],
    furniture=[
        _hcols("ad", 3, 1, 616, 740, "东溪宾馆", "婚宴 谢师宴 火热预订", "8312 3000"),
    ],
    stories=[
        HStory(
            ["一条山路", "和它的守路人"],
            0,
            4,
            72,
            600,
            hsize=30,
            bold=True,
            kicker="深读·基层故事",
            sub="二十六年，他把12公里山路走成“连心路”",
            byline="记者 沈一帆 通讯员 郑欣",
            byline_line=True,
            dateline="",
            head_beside=True,
            photo=Photo(2, 210, "清晨，老郑在山路上清理落石。  记者 沈一帆 摄"),
            lleg=950,
            place_name="双溪村",
            org="县公路与运输管理中心",
            topic=[
                "凌晨五点半，天刚蒙蒙亮，61岁的郑德林已经扛着铁锹、拎着扫把出了门。",
                "从双溪村到镇上的这条12公里山路，他一走就是26年。"
                "落石、塌方、积水，哪里有问题，哪里就有他的身影。",
                "“路通了，山里人的日子才有奔头。”老郑说，这条路是全村人用肩膀扛出来的，他得守好。",
                "去年台风过境，山路多处塌方，老郑连续三天三夜守在路口，劝返过往车辆40多辆，没有发生一起事故。",
            ],
        ),
        HStory(
            ["山路上的灯"],
            1,
            2,
            616,
            790,
            hsize=22,
            vertical=True,
            vertical_right=True,
            kicker="记者手记",
            byline="",
            dateline="",
            place_name="山里",
            org="村里",
            topic=[
                "采访结束下山时，天已经黑了。拐过一道弯，远远看见山腰上亮着一盏灯，那是老郑的小屋。",
                "那盏灯，照亮的不只是一段山路，更是一种朴素的坚守。",
            ],
        ),
        HStory(
            ["让坚守被看见"],
            1,
            2,
            806,
            950,
            hsize=18,
            kicker="编后",
            box_style="dash",
            boxed=True,
            byline="",
            dateline="",
            place_name="基层",
            org="社会各界",
            topic=[
                "在我们身边，还有许多像老郑这样的普通人，他们默默无闻，却用几十年如一日的坚守守护着一方平安。",
            ],
        ),
        HStory(
            ["山区公路养护", "实现全覆盖"],
            3,
            1,
            752,
            950,
            hsize=18,
            kicker="相关新闻",
            byline="记者 沈一帆",
            place_name="山区乡镇",
            org="县公路与运输管理中心",
            topic=[
                "记者从县公路与运输管理中心获悉，全县山区农村公路已全部落实专人养护，"
                "共聘请护路员326名。"
            ],
        ),
    ],
)

H3 = HPage(
    "page03",
    *H_A3,
    ncol=5,
    style=STYLE_H3,
    number="A08",
    section="图片新闻",
    date="2026年6月4日 星期四",
    margin=28,
    gap=9,
    seed=103,
    masthead_kind="section",
    footer_kind="folio",
    traits_extra=[
        "photo page (图片新闻): captions are the stories",
        "photo group (组图) under one headline",
        "photos above their headlines",
        "headline beside the photo",
        "headlines made bold by stroking (render mode 2)",
        "unlabelled ad at the bottom left",
    ],
    furniture=[
        _hcols("ad", 0, 3, 990, 1160, "东溪眼镜城", "验光配镜 学生专场 八折优惠", "8312 7788"),
    ],
    stories=[
        HStory(
            ["端午将至 龙舟竞渡"],
            0,
            5,
            70,
            440,
            hsize=28,
            bold=True,
            only_topic=True,
            kicker="组图",
            ncols=3,
            gallery=[Photo(2, 236, seed=1), Photo(2, 236, seed=2), Photo(1, 236, seed=3)],
            byline="记者 罗晓川",
            place_name="海游江",
            org="县龙舟协会",
            topic=[
                "端午节临近，海游江上的龙舟训练进入冲刺阶段。6月3日傍晚，"
                "十多条龙舟在江面上你追我赶，鼓声、号子声响彻两岸。",
                "今年的龙舟赛将于6月19日举行，共有24支队伍报名参赛，创历年之最。",
                "图①：队员们在海游江上训练。图②：老艺人为新龙舟“点睛”。"
                "图③：孩子们在岸边为龙舟队加油。",
                "据了解，海游江龙舟赛已有三百多年历史，2019年被列入省级非物质文化遗产代表性项目名录。"
                "今年比赛期间，江岸还将举办端午民俗市集，展示香囊制作、五彩绳编织等传统技艺。",
            ],
        ),
        HStory(
            ["栀子花开满山香"],
            0,
            2,
            442,
            714,
            hsize=16,
            bold=True,
            only_topic=True,
            ncols=1,
            photo_first=True,
            photo=Photo(1, 200),
            byline="",
            dateline="",
            place_name="东屏村",
            org="村合作社",
            topic=[
                "6月3日，东屏村的200多亩栀子花进入盛花期，花农们忙着采摘鲜花，"
                "销往上海、杭州等地的花市。（通讯员 朱静 摄）",
            ],
        ),
        HStory(
            ["古桥修缮", "重现旧貌"],
            2,
            3,
            442,
            714,
            hsize=18,
            bold=True,
            only_topic=True,
            ncols=3,
            head_beside=True,
            photo=Photo(2, 226, right=True),
            byline="",
            dateline="",
            place_name="横渡镇",
            org="县文物保护所",
            topic=[
                "横渡镇的永济桥始建于清乾隆年间，是县级文物保护单位。"
                "经过半年的修缮，古桥近日重新开放，桥面青石板和两侧栏杆都恢复了旧时模样。"
                "（记者 罗晓川 摄）",
            ],
        ),
        HStory(
            ["晒秋晒出好日子"],
            0,
            2,
            712,
            974,
            hsize=16,
            bold=True,
            only_topic=True,
            ncols=1,
            photo_first=True,
            photo=Photo(1, 200),
            byline="记者 葛兰",
            place_name="高山村",
            org="村委会",
            topic=[
                "初夏时节，高山村的农户在房前屋后晾晒笋干、梅干菜，五颜六色的农产品与白墙黛瓦相映成趣。",
            ],
        ),
        HStory(
            ["小小志愿者"],
            2,
            1,
            712,
            974,
            hsize=16,
            bold=True,
            only_topic=True,
            ncols=1,
            photo_first=True,
            photo=Photo(1, 184),
            byline="",
            dateline="",
            place_name="城关第一小学",
            org="学校",
            topic=["城关第一小学的学生在公交站台擦拭候车椅，用实际行动迎接“六一”。（王蕾 摄）"],
        ),
        HStory(
            ["夜色中的新大桥"],
            3,
            2,
            712,
            974,
            hsize=16,
            bold=True,
            only_topic=True,
            ncols=1,
            photo_first=True,
            photo=Photo(1, 200),
            byline="",
            dateline="",
            place_name="东溪",
            org="有关部门",
            topic=[
                "夜幕降临，刚刚完成景观亮化的东溪新大桥流光溢彩，"
                "成为市民夜游打卡新地标。（陈锐 摄）"
            ],
        ),
        HStory(
            ["荷塘晨练"],
            3,
            2,
            990,
            1160,
            hsize=15,
            bold=True,
            only_topic=True,
            ncols=2,
            photo=Photo(1, 124, right=True),
            byline="",
            dateline="",
            place_name="城西公园",
            org="公园",
            topic=["清晨，城西公园荷塘边，市民在打太极拳。（记者 葛兰 摄）"],
        ),
    ],
)

H4 = HPage(
    "page04",
    *H_WIDE,
    ncol=8,
    style=STYLE_H4,
    number="A05",
    section="要闻·综合",
    date="2026年6月2日 星期二",
    margin=28,
    gap=7,
    rules=True,
    seed=104,
    masthead_kind="section",
    footer_kind="editor",
    traits_extra=[
        "continuation of a jumped story (上接第A01版)",
        "more text columns than grid columns (破栏)",
        "sidebar nested in the lower left of its story",
        "many short stories, 11 + 1 nested",
        "classified ads block (分类广告)",
        "very narrow 3pt gutters, 7pt gaps",
        "8-column grid",
    ],
    furniture=[
        _hcols(
            "classifieds",
            5,
            3,
            1116,
            1325,
            [
                ("遗失声明", "东溪县城关镇某某副食店遗失营业执照正本，声明作废。"),
                ("招聘", "本公司招聘电工2名、仓管员1名，待遇面议。电话：8312 4501"),
                ("出租", "人民路临街店面120平方米，水电齐全，适合餐饮。电话：139 0576 1122"),
                ("转让", "城东农贸市场摊位一个，手续齐全，价格面议。电话：8312 9090"),
                ("家政", "月嫂 育儿嫂 保洁 老人陪护，持证上岗。电话：8312 6060"),
                ("搬家", "居民 单位 长短途搬运，价格实惠。电话：8312 5151"),
            ],
            3,
        ),
    ],
    stories=[
        HStory(
            ["“一件事”集成改革让企业群众办事更省心"],
            0,
            5,
            70,
            520,
            hsize=22,
            scaled_body=True,
            bold=True,
            ncols=6,
            cont="（上接第A01版）",
            byline="",
            dateline="",
            place_name="县行政服务中心",
            org="县数据资源管理局",
            topic=[
                "“以前开一家饭店，前前后后要跑一个多月，现在一周就能开门营业。”"
                "在城东经营小吃店的张师傅对此深有体会。",
                "为了让“一件事”办得更顺，县数据资源管理局打通了14个部门的23个业务系统，"
                "实现材料一次提交、信息多方共享。",
            ],
            nested=HStory(
                ["什么是“一件事”集成改革"],
                0,
                0,
                0,
                0,
                hsize=13,
                kicker="链接",
                boxed=True,
                box_style="tint",
                ncols=2,
                scaled_body=True,
                byline="",
                dateline="",
                place_name="各地",
                org="有关部门",
                topic=[
                    "“一件事”集成改革，是指把群众和企业眼中的一件事涉及的多个部门、多个事项进行整合，"
                    "实行一次告知、一表申请、一窗受理、一次办结。",
                    "2026年起，我县将企业开办、员工招聘、个人退休等46个事项纳入改革清单，"
                    "年底前实现线上线下同步办理。",
                ],
                only_topic=True,
            ),
            nested_at="bl",
            nested_cols=2,
            nested_h=140,
        ),
        HStory(
            ["县人大常委会召开第二十三次会议"],
            5,
            3,
            70,
            330,
            hsize=18,
            bold=True,
            scaled_body=True,
            byline="记者 任思远",
            place_name="县人大常委会",
            org="县人大常委会",
            topic=[
                "6月1日，县十八届人大常委会召开第二十三次会议，"
                "听取和审议了县政府关于今年以来国民经济和社会发展计划执行情况的报告。"
            ],
        ),
        HStory(
            ["全县森林防火", "形势总体平稳"],
            5,
            3,
            346,
            520,
            hsize=18,
            halign="left",
            scaled_body=True,
            byline="通讯员 孟凡",
            place_name="林区",
            org="县林业局",
            topic=["今年以来，全县未发生较大以上森林火灾，森林火灾受害率控制在0.1‰以内。"],
        ),
        HStory(
            ["港城新添两座过街天桥"],
            0,
            2,
            536,
            800,
            hsize=15,
            scaled_body=True,
            byline="记者 吕思",
            place_name="滨海大道",
            org="县住建局",
            topic=["滨海大道两座人行过街天桥近日建成投用，附近学校的学生上下学不用再横穿马路。"],
        ),
        HStory(
            ["青年人才驿站开门迎客"],
            2,
            2,
            536,
            800,
            hsize=15,
            scaled_body=True,
            byline="通讯员 贺兰",
            place_name="高新区",
            org="县人才办",
            topic=["来县求职的高校毕业生可在青年人才驿站免费入住7天，并享受就业指导服务。"],
        ),
        HStory(
            ["夏季用电高峰将至"],
            4,
            2,
            536,
            800,
            hsize=15,
            scaled_body=True,
            byline="记者 严可",
            place_name="全县",
            org="县供电公司",
            topic=["县供电公司预计，今年夏季全县最高用电负荷将达到98万千瓦，同比增长6%左右。"],
            photo=Photo(1, 80, "检修线路。  严可 摄", right=True),
        ),
        HStory(
            ["社区书院开设周末课堂"],
            6,
            2,
            536,
            800,
            hsize=15,
            scaled_body=True,
            byline="",
            place_name="城北社区",
            org="城北社区",
            topic=["城北社区书院每周六开设书法、国画、古琴等公益课程，报名居民已超过300人。"],
        ),
        HStory(
            ["民营企业家座谈会召开"],
            0,
            4,
            816,
            1100,
            hsize=22,
            bold=True,
            scaled_body=True,
            kicker="倾听企业心声  助力企业发展",
            byline="记者 任思远 通讯员 柴晓",
            place_name="县委党校",
            org="县工商联",
            topic=[
                "6月1日下午，县委、县政府召开民营企业家座谈会，20余位企业家代表围绕融资、用工、用地等问题畅所欲言。",
                "县领导逐一回应企业诉求，并要求相关部门建立问题清单，限时办结。",
            ],
            photo=Photo(2, 120, "座谈会现场。  柴晓 摄"),
        ),
        HStory(
            ["农村饮用水", "提标改造提速"],
            4,
            2,
            816,
            1100,
            hsize=16,
            scaled_body=True,
            byline="通讯员 林木",
            place_name="山区乡镇",
            org="县水利局",
            topic=["今年全县计划完成农村饮用水提标改造工程47处，受益人口5.2万人。"],
        ),
        HStory(
            ["银发课堂教老人防诈骗"],
            6,
            2,
            816,
            1100,
            hsize=15,
            scaled_body=True,
            byline="记者 吕思",
            place_name="城南街道",
            org="县公安局",
            topic=["民警用一个个真实案例，向社区老人讲解保健品诈骗、冒充亲友诈骗等常见骗术。"],
        ),
        HStory(
            ["校园足球联赛闭幕"],
            0,
            5,
            1116,
            1325,
            hsize=20,
            halign="left",
            scaled_body=True,
            byline="记者 范宇",
            place_name="县体育中心",
            org="县教育局",
            topic=[
                "历时一个月的全县校园足球联赛日前闭幕，来自32所中小学的86支球队参赛，共进行比赛214场。"
            ],
        ),
    ],
)

H5 = HPage(
    "page05",
    *H_MID,
    ncol=5,
    style=STYLE_H5,
    number="A06",
    section="经济",
    date="2026年6月5日 星期五",
    margin=26,
    gap=6,
    seed=105,
    masthead_kind="bar",
    footer_kind="editor",
    traits_extra=[
        "left-aligned short headlines",
        "data box nested at the upper right, under the headline",
        "vertical headline at the right",
        "headline beside a photo on the right",
        "more text columns than grid columns (破栏)",
        "ad in the middle of the page",
        "QR code",
        "3pt gutters, 6pt gaps, whitespace only",
    ],
    furniture=[
        _hcols("ad", 3, 2, 652, 800, "东溪商城", "周年庆 满300减50", "8312 2288"),
        _hqr(4, 972, 56, "扫码看财经"),
    ],
    stories=[
        HStory(
            ["前5月全县工业", "用电量增长一成"],
            0,
            4,
            70,
            470,
            hsize=30,
            scaled_head=True,
            bold=True,
            kicker="经济运行观察",
            sub="制造业用电占比超过六成",
            byline="记者 夏知行 通讯员 孙婷",
            place_name="各工业园区",
            org="县供电公司",
            topic=[
                "用电量是经济运行的“晴雨表”。记者从县供电公司获悉，1至5月，全县工业用电量达到"
                "8.7亿千瓦时，同比增长10.3%。",
                "从行业看，汽车零部件、新材料、电子信息等行业用电量增幅居前，"
                "分别增长18.2%、15.6%和12.1%。",
            ],
            nested=HStory(
                ["数读"],
                0,
                0,
                0,
                0,
                hsize=14,
                boxed=True,
                box_style="frame",
                ncols=1,
                byline="",
                dateline="",
                place_name="全县",
                org="县统计局",
                topic=[
                    "8.7亿千瓦时：1至5月全县工业用电量。10.3%：同比增幅。"
                    "62.4%：制造业用电占全社会用电量比重。",
                    "3.2亿千瓦时：汽车零部件、新材料、电子信息三大行业用电量合计。"
                    "1260户：用电量同比增长的规上工业企业数。",
                ],
                only_topic=True,
            ),
            nested_at="tr",
            nested_cols=2,
            nested_h=120,
        ),
        HStory(
            ["小微企业贷款增长两成"],
            4,
            1,
            70,
            470,
            hsize=20,
            vertical=True,
            vertical_right=True,
            byline="记者 程立",
            place_name="全县",
            org="人行东溪支行",
            topic=[
                "截至5月末，全县小微企业贷款余额达286亿元，同比增长21.4%，高于各项贷款平均增速。"
            ],
        ),
        HStory(
            ["跨境电商", "带火“东溪造”"],
            0,
            3,
            486,
            800,
            hsize=22,
            ncols=2,
            byline="记者 夏知行",
            byline_line=True,
            dateline="",
            place_name="跨境电商产业园",
            org="县商务局",
            topic=[
                "在县跨境电商产业园，一批批打包好的户外家具、小家电正等待装车，"
                "它们将通过海外仓发往欧美市场。",
                "今年1至5月，全县跨境电商出口额达9.2亿元，同比增长36%。",
            ],
            photo=Photo(1, 150, "产业园里的打包车间。  夏知行 摄", right=True),
        ),
        HStory(
            ["上市后备企业", "增至28家"],
            3,
            2,
            486,
            640,
            hsize=18,
            byline="通讯员 钱多",
            place_name="全县",
            org="县金融办",
            topic=["县金融办最新公布的上市后备企业名单显示，全县上市后备企业已增至28家。"],
        ),
        HStory(
            ["夜经济", "“火”了"],
            0,
            3,
            816,
            1040,
            hsize=24,
            head_beside=True,
            photo=Photo(2, 140, "夜幕下的美食街。  程立 摄", right=True),
            byline="记者 程立",
            place_name="古城街区",
            org="县商务局",
            topic=[
                "晚上9点，古城街区依然人流如织，奶茶店、烧烤摊、文创集市前排起了长队。",
                "数据显示，5月全县夜间消费额占全天消费额的比重达到37%。",
            ],
        ),
        HStory(
            ["粮价平稳 菜价回落"],
            3,
            2,
            816,
            960,
            hsize=18,
            byline="通讯员 钱多",
            dateline="东溪日报讯",
            place_name="农贸市场",
            org="县发改局",
            topic=["县发改局价格监测显示，本周全县粮油价格保持平稳，蔬菜价格环比下降4.2%。"],
        ),
    ],
)

H6 = HPage(
    "page06",
    *H_SMALL,
    ncol=4,
    style=STYLE_H6,
    number="B04",
    section="副刊·人文",
    date="2026年6月6日 星期六",
    margin=26,
    gap=10,
    seed=106,
    masthead_kind="section",
    footer_kind="folio",
    traits_extra=[
        "literary page, 4 stories + 1 nested",
        "framed story with a dashed sidebar nested at its upper right",
        "byline on its own line (■ 文/…)",
        "photo above the headline",
        "ad at the top right",
        "10pt body, 8pt gutters",
    ],
    furniture=[
        _hcols("ad", 3, 1, 70, 300, "东溪书城", "好书五折 满百包邮", "8312 1010"),
    ],
    stories=[
        HStory(
            ["外婆的", "端午粽"],
            0,
            3,
            70,
            440,
            hsize=32,
            scaled_head=True,
            kicker="散文",
            byline="文/林小满",
            byline_line=True,
            dateline="",
            photo=Photo(1, 130, "插图  顾欣", right=True),
            place_name="老家",
            org="外婆",
            only_topic=True,
            topic=[
                "每年端午前，外婆总要提前好几天泡好糯米、洗净箬叶，"
                "然后坐在老屋门口的竹椅上，一只一只地包粽子。",
                "她的手很巧，箬叶在指间一折一卷，舀进一勺糯米，按进一块腌好的五花肉，"
                "再用棉线一圈圈缠紧，一只棱角分明的粽子就包好了。我蹲在一旁看，"
                "总也学不会，包出来的粽子不是漏米就是散了架，外婆也不恼，笑着拆开重新包。",
                "粽子要在大铁锅里煮上整整一夜。灶膛里的柴火噼啪作响，"
                "箬叶的清香混着肉香从锅盖缝里钻出来，飘满了整个院子。"
                "那一夜我总睡不踏实，天不亮就爬起来，守在灶台边等着开锅。",
                "外婆会挑出最大的一只，剥开来放在青花碗里，蘸上白糖递给我。"
                "糯米黏在手指上，甜丝丝的，那是我童年里最好的味道。",
                "后来我去城里读书、工作，回老家的次数越来越少。"
                "每年端午，外婆都会托人捎来一串粽子，用红绳系着，整整齐齐。",
                "如今外婆已经不在了，老屋也翻修成了新房。"
                "可每到端午，我总会想起那口冒着热气的大铁锅，想起灶膛前那张被火光映红的脸。",
            ],
        ),
        HStory(
            ["五月的麦田"],
            3,
            1,
            312,
            640,
            hsize=18,
            halign="left",
            kicker="诗苑",
            byline="周默",
            byline_line=True,
            dateline="",
            place_name="田野",
            org="村庄",
            only_topic=True,
            topic=[
                "风从南边来",
                "麦浪一层推着一层",
                "父亲站在田埂上",
                "像一株沉默的麦子",
                "布谷鸟叫了一遍又一遍",
                "镰刀在屋檐下闪着光",
                "母亲把晒场扫了三遍",
                "等一场不下雨的好天",
                "五月的麦田",
                "是一封写给土地的信",
                "每一粒麦子",
                "都是盖在信上的邮戳",
            ],
        ),
        HStory(
            ["竹刻老人的", "一天"],
            0,
            3,
            434,
            900,
            hsize=24,
            boxed=True,
            box_style="frame",
            kicker="人物",
            sub="七十三岁的他，仍每天刻竹八小时",
            byline="记者 孔令仪",
            place_name="竹溪村",
            org="县文化馆",
            topic=[
                "早上七点，竹溪村的老屋里已经传出刻刀划过竹面的沙沙声。"
                "73岁的竹刻艺人吴老伯戴上老花镜，开始了一天的工作。",
                "从十五岁拜师学艺算起，吴老伯已经刻了将近六十年。"
                "他的作品曾多次在省里的工艺美术展上获奖。",
            ],
            nested=HStory(
                ["人物名片"],
                0,
                0,
                0,
                0,
                hsize=14,
                boxed=True,
                box_style="dash",
                ncols=1,
                byline="",
                dateline="",
                place_name="竹溪村",
                org="县文化馆",
                topic=[
                    "吴德昌，1953年生，竹溪村人，省级非物质文化遗产项目竹刻代表性传承人。",
                    "作品《溪山行旅》笔筒获省工艺美术精品博览会金奖，现带徒12人。",
                ],
                only_topic=True,
            ),
            nested_at="tr",
            nested_cols=1,
            nested_h=130,
        ),
        HStory(
            ["《山海之间》出版"],
            3,
            1,
            552,
            900,
            hsize=14,
            kicker="新书速递",
            photo_first=True,
            photo=Photo(1, 150),
            byline="",
            dateline="",
            place_name="东溪",
            org="出版社",
            only_topic=True,
            topic=[
                "本土作家陈远的散文集《山海之间》近日由浙江文艺出版社出版，"
                "收录了作者近十年创作的散文42篇。",
                "全书分“山居”“海语”“人间”三辑，以细腻的笔触描绘了家乡的山川风物和人情冷暖。",
            ],
        ),
    ],
)

HOLDOUT_PAGES = [H1, H2, H3, H4, H5, H6]


# --------------------------------------------------------------------------------------------
# Development set 2 (--set dev2): five more pages in designs of their own, for development.
# Each story is drawn piece by piece (headline lines, photos, body frames placed explicitly),
# so the pages can break the grid: photo above its headline, photo beside a headline, 组图,
# text columns that do not follow the grid (破栏), 转版 lines, a poem, a nested 链接 box.
# --------------------------------------------------------------------------------------------

OUT_DEV2 = ROOT / "bench" / "data" / "epaper_tools" / "typst-dev2"

DEV2_ABOUT = (
    " Development set 2 (--set dev2): page designs and texts of their own. 'jump' gives a "
    "story's 转版 marker as printed."
)

# flowd(): like flow(), but with cut: false the last frame is filled to its last line too
# (the text runs on to another page), instead of ending at a sentence end.
DEV2_PRELUDE = r"""
#let flowd(id, text-str, frames, font, size, lead, hl: 0, hfont: none, cut: true) = context {
  let cl = text-str.clusters()
  let n = cl.len()
  let pos = 0
  let starts = true
  for (fi, f) in frames.enumerate() {
    let (x, y, w, lines) = f
    let maxh = (lines * size + (lines - 1) * lead + 0.05) * 1pt
    let last = fi == frames.len() - 1
    let mk(b) = bodyblock(w, font, size, lead, false,
      chunk(cl, pos, b, starts, b < n and cl.at(b) != "¶" and (not last or not cut),
        hl: hl, hfont: hfont))
    let lo = pos
    let hi = n
    while lo < hi {
      let mid = calc.div-euclid(lo + hi + 1, 2)
      if measure(mk(mid)).height <= maxh { lo = mid } else { hi = mid - 1 }
    }
    let b = lo
    while b > pos + 1 and b < n and NOSTART.contains(cl.at(b)) { b -= 1 }
    if last and cut {
      let j = b
      while j > pos and not ENDS.contains(cl.at(j - 1)) { j -= 1 }
      if j > pos + (b - pos) * 0.6 { b = j }
    }
    let body = mk(b)
    place(top + left, dx: x * 1pt, dy: y * 1pt, body)
    let m = measure(body)
    [#metadata((id: id, x: x, y: y, w: m.width.pt(), h: m.height.pt(), frame: fi)) <box>]
    pos = b
    starts = false
    if pos < n and cl.at(pos) == "¶" { pos += 1; starts = true }
  }
}
"""

GENERIC_D2 = [
    "{org}有关负责人表示，将把群众满意度作为检验工作的第一标准，定期回访、及时整改。",
    "据{org}统计，今年1至10月，{place}共受理各类诉求1460件，按时办结率达到97.3%。",
    "在{place}文化礼堂门口，几位老人正坐在长椅上晒太阳，说起村里这两年的变化，个个喜笑颜开。",
    "记者注意到，新建的步行道两旁种上了桂花和红枫，每隔百来米就设有一处休息座椅和垃圾分类箱。",
    "“过去一下雨，门口就是一片烂泥地，现在出门鞋子都不沾泥。”村民王大伯指着新修的道路说。",
    "为了让政策真正落地，{org}抽调28名业务骨干组成6个服务小组，分片包干、上门服务。",
    "项目负责人介绍，工程采用装配式施工，比传统方式缩短工期近40天，也减少了扬尘和噪声。",
    "当天下午，{org}还召开了现场推进会，逐项梳理存在的问题，明确了下一阶段的完成时限。",
    "据悉，{place}已连续三年将此项工作列入民生实事项目，累计投入资金3800余万元。",
    "不少年轻人也被吸引回乡创业。32岁的小林去年辞去杭州的工作，回村开起了民宿和咖啡馆。",
    "下一步，{place}计划引入专业运营团队，打造集研学、露营、农事体验于一体的乡村旅游线路。",
    "{org}提醒广大市民，如遇相关问题，可拨打12345政务服务热线或通过“浙里办”APP反映。",
    "整个活动持续了近三个小时，现场发放宣传手册1500余份，接受群众咨询300多人次。",
    "业内人士分析认为，这一做法有效破解了资金、土地、人才等要素制约，具有一定的推广价值。",
    "在随后的交流环节，大家你一言我一语，围绕产品包装、网络销售等话题谈了各自的想法。",
    "截至目前，全县已建成此类服务站点64个，覆盖所有乡镇（街道），年服务群众超过10万人次。",
    "“一开始心里没底，试了一季才发现效益真不错。”种植户陈师傅算了一笔账，亩均增收近两千元。",
    "据了解，这批设备由{org}统一采购，下月起将陆续配发到各个网点，并组织操作培训。",
    "县气象台预计，未来一周以晴到多云天气为主，早晚温差较大，请市民注意适时增减衣物。",
    "此次评选坚持公开、公平、公正原则，经过基层推荐、资格审查、网络投票等环节产生。",
]

ESSAY_D2 = [
    "小时候总以为，溪口的那条石板路是没有尽头的，一直走下去，就能走到山的那一边。",
    "外婆家的院子不大，一棵老柚子树占去了小半，秋天结满了果子，压得枝头低低的。",
    "那时候的黄昏很长，长到可以把一本连环画翻来覆去看上三遍，灶间的炊烟才慢慢升起来。",
    "后来我去了很远的城市，见过许多高楼和灯火，却总在某个失眠的夜里，想起那一声悠长的渡口船笛。",
    "母亲说，人老了就爱回头看。其实不必等到老，有些东西一旦离开，就一直在心里等着你。",
    "去年深秋回去，老屋已经翻修，只有门前那口井还在，井沿的青苔比记忆里更厚了些。",
    "我蹲下来摸了摸井沿，凉意从指尖一直传到心口，仿佛摸到了一段被时间收藏起来的日子。",
    "镇上的老茶馆还开着，掌柜换成了年轻人，茶碗却还是那种粗瓷的，端在手里沉甸甸的。",
    "风从溪面上吹过来，带着稻草和泥土的气息。我忽然明白，所谓故乡，原来是一种味道。",
    "那些走过的路、见过的人，都会在某一天重新回来，轻轻地敲一敲你的窗。",
    "溪水还是那样不紧不慢地流着，它不在乎谁来了、谁走了，只管把两岸的四季一一收下。",
    "临走那天，邻居阿婆塞给我一袋晒干的番薯片，说城里买不到这个味道。",
    "傍晚的江面是橘红色的，渔船一只只靠岸，船头的灯一盏接一盏地亮起来。",
    "外公是个话不多的人，他最爱做的事，是坐在门槛上削竹篾，一削就是一下午。",
    "竹篾在他手里像是活的，转几转，就成了一只小小的蝈蝈笼，挂在屋檐下叮当作响。",
    "我常常想，一个人的童年，大概就是由这些细碎的声音和气味拼起来的。",
    "多年以后读到“日暮乡关何处是”，才懂得那份惆怅，原来早就在心里生了根。",
    "街口的铁匠铺早已关门，可我总觉得，还能听见那叮叮当当的打铁声从巷子深处传来。",
    "雨季的时候，屋后的竹林一夜之间冒出许多笋尖，母亲提着篮子去挖，回来做一锅油焖笋。",
    "如今的孩子有了更多的玩具，却未必知道，一根狗尾巴草也能编出一只毛茸茸的小兔子。",
]

FICTION_D2 = [
    "顾师傅的摊子只有一张旧木桌、一盏台灯和一只装满零件的铁皮盒子。",
    "来修表的多是老街坊，表坏了舍不得扔，说是戴了几十年，有感情了。",
    "那天傍晚，一个穿校服的男孩站在摊前，手里攥着一块停了的旧手表。",
    "“这是我爷爷的。”男孩说，“他走了以后，表就不走了。”",
    "顾师傅接过表，翻过来看了看后盖，上面刻着一行小字，已经磨得看不太清了。",
    "他把表拆开，一个零件一个零件地擦，擦完了又一个零件一个零件地装回去。",
    "天完全黑下来的时候，表针终于又动了。男孩把表贴在耳边，听了很久很久。",
    "顾师傅没有收钱。他说，这块表是他四十年前亲手卖出去的，他认得。",
    "第二天，街坊们发现修表摊上多了一块小黑板，上面写着：旧表修理，分文不取。",
    "后来有人问顾师傅为什么，他只是笑笑，说时间这东西，总得有人替它守着。",
]

LINK_D2 = [
    "民国时期，渡口设有渡船三艘，每日往返十余次，两岸商旅往来不绝。",
    "上世纪八十年代溪口大桥建成后，古渡逐渐冷清，但渡船一直保留至今。",
    "每年农历九月，当地还会举行祭江仪式，祈求风调雨顺、舟楫平安。",
]


@dataclass
class D2Page(Page):
    parts: list = field(default_factory=list)  # callables(builder) drawing stories/furniture


class Dev2Builder(Builder):
    """Builds dev-2 pages: every story is assembled from explicitly placed pieces."""

    def new(self, sid, title, byline="", inside=None, jump=None):
        self.meta[sid] = {"title": title, "byline": byline, "inside": inside}
        if jump:
            self.meta[sid]["jump"] = jump

    def line(self, sid, x, y, w, s, font, size, align="left", color="black", scaled=False):
        """One line of a story (headline, kicker, byline line); returns the y below it."""
        self.put(sid, x, y, self.textline(s, font, size, w, align, scaled, color))
        return y + size + max(3.0, size * 0.2)

    def heads(self, sid, x, y, w, lines, size, font=None, align="center", scaled=False):
        for ln in lines:
            assert text_width(ln, size) <= w + 1, (ln, size, w)
            y = self.line(sid, x, y, w, ln, font or self.s.head_font, size, align, scaled=scaled)
        return y

    def texts(self, key, topic, first, cap, generic=None, place="城关镇", org="县委宣传部"):
        rnd = random.Random(hash_seed("dev2:" + key))
        gen = [g.format(place=place, org=org) for g in (generic or GENERIC_D2)]
        rnd.shuffle(gen)
        rest = [t.format(place=place, org=org) for t in topic]
        paras = [first + (rest.pop(0) if rest else gen.pop())]
        gi, total = 0, len(paras[0])
        while total < cap * 1.4 + 200:
            sents = []
            for _ in range(rnd.randint(1, 3)):
                if rest and rnd.random() < 0.75:
                    sents.append(rest.pop(0))
                else:
                    sents.append(gen[gi % len(gen)])
                    gi += 1
            paras.append("".join(sents))
            total += len(paras[-1])
        return "¶".join(paras)

    def body(self, sid, frames, key, topic=(), first="", cut=True, generic=None, **kw):
        """frames: (x, top, w, bottom); body text flowed through them."""
        s = self.s
        fr = [(x, t, w, self.lines_in(t, b)) for x, t, w, b in frames]
        cap = sum(int(w // s.body_size) * n for _, _, w, n in fr)
        text = self.texts(key, list(topic), first, cap, generic, **kw)
        src = ", ".join(f"({a:.3f}, {b:.3f}, {c:.3f}, {d})" for a, b, c, d in fr)
        hl = len(first) if first.startswith("本报讯") else 0
        self.raw(
            f"#flowd({q(sid)}, {q(text)}, ({src},), {q(s.body_font)}, {s.body_size}, {s.lead}, "
            f"hl: {hl}, hfont: {q(s.byline_font) if s.byline_font else 'none'}, "
            f"cut: {'true' if cut else 'false'})"
        )
        return fr

    def line_y(self, top, k):
        """Top of the k-th body line (0-based) of a frame starting at top."""
        return top + k * (self.s.body_size + self.s.lead)

    def split(self, x0, x1, n, g):
        w = (x1 - x0 - (n - 1) * g) / n
        return [(x0 + i * (w + g), w) for i in range(n)]

    def hrule(self, x0, x1, y, wt=0.5, color="black"):
        self.raw(
            f"#place(dx: {x0:.2f}pt, dy: {y:.2f}pt, line(length: {x1 - x0:.2f}pt, "
            f"stroke: {wt}pt + {color}))"
        )

    def vrule(self, x, y0, y1, wt=0.5):
        self.raw(
            f"#place(dx: {x:.2f}pt, dy: {y0:.2f}pt, line(angle: 90deg, length: {y1 - y0:.2f}pt, "
            f"stroke: {wt}pt))"
        )

    def free(self, x, y, code):
        self.raw(f"#place(dx: {x:.2f}pt, dy: {y:.2f}pt, {code})")

    def source(self) -> str:
        p = self.p
        head = (
            PRELUDE.replace("@TITLE@", p.name)
            .replace("@W@", str(p.width))
            .replace("@H@", str(p.height))
        ) + DEV2_PRELUDE
        for f in p.parts:
            f(self)
        return head + "\n".join(self.out) + "\n"


def d2_folio(b: Dev2Builder, left: str, mid: str, right: str) -> None:
    p = b.p
    m = p.margin
    y = p.height - 20
    b.hrule(m, p.width - m, y - 5, 0.8)
    b.free(
        m,
        y,
        f'block(width: {p.width - 2 * m}pt, text(font: "Noto Sans CJK SC", size: 7.5pt, '
        f"{q(left)} + h(1fr) + {q(mid)} + h(1fr) + {q(right)}))",
    )


def d2_strip(b: Dev2Builder, number: str, section: str, date: str, color="#0b4f8a") -> None:
    """Inner-page header: page number in a box, section name, date and editors at the right."""
    p = b.p
    m = p.margin
    b.free(
        m,
        22,
        f'box(fill: rgb("{color}"), inset: (x: 8pt, y: 5pt), text(font: "Noto Sans CJK SC", '
        f"size: 18pt, fill: white, {q(number)}))",
    )
    b.free(m + 78, 24, f'text(font: "Source Han Serif SC", size: 22pt, {q(section)})')
    b.free(
        m,
        30,
        f'block(width: {p.width - 2 * m}pt, align(right, text(font: "SimHei", size: 8.5pt, '
        f"{q(date + '    责任编辑：郑书宁  美编：方可  校对：吴一禾')})))",
    )
    b.hrule(m, p.width - m, 56, 0.5)
    b.hrule(m, p.width - m, 58.5, 1.8, f'rgb("{color}")')


# ---- page01: front page (A01) --------------------------------------------------------------

D2_LEAD_TITLE = ["城西老厂房变身“共享工坊”"]
D2_LEAD_TOPIC = [
    "11月27日，城西街道原纺织机械厂的老厂房里机器声此起彼伏，17家小微企业和手艺人工作室在这里"
    "“拼”出了一座共享工坊。",
    "这座建于上世纪七十年代的厂房闲置已有八年。去年起，{org}以“政府引导、企业运营、租户共享”的"
    "方式对其进行改造，保留了红砖外墙和锯齿形屋顶。",
    "工坊内设有共享打样间、直播间、仓储区和会议室，入驻企业只需按实际使用时长付费，"
    "前期投入比单独租房节省六成以上。",
    "做竹编文创的90后姑娘周小禾是第一批入驻者。“以前在家里做，接了大单也不敢接，"
    "现在有场地、有设备，还能和隔壁的设计师一起琢磨新款式。”",
]


def d2_p1(b: Dev2Builder) -> None:
    p = b.p
    m = p.margin
    W = p.width
    # masthead (furniture): title, pinyin line, issue data, 报眼 ad at the right
    b.free(m, 20, 'text(font: "SimHei", size: 56pt, fill: rgb("#c8102e"), "江澄晚报")')
    b.free(
        m + 4,
        88,
        'text(font: "Noto Sans CJK SC", size: 8pt, tracking: 2.2pt, "JIANGCHENG EVENING NEWS")',
    )
    x2, _ = b.colx(2, 2)
    b.free(
        x2 + 20,
        28,
        'stack(spacing: 5pt, text(font: "SimHei", size: 10pt, "2026年11月28日  星期六"), '
        'text(font: "Noto Serif CJK SC", size: 8.5pt, "农历丙午年十月初九"), '
        'text(font: "Noto Serif CJK SC", size: 8.5pt, "今日24版  第8123期"), '
        'text(font: "Noto Serif CJK SC", size: 8.5pt, "国内统一连续出版物号 CN33-0199"), '
        'text(font: "Noto Serif CJK SC", size: 8.5pt, "江澄日报社主管主办"))',
    )
    ax0, ax1 = b.colx(4, 2)
    b.free(
        ax0,
        22,
        f'block(width: {ax1 - ax0:.2f}pt, height: 80pt, fill: rgb("#0f5e3c"), inset: 8pt, '
        'align(center + horizon, stack(spacing: 6pt, text(font: "SimHei", size: 22pt, '
        'fill: rgb("#ffe08a"), "青梅山温泉小镇"), text(font: "SimHei", size: 10pt, fill: white, '
        '"冬季泡汤季  限时预约"), text(font: "Noto Sans CJK SC", size: 12pt, fill: white, '
        '"0576-8833 6677"))))',
    )
    b.hrule(m, W - m, 110, 2.2, 'rgb("#c8102e")')
    b.hrule(m, W - m, 114, 0.5)
    # 导读 index (furniture)
    ix0, ix1 = b.colx(0, 1)
    rows = [
        ("A03", "县城公交新开三条夜间线路"),
        ("A05", "老厂房里的“共享”生意经"),
        ("A08", "图说：初冬的溪口古渡"),
        ("A12", "县域快讯"),
        ("B04", "东篱·副刊"),
        ("B08", "分类广告"),
    ]
    cells = ", ".join(
        f"block(width: 100%, stroke: (bottom: 0.4pt), inset: (y: 5pt), stack(spacing: 3pt, "
        f'text(font: "SimHei", size: 9pt, fill: rgb("#c8102e"), {q(a)}), '
        f'text(font: "Noto Serif CJK SC", size: 9pt, {q(t)})))'
        for a, t in rows
    )
    b.free(
        ix0,
        126,
        f"block(width: {ix1 - ix0:.2f}pt, stroke: 0.8pt, inset: 6pt, stack(spacing: 2pt, "
        f'block(width: 100%, fill: rgb("#c8102e"), inset: 4pt, align(center, text(font: "SimHei", '
        f'size: 14pt, fill: white, tracking: 6pt, "导读"))), {cells}))',
    )
    b.barcode(ix0, 520, ix1 - ix0, 50)
    # s0: lead, photo above its headline, jumps to A05
    x0, x1 = b.colx(1, 5)
    sid = "s0"
    b.new(sid, D2_LEAD_TITLE[0], "记者 陶然 通讯员 许嘉", jump="（下转第A05版）")
    y = b.photo(
        sid,
        x0,
        126,
        x1 - x0,
        230,
        Photo(caption="11月27日，入驻城西共享工坊的手艺人在调试竹编设备。 本报记者 陶然 摄"),
    )
    y = b.line(
        sid, x0, y + 8, x1 - x0, "闲置八年的纺织机械厂，装进了17家小微企业", "SimHei", 13, "center"
    )
    y = b.heads(sid, x0, y + 2, x1 - x0, D2_LEAD_TITLE, 34)
    y += 6
    cols = b.split(x0, x1, 5, 8)
    bottom = 600
    fr = b.body(
        sid,
        [(cx, y, cw, bottom) for cx, cw in cols],
        "p1lead",
        D2_LEAD_TOPIC,
        "本报讯（记者 陶然 通讯员 许嘉）",
        cut=False,
        org="城西街道",
    )
    lx, lt, lw, ln = fr[-1]
    b.raw("")
    jy = b.line_y(lt, ln) + 1
    b.line(sid, lx, jy, lw, "（下转第A05版）", "SimHei", 8.5, "right")
    # s1: photo at the left, headline beside it, body under the headline and under the photo
    x0, x1 = b.colx(0, 4)
    cols = b.split(x0, x1, 4, 8)
    sid = "s1"
    title = ["青梅山高速", "西延段通车"]
    b.new(sid, "".join(title), "记者 方舟")
    px, pw = cols[0][0], cols[1][0] + cols[1][1] - cols[0][0]
    pb = b.photo(sid, px, 630, pw, 160, Photo(caption="西延段青梅山隧道出口。 方舟 摄", seed=3))
    hx = cols[2][0]
    hw = x1 - hx
    y = b.heads(sid, hx, 630, hw, title, 24, align="left")
    y = b.line(sid, hx, y + 1, hw, "全长21.6公里，沿线设互通4处", "Noto Sans CJK SC", 11)
    y += 5
    bot = 880
    b.body(
        sid,
        [
            (cols[2][0], y, cols[2][1], bot),
            (cols[3][0], y, cols[3][1], bot),
            (cols[0][0], pb + 8, cols[0][1], bot),
            (cols[1][0], pb + 8, cols[1][1], bot),
        ],
        "p1road",
        [
            "11月27日上午10时，青梅山高速公路西延段正式建成通车，县城到青梅山景区的"
            "车程由原来的1小时缩短至25分钟。",
            "西延段全长21.6公里，按双向四车道高速公路标准建设，设计时速100公里。",
        ],
        "本报讯（记者 方舟）",
        org="县交通运输局",
        place="青梅山镇",
    )
    # s2: commentary, byline on its own line, framed
    x0, x1 = b.colx(4, 2)
    sid = "s2"
    b.new(sid, "让闲置空间“活”起来", "本报评论员 叶知秋")
    b.put(
        sid,
        x0,
        630,
        f'rect(width: {x1 - x0:.2f}pt, height: 250pt, stroke: 0.6pt, fill: rgb("#fbf4e4"))',
    )
    y = b.line(sid, x0 + 8, 638, x1 - x0 - 16, "江澄时评", "SimHei", 10, "left", 'rgb("#c8102e")')
    y = b.heads(sid, x0 + 8, y + 2, x1 - x0 - 16, ["让闲置空间“活”起来"], 18)
    y = b.line(
        sid, x0 + 8, y, x1 - x0 - 16, "□ 本报评论员 叶知秋", "Noto Serif CJK SC", 9, "center"
    )
    cl = b.split(x0 + 8, x1 - 8, 2, 7)
    b.body(
        sid,
        [(cx, y + 4, cw, 872) for cx, cw in cl],
        "p1comment",
        [
            "一座老厂房的新生，给人的启发不止于“旧物利用”。",
            "盘活存量空间，关键在于找准需求、算清成本，让有想法的人能够低成本地干起来。",
        ],
    )
    b.hrule(m, W - m, 894, 0.5)
    # bottom row: three stories
    specs = [
        (
            "s3",
            0,
            2,
            ["县城公交新开三条夜间线路"],
            "记者 何田",
            "p1bus",
            ["从12月1日起，县城将新开通三条夜间公交线路，末班车时间延长至22时30分。"],
        ),
        (
            "s4",
            2,
            2,
            ["第六届农民丰收节落幕"],
            "记者 叶青 通讯员 邵敏",
            "p1harvest",
            ["11月26日，为期三天的第六届农民丰收节在溪口镇落下帷幕，现场农产品销售额达460万元。"],
        ),
        (
            "s5",
            4,
            2,
            ["我县新增两所省级示范幼儿园"],
            "",
            "p1kinder",
            ["近日，省教育厅公布了新一批省级示范幼儿园名单，我县实验幼儿园、城东幼儿园榜上有名。"],
        ),
    ]
    for sid, c, span, title, by, key, topic in specs:
        x0, x1 = b.colx(c, span)
        b.new(sid, "".join(title), by)
        y = b.heads(sid, x0, 906, x1 - x0, title, 16, align="left")
        cl = b.split(x0, x1, 2, 8)
        first = f"本报讯（{by}）" if by else "本报讯 "
        b.body(sid, [(cx, y + 4, cw, 1150) for cx, cw in cl], key, topic, first)
        if c:
            b.vrule(x0 - p.gap / 2, 906, 1150)
    d2_folio(b, "A01  要闻", "江澄晚报  2026年11月28日", "新闻热线：0576-8822 1234")


# ---- page02: A05, the lead's continuation, text columns that break the grid --------------


def d2_p2(b: Dev2Builder) -> None:
    p = b.p
    m = p.margin
    W = p.width
    d2_strip(b, "A05", "要闻·深读", "2026年11月28日  星期六")
    # s0: continued from A01, 2 text columns over 3 grid columns
    x0, x1 = b.colx(0, 3)
    sid = "s0"
    b.new(sid, D2_LEAD_TITLE[0], "", jump="（上接第A01版）")
    y = b.heads(sid, x0, 72, x1 - x0, D2_LEAD_TITLE, 20, align="left")
    cols = b.split(x0, x1, 2, 10)
    b.line(sid, cols[0][0], y + 4, cols[0][1], "（上接第A01版）", "SimHei", 8.5, "left")
    t = y + 4 + b.s.body_size + b.s.lead
    b.body(
        sid,
        [(cols[0][0], t, cols[0][1], 470), (cols[1][0], y + 4, cols[1][1], 470)],
        "p2cont",
        [
            "记者了解到，共享工坊还与县职业技术学校合作，开设了木工、竹编、"
            "服装打版等短期培训班，学员结业后可直接在工坊实习。",
            "对于下一步的打算，{org}负责人表示，将把这一模式复制到辖区内另外两处"
            "闲置厂房，预计明年可新增入驻主体30家以上。",
        ],
        "",
        org="城西街道",
    )
    b.vrule(x1 + p.gap / 2, 72, 470)
    # s1: three grid columns' worth of text in the right two grid columns, with a data box
    x0, x1 = b.colx(3, 2)
    sid = "s1"
    title = ["“小切口”撬动", "城市更新"]
    b.new(sid, "".join(title), "记者 陶然")
    y = b.line(
        sid, x0, 72, x1 - x0, "算一算老厂房的账", "Noto Sans CJK SC", 11, "left", 'rgb("#0b4f8a")'
    )
    y = b.heads(sid, x0, y, x1 - x0, title, 22, align="left")
    cols = b.split(x0, x1, 3, 6)
    b.body(
        sid,
        [(cx, y + 6, cw, 470) for cx, cw in cols],
        "p2city",
        [
            "一笔账，算的是成本；另一笔账，算的是人气。",
            "据测算，改造一平方米老厂房的投入约为新建标准厂房的三分之一。",
        ],
        "本报记者 陶然 ",
        org="县住建局",
    )
    b.hrule(m, W - m, 484, 0.8)
    # s2: full-width story, photo at the right, 4 text columns over 5 grid columns
    x0, x1 = b.colx(0, 5)
    sid = "s2"
    title = ["溪口老街修缮后重新开街"]
    b.new(sid, title[0], "记者 沈一帆 通讯员 蒋蕾")
    y = b.heads(sid, x0, 496, x1 - x0, title, 28)
    y = b.line(
        sid, x0, y, x1 - x0, "——百年老街留住了乡愁，也引来了客流", "Noto Serif CJK SC", 12, "center"
    )
    cols = b.split(x0, x1, 4, 10)
    px, pw = cols[3]
    pb = b.photo(
        sid, px, y + 6, pw, 150, Photo(caption="重新开街后的溪口老街游人如织。沈一帆 摄", seed=5)
    )
    bot = 800
    fr = [(cx, y + 6, cw, bot) for cx, cw in cols[:3]] + [(px, pb + 8, pw, bot)]
    b.body(
        sid,
        fr,
        "p2street",
        [
            "11月25日，历时一年半修缮的溪口老街重新开街，青石板路、木板门面和骑楼重现当年风貌。",
            "老街全长约600米，沿街保留清代至民国时期建筑43幢。",
        ],
        "本报讯（记者 沈一帆 通讯员 蒋蕾）",
        place="溪口镇",
        org="溪口镇政府",
    )
    b.hrule(m, W - m, 814, 0.8)
    # s3: 2 grid columns, normal; s4: 3 grid columns with 4 text columns
    x0, x1 = b.colx(0, 2)
    sid = "s3"
    b.new(sid, "冬季用电高峰将至 供电部门提前“体检”", "记者 何田")
    y = b.heads(sid, x0, 826, x1 - x0, ["冬季用电高峰将至", "供电部门提前“体检”"], 16, align="left")
    cols = b.split(x0, x1, 2, 10)
    b.body(
        sid,
        [(cx, y + 4, cw, 1150) for cx, cw in cols],
        "p2power",
        ["连日来，县供电公司组织120余名电力工人对全县35千伏及以上变电站开展迎峰度冬专项检查。"],
        "本报讯（记者 何田）",
        org="县供电公司",
    )
    b.vrule(x1 + p.gap / 2, 826, 1150)
    x0, x1 = b.colx(2, 3)
    sid = "s4"
    b.new(sid, "社区食堂开进老小区", "记者 叶青")
    y = b.heads(sid, x0, 826, x1 - x0, ["社区食堂开进老小区"], 20)
    cols = b.split(x0, x1, 4, 7)
    b.body(
        sid,
        [(cx, y + 4, cw, 1150) for cx, cw in cols],
        "p2canteen",
        [
            "“十块钱两荤一素，还送一碗汤。”11月26日中午，城东街道梅园社区食堂里坐满了就餐的老人。",
            "社区食堂由闲置的自行车棚改造而成，可同时容纳60人就餐，并提供送餐上门服务。",
        ],
        "本报讯（记者 叶青）",
        place="梅园社区",
        org="城东街道",
    )
    d2_folio(b, "A05  要闻·深读", "江澄晚报  2026年11月28日", "本版编辑：郑书宁")


# ---- page03: 图片新闻 --------------------------------------------------------------------


def d2_p3(b: Dev2Builder) -> None:
    p = b.p
    m = p.margin
    W = p.width
    b.free(
        m,
        20,
        f"block(width: {W - 2 * m}pt, height: 34pt, fill: black, inset: (x: 10pt), "
        'align(horizon, text(font: "SimHei", size: 18pt, fill: white, "A08") + h(14pt) + '
        'text(font: "Source Han Serif SC", size: 20pt, fill: white, "图片新闻") + h(1fr) + '
        'text(font: "SimHei", size: 8.5pt, fill: white, "2026年11月28日  本版编辑：沈一帆")))',
    )
    # s0: 组图 under one headline
    x0, x1 = b.colx(0, 4)
    sid = "s0"
    title = ["初冬溪口古渡"]
    b.new(sid, title[0], "记者 沈一帆")
    y = b.heads(sid, x0, 70, x1 - x0, title, 30)
    y = b.line(sid, x0, y, x1 - x0, "一船秋色半江霞", "Noto Serif CJK SC", 14, "center")
    cols = b.split(x0, x1, 4, 8)
    b.body(
        sid,
        [(cx, y + 4, cw, y + 4 + 3 * 12.4 - 3.4) for cx, cw in cols],
        "p3intro",
        [
            "初冬时节，溪口古渡迎来一年中最美的时光。两岸乌桕叶红，江面薄雾轻笼，"
            "摆渡船往来其间，吸引了不少摄影爱好者前来取景。"
        ],
        "本报讯 ",
        place="溪口镇",
    )
    y = y + 4 + 3 * 12.4 + 6
    caps = [
        "清晨，薄雾中的摆渡船。",
        "乌桕树下的古渡码头。",
        "渔民在江边晾晒渔网。",
        "摄影爱好者在江边取景。",
        "夕阳下的溪口老街。",
        "游客乘船游览溪口江。",
    ]
    gcols = b.split(x0, x1, 3, 8)
    for r in range(2):
        bot = y
        for c in range(3):
            gx, gw = gcols[c]
            bot = max(
                bot,
                b.photo(sid, gx, y, gw, 150, Photo(caption=caps[r * 3 + c], seed=10 + r * 3 + c)),
            )
        y = bot + 10
    b.line(sid, x0, y, x1 - x0, "本报记者 沈一帆 摄影报道", "SimHei", 9, "right")
    b.hrule(m, W - m, y + 18, 1.2)
    top = y + 28
    # s1: big photo, headline under it, short text
    x0, x1 = b.colx(0, 2)
    sid = "s1"
    b.new(sid, "万人健步走 共赏青梅山", "记者 方舟")
    pb = b.photo(sid, x0, top, x1 - x0, 190, Photo(seed=21))
    y = b.heads(sid, x0, pb + 6, x1 - x0, ["万人健步走 共赏青梅山"], 17, align="left")
    cols = b.split(x0, x1, 2, 8)
    b.body(
        sid,
        [(cx, y + 3, cw, p.height - 32) for cx, cw in cols],
        "p3walk",
        ["11月26日，“万人健步走”活动在青梅山绿道举行，近万名市民沿着12公里的环山绿道徒步前行。"],
        "本报讯（记者 方舟）",
        place="青梅山镇",
    )
    b.vrule(x1 + p.gap / 2, top, p.height - 32)
    # s2 and s3: photo briefs, headline beside the photo
    x0, x1 = b.colx(2, 2)
    specs = [
        (
            "s2",
            "银杏染黄校园路",
            ["11月25日，县实验中学校园内的银杏进入最佳观赏期，满树金黄引来师生驻足拍照。"],
            top,
            24,
        ),
        (
            "s3",
            "稻草人“站岗”护丰收",
            ["在溪口镇下洋村的晚稻田里，村民们扎起了形态各异的稻草人，成了田间一道风景。"],
            top + 150,
            25,
        ),
    ]
    for sid, t, topic, ty, seed in specs:
        b.new(sid, t, "")
        cols = b.split(x0, x1, 2, 8)
        pb = b.photo(sid, cols[0][0], ty, cols[0][1], 110, Photo(seed=seed))
        y = b.heads(sid, cols[1][0], ty, cols[1][1], [t], 11.5, font="SimHei", align="left")
        b.body(sid, [(cols[1][0], y + 2, cols[1][1], ty + 110)], "p3" + sid, topic, "")
    b.hrule(x0, x1, top + 140, 0.5)
    b.hrule(x0, x1, top + 290, 0.5)
    sid = "s4"
    title = ["守渡人老周：", "三十年摆渡两万趟"]
    b.new(sid, "".join(title), "记者 沈一帆")
    y = b.heads(sid, x0, top + 302, x1 - x0, title, 15, align="left")
    cols = b.split(x0, x1, 2, 8)
    pb = b.photo(
        sid, cols[1][0], y + 4, cols[1][1], 90, Photo(caption="老周在渡船上。沈一帆 摄", seed=27)
    )
    bot = p.height - 32
    b.body(
        sid,
        [(cols[0][0], y + 4, cols[0][1], bot), (cols[1][0], pb + 6, cols[1][1], bot)],
        "p3ferry",
        [
            "今年62岁的周德顺是溪口古渡最后一位摆渡人，从1996年接过父亲的船篙至今，"
            "已经在这条江上往返了两万多趟。",
            "“只要还有人要过江，这船就得有人撑。”老周说。",
        ],
        "本报讯（记者 沈一帆）",
        place="溪口镇",
    )
    d2_folio(b, "A08  图片新闻", "江澄晚报  2026年11月28日", "读者爆料：0576-8822 1234")


# ---- page04: 8 columns, 3 pt gutters, many briefs, 分类广告 -------------------------------

D2_BRIEFS = [
    (
        "城南菜场完成改造",
        "记者 何田",
        "城南农贸市场经过三个月改造，于11月25日重新开业，新增摊位42个。",
    ),
    (
        "农村客运实现公交化",
        "记者 方舟 通讯员 丁一",
        "日前，我县最后一条农村客运班线完成公交化改造，票价统一降至2元。",
    ),
    (
        "消防宣传进企业",
        "通讯员 邵敏",
        "11月24日，县消防救援大队走进工业园区，为300余名职工上了一堂消防课。",
    ),
    ("图书馆延长开放时间", "记者 叶青", "即日起，县图书馆周一至周五开放时间延长至晚上9点。"),
    ("古树名木挂牌保护", "记者 陶然", "全县首批286株古树名木近日完成挂牌，每株都有了“身份证”。"),
    ("冬季献血活动启动", "通讯员 蒋蕾", "11月26日，冬季无偿献血活动启动，首日有128人成功献血。"),
    (
        "溪口镇举办厨艺赛",
        "记者 沈一帆",
        "11月23日，溪口镇首届农家厨艺大赛举行，32名乡村厨师同台竞技。",
    ),
    ("反诈宣传进校园", "通讯员 丁一", "连日来，县公安局民警走进中小学，开展防范电信网络诈骗宣传。"),
    ("千亩茶园冬管忙", "记者 方舟", "眼下正是茶园冬季管护的关键时期，青梅山镇茶农忙着施肥、修剪。"),
    ("老年大学新学期开课", "记者 叶青", "县老年大学新学期开设书法、摄影、智能手机等课程23门。"),
    ("河道清淤工程完工", "通讯员 邵敏", "城北河道清淤工程日前完工，共清除淤泥1.8万立方米。"),
    (
        "民营企业招聘会举行",
        "记者 何田",
        "11月25日，民营企业专场招聘会举行，62家企业提供岗位1300余个。",
    ),
    ("乡村篮球赛开赛", "记者 陶然", "第三届“村BA”篮球联赛11月26日开赛，来自全县的24支村队参赛。"),
    ("垃圾分类积分兑好礼", "通讯员 蒋蕾", "梅园社区推出垃圾分类积分兑换，居民可用积分兑换日用品。"),
    ("社区义诊进小区", "通讯员 邵敏", "11月25日，县中医院医护人员走进梅园社区开展义诊。"),
    ("高校学子返乡支教", "记者 叶青", "寒假将至，18名在外求学的大学生报名返乡开展支教活动。"),
    ("县美术馆开新展", "记者 陶然", "“山水江澄”美术作品展11月26日在县美术馆开展，展期一个月。"),
    ("新能源公交上线", "记者 何田", "首批20辆新能源公交车日前投入运营，替换县城3条线路旧车。"),
    ("食品安全抽检合格", "通讯员 丁一", "县市场监管局公布第三季度食品抽检结果，合格率为98.6%。"),
    (
        "电动自行车集中上牌",
        "记者 陶然 通讯员 丁一",
        "本周末，县交警大队在城东、城西设点，为电动自行车集中办理登记上牌。",
    ),
]


def d2_p4(b: Dev2Builder) -> None:
    p = b.p
    m = p.margin
    W = p.width
    d2_strip(b, "A12", "县域快讯", "2026年11月28日  星期六", "#7a1f1f")
    rows = [
        (72, 210, [(0, 2, 2), (2, 2, 2), (4, 2, 2), (6, 2, 2)]),
        (224, 366, [(c, 1, 1) for c in range(8)]),
        (380, 516, [(0, 3, 3), (3, 3, 3), (6, 2, 2)]),
        (530, 660, [(0, 2, 2), (2, 1, 1), (3, 1, 1), (4, 2, 2), (6, 2, 2)]),
    ]
    i = 0
    for y0, y1, cells in rows:
        for c, span, ncols in cells:
            t, by, topic = D2_BRIEFS[i % len(D2_BRIEFS)]
            sid = f"s{i}"
            i += 1
            x0, x1 = b.colx(c, span)
            b.new(sid, t, by)
            hs = 11 if span > 1 else 10
            y = b.heads(sid, x0, y0, x1 - x0, [t], hs, font="SimHei", align="left")
            cols = b.split(x0, x1, ncols, p.gap)
            b.body(
                sid,
                [(cx, y + 2, cw, y1) for cx, cw in cols],
                "p4" + sid,
                [topic],
                f"本报讯（{by}）",
            )
        b.hrule(m, W - m, y1 + 6, 0.4)
    # 分类广告 (furniture)
    top = 684
    b.free(
        m,
        top,
        f'block(width: {W - 2 * m}pt, fill: rgb("#7a1f1f"), inset: 4pt, '
        'align(center, text(font: "SimHei", size: 16pt, fill: white, tracking: 8pt, '
        '"分类广告")))',
    )
    ads = [
        ("招聘", "某食品公司诚聘质检员2名、普工10名，包吃住。电话：138 0576 1122"),
        ("出租", "城西路临街店面120平方米出租，适合餐饮。电话：139 0576 3344"),
        ("遗失", "江澄县溪口镇张某某遗失身份证，声明作废。"),
        ("家政", "保洁、月嫂、护工，持证上岗。电话：0576-8810 5566"),
        ("搬家", "居民搬家、空调移机，价格实惠。电话：136 0576 7788"),
        ("转让", "九成新二手钢琴一台低价转让。电话：137 0576 9900"),
        ("培训", "少儿美术、书法寒假班火热报名中。电话：0576-8820 1100"),
        ("维修", "家电维修、管道疏通，随叫随到。电话：135 0576 2233"),
        ("租房", "梅园小区三室两厅精装修，月租2200元。电话：133 0576 4455"),
        ("声明", "江澄县某某建材商行公章遗失，声明作废。"),
        ("驾校", "冬季学车优惠，包接送。电话：0576-8833 0000"),
        ("婚庆", "婚礼策划、花车租赁一条龙。电话：158 0576 6677"),
        ("求购", "长期高价回收旧家电、旧电脑。电话：131 0576 5858"),
        ("出售", "城北临河别墅一套，带院子，手续齐全。电话：139 0576 0101"),
        ("开锁", "公安备案开锁换锁，24小时服务。电话：0576-8811 0110"),
        ("寻人", "寻找1988年溪口中学初三（2）班同学，联系：150 0576 2288"),
        ("代办", "公司注册、代理记账、商标申请。电话：0576-8830 9988"),
        ("装修", "旧房翻新、水电改造，免费上门量房。电话：137 0576 6060"),
        ("旅游", "海南双飞六日游，每周二、五发团。电话：0576-8866 5566"),
        ("宠物", "宠物寄养、洗澡美容，可上门接送。电话：188 0576 3131"),
        ("拍卖", "某小区地下车位12个公开拍卖，详见公告。电话：0576-8805 1234"),
        ("药店", "城西大药房冬季进补节，全场九折。电话：0576-8812 4545"),
        ("厂房", "工业园区标准厂房800平方米出租。电话：139 0576 8080"),
        ("保姆", "诚招住家保姆照顾老人，待遇面议。电话：135 0576 1919"),
    ]
    gw = (W - 2 * m - 3 * 3) / 4
    for k, (tag, txt) in enumerate(ads):
        r, c = divmod(k, 4)
        x = m + c * (gw + 3)
        y = top + 32 + r * 55
        b.free(
            x,
            y,
            f"block(width: {gw:.2f}pt, height: 52pt, stroke: 0.5pt, inset: 5pt, "
            f'{{set par(leading: 2.5pt); text(font: "SimHei", size: 9pt, '
            f'fill: rgb("#7a1f1f"), "【" + {q(tag)} + "】"); '
            f'text(font: "Noto Serif CJK SC", size: 8pt, {q(txt)})}})',
        )
    b.ad(
        m,
        top + 32 + 6 * 55 + 6,
        W - m,
        p.height - 30,
        "江澄家居博览会",
        "12月5日至7日  县会展中心  百家品牌  厂价直销",
        "0576-8899 1000",
    )
    d2_folio(b, "A12  县域快讯", "江澄晚报  2026年11月28日", "广告热线：0576-8822 6666")


# ---- page05: 副刊 ---------------------------------------------------------------------------


def d2_p5(b: Dev2Builder) -> None:
    p = b.p
    m = p.margin
    W = p.width
    b.free(m, 18, 'text(font: "Source Han Serif SC", size: 34pt, fill: rgb("#5b3a1a"), "东篱")')
    b.free(m + 76, 36, 'text(font: "Noto Serif CJK SC", size: 11pt, "副刊 · 第1208期")')
    b.free(
        m,
        30,
        f"block(width: {W - 2 * m}pt, align(right, stack(spacing: 4pt, "
        'text(font: "SimHei", size: 9pt, "B04  2026年11月28日  星期六"), '
        'text(font: "Noto Serif CJK SC", size: 8pt, "投稿邮箱：donglixk@example.cn"))))',
    )
    b.hrule(m, W - m, 66, 0.6, 'rgb("#5b3a1a")')
    b.hrule(m, W - m, 69, 0.6, 'rgb("#5b3a1a")')
    # s0: essay, ■ 文/作者 line, body in 4 text columns over 4 grid columns; nested 链接 box
    x0, x1 = b.colx(0, 4)
    sid = "s0"
    b.new(sid, "溪口的黄昏", "林晚舟")
    y = b.heads(sid, x0, 84, x1 - x0, ["溪口的黄昏"], 26, font="Source Han Serif SC")
    y = b.line(sid, x0, y + 2, x1 - x0, "■ 文/林晚舟", "SimHei", 9.5, "center")
    cols = b.split(x0, x1, 4, 9)
    bot = 700
    fr = [(cx, y + 8, cw, bot if i < 2 else bot - 150 - 10) for i, (cx, cw) in enumerate(cols)]
    b.body(sid, fr, "p5essay", ESSAY_D2[:4], "", generic=ESSAY_D2)
    # nested 链接 sidebar
    nx0, nx1 = cols[2][0], x1
    nid = "s0n"
    b.new(nid, "溪口古渡", "", inside="溪口的黄昏")
    b.put(
        nid,
        nx0,
        bot - 150,
        f"rect(width: {nx1 - nx0:.2f}pt, height: 150pt, "
        'stroke: (paint: rgb("#5b3a1a"), thickness: 0.8pt, dash: "dashed"), '
        'fill: rgb("#f7efe2"))',
    )
    y = b.line(nid, nx0 + 8, bot - 142, 60, "链接", "SimHei", 11, "left", 'rgb("#5b3a1a")')
    y = b.heads(nid, nx0 + 8, y, nx1 - nx0 - 16, ["溪口古渡"], 14, font="SimHei", align="left")
    b.body(
        nid,
        [(nx0 + 8, y + 2, nx1 - nx0 - 16, bot - 8)],
        "p5link",
        [
            "溪口古渡位于溪口镇东侧，始建于南宋，是旧时县城通往沿海的重要渡口。",
            "渡口现存石阶三十六级、古樟两棵，2019年被列为县级文物保护点。",
        ],
        "",
        generic=LINK_D2,
    )
    b.vrule(x1 + p.gap / 2, 84, bot)
    # s1: poem
    x0, x1 = b.colx(4, 2)
    sid = "s1"
    b.new(sid, "秋日过溪口（外一首）", "周小满")
    y = b.heads(sid, x0, 84, x1 - x0, ["秋日过溪口", "（外一首）"], 15, font="Source Han Serif SC")
    y = b.line(sid, x0, y + 2, x1 - x0, "□ 周小满", "Noto Serif CJK SC", 9, "center")
    poem = [
        "乌桕把最后的红",
        "交给了江水",
        "渡船慢慢地走",
        "像一句没说完的话",
        "",
        "老街的石板",
        "还记得谁的脚步",
        "风一吹",
        "满街都是桂花的旧事",
        "",
        "——",
        "我在岸边站了很久",
        "等一只白鹭",
        "把黄昏衔走",
    ]
    for ln in poem:
        if ln:
            b.line(sid, x0 + 24, y + 6, x1 - x0 - 24, ln, b.s.body_font, 10, "left")
        y += 16
    b.hrule(x0, x1, y + 14, 0.4)
    # s2: short review with ■ line
    sid = "s2"
    top = y + 26
    b.new(sid, "读《江南草木记》", "陈墨")
    y = b.heads(sid, x0, top, x1 - x0, ["读《江南草木记》"], 15, font="Source Han Serif SC")
    y = b.line(sid, x0, y + 1, x1 - x0, "■ 陈墨", "SimHei", 9, "center")
    cols = b.split(x0, x1, 2, 8)
    b.body(
        sid,
        [(cx, y + 6, cw, 700) for cx, cw in cols],
        "p5book",
        [
            "《江南草木记》是一本写植物的书，也是一本写人的书。",
            "作者用二十年时间走遍江南的山野村落，记下了一百多种草木与人的故事。",
        ],
        "",
        generic=ESSAY_D2,
    )
    b.hrule(m, W - m, 716, 0.6, 'rgb("#5b3a1a")')
    # s3: 小小说 with ■ line at the right of the headline; s4: 书画 with artwork photo
    x0, x1 = b.colx(0, 3)
    sid = "s3"
    b.new(sid, "修表匠", "吴一禾")
    y = b.heads(sid, x0, 730, 80, ["修表匠"], 20, font="Source Han Serif SC", align="left")
    b.line(sid, x0 + 90, 738, x1 - x0 - 90, "■ 小小说  文/吴一禾", "SimHei", 9, "left")
    cols = b.split(x0, x1, 3, 9)
    b.body(
        sid,
        [(cx, y + 6, cw, p.height - 34) for cx, cw in cols],
        "p5clock",
        [
            "老街拐角有个修表摊，摊主姓顾，街坊们都叫他顾师傅。",
            "他修表从不看钟，说表的声音比钟还准。",
        ],
        "",
        generic=FICTION_D2,
    )
    b.vrule(x1 + p.gap / 2, 730, p.height - 34)
    x0, x1 = b.colx(3, 3)
    sid = "s4"
    b.new(sid, "墨色里的秋山", "")
    y = b.line(sid, x0, 730, x1 - x0, "东篱书画", "SimHei", 10, "left", 'rgb("#5b3a1a")')
    pb = b.photo(sid, x0, y, x1 - x0, 150, Photo(caption="《秋山行旅图》（国画） 郑远山", seed=31))
    y = b.heads(
        sid, x0, pb + 6, x1 - x0, ["墨色里的秋山"], 14, font="Source Han Serif SC", align="left"
    )
    cols = b.split(x0, x1, 3, 8)
    b.body(
        sid,
        [(cx, y + 2, cw, p.height - 34) for cx, cw in cols],
        "p5paint",
        ["郑远山，1962年生，县美术家协会主席，擅长山水画。"],
        "",
        generic=ESSAY_D2,
    )
    d2_folio(b, "B04  东篱·副刊", "江澄晚报  2026年11月28日", "本版编辑：方可")


STYLE_D2 = Style(
    "Noto Serif CJK SC", 9.0, 3.4, "SimHei", "Noto Sans CJK SC", 8.0, byline_font="SimHei"
)
STYLE_D2B = Style("Source Han Serif SC", 8.5, 3.0, "SimHei", "SimHei", 3.0, byline_font="SimHei")
STYLE_D2C = Style("Source Han Serif SC", 9.5, 4.0, "Source Han Serif SC", "Noto Serif CJK SC", 9.0)
D2_A = (round(290 * MM, 1), round(420 * MM, 1))  # 290 x 420 mm
D2_P = (round(260 * MM, 1), round(370 * MM, 1))  # 260 x 370 mm
D2_W = (round(350 * MM, 1), round(500 * MM, 1))  # 350 x 500 mm


def _d2(name, size, ncol, style, parts, traits, gap=10.0, margin=30.0):
    return D2Page(
        name,
        size[0],
        size[1],
        ncol,
        style,
        "",
        "",
        "2026-11-28",
        margin=margin,
        gap=gap,
        parts=[parts],
        traits_extra=traits,
    )


DEV2_PAGES = [
    _d2(
        "page01",
        D2_A,
        6,
        STYLE_D2,
        d2_p1,
        [
            "front page (A01): masthead, 报眼 ad, 导读 index box, barcode",
            "lead story with its photo above the headline, 转版 下转第A05版",
            "photo beside a headline, body under the headline and under the photo",
            "framed commentary with byline on its own line",
            "inline 本报讯（记者…） bylines",
        ],
    ),
    _d2(
        "page02",
        D2_A,
        5,
        STYLE_D2,
        d2_p2,
        [
            "continuation 上接第A01版 with a repeated headline",
            "text columns off the grid (破栏): 2 over 3, 3 over 2, 4 over 5, 4 over 3 grid columns",
            "photo at the right with body under it",
            "rules between stories",
        ],
    ),
    _d2(
        "page03",
        D2_P,
        4,
        STYLE_D2,
        d2_p3,
        [
            "photo page (图片新闻) with a black header bar",
            "组图: six photos with captions under one headline, 摄影报道 credit line",
            "headline under its photo",
            "small photo briefs with the headline beside the photo",
            "story with a photo at the top of its second column",
        ],
    ),
    _d2(
        "page04",
        D2_W,
        8,
        STYLE_D2B,
        d2_p4,
        [
            "8-column grid with 3 pt gutters between stories and between text columns",
            "20 short briefs with 10-11 pt headlines, each opening with 本报讯（…）",
            "分类广告 grid and a display ad (furniture)",
        ],
        gap=3.0,
        margin=28.0,
    ),
    _d2(
        "page05",
        D2_P,
        6,
        STYLE_D2C,
        d2_p5,
        [
            "feature page (副刊) without 本报讯",
            "essay with a ■ 文/作者 line",
            "poem set line by line",
            "dashed 链接 box nested in the essay",
            "小小说 with its byline beside the headline",
            "artwork photo with caption",
        ],
    ),
]


if __name__ == "__main__":
    sys.exit(main())
