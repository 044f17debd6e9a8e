"""Shipped data stays clean: malformed data would silently weaken or break packs."""

from baoshe.proofread.engine.lexicon import get_lexicon
from baoshe.proofread.engine.packs.names import demo_names
from baoshe.proofread.engine.packs.sensitive import demo_word_lists
from baoshe.proofread.engine.packs.typos import confusion_table, shipped_corrections


def test_fixed_errors_are_not_dictionary_words():
    lex = get_lexicon()
    corrections = shipped_corrections()
    assert len(corrections) >= 300
    # Some wrong forms are old variant spellings (想像, 帐户) that jieba's corpus contains, but
    # never more often than the normative form; a wrong form that out-ranks its fix would cry wolf.
    suspicious = [c.wrong for c in corrections if lex.count(c.wrong) >= max(20, lex.count(c.right))]
    assert suspicious == []
    assert all(c.wrong != c.right for c in corrections)
    assert all(all(c.wrong in e for e in c.exceptions) for c in corrections)


def test_confusion_table_symmetric():
    table = confusion_table()
    assert "竟" in table["境"] and "境" in table["竟"]
    assert all(c not in others for c, others in table.items())


def test_demo_lists_and_names_are_neutral_placeholders():
    terms = {e.term for wl in demo_word_lists() for e in wl.entries}
    assert "测试违禁词" in terms and "稳赚不赔" in terms
    assert [n.name for n in demo_names()][:1] == ["李明华"]
