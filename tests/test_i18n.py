"""Every user-facing string of baoshe goes through gettext, with a complete, compiled zh_Hans
catalogue per app (docs/i18n.md).

Source strings are English; the Chinese the admin and the site show comes from
``baoshe/<app>/locale/zh_Hans/LC_MESSAGES/django.po``. So Chinese text in a template, in a
script or in a Python string literal is interface text that escaped the catalogue, unless the
module is one of the few that hold Chinese *data* (``DATA_MODULES``, each with its reason).
"""

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

import baoshe

ROOT = Path(baoshe.__file__).resolve().parent
# CJK ideographs, CJK symbols and punctuation (、。「」…), full-width forms (，：！（）).
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")

# Modules (paths under baoshe/, a trailing "/" for a folder) whose Chinese strings are data about
# Chinese text or records in the database, not interface text. Keep this short; say why.
DATA_MODULES = {
    "proofread/engine/": (
        "the 机审 rule packs: patterns over Chinese text and the message each rule gives, kept "
        "together as LanguageTool keeps a language's rules with their messages"
    ),
    "newsroom/synthetic.py": "generates Chinese article text for load tests and benchmarks",
    "newsroom/copy_format.py": (
        "the 、 joining tags in the copy text 机审 checks and copy_hash covers: it must not change "
        "with the reader's or editor's interface language"
    ),
    "workflow/roles.py": (
        "names of the role groups (记者, 编辑 …) and of the 三审三校 workflow and its steps, which "
        "migrations write to the database and the admin shows as names"
    ),
    "epaper/lexicon.py": (
        "what printed Chinese pages and page files say: continuation, byline and advert markers, "
        "the linker's stop words, the page-file names the importer parses"
    ),
    "core/defaults.py": (
        "what a new paper's settings start with (name, publisher, copyright notice): stored in "
        "the database and edited there as the paper's own content"
    ),
    "settings/base.py": "LANGUAGES names each language in that language (简体中文)",
}

TEMPLATE_COMMENT = re.compile(r"{#.*?#}|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.S)


def _is_data(rel):
    return any(rel == m or (m.endswith("/") and rel.startswith(m)) for m in DATA_MODULES)


def _files(pattern):
    for path in sorted(ROOT.rglob(pattern)):
        rel = path.relative_to(ROOT).as_posix()
        if "/migrations/" in rel or rel.startswith("locale/") or _is_data(rel):
            continue
        yield rel, path


def _docstring_nodes(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                yield body[0].value


def test_python_strings_are_translatable():
    """No Chinese string literal in Python outside the data modules (docstrings and comments
    are documentation and may name Chinese terms)."""
    found = []
    for rel, path in _files("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node) for node in _docstring_nodes(tree)}
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
                and CJK.search(node.value)
            ):
                found.append(f"{rel}:{node.lineno}: {node.value[:40]!r}")
    assert not found, "Chinese literals outside gettext:\n" + "\n".join(found)


def test_templates_are_translatable():
    found = []
    for pattern in ("*.html", "*.txt", "*.xml"):
        for rel, path in _files(pattern):
            if "/templates/" not in f"/{rel}":
                continue
            text = TEMPLATE_COMMENT.sub("", path.read_text(encoding="utf-8"))
            for number, line in enumerate(text.splitlines(), 1):
                if CJK.search(line):
                    found.append(f"{rel}:{number}: {line.strip()[:60]}")
    assert not found, "Chinese text in templates outside {% translate %}:\n" + "\n".join(found)


def test_scripts_hold_no_interface_text():
    """Scripts get their words from the page (data attributes or json_script) that the
    template translated."""
    found = []
    for rel, path in _files("*.js"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("//", 1)[0]
            if CJK.search(code):
                found.append(f"{rel}:{number}: {line.strip()[:60]}")
    assert not found, "Chinese text in scripts:\n" + "\n".join(found)


def _catalogues():
    return sorted(ROOT.glob("*/locale/zh_Hans/LC_MESSAGES/django.po")) + sorted(
        ROOT.glob("locale/zh_Hans/LC_MESSAGES/django.po")
    )


def _apps_using_gettext():
    apps = set()
    marker = re.compile(r"\bgettext|\bpgettext|\bngettext|{%\s*(translate|trans|blocktrans)")
    for rel, path in _files("*"):
        suffix_ok = path.suffix in {".py", ".html", ".txt", ".xml"} and "/" in rel
        if suffix_ok and marker.search(path.read_text(encoding="utf-8")):
            apps.add(rel.split("/", 1)[0])
    apps.discard("settings")
    return apps


def test_every_app_with_strings_has_a_catalogue():
    have = {po.relative_to(ROOT).parts[0] for po in _catalogues()}
    missing = _apps_using_gettext() - have
    assert _apps_using_gettext(), "no app marks a string for translation"
    assert not missing, f"apps marking strings without a zh_Hans catalogue: {sorted(missing)}"


def _placeholders(text):
    return sorted(re.findall(r"%\(\w+\)[sdrf]|%[sdrf]|\{\w*\}", text))


def _placeholders_fit(entry, translation):
    """The same placeholders as the source. Chinese has one plural form for every count: it
    keeps the singular's placeholders and may use any of the plural's."""
    used = _placeholders(translation)
    if not entry.msgid_plural:
        return used == _placeholders(entry.msgid)
    singular, plural = set(_placeholders(entry.msgid)), set(_placeholders(entry.msgid_plural))
    return singular <= set(used) <= singular | plural


@pytest.mark.parametrize("po_path", _catalogues(), ids=lambda p: p.relative_to(ROOT).parts[0])
def test_catalogue_is_complete_and_compiled(po_path):
    po = polib.pofile(str(po_path))
    problems = []
    for entry in po:
        if entry.obsolete:
            problems.append(f"obsolete: {entry.msgid!r}")
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r}")
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        if not all(t.strip() for t in translations):
            problems.append(f"untranslated: {entry.msgid!r}")
            continue
        for translation in translations:
            if not _placeholders_fit(entry, translation):
                problems.append(f"placeholders differ: {entry.msgid!r} -> {translation!r}")
        if CJK.search(entry.msgid):
            problems.append(f"source string is not English: {entry.msgid!r}")
    assert not problems, "\n".join(problems)

    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run `make messages`"
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in polib.mofile(mo_path)}
    source = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in po.translated_entries()}
    source = {k: v for k, v in source.items() if k[1]}
    compiled = {k: v for k, v in compiled.items() if k[1]}
    assert compiled == source, f"{mo_path} is stale: run `make messages`"


