"""Per-pack precision and recall of 机审 on labelled news-style sentences.

Default set: ``bench/data/news_labelled.tsv`` (written by hand for baoshe in news style, see its
header). Every sentence runs through *all* packs and every finding counts: a finding nobody
expected is a false alarm of its pack, wherever it occurs. Most rows are correct sentences
with near-miss wording (截止日期, 台湾地区领导人, 《其它的风景》), so the false-alarm rate per
10,000 characters of correct copy is measured too.

Detection: a finding of the expected pack with exactly the expected span. Correction (P corr):
also the expected suggestion (when the row gives one).

``--legacy`` scores the older per-pack set ``bench/data/proofread/labelled.tsv`` instead, where
each row is scored for its own pack only.

Usage: .venv/bin/python bench/proofread_accuracy.py [-v] [--legacy]
"""

from __future__ import annotations

import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from baoshe.proofread.engine import ALL_PACKS, Proofreader  # noqa: E402

NEWS = ROOT / "bench" / "data" / "news_labelled.tsv"
DATA = ROOT / "bench" / "data" / "proofread" / "labelled.tsv"


def _locate(text: str, excerpt: str, nth: int) -> int:
    start = -1
    for _ in range(nth):
        start = text.find(excerpt, start + 1)
        if start < 0:
            raise ValueError(f"excerpt {excerpt!r} not found in {text!r}")
    return start


def load_news(path: Path = NEWS) -> list[dict]:
    """Rows of ``genre<TAB>text<TAB>expected<TAB>publish_date``; expected is
    ``pack:excerpt=>suggestion`` items joined by `` | `` (``excerpt@2``: 2nd occurrence)."""
    rows = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t") + [""] * 4
        genre, text, expected, pub = cols[:4]
        items = []
        for item in filter(None, (x.strip() for x in expected.split(" | "))):
            pack, _, rest = item.partition(":")
            excerpt, _, suggestion = rest.partition("=>")
            nth = 1
            if "@" in excerpt[1:]:
                excerpt, _, n = excerpt.rpartition("@")
                nth = int(n)
            if pack not in ALL_PACKS:
                raise ValueError(f"{path.name}:{lineno}: unknown pack {pack!r}")
            start = _locate(text, excerpt, nth)
            items.append((pack, start, start + len(excerpt), suggestion or None))
        rows.append(
            {
                "genre": genre,
                "text": text,
                "expected": items,
                "publish_date": date.fromisoformat(pub) if pub.strip() else None,
            }
        )
    return rows


