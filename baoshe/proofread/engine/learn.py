"""Build-time learner for the typo pack's spelling scorer (``spelling.py``).

Reads the SIGHAN 2013-2015 Chinese spelling-check *training* files and the 2013 bakeoff's
confusion sets (Traditional characters, converted with OpenCC) from ``../shared/data/sighan``
(or ``--sighan DIR``), plus jieba's lexicon, and writes derived statistics (never sentences)
into ``engine/data``:

``typo_sound.tsv``   char -> same-pronunciation characters (SIGHAN sets, columns 同音同调 and
                     同音异调, plus the project's ``confusion_groups.txt``)
``typo_shape.tsv``   char -> similar-shape characters (SIGHAN shape set)
``typo_pairs.tsv``   wrong char, right char, how often the pair was a real error in train13-15
``typo_ngrams.txt``  character 1/2/3-gram counts of the corrected training sentences
                     (trigrams seen at least twice), ``gram:count`` items
``typo_posctx.txt``  for single-character tokens of those sentences: counts of the left/right
                     neighbour's jieba tag, and of the neighbouring word, next to each character
``typo_model.tsv``   logistic weights of the scorer's features and the two decision thresholds

The weights are fitted on candidates from train13/14/15 with *cross-fitted* statistics (each
set's candidates are scored with pairs and n-grams from the other two sets, so the model does
not learn to trust statistics that have seen the answer); the thresholds are chosen on
leave-one-set-out predictions (fit on two train sets, predict the third): ``warn_threshold``
for the best F1 with at most ``--max-fa`` false alarms per 10,000 characters of the corrected
sentences, the strictest of the three held-out sets (the findings reported, severity warn);
``hint_threshold`` for the best F1 at precision >= ``--min-precision`` (weaker ones, info
hints, off by default: see ``spelling``).
test13/test14 are never read: they are the benchmark (``bench/proofread_sighan.py``).

Rerun (about four minutes on one core; needs the SIGHAN files and OpenCC)::

    .venv/bin/python -m baoshe.proofread.engine.learn            # writes engine/data/typo_*
    .venv/bin/python -m baoshe.proofread.engine.learn --dry-run  # only print the LOSO figures
"""

from __future__ import annotations

import argparse
import math
import re
from collections import Counter
from pathlib import Path

from .lexicon import data_text, get_lexicon
from .normalize import CJK_CLASS
from .spelling import FEATURES, SpellModel, context_word, token_tag

TRAIN_SETS = ("train13", "train14", "train15")
_CJK_RE = re.compile(f"[{CJK_CLASS}]")
_CJK_RUN_RE = re.compile(f"[{CJK_CLASS}]+")
DATA_DIR = Path(__file__).resolve().parent / "data"
_ROOT = Path(__file__).resolve().parents[3]


def find_sighan(explicit: str | None = None) -> Path | None:
    """``--sighan DIR``, else ../shared/data/sighan beside the checkout."""
    for cand in (explicit, _ROOT.parent / "shared/data/sighan"):
        if cand and Path(cand).is_dir():
            return Path(cand)
    return None


def load_pairs(d: Path, name: str) -> list[tuple[str, str]]:
    err = (d / f"{name}_error.txt").read_text(encoding="utf-8").splitlines()
    cor = (d / f"{name}_correct.txt").read_text(encoding="utf-8").splitlines()
    return [(e, c) for e, c in zip(err, cor, strict=False) if len(e) == len(c)]


def _is_cjk(ch: str) -> bool:
    return _CJK_RE.match(ch) is not None


