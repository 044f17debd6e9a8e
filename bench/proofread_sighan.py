"""SIGHAN 2013/2014 Chinese spelling-check benchmark for the typo pack.

Reads ../shared/data/sighan (or $SIGHAN_DIR); prints a message and exits 0 when absent.
Data is never copied into the repository. Reports, for the engine as shipped (typo pack, all its
rules, with the spelling scorer whose statistics ``python -m baoshe.proofread.engine.learn``
derived from the *train* files at build time; test13/test14 are never learned from), detection
and correction precision, recall and F1 at character level and at sentence level, and the false
alarm rate on the corrected (``*_correct``) sentences: flagged characters per 10,000 characters
of error-free text, for all typo rules and for the confusion rule alone (SIGHAN's corrected side
keeps Taiwan usage such as 的 for adverbial 地 and variant forms, which the de-di and fixed rules
flag for mainland copy). As shipped the scorer reports only confident candidates (warn findings);
``--hints`` also switches on and scores its weaker tier (info hints), as a separate line.

Character level: a predicted position is a true detection if the sentence has an error at that
position; a true correction if the suggested character also equals the gold character.
Sentence level (SIGHAN convention): detection is right when the set of flagged positions equals
the gold set; correction when also every suggestion is right. Precision is over sentences with
at least one prediction, recall over sentences with at least one gold error.

Usage: .venv/bin/python bench/proofread_sighan.py [--sets test13,test14] [--rules] [--hints]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from baoshe.proofread.engine import Proofreader, Severity  # noqa: E402
from baoshe.proofread.engine.learn import find_sighan, load_pairs  # noqa: E402
from baoshe.proofread.engine.spelling import shipped_model  # noqa: E402


def find_dir() -> Path | None:
    return find_sighan(os.environ.get("SIGHAN_DIR"))


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def predictions(
    reader: Proofreader, text: str, rules: Counter | None = None, rule: str | None = None
) -> dict[int, tuple[str, bool]]:
    """Flagged position -> (suggested character, is-warn), from same-length suggestions."""
    pred: dict[int, tuple[str, bool]] = {}
    for f in reader.check(text).findings:
        if rule and f.rule != rule:
            continue
        warn = f.severity is not Severity.INFO
        if f.end - f.start == 1 and f.suggestion and len(f.suggestion) == 1:
            found = {f.start: f.suggestion}
        elif f.suggestion and len(f.suggestion) == f.end - f.start:
            found = {
                f.start + k: ch for k, ch in enumerate(f.suggestion) if text[f.start + k] != ch
            }
        else:
            continue
        for i, ch in found.items():
            if i not in pred or (warn and not pred[i][1]):
                pred[i] = (ch, warn)
        if rules is not None:
            rules[f"{f.rule}/{f.severity.value}"] += 1
    return pred


def evaluate(reader: Proofreader, pairs: list[tuple[str, str]], rules: Counter | None = None):
    """Scores per tier: ``all`` (warn + info findings) and ``warn`` (warn findings only)."""
    tiers = {"warn": [0] * 11, "all": [0] * 11}
    for err, cor in pairs:
        gold = {i: cor[i] for i in range(len(err)) if err[i] != cor[i]}
        both = predictions(reader, err, rules)
        clean = predictions(reader, cor)
        clean_confusion = predictions(reader, cor, rule="confusion")
        for tier, acc in tiers.items():
            pred = {i: ch for i, (ch, warn) in both.items() if tier == "all" or warn}
            acc[0] += len(pred)
            acc[1] += len(gold)
            acc[2] += sum(1 for i in pred if i in gold)
            acc[3] += sum(1 for i, ch in pred.items() if gold.get(i) == ch)
            acc[4] += bool(pred)
            acc[5] += bool(gold)
            if pred and set(pred) == set(gold):
                acc[6] += 1
                acc[7] += all(gold[i] == ch for i, ch in pred.items())
            acc[8] += sum(1 for _, warn in clean.values() if tier == "all" or warn)
            acc[9] += len(cor)
            acc[10] += sum(1 for _, warn in clean_confusion.values() if tier == "all" or warn)
    out = {}
    for tier, a in tiers.items():
        out[tier] = {
            "char-detect": prf(a[2], a[0], a[1]),
            "char-correct": prf(a[3], a[0], a[1]),
            "sent-detect": prf(a[6], a[4], a[5]),
            "sent-correct": prf(a[7], a[4], a[5]),
            "counts": (len(pairs), a[5], a[1], a[0]),
            "false-alarms": (a[8], a[9], a[10]),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", default="test13,test14")
    ap.add_argument("--rules", action="store_true", help="also count findings per rule")
    ap.add_argument(
        "--hints", action="store_true", help="also report the scorer's info hints (off as shipped)"
    )
    args = ap.parse_args(argv)
    d = find_dir()
    if d is None:
        print("SIGHAN data not found (../shared/data/sighan or $SIGHAN_DIR): skipping.")
        return 0
    reader = Proofreader(["typo"], include_demo_lists=False)
    if args.hints:
        model = shipped_model()
        model.threshold = model.hint_threshold
    for name in args.sets.split(","):
        pairs = load_pairs(d, name)
        rules: Counter = Counter()
        t0 = time.perf_counter()
        res = evaluate(reader, pairs, rules)
        dt = time.perf_counter() - t0
        tiers = [("warn", "warn findings")]
        if args.hints:
            tiers.append(("all", "warn + info hints"))
        for tier, label in tiers:
            r = res[tier]
            n, ns, nc, npred = r["counts"]
            print(
                f"[shipped, {label}] {name}: {n} sentences ({ns} with errors, {nc} error chars, "
                f"{npred} predicted chars)"
            )
            for k in ("char-detect", "char-correct", "sent-detect", "sent-correct"):
                p, rr, f = r[k]
                print(f"  {k:13s} P={p:.3f} R={rr:.3f} F1={f:.3f}")
            flagged, chars, confusion = r["false-alarms"]
            print(
                f"  false alarms on {name}_correct ({chars} chars): all typo rules {flagged} "
                f"= {flagged / chars * 10000:.2f} per 10,000; confusion rule {confusion} "
                f"= {confusion / chars * 10000:.2f} per 10,000"
            )
        print(f"  ({dt:.1f}s for the error and the corrected sentences)")
        if args.rules:
            print("  findings by rule: " + ", ".join(f"{k} {v}" for k, v in sorted(rules.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
