"""SIGHAN 2013/2014 Chinese spelling-check benchmark for the typo pack.

Reads ../shared/data/sighan (or $SIGHAN_DIR); prints a message and exits 0 when absent.
Data is never copied into the repository. Reports detection and correction precision, recall
and F1 at character level and at sentence level, for:

* ``shipped``: the engine as shipped (typo pack, all its rules);
* ``shipped+train``: the same plus character confusion pairs learned from the train13-15
  files at run time (what a newsroom could gain from a larger confusion table).

Character level: a predicted position is a true detection if the sentence has an error at that
position; a true correction if the suggested character also equals the gold character.
Sentence level (SIGHAN convention): detection is right when the set of flagged positions equals
the gold set; correction when also every suggestion is right. Precision is over sentences with
at least one prediction, recall over sentences with at least one gold error.

Usage: .venv/bin/python bench/proofread_sighan.py [--learn] [--sets test13,test14]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from baoshe.proofread.engine import Proofreader  # noqa: E402
from baoshe.proofread.engine.packs import typos  # noqa: E402


def find_dir() -> Path | None:
    for cand in (os.environ.get("SIGHAN_DIR"), ROOT.parent / "shared/data/sighan"):
        if cand and Path(cand).is_dir():
            return Path(cand)
    return None


def load_pairs(d: Path, name: str) -> list[tuple[str, str]]:
    err = (d / f"{name}_error.txt").read_text(encoding="utf-8").splitlines()
    cor = (d / f"{name}_correct.txt").read_text(encoding="utf-8").splitlines()
    return [(e, c) for e, c in zip(err, cor, strict=False) if len(e) == len(c)]


def learn_pairs(d: Path) -> dict[str, set[str]]:
    table: dict[str, set[str]] = {}
    for name in ("train13", "train14", "train15"):
        for e, c in load_pairs(d, name):
            for a, b in zip(e, c, strict=True):
                if a != b:
                    table.setdefault(a, set()).add(b)
    return table


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(reader: Proofreader, pairs: list[tuple[str, str]]) -> dict[str, tuple]:
    c_pred = c_gold = c_det = c_cor = 0
    s_pred = s_gold = s_det = s_cor = 0
    for err, cor in pairs:
        gold = {i: cor[i] for i in range(len(err)) if err[i] != cor[i]}
        pred = {}
        for f in reader.check(err).findings:
            if f.end - f.start == 1 and f.suggestion and len(f.suggestion) == 1:
                pred[f.start] = f.suggestion
            elif f.suggestion and len(f.suggestion) == f.end - f.start:
                for k, ch in enumerate(f.suggestion):
                    if err[f.start + k] != ch:
                        pred[f.start + k] = ch
        c_pred += len(pred)
        c_gold += len(gold)
        c_det += sum(1 for i in pred if i in gold)
        c_cor += sum(1 for i, ch in pred.items() if gold.get(i) == ch)
        s_pred += bool(pred)
        s_gold += bool(gold)
        if pred and set(pred) == set(gold):
            s_det += 1
            s_cor += all(gold[i] == ch for i, ch in pred.items())
    return {
        "char-detect": prf(c_det, c_pred, c_gold),
        "char-correct": prf(c_cor, c_pred, c_gold),
        "sent-detect": prf(s_det, s_pred, s_gold),
        "sent-correct": prf(s_cor, s_pred, s_gold),
        "counts": (len(pairs), s_gold, c_gold, c_pred),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", default="test13,test14")
    ap.add_argument("--learn", action="store_true", help="also run with train-learned pairs")
    args = ap.parse_args(argv)
    d = find_dir()
    if d is None:
        print("SIGHAN data not found (../shared/data/sighan or $SIGHAN_DIR): skipping.")
        return 0
    reader = Proofreader(["typo"], include_demo_lists=False)
    configs = [("shipped", None)]
    if args.learn:
        configs.append(("shipped+train", learn_pairs(d)))
    for label, extra in configs:
        if extra:
            base = dict(typos.confusion_table())
            for a, bs in extra.items():
                base[a] = tuple(sorted(set(base.get(a, ())) | bs))
            original = typos.confusion_table
            typos.confusion_table = lambda base=base: base  # type: ignore[assignment]
        for name in args.sets.split(","):
            pairs = load_pairs(d, name)
            t0 = time.perf_counter()
            res = evaluate(reader, pairs)
            dt = time.perf_counter() - t0
            n, ns, nc, npred = res["counts"]
            print(
                f"[{label}] {name}: {n} sentences ({ns} with errors, {nc} error chars, "
                f"{npred} predicted chars), {dt:.1f}s"
            )
            for k in ("char-detect", "char-correct", "sent-detect", "sent-correct"):
                p, r, f = res[k]
                print(f"  {k:13s} P={p:.3f} R={r:.3f} F1={f:.3f}")
        if extra:
            typos.confusion_table = original  # type: ignore[assignment]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
