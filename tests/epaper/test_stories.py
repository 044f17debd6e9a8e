"""L-shaped and nested stories, vertical (竖排) text and Latin word spaces, on page primitives
built by hand (coordinates in points, top-left origin)."""

from __future__ import annotations

from baoshe.epaper.layout.extract import Block, Char, Line, build_lines
from baoshe.epaper.layout.stories import split_stories, story_outline

BODY = 8.0


def line(text: str, x: float, y: float, size: float = BODY, advance: float | None = None):
    step = advance or size
    chars = [
        Char(ch, x + k * step, y, x + k * step + size, y + size, size) for k, ch in enumerate(text)
    ]
    return Line(chars)


def column(x: float, y0: float, n: int, text: str = "正文正文正文正文正文正文") -> list[Line]:
    return [line(text, x, y0 + k * 11) for k in range(n)]


def texts(story) -> set[str]:
    return {e.text for e in story if isinstance(e, Line) and e.size > 1.4 * BODY}


def test_l_shaped_story_and_its_neighbour_are_two_stories():
    # Story A: headline over three columns; its third column holds a photo of its own and
    # goes on under it down to y=200; story B starts under that in column 3.
    a_head = line("甲稿标题在这里", 0, 0, size=24)
    a_cols = column(0, 40, 25) + column(100, 40, 25) + column(200, 40, 6) + column(200, 165, 3)
    photo = Block(200, 110, 296, 160, "picture")
    b_head = line("乙稿标题", 200, 210, size=18)
    b_col = column(200, 240, 10)
    leaf = [a_head, *a_cols, photo, b_head, *b_col]
    stories = split_stories(leaf, BODY)
    assert len(stories) == 2
    a, b = sorted(stories, key=lambda s: min(e.y0 for e in s))
    assert texts(a) == {"甲稿标题在这里"} and texts(b) == {"乙稿标题"}
    assert photo in a  # the photo under A's headline belongs to A
    assert all(ln in b for ln in b_col) and not any(ln in a for ln in b_col)
    # A's hotspot is an L: six corners, and B's corner is outside it
    poly = story_outline(a, BODY)
    assert len(poly) == 6
    xs = sorted({p[0] for p in poly})
    ys = sorted({p[1] for p in poly})
    assert len(xs) == 3 and len(ys) == 3


def test_nested_commentary_in_a_frame_is_its_own_story():
    lead_head = line("主稿大标题示例", 0, 0, size=28)
    lead = column(0, 40, 30) + column(100, 40, 30) + column(200, 40, 12)
    frame = (198, 180, 300, 380)
    box_head = line("短评标题", 204, 186, size=16)
    box_text = column(204, 214, 14, "短评正文短评正")
    # the lead's third column goes on below the frame
    lead_below = column(200, 390, 3)
    leaf = [lead_head, *lead, box_head, *box_text, *lead_below]
    stories = split_stories(leaf, BODY, frames=[frame])
    assert len(stories) == 2
    lead_story = next(s for s in stories if lead_head in s)
    nested = next(s for s in stories if box_head in s)
    assert all(ln in nested for ln in box_text)
    assert all(ln in lead_story for ln in lead_below)  # not captured by the nested headline


def test_a_subhead_with_little_text_stays_in_its_story():
    head = line("大标题在此", 0, 0, size=24)
    body = column(0, 40, 10)
    subhead = line("小标题", 0, 160, size=12.5)  # 1.56 em: headline-sized, but only
    tail = column(0, 180, 2)  # two lines follow it
    stories = split_stories([head, *body, subhead, *tail], BODY)
    assert len(stories) == 1


def test_vertical_headline_is_read_top_to_bottom():
    chars = [Char(ch, 10, 10 + k * 26, 34, 34 + k * 26, 24) for k, ch in enumerate("竖排标题")]
    chars += [Char(ch, 60 + k * 8, 10, 68 + k * 8, 18, 8) for k, ch in enumerate("横排正文")]
    lines = build_lines(chars, [])
    vertical = [ln for ln in lines if ln.vertical]
    assert [ln.text for ln in vertical] == ["竖排标题"]
    assert vertical[0].size == 24
    assert "横排正文" in [ln.text for ln in lines]


def test_latin_words_set_as_separate_runs_keep_their_spaces():
    # glyphs 5 pt wide, words 2 pt apart (a quarter em at 8 pt), no space glyph
    chars = []
    x = 0.0
    for word in ("Sitcom", "Queen", "In", "New", "Role"):
        for ch in word:
            chars.append(Char(ch, x, 0, x + 5, 8, 8))
            x += 5
        x += 2
    (ln,) = build_lines(chars, [])
    assert ln.text == "Sitcom Queen In New Role"
    # CJK glyphs a hair apart still join without a space
    cjk = [Char(ch, k * 8.5, 20, k * 8.5 + 8, 28, 8) for k, ch in enumerate("中国海油报")]
    assert [ln.text for ln in build_lines(cjk, [])] == ["中国海油报"]


def test_photo_over_a_headline_leads_that_story():
    a_head = line("上面一篇稿件的标题", 0, 0, size=24)
    a_text = column(0, 40, 8) + column(100, 40, 8)
    photo = Block(100, 140, 196, 200, "picture")  # under A's columns, over B's headline
    b_head = line("图片新闻标题", 100, 206, size=16)
    b_text = column(100, 230, 5)
    stories = split_stories([a_head, *a_text, photo, b_head, *b_text], BODY)
    b = next(s for s in stories if b_head in s)
    assert photo in b


def test_a_brief_with_a_small_headline_is_told_from_a_subhead_by_its_opening():
    lead_head = line("主稿标题在此处", 0, 0, size=24)
    lead = column(0, 40, 20) + column(100, 40, 8)
    brief_head = line("简讯标题", 104, 140, size=10.5)  # 1.3 em: below headline size
    brief = [line("本报讯（记者张三）昨天", 100, 160), *column(100, 171, 6)]
    subhead = line("小标题", 0, 270, size=10.5)
    tail = column(0, 290, 4)
    stories = split_stories([lead_head, *lead, brief_head, *brief, subhead, *tail], BODY)
    assert len(stories) == 2
    story = next(s for s in stories if brief_head in s)
    assert all(ln in story for ln in brief)
    lead_story = next(s for s in stories if lead_head in s)
    assert subhead in lead_story and all(ln in lead_story for ln in tail)


def test_vertical_glyph_boxes_may_touch_or_overlap():
    # LibreOffice's stacked glyphs overlap their neighbours by a tenth of a point
    chars = [
        Char(ch, 10, 10 + k * 27.9, 38, 38 + k * 27.9, 28) for k, ch in enumerate("古村焕新颜")
    ]
    vertical = [ln for ln in build_lines(chars, []) if ln.vertical]
    assert [ln.text for ln in vertical] == ["古村焕新颜"]