def confusion_sets(d: Path) -> tuple[dict[str, str], dict[str, str]]:
    import opencc

    cc = opencc.OpenCC("t2s")
    sound: dict[str, set[str]] = {}
    lines = (d / "confusion_similar_pronunciation.txt").read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        cols = line.split("\t")
        if len(cols) < 2:
            continue
        key = cc.convert(cols[0])
        for col in cols[1:3]:  # 同音同调, 同音异调
            sound.setdefault(key, set()).update(cc.convert(col))
    for line in data_text("confusion_groups.txt").splitlines():
        chars = [c for c in line.split("#", 1)[0].strip() if _is_cjk(c)]
        for c in chars:
            sound.setdefault(c, set()).update(chars)
    shape: dict[str, set[str]] = {}
    for line in (d / "confusion_similar_shape.txt").read_text(encoding="utf-8").splitlines():
        if "," not in line:
            continue
        key, rest = line.split(",", 1)
        shape.setdefault(cc.convert(key), set()).update(cc.convert(rest))

    def clean(m: dict[str, set[str]]) -> dict[str, str]:
        out = {}
        for k, v in m.items():
            if len(k) != 1 or not _is_cjk(k):
                continue
            chars = "".join(sorted(c for c in v if c != k and _is_cjk(c)))
            if chars:
                out[k] = chars
        return out

    return clean(sound), clean(shape)


def learn_pairs(data: list[tuple[str, str]]) -> Counter:
    pairs: Counter = Counter()
    for e, c in data:
        for a, b in zip(e, c, strict=True):
            if a != b and _is_cjk(a) and _is_cjk(b):
                pairs[a, b] += 1
    return pairs


def count_ngrams(data: list[tuple[str, str]], min_tri: int = 2) -> dict[str, int]:
    grams: Counter = Counter()
    for _, c in data:
        for run in _cjk_runs(c):
            for n in (1, 2, 3):
                for i in range(len(run) - n + 1):
                    grams[run[i : i + n]] += 1
    return {g: k for g, k in grams.items() if len(g) < 3 or k >= min_tri}


def count_posctx(data: list[tuple[str, str]], lex) -> dict[str, int]:
    """Counts of (left token tag or word, char) and (char, right token tag or word) for the
    single-character tokens of the corrected sentences (keys as ``spelling._posgain`` reads)."""
    grams: Counter = Counter()
    for _, c in data:
        toks = [w for _, w in lex.tokenize(c)]
        for j, w in enumerate(toks):
            if len(w) != 1 or not _is_cjk(w):
                continue
            lt = token_tag(lex, toks[j - 1]) if j else "^"
            rt = token_tag(lex, toks[j + 1]) if j + 1 < len(toks) else "$"
            grams["C|" + w] += 1
            grams["T|" + lt] += 1
            grams[f"L|{lt}|{w}"] += 1
            grams[f"R|{w}|{rt}"] += 1
            lw = context_word(toks[j - 1], lt) if j else "^"
            rw = context_word(toks[j + 1], rt) if j + 1 < len(toks) else "$"
            grams["T|" + lw] += 1
            grams[f"L|{lw}|{w}"] += 1
            grams[f"R|{w}|{rw}"] += 1
    return dict(grams)


def _cjk_runs(s: str) -> list[str]:
    return _CJK_RUN_RE.findall(s)


# ---------------------------------------------------------------------- examples
def examples(model: SpellModel, data: list[tuple[str, str]]):
    """Per sentence: gold {pos: char} and candidate list; error and corrected side both used."""
    lex = model.lex
    out = []
    for e, c in data:
        gold = {i: c[i] for i in range(len(e)) if e[i] != c[i]}
        sides = [(e, gold, "both")] if e == c else [(e, gold, "err"), (c, {}, "cor")]
        for text, g, side in sides:
            cands = model.candidates(text, lex.tokenize(text))
            out.append((g, [(x.pos, x.new, x.features) for x in cands], side, len(text)))
    return out


