"""Speed benchmark of the proofreading engine.

Measures, in one fresh process:
1. first-call cost (lexicon load + first check) and ``warm_up()``;
2. a ~5,000-character news article with all packs on (median of repeated runs after warm-up);
3. loading a synthetic 100,000-term word list (parse + automaton) and matching it over ~4 MB;
4. throughput of all packs on ~2 MB of text (roughly-linear check);
5. memory of the largest word list the budget admits (``MAX_TERMS_PER_LIST`` terms): the
   process's resident-size growth for parse + automaton (Linux /proc).

Usage: .venv/bin/python bench/proofread_speed.py
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PARAGRAPHS = [
    "本报讯（记者 张三）11月24日（星期二），青山市召开全市经济工作会议，市长李明华出席会议并讲话。"
    "会议指出，今年以来，全市上下认真贯彻落实各项决策部署，经济运行稳中有进、稳中向好。",
    "前三季度，全市实现地区生产总值3,456亿元，同比增长5.6%；规模以上工业增加值增长7.2%，"
    "固定资产投资增长8.1%。新区建设加快推进，国家级经济技术开发区综合排名位居前列。",
    "李明华在讲话中强调，要坚持稳中求进工作总基调，不断推进改革开放，着力扩大有效需求，"
    "切实保障和改善民生。他说：“我们要把群众的急难愁盼作为工作的出发点和落脚点。”",
    "会议还对明年工作作出安排：一是大力发展先进制造业，二是加快城市更新步伐，"
    "三是持续优化营商环境，四是做好就业、教育、医疗、养老等民生保障工作。",
    "据介绍，该市将于2027年1月1日起实施新的住房公积金政策，预计惠及约50万名职工。"
    "与会代表认为，这些措施针对性强，有利于提振市场信心。",
]


def article(n_chars: int = 5000) -> str:
    out, size, i = [], 0, 0
    while size < n_chars:
        p = PARAGRAPHS[i % len(PARAGRAPHS)]
        out.append(p)
        size += len(p) + 1
        i += 1
    return "\n".join(out)[:n_chars]


def synthetic_terms(n: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    chars = [chr(c) for c in range(0x4E00, 0x9FA5)]
    lines = []
    seen = set()
    while len(lines) < n:
        t = "".join(rng.choice(chars) for _ in range(rng.randint(2, 6)))
        if t in seen:
            continue
        seen.add(t)
        lines.append(f"{t}\t合成\twarn")
    return "\n".join(lines)


def main() -> int:
    t0 = time.perf_counter()
    from baoshe.proofread.engine import Proofreader, parse_word_list, warm_up
    from baoshe.proofread.engine.packs.names import NameEntry

    t_import = time.perf_counter() - t0
    text = article()
    names = [NameEntry("李明华", "市长", ["李明化"])]

    t0 = time.perf_counter()
    reader = Proofreader(names=names)
    first = reader.check(text, publish_date=date(2026, 11, 24))
    t_first = time.perf_counter() - t0
    t0 = time.perf_counter()
    warm_up()
    t_warm = time.perf_counter() - t0
    print(f"import: {t_import * 1000:.0f} ms")
    print(f"first check incl. lexicon load ({len(text)} chars): {t_first * 1000:.0f} ms")
    print(f"remaining warm_up() after first check: {t_warm * 1000:.0f} ms")
    print(f"findings in article: {len(first.findings)}")

    times = []
    for _ in range(30):
        t0 = time.perf_counter()
        reader.check(text, publish_date=date(2026, 11, 24))
        times.append(time.perf_counter() - t0)
    print(
        f"5,000-char article, all packs, warm: median {statistics.median(times) * 1000:.1f} ms, "
        f"p90 {sorted(times)[int(len(times) * 0.9)] * 1000:.1f} ms"
    )
    per_pack = {}
    for pid in reader.pack_ids:
        ts = []
        for _ in range(10):
            t0 = time.perf_counter()
            reader.check(text, publish_date=date(2026, 11, 24), packs=[pid])
            ts.append(time.perf_counter() - t0)
        per_pack[pid] = statistics.median(ts) * 1000
    print("  per pack (ms): " + ", ".join(f"{k} {v:.1f}" for k, v in per_pack.items()))

    source = synthetic_terms(100_000)
    t0 = time.perf_counter()
    wl, issues = parse_word_list(source, name="合成词表")
    t_parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    big = Proofreader(["sensitive"], word_lists=[wl], include_demo_lists=False)
    t_build = time.perf_counter() - t0
    print(
        f"100,000-term list: parse {t_parse * 1000:.0f} ms + automaton {t_build * 1000:.0f} ms "
        f"= {(t_parse + t_build) * 1000:.0f} ms ({len(issues)} issues)"
    )
    haystack = (text + "\n") * 280  # ~1.4M chars, ~4 MB UTF-8
    mb = len(haystack.encode("utf-8")) / 1e6
    t0 = time.perf_counter()
    rep = big.check(haystack)
    dt = time.perf_counter() - t0
    print(
        f"matching 100k terms over {mb:.1f} MB: {dt:.2f} s = {mb / dt:.1f} MB/s "
        f"({len(rep.findings)} findings)"
    )

    two_mb = (text + "\n") * 140
    mb2 = len(two_mb.encode("utf-8")) / 1e6
    t0 = time.perf_counter()
    rep = reader.check(two_mb)
    dt = time.perf_counter() - t0
    print(f"all packs over {mb2:.1f} MB: {dt:.1f} s = {mb2 / dt:.2f} MB/s ({len(rep.findings)})")
    max_list_memory()
    return 0


def _rss_mb() -> float:
    with open("/proc/self/status") as status:  # Linux
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def max_list_memory() -> None:
    import gc

    from baoshe.proofread.engine import Proofreader, parse_word_list
    from baoshe.proofread.engine.wordlists import MAX_TERMS_PER_LIST

    source = synthetic_terms(MAX_TERMS_PER_LIST)
    Proofreader(["sensitive"], include_demo_lists=False).check("预热")
    gc.collect()
    before = _rss_mb()
    wl, _ = parse_word_list(source, name="上限词表")
    parsed = _rss_mb()
    reader = Proofreader(["sensitive"], word_lists=[wl], include_demo_lists=False)
    reader.check("测试文本")
    built = _rss_mb()
    print(
        f"{MAX_TERMS_PER_LIST:,}-term list (the per-list budget, {len(source) / 1e6:.1f} M chars): "
        f"resident size +{parsed - before:.0f} MB parsed, +{built - parsed:.0f} MB automaton, "
        f"+{built - before:.0f} MB in all"
    )


if __name__ == "__main__":
    raise SystemExit(main())