def load_rows(path: Path = DATA) -> list[dict]:
    """The legacy per-pack set: ``pack<TAB>text<TAB>expected<TAB>publish_date<TAB>summary``."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t") + [""] * 5
        pack, text, expected, pub, summary = cols[:5]
        items = []
        for item in filter(None, (x.strip() for x in expected.split(" | "))):
            excerpt, _, suggestion = item.partition("=>")
            nth = 1
            if "@" in excerpt[1:]:
                excerpt, _, n = excerpt.rpartition("@")
                nth = int(n)
            field, source = "body", text
            if excerpt not in text and summary and excerpt in summary:
                field, source = "summary", summary
            start = _locate(source, excerpt, nth)
            items.append((field, start, start + len(excerpt), suggestion or None))
        rows.append(
            {
                "pack": pack,
                "text": text,
                "expected": items,
                "publish_date": date.fromisoformat(pub) if pub else None,
                "summary": summary or None,
            }
        )
    return rows


def build_reader() -> tuple[Proofreader, list[str]]:
    """All packs (demo names included); a pack that cannot be built is left out and named."""
    ok, broken = [], []
    for pack in ALL_PACKS:
        try:
            Proofreader([pack], include_demo_names=True).check("记者昨日在市中心采访了市民。")
            ok.append(pack)
        except Exception as exc:  # noqa: BLE001 - a broken pack must not hide the others
            broken.append(f"{pack} ({type(exc).__name__}: {str(exc)[:80]})")
    return Proofreader(ok, include_demo_names=True), broken


def run_news(verbose: bool) -> int:
    rows = load_news()
    reader, broken = build_reader()
    stats = defaultdict(lambda: {"tp": 0, "tpc": 0, "pred": 0, "gold": 0, "fa_clean": 0})
    by_rule = defaultdict(lambda: {"tp": 0, "pred": 0})
    clean_rows = sum(1 for r in rows if not r["expected"])
    clean_chars = sum(len(r["text"]) for r in rows if not r["expected"])
    for row in rows:
        report = reader.check(row["text"], publish_date=row["publish_date"])
        got = {(f.pack, f.start, f.end): f for f in report.findings if f.field == "body"}
        gold = {(p, s, e): sug for p, s, e, sug in row["expected"]}
        for (pack, *_), f in got.items():
            stats[pack]["pred"] += 1
            stats[pack]["fa_clean"] += not gold
            by_rule[f.rule]["pred"] += 1
        for key, sug in gold.items():
            stats[key[0]]["gold"] += 1
            if key in got:
                stats[key[0]]["tp"] += 1
                stats[key[0]]["tpc"] += sug is None or got[key].suggestion == sug
                by_rule[got[key].rule]["tp"] += 1
        if verbose and set(got) != set(gold):
            print(f"  {row['text']}")
            for key in set(got) - set(gold):
                f = got[key]
                print(f"     extra [{f.pack}/{f.rule}]: {f.excerpt} -> {f.suggestion}")
            for key in set(gold) - set(got):
                print(f"     missed [{key[0]}]: {row['text'][key[1] : key[2]]}")
    n_chars = sum(len(r["text"]) for r in rows)
    print(
        f"{NEWS.relative_to(ROOT)}: {len(rows)} sentences ({n_chars} characters), "
        f"{len(rows) - clean_rows} with planted errors, {clean_rows} correct ({clean_chars} chars)"
    )
    if broken:
        print("packs left out (could not be built): " + "; ".join(broken))
    print(
        f"{'pack':12s} {'gold':>4s} {'pred':>4s} {'TP':>4s}  {'P':>5s}  {'R':>5s}  "
        f"{'P corr':>6s}  {'FA/10k':>6s}"
    )
    for pack in ALL_PACKS:
        st = stats.get(pack)
        if not st or not (st["gold"] or st["pred"]):
            if pack in reader.pack_ids:
                print(f"{pack:12s} {0:4d} {0:4d} {0:4d}  {'—':>5s}  {'—':>5s}  {'—':>6s}  {0:6.1f}")
            continue
        p = st["tp"] / st["pred"] if st["pred"] else 1.0
        r = st["tp"] / st["gold"] if st["gold"] else 1.0
        pc = st["tpc"] / st["pred"] if st["pred"] else 1.0
        fa = st["fa_clean"] * 10000 / clean_chars if clean_chars else 0.0
        print(
            f"{pack:12s} {st['gold']:4d} {st['pred']:4d} {st['tp']:4d}  {p:5.3f}  "
            f"{r if st['gold'] else float('nan'):5.3f}  {pc:6.3f}  {fa:6.1f}"
        )
    if verbose:
        print("\nusage pack findings by rule (category):")
        for rule, st in sorted(by_rule.items()):
            if rule.startswith("usage"):
                print(f"  {rule:20s} pred {st['pred']:3d}  tp {st['tp']:3d}")
    return 0


def run_legacy(verbose: bool) -> int:
    reader = Proofreader(include_demo_names=True)
    stats = defaultdict(lambda: {"tp": 0, "tpc": 0, "pred": 0, "gold": 0, "rows": 0, "clean": 0})
    for row in load_rows():
        pack = row["pack"]
        report = reader.check(
            row["text"], publish_date=row["publish_date"], summary=row["summary"], packs=[pack]
        )
        got = {(f.field, f.start, f.end): f.suggestion for f in report.findings}
        gold = {(fl, s, e): sug for fl, s, e, sug in row["expected"]}
        st = stats[pack]
        st["rows"] += 1
        st["clean"] += not gold
        st["pred"] += len(got)
        st["gold"] += len(gold)
        for key, sug in gold.items():
            if key in got:
                st["tp"] += 1
                st["tpc"] += sug is None or got[key] == sug
        if verbose and (set(got) != set(gold)):
            print(f"  [{pack}] {row['text']}")
            for key in set(got) - set(gold):
                f = next(f for f in report.findings if (f.field, f.start, f.end) == key)
                print(f"     extra: {f.excerpt} -> {f.suggestion} ({f.rule})")
            for key in set(gold) - set(got):
                src = row["text"] if key[0] == "body" else row["summary"]
                print(f"     missed: {src[key[1] : key[2]]}")
    print(
        f"{'pack':12s} {'rows':>4s} {'clean':>5s} {'gold':>4s} {'pred':>4s}  P      R      P(corr)"
    )
    for pack in ALL_PACKS:
        st = stats.get(pack)
        if not st:
            continue
        p = st["tp"] / st["pred"] if st["pred"] else 1.0
        r = st["tp"] / st["gold"] if st["gold"] else 1.0
        pc = st["tpc"] / st["pred"] if st["pred"] else 1.0
        print(
            f"{pack:12s} {st['rows']:4d} {st['clean']:5d} {st['gold']:4d} {st['pred']:4d}  "
            f"{p:.3f}  {r:.3f}  {pc:.3f}"
        )
    return 0


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    verbose = "-v" in args
    return run_legacy(verbose) if "--legacy" in args else run_news(verbose)


if __name__ == "__main__":
    raise SystemExit(main())
