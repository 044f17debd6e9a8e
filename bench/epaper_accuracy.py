"""Accuracy of the e-paper article segmenter: real pages first, then generated ones.

Real pages: every ground-truth file in ``bench/data/epaper_real/*.json`` (written for this
project by reading the page, see each file's ``_about``) names a PDF that is read from
``../shared/data/epaper-real/`` (or ``$EPAPER_REAL_DIR``) and checked by sha256; the PDFs are
never copied into the repository, and a page whose PDF is absent is reported as skipped.
Pages laid out with other layout tools (``bench/data/epaper_tools/<tool>/``, made by the
generators in ``bench/epaper_tools/``, which were written without looking at the segmenter)
keep their PDF beside the truth. Per source (the truth's ``layout_system``): story
precision / recall / F1 at IoU >= 0.5 and >= 0.8, headline exact (over truth stories:
matched at IoU >= 0.5 and the title equal as printed), byline exact. A source whose name says
"held out" is scored but never shown page by page (``-v`` stays silent about it), so that
nobody tunes the segmenter against it.

Generated pages (a regression test, not evidence: the generator was written together with
the segmenter): generates issues with `baoshe_demo.pdfgen` (ground truth kept aside), runs
`baoshe.epaper.segment` on the PDF bytes only, and reports:

* article precision / recall / F1 -- a detection matches a truth article when
  their bounding boxes have IoU >= 0.8 (one-to-one, greedy by IoU);
* exact-match rates of 标题/引题/副题/作者 over truth articles;
* body text: exact-match rate and character accuracy (matched chars / longer
  length, difflib) over matched articles;
* 转版 markers, reading order, header/ad exclusion, scanned-page review flag.

Two seed sets: "tune" (seeds the segmenter was developed against) and "holdout"
(never looked at during development). Usage:

    .venv/bin/python bench/epaper_accuracy.py [--tune 0-4] [--holdout 100-109] [--json] [-v]
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from baoshe.epaper.segment import segment_page  # noqa: E402
from baoshe_demo.pdfgen import generate_issue  # noqa: E402

IOU_THRESHOLD = 0.8
PAGES_PER_ISSUE = 8


def iou(a, b) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def char_accuracy(got: str, want: str) -> float:
    if got == want:
        return 1.0
    if not want and not got:
        return 1.0
    sm = difflib.SequenceMatcher(None, got, want, autojunk=False)
    matched = sum(b.size for b in sm.get_matching_blocks())
    return matched / max(len(got), len(want))


def match(detected, truth, threshold: float = IOU_THRESHOLD) -> list[tuple[int, int, float]]:
    pairs = sorted(
        ((iou(d.bbox, t.bbox), i, j) for i, d in enumerate(detected) for j, t in enumerate(truth)),
        reverse=True,
    )
    used_d, used_t, out = set(), set(), []
    for score, i, j in pairs:
        if score < threshold:
            break
        if i in used_d or j in used_t:
            continue
        used_d.add(i)
        used_t.add(j)
        out.append((i, j, score))
    return out


def _kendall_ok(order_pairs) -> bool:
    """True when matched articles appear in the same relative order."""
    seq = [t for _, t in sorted(order_pairs)]
    return seq == sorted(seq)


def parse_range(text: str) -> list[int]:
    out: list[int] = []
    for part in text.split(","):
        if "-" in part:
            a, b = part.split("-")
            out += list(range(int(a), int(b) + 1))
        elif part:
            out.append(int(part))
    return out


def evaluate(seeds: list[int], verbose: bool = False) -> dict:
    s = {
        "pages": 0,
        "truth": 0,
        "detected": 0,
        "tp": 0,
        "title": 0,
        "kicker": 0,
        "subtitle": 0,
        "byline": 0,
        "body_exact": 0,
        "cont_truth": 0,
        "cont_ok": 0,
        "order_pages_ok": 0,
        "iou_sum": 0.0,
        "header_leaks": 0,
        "ad_leaks": 0,
    }
    char_acc: list[float] = []
    layouts = set()
    seg_time = 0.0
    for seed in seeds:
        issue = generate_issue(seed=seed, n_pages=PAGES_PER_ISSUE, scanned_pages=[])
        for page in issue.pages:
            truth = page.truth
            t0 = time.perf_counter()
            layout = segment_page(page.pdf_bytes, 0)
            seg_time += time.perf_counter() - t0
            layouts.add((truth.layout["columns"], truth.layout["style"]))
            det = layout.articles
            tru = truth.articles
            s["pages"] += 1
            s["truth"] += len(tru)
            s["detected"] += len(det)
            pairs = match(det, tru)
            s["tp"] += len(pairs)
            for i, j, score in pairs:
                d, t = det[i], tru[j]
                s["iou_sum"] += score
                s["title"] += d.title == t.title
                s["kicker"] += d.kicker == t.kicker
                s["subtitle"] += d.subtitle == t.subtitle
                s["byline"] += d.byline == t.byline
                s["body_exact"] += d.body == t.body
                char_acc.append(char_accuracy(d.body, t.body))
                want = sorted((c["direction"], c["page"]) for c in t.continuations)
                got = sorted((c.direction, c.page) for c in d.continuations)
                if want:
                    s["cont_truth"] += 1
                    s["cont_ok"] += want == got
                if verbose and (
                    d.title != t.title
                    or d.body != t.body
                    or d.byline != t.byline
                    or d.kicker != t.kicker
                    or d.subtitle != t.subtitle
                ):
                    print(
                        f"  [{seed}/{page.number}] field mismatch {t.title!r}: title={d.title!r} "
                        f"kicker={d.kicker!r}/{t.kicker!r} sub={d.subtitle!r}/{t.subtitle!r} "
                        f"by={d.byline!r}/{t.byline!r} body_acc={char_acc[-1]:.3f}"
                    )
            s["order_pages_ok"] += _kendall_ok([(det[i].order, tru[j].order) for i, j, _ in pairs])
            for ex in truth.excluded:
                for d in det:
                    if iou(d.bbox, ex["bbox"]) > 0.3:
                        s["header_leaks" if ex["kind"] != "ad" else "ad_leaks"] += 1
            if verbose:
                mt = {j for _, j, _ in pairs}
                md = {i for i, _, _ in pairs}
                for j, t in enumerate(tru):
                    if j not in mt:
                        best = max((iou(d.bbox, t.bbox) for d in det), default=0)
                        print(
                            f"  [{seed}/{page.number} {truth.layout}] missed {t.title!r} "
                            f"{t.bbox} best IoU {best:.2f}"
                        )
                for i, d in enumerate(det):
                    if i not in md:
                        print(f"  [{seed}/{page.number}] spurious {d.title!r} {d.bbox}")
    # one scanned page per seed set: must be flagged with zero articles
    scan = generate_issue(seed=seeds[0], n_pages=1, scanned_pages=[0]).pages[0]
    scan_layout = segment_page(scan.pdf_bytes, 0)
    p = s["tp"] / s["detected"] if s["detected"] else 0.0
    r = s["tp"] / s["truth"] if s["truth"] else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    n = s["truth"] or 1
    m = s["tp"] or 1
    return {
        "seeds": f"{seeds[0]}-{seeds[-1]}",
        "pages": s["pages"],
        "layout_variants": len(layouts),
        "truth_articles": s["truth"],
        "detected_articles": s["detected"],
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f1, 4),
        "mean_iou_matched": round(s["iou_sum"] / m, 4),
        "title_exact_rate": round(s["title"] / n, 4),
        "kicker_exact_rate": round(s["kicker"] / n, 4),
        "subtitle_exact_rate": round(s["subtitle"] / n, 4),
        "byline_exact_rate": round(s["byline"] / n, 4),
        "body_exact_rate": round(s["body_exact"] / n, 4),
        "body_char_accuracy": round(sum(char_acc) / len(char_acc), 4) if char_acc else 0.0,
        "continuations_ok": f"{s['cont_ok']}/{s['cont_truth']}",
        "reading_order_pages_ok": f"{s['order_pages_ok']}/{s['pages']}",
        "header_footer_leaks": s["header_leaks"],
        "ad_leaks": s["ad_leaks"],
        "scanned_page_flagged": scan_layout.needs_review and not scan_layout.articles,
        "segment_seconds_per_page": round(seg_time / max(s["pages"], 1), 3),
    }


REAL_TRUTH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "epaper_real")
TOOL_TRUTH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "epaper_tools")


def real_dir() -> str | None:
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for cand in (
        os.environ.get("EPAPER_REAL_DIR"),
        os.path.join(here, "..", "shared/data/epaper-real"),
    ):
        if cand and os.path.isdir(cand):
            return cand
    return None


def truth_says(story: dict, key: str, got: str) -> bool:
    """Does ``got`` equal the truth's ``title``/``byline``? A real page's truth keeps no text
    of the page, only ``<key>_sha256`` of it (UTF-8)."""
    import hashlib

    if key in story:
        return got == story[key]
    return hashlib.sha256(got.encode("utf-8")).hexdigest() == story[f"{key}_sha256"]


def evaluate_real(verbose: bool = False) -> dict:
    """Score every real page whose PDF is present; returns per-source figures and a total."""
    import hashlib
    from types import SimpleNamespace

    folder = real_dir()
    sources: dict[str, dict] = {}
    files = [(os.path.join(REAL_TRUTH, n), folder) for n in sorted(os.listdir(REAL_TRUTH))]
    # pages laid out with other tools keep their PDF beside the truth (our own files)
    if os.path.isdir(TOOL_TRUTH):
        for tool in sorted(os.listdir(TOOL_TRUTH)):
            d = os.path.join(TOOL_TRUTH, tool)
            if os.path.isdir(d):
                files += [(os.path.join(d, n), d) for n in sorted(os.listdir(d))]
    for truth_path, pdf_dir in files:
        name = os.path.basename(truth_path)
        if not name.endswith(".json"):
            continue
        with open(truth_path, encoding="utf-8") as fh:
            truth = json.load(fh)
        src = sources.setdefault(
            truth["layout_system"],
            {
                "pages": 0,
                "skipped": 0,
                "truth": 0,
                "detected": 0,
                "m50": 0,
                "m80": 0,
                "headline": 0,
                "byline": 0,
            },
        )
        path = os.path.join(pdf_dir, truth["pdf"]) if pdf_dir else None
        if not path or not os.path.exists(path):
            src["skipped"] += 1
            continue
        with open(path, "rb") as fh:
            data = fh.read()
        if hashlib.sha256(data).hexdigest() != truth["sha256"]:
            raise SystemExit(f"{path}: not the file the ground truth {name} was written for")
        layout = segment_page(data, truth.get("page", 0))
        # a held-out source is scored, never shown page by page: nobody tunes against it
        detail = verbose and "held out" not in truth["layout_system"]
        stories = [SimpleNamespace(bbox=t["bbox"], truth=t) for t in truth["stories"]]
        src["pages"] += 1
        src["truth"] += len(stories)
        src["detected"] += len(layout.articles)
        src["m80"] += len(match(layout.articles, stories, 0.8))
        pairs = match(layout.articles, stories, 0.5)
        src["m50"] += len(pairs)
        for i, j, _ in pairs:
            a, t = layout.articles[i], stories[j].truth
            title_ok = truth_says(t, "title", a.title)
            byline_ok = truth_says(t, "byline", a.byline)
            src["headline"] += title_ok
            src["byline"] += byline_ok
            if detail and not (title_ok and byline_ok):
                want = f"{t.get('title', '(hash)')!r} / {t.get('byline', '(hash)')!r}"
                print(f"  {name}: {a.title!r} / {a.byline!r} != {want}")
        if detail:
            got = {j for _, j, _ in pairs}
            for j, t in enumerate(stories):
                if j not in got:
                    print(f"  {name}: missed the story at {t.bbox}")
    out = {}
    for system, s in sources.items():
        row = {
            "pages": s["pages"],
            "pages_skipped_no_pdf": s["skipped"],
            "truth_stories": s["truth"],
            "detected": s["detected"],
        }
        for label, m in (("iou50", s["m50"]), ("iou80", s["m80"])):
            p = m / s["detected"] if s["detected"] else 0.0
            r = m / s["truth"] if s["truth"] else 0.0
            row[f"precision_{label}"] = round(p, 3)
            row[f"recall_{label}"] = round(r, 3)
            row[f"f1_{label}"] = round(2 * p * r / (p + r), 3) if p + r else 0.0
        row["headline_exact"] = round(s["headline"] / s["truth"], 3) if s["truth"] else 0.0
        row["byline_exact"] = round(s["byline"] / s["truth"], 3) if s["truth"] else 0.0
        out[system] = row
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tune", default="0-4", help="seed range used during development")
    ap.add_argument("--holdout", default="100-109", help="seed range never tuned on")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every mismatch")
    args = ap.parse_args()
    real = evaluate_real(args.verbose)
    if not args.json:
        for system, row in real.items():
            print(f"== {system} pages (ground truth in bench/data/epaper_real, epaper_tools)")
            for k, v in row.items():
                print(f"  {k:28s} {v}")
    result = {"real": real}
    for name, rng in (("tune", args.tune), ("holdout", args.holdout)):
        if rng:
            result[name] = evaluate(parse_range(rng), args.verbose)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return
    for name, r in result.items():
        if name == "real":
            continue
        print(
            f"== generated ({name}, a regression test) seeds {r['seeds']}: {r['pages']} pages, "
            f"{r['truth_articles']} articles, "
            f"{r['layout_variants']} column/style variants"
        )
        for k, v in r.items():
            if k not in ("seeds", "pages", "truth_articles"):
                print(f"  {k:28s} {v}")


if __name__ == "__main__":
    main()
