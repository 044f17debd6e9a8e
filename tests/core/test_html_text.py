"""HTML to text, shared by the article's copy and the proofreading engine (core/html_text.py)."""

import pytest

from baoshe.core import html_text
from baoshe.core.html_text import HtmlTextError, html_to_text
from baoshe.newsroom.copy import _rich_text
from baoshe.proofread.engine import ProofreadInputError
from baoshe.proofread.engine import html_to_text as engine_html_to_text


def test_blocks_become_lines_and_offsets_map_back():
    extracted = html_to_text("<p>第一段<b>加粗</b></p><script>x()</script><p>第二段</p>")
    assert extracted.text == "第一段加粗\n第二段"
    assert extracted.locate(extracted.text.index("加粗"))["node"] == "text"


@pytest.fixture
def unparsable(monkeypatch):
    def refuse(*args, **kwargs):
        raise ValueError("broken")

    monkeypatch.setattr(html_text.lxml_html, "fragment_fromstring", refuse)


def test_unparsable_html_is_a_clear_error_for_each_user(unparsable):
    with pytest.raises(HtmlTextError, match="HTML 无法解析"):
        html_to_text("<p>x</p>")
    with pytest.raises(ProofreadInputError, match="HTML 无法解析"):
        engine_html_to_text("<p>x</p>")
    # The article's copy still reads: tags dropped, entities decoded.
    assert _rich_text("<p>甲&amp;乙</p>") == "甲&乙"
