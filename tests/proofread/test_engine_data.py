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


def test_spelling_model_data():
    from pathlib import Path

    from baoshe.proofread.engine import spelling
    from baoshe.proofread.engine.lexicon import data_rows

    model = spelling.shipped_model()
    names = [r[0] for r in data_rows("typo_model.tsv") if not r[0].endswith("threshold")]
    assert names == list(spelling.FEATURES)
    assert 0 < model.hint_threshold < model.warn_threshold < 1
    assert len(model.sound) > 4000 and len(model.shape) > 4000
    assert all(len(k) == 1 and k not in v for k, v in model.sound.items())
    assert "复" in model.sound["负"]  # simplified, not the Traditional originals
    assert all(a != b and n > 0 for (a, b), n in model.pairs.items())
    # Derived statistics only: character n-grams of at most three characters, no sentences.
    assert max(len(g) for g in model.ngrams.counts) == 3
    data = Path(spelling.__file__).parent / "data"
    assert sum(p.stat().st_size for p in data.glob("typo_*")) < 8_000_000