def fit_logistic(
    rows: list[tuple[tuple[float, ...], int]], l2: float = 1.0, iters: int = 10, thin: int = 4
):
    """Newton/IRLS logistic regression in plain Python (a dozen features).

    Every ``thin``-th negative is kept with weight ``thin`` (unbiased, ``thin`` times faster).
    """
    k = len(FEATURES)
    w = [0.0] * k
    kept = []
    neg = 0
    for x, y in rows:
        if y:
            kept.append((x, y, 1.0))
        else:
            neg += 1
            if neg % thin == 0:
                kept.append((x, y, float(thin)))
    for _ in range(iters):
        grad = [0.0] * k
        hess = [[0.0] * k for _ in range(k)]
        for x, y, weight in kept:
            z = sum(wi * xi for wi, xi in zip(w, x, strict=True))
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            g = (p - y) * weight
            s = p * (1 - p) * weight
            for i in range(k):
                xi = x[i]
                if xi == 0.0:
                    continue
                grad[i] += g * xi
                sx = s * xi
                row = hess[i]
                for j in range(i + 1):
                    row[j] += sx * x[j]
        for i in range(k):
            for j in range(i):
                hess[j][i] = hess[i][j]
            if i:  # no penalty on the bias
                grad[i] += l2 * w[i]
                hess[i][i] += l2
            hess[i][i] += 1e-9
        step = _solve(hess, grad)
        w = [wi - si for wi, si in zip(w, step, strict=True)]
        if max(abs(s) for s in step) < 1e-4:
            break
    return dict(zip(FEATURES, w, strict=True))


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for col in range(n):
        piv = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[piv] = m[piv], m[col]
        if abs(m[col][col]) < 1e-12:
            continue
        for r in range(n):
            if r != col and m[r][col]:
                f = m[r][col] / m[col][col]
                for c in range(col, n + 1):
                    m[r][c] -= f * m[col][c]
    return [m[i][n] / m[i][i] if abs(m[i][i]) > 1e-12 else 0.0 for i in range(n)]


def training_rows(ex) -> list[tuple[tuple[float, ...], int]]:
    rows = []
    for gold, cands, _, _ in ex:
        for pos, new, feats in cands:
            rows.append((feats, int(gold.get(pos) == new)))
    return rows


def scored(ex, model_w):
    """Best z per flagged position with (is-detection, is-correction, on-clean-text).

    Also returns the gold error total and the number of characters of clean (corrected) text.
    """
    w = [model_w[f] for f in FEATURES]
    items = []
    ngold = 0
    nclean = 0
    for gold, cands, side, length in ex:
        ngold += len(gold) if side != "cor" else 0
        nclean += length if side != "err" else 0
        best: dict[int, tuple[float, str]] = {}
        for pos, new, feats in cands:
            z = sum(a * b for a, b in zip(w, feats, strict=True))
            if pos not in best or z > best[pos][0]:
                best[pos] = (z, new)
        for p, (z, n) in best.items():
            if side != "cor":
                items.append((z, p in gold, gold.get(p) == n, False))
            if side != "err":
                items.append((z, False, False, True))
    return items, ngold, nclean