def _msgids(po_path):
    return {(e.msgctxt, e.msgid) for e in polib.pofile(str(po_path)) if not e.obsolete}


def _app_catalogues():
    """Each app's own catalogue (not the project's overrides of other packages' strings)."""
    return [po for po in _catalogues() if po.parents[3] != ROOT]


@pytest.mark.parametrize("po_path", _app_catalogues(), ids=lambda p: p.relative_to(ROOT).parts[0])
def test_catalogue_holds_every_marked_string(po_path, tmp_path):
    """Extract the app's strings afresh (as `make messages` does) and compare: a string marked
    in code but missing from the catalogue would show in English."""
    if shutil.which("xgettext") is None:
        if os.environ.get("CI"):
            pytest.fail("GNU gettext (xgettext) is needed in CI to check the catalogues")
        pytest.skip("GNU gettext (xgettext) is not installed; CI checks this")
    app_dir = po_path.parents[3]
    copy = tmp_path / app_dir.name
    shutil.copytree(app_dir, copy, ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
    # Without settings, as `make messages` runs it: with them, LOCALE_PATHS would take the strings.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    django_admin = Path(sys.executable).with_name("django-admin")
    subprocess.run(
        [
            str(django_admin),
            "makemessages",
            "--locale",
            "zh_Hans",
            "--no-obsolete",
            "--ignore",
            "migrations/*",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env=env,
    )
    fresh = _msgids(copy / "locale/zh_Hans/LC_MESSAGES/django.po")
    committed = _msgids(po_path)
    assert fresh - committed == set(), "marked but not in the catalogue: run `make messages`"
    assert committed - fresh == set(), "in the catalogue but no longer marked"


def _other_packages_translations():
    """Translations Django and Wagtail ship for zh_Hans, by (context, source string)."""
    import django
    import wagtail

    theirs = {}
    for package in (django, wagtail):
        base = Path(package.__file__).resolve().parent
        for po_path in base.rglob("locale/zh_Hans/LC_MESSAGES/django.po"):
            for entry in polib.pofile(str(po_path)).translated_entries():
                theirs.setdefault((entry.msgctxt, entry.msgid), entry.msgstr)
    return theirs


def test_our_catalogues_do_not_reword_other_packages():
    """baoshe's apps come before Wagtail's and Django's in INSTALLED_APPS, so a source string we
    share with them takes our translation everywhere, in their screens too. Where we need other
    words for the same English, the string gets a context (pgettext)."""
    theirs = _other_packages_translations()
    clashes = []
    for po_path in _app_catalogues():
        for entry in polib.pofile(str(po_path)).translated_entries():
            other = theirs.get((entry.msgctxt, entry.msgid))
            if other is not None and other != entry.msgstr:
                app = po_path.relative_to(ROOT).parts[0]
                clashes.append(f"{app}: {entry.msgid!r} -> {entry.msgstr!r}, theirs {other!r}")
    assert not clashes, "\n".join(clashes)


def test_apps_do_not_reword_each_other():
    """Our catalogues merge into one: the same source string must mean the same in every app."""
    seen = {}
    clashes = []
    for po_path in _catalogues():
        app = po_path.relative_to(ROOT).parts[0]
        for entry in polib.pofile(str(po_path)).translated_entries():
            key = (entry.msgctxt, entry.msgid)
            if key in seen and seen[key][1] != entry.msgstr:
                clashes.append(
                    f"{entry.msgid!r}: {seen[key][0]} {seen[key][1]!r}, {app} {entry.msgstr!r}"
                )
            seen.setdefault(key, (app, entry.msgstr))
    assert not clashes, "\n".join(clashes)
