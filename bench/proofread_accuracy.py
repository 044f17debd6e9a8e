"""Per-pack precision and recall on the labelled news-style set (bench/data/proofread).

Each row names a pack, a sentence and the expected findings (excerpt and suggestion). Only
findings of that row's pack are scored, so a clean row for one pack says nothing about the
others. Detection: a finding with exactly the expected span. Correction: same span and the
expected suggestion (when the row gives one).

Usage: .venv/bin/python bench/proofread_accuracy.py [-v]
"""

from __future__ import annotations

import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from baoshe.proofread.engine import ALL_PACKS, Proofreader  # noqa: E402

DATA = ROOT / "bench" / "data" / "proofread" / "labelled.tsv"


def load_rows(path: Path = DATA) -> list[dict]:
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
            start = -1
            for _ in range(nth):
                start = source.find(excerpt, start + 1)
            if start < 0:
                raise ValueError(f"excerpt {excerpt!r} not found in {text!r}")
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


def main(argv: list[str] | None = None) -> int:
    verbose = "-v" in (argv if argv is not None else sys.argv[1:])
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


if __name__ == "__main__":
    raise SystemExit(main())