def choose_threshold(
    items, ngold: int, nclean: int, min_precision: float, max_fa: float = 1e9
) -> tuple[float, tuple]:
    """Threshold of best F1 with precision >= ``min_precision`` and false alarms per 10,000
    clean characters <= ``max_fa``; returns (probability threshold, (P, R, F1, FA/10k))."""
    items = sorted(items, key=lambda t: -t[0])
    best = (0.0, 10.0, (0, 0, 0, 0))
    tp = npred = fa = 0
    for z, hit, _, clean in items:
        if clean:
            fa += 1
        else:
            npred += 1
            tp += hit
        if not npred:
            continue
        p = tp / npred
        r = tp / ngold if ngold else 0
        f = 2 * p * r / (p + r) if p + r else 0
        rate = fa / nclean * 10000 if nclean else 0
        if p >= min_precision and rate <= max_fa and f > best[0]:
            best = (f, z, (p, r, f, rate))
    z = best[1]
    return 1 / (1 + math.exp(-z)), best[2]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sighan", help="SIGHAN data dir (default ../shared/data/sighan)")
    ap.add_argument("--out", default=str(DATA_DIR))
    ap.add_argument("--min-precision", type=float, default=0.75, help="hint tier: precision")
    ap.add_argument("--max-fa", type=float, default=1.2, help="warn tier: false alarms/10k")
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args(argv)
    d = find_sighan(args.sighan)
    if d is None:
        print("SIGHAN data not found (../shared/data/sighan or --sighan DIR).")
        return 1
    lex = get_lexicon()
    sound, shape = confusion_sets(d)
    data = {name: load_pairs(d, name) for name in TRAIN_SETS}

    # Cross-fitted features: each train set scored with statistics from the other two.
    ex = {}
    for name in TRAIN_SETS:
        rest = [p for other in TRAIN_SETS if other != name for p in data[other]]
        model = SpellModel(
            sound,
            shape,
            dict(learn_pairs(rest)),
            count_ngrams(rest),
            count_posctx(rest, lex),
            lexicon=lex,
        )
        ex[name] = examples(model, data[name])
        n_c = sum(len(x[1]) for x in ex[name])
        print(f"{name}: {len(ex[name])} sentences, {n_c} candidates")

    # Leave-one-set-out: weights from two sets, predictions on the third.
    loso_items = []
    loso_gold = loso_clean = 0
    fold_warn = []
    for name in TRAIN_SETS:
        rows = [r for other in TRAIN_SETS if other != name for r in training_rows(ex[other])]
        w = fit_logistic(rows, l2=args.l2)
        items, ng, nc = scored(ex[name], w)
        loso_items += items
        loso_gold += ng
        loso_clean += nc
        for label, mp, mf in (("hint", args.min_precision, 1e9), ("warn", 0.0, args.max_fa)):
            thr, prf = choose_threshold(items, ng, nc, mp, mf)
            print(f"  LOSO {name} {label}: P/R/F1/FA {_fmt(prf)} (thr {thr:.3f})")
            if label == "warn":
                fold_warn.append(thr)
    hint, prf = choose_threshold(loso_items, loso_gold, loso_clean, args.min_precision)
    print(f"pooled LOSO hint threshold {hint:.3f}: P/R/F1/FA {_fmt(prf)}")
    warn, prf = choose_threshold(loso_items, loso_gold, loso_clean, 0.0, args.max_fa)
    print(f"pooled LOSO warn threshold {warn:.3f}: P/R/F1/FA {_fmt(prf)}")
    # The held-out sets differ a lot (essays of different years): take the strictest fold's
    # threshold, so that every held-out train set keeps within --max-fa.
    warn = max([warn, hint, *fold_warn])
    print(f"shipped warn threshold (strictest fold) {warn:.3f}")

    weights = fit_logistic([r for name in TRAIN_SETS for r in training_rows(ex[name])], l2=args.l2)
    print("weights: " + ", ".join(f"{k}={v:.3f}" for k, v in weights.items()))
    if args.dry_run:
        return 0

    everything = [p for name in TRAIN_SETS for p in data[name]]
    out = Path(args.out)
    header = "# Generated by `python -m baoshe.proofread.engine.learn`; do not edit by hand.\n"
    _write(out / "typo_sound.tsv", header, (f"{k}\t{v}" for k, v in sorted(sound.items())))
    _write(out / "typo_shape.tsv", header, (f"{k}\t{v}" for k, v in sorted(shape.items())))
    pairs = learn_pairs(everything)
    _write(
        out / "typo_pairs.tsv",
        header,
        (f"{a}\t{b}\t{n}" for (a, b), n in sorted(pairs.items(), key=lambda t: (-t[1], t[0]))),
    )
    grams = count_ngrams(everything)
    items = sorted(grams.items(), key=lambda t: (len(t[0]), t[0]))
    lines = [" ".join(f"{g}:{n}" for g, n in items[i : i + 40]) for i in range(0, len(items), 40)]
    _write(out / "typo_ngrams.txt", header, lines)
    posctx = count_posctx(everything, lex)
    items = sorted(posctx.items())
    lines = [" ".join(f"{g}:{n}" for g, n in items[i : i + 20]) for i in range(0, len(items), 20)]
    _write(out / "typo_posctx.txt", header, lines)
    model_lines = [f"{k}\t{v:.6f}" for k, v in weights.items()]
    model_lines.append(f"hint_threshold\t{hint:.6f}")
    model_lines.append(f"warn_threshold\t{warn:.6f}")
    _write(out / "typo_model.tsv", header, model_lines)
    print(f"wrote typo_* data files to {out}")
    return 0


def _fmt(prf) -> str:
    return "/".join(f"{x:.3f}" for x in prf) if prf else "-"


def _write(path: Path, header: str, lines) -> None:
    path.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
