"""Packaging: what a production install pulls in, the hashed locks, who reads the environment."""

import ast
import re
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "baoshe"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
RUNTIME_LOCK = ROOT / "requirements" / "runtime.txt"
DEV_LOCK = ROOT / "requirements" / "dev.txt"

# Never in a production install: test runners, linters, the browser driver, the demo generators.
NOT_IN_PRODUCTION = {
    "pytest",
    "pytest-django",
    "playwright",
    "zxing-cpp",
    "feedparser",
    "ruff",
    "pip-tools",
    "reportlab",
    "mplfonts",
    "matplotlib",
    "numpy",
    "pdfplumber",
}
# mplfonts is locked for its font files; its plotting stack is left out of every lock.
NEVER_LOCKED = {"matplotlib", "numpy", "contourpy", "kiwisolver", "pdfplumber"}

# Runtime distribution -> the module baoshe imports (or names in a setting) to use it.
IMPORT_NAMES = {
    "django": "django",
    "wagtail": "wagtail",
    "django-filter": "django_filters",
    "django-modelcluster": "modelcluster",
    "django-taggit": "taggit",
    "django-tasks": "django_tasks",
    "django-tasks-db": "django_tasks_db",
    "django-axes": "axes",
    "django-csp": "csp",
    "dj-database-url": "dj_database_url",
    "whitenoise": "whitenoise",
    "gunicorn": "gunicorn",
    "redis": "redis",
    "jieba": "jieba",
    "opencc-python-reimplemented": "opencc",
    "pyahocorasick": "ahocorasick",
    "lxml": "lxml",
    "qrcode": "qrcode",
    "pillow": "PIL",
    "pypdfium2": "pypdfium2",
    "tqdm": "tqdm",
    "brotli": "brotli",
    "django-storages": "storages",
}
# Used without being named in baoshe's code, and why.
INDIRECT = {"psycopg": "Django's PostgreSQL backend, for DATABASE_URL=postgres://…"}

# Where the environment may be read: the settings' one module and the process entry points
# (which only choose the settings module).
ENVIRONMENT_READERS = {
    PACKAGE / "settings" / "environment.py",
    PACKAGE / "cli.py",
    PACKAGE / "wsgi.py",
}


def dist_name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;]", requirement.strip(), maxsplit=1)[0].lower()


def runtime_requirements() -> list[str]:
    return (
        PYPROJECT["project"]["dependencies"] + PYPROJECT["project"]["optional-dependencies"]["s3"]
    )


def locked(lock: Path) -> dict[str, str]:
    """``name -> the lock's entry`` (its ``==`` line with the hash lines that follow it)."""
    entries: dict[str, str] = {}
    for entry in re.split(r"\n(?=\S)", lock.read_text(encoding="utf-8")):
        if entry.startswith(("#", "-")) or "==" not in entry:
            continue
        entries[dist_name(entry)] = entry
    return entries


def python_files():
    return sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)


def test_runtime_dependencies_are_declared_with_compatible_ranges():
    requirements = runtime_requirements()
    assert {dist_name(r) for r in requirements} >= set(IMPORT_NAMES) | set(INDIRECT)
    for requirement in requirements:
        assert ">=" in requirement and "<" in requirement, f"{requirement}: give a range"


def test_production_install_pulls_no_test_lint_browser_or_demo_dependency():
    declared = {dist_name(r) for r in runtime_requirements()}
    assert not declared & NOT_IN_PRODUCTION
    assert not set(locked(RUNTIME_LOCK)) & NOT_IN_PRODUCTION
    extras = PYPROJECT["project"]["optional-dependencies"]
    assert {dist_name(r) for r in extras["demo"]} == {"reportlab", "mplfonts"}
    assert {"pytest", "pytest-django", "playwright", "zxing-cpp"} <= {
        dist_name(r) for r in extras["test"]
    }
    assert {"ruff", "pip-tools"} <= {dist_name(r) for r in extras["dev"]}


@pytest.mark.parametrize("lock", [RUNTIME_LOCK, DEV_LOCK], ids=lambda p: p.name)
def test_locks_pin_every_package_with_hashes(lock):
    entries = locked(lock)
    assert len(entries) > 30
    for name, entry in entries.items():
        assert re.match(r"^\S+==\S+", entry), f"{name} is not pinned"
        assert "--hash=sha256:" in entry, f"{name} has no hash"
    assert not set(entries) & NEVER_LOCKED
    options = re.findall(r"^--(?:extra-)?index-url|^--find-links", lock.read_text(), re.M)
    assert not options, "no machine's own package index in a lock"


def test_dev_lock_holds_the_runtime_lock_and_every_extra():
    runtime, dev = locked(RUNTIME_LOCK), locked(DEV_LOCK)
    for name, entry in runtime.items():
        assert name in dev, f"{name} is in the runtime lock but not the dev lock"
        assert entry.split()[0] == dev[name].split()[0], f"{name}: the two locks disagree"
    extras = PYPROJECT["project"]["optional-dependencies"].values()
    assert {dist_name(r) for group in extras for r in group} <= set(dev)


def test_every_runtime_dependency_is_used_and_every_import_declared():
    source = "\n".join(p.read_text(encoding="utf-8") for p in python_files())
    for dist, module in IMPORT_NAMES.items():
        assert re.search(rf"\b{module}\b", source), f"{dist} is declared but {module} never used"
    imported = set()
    for path in python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    third_party = imported - set(sys.stdlib_module_names) - {"baoshe"}
    assert third_party <= set(IMPORT_NAMES.values()), "undeclared: " + ", ".join(
        sorted(third_party - set(IMPORT_NAMES.values()))
    )


def test_nothing_draws_with_matplotlib_and_fonts_come_from_files():
    """The locks hold mplfonts without matplotlib: its fonts are found, the package never run."""
    sources = [
        p
        for folder in ("baoshe", "demo", "tests", "bench")
        for p in (ROOT / folder).rglob("*.py")
        if p != Path(__file__).resolve()
    ]
    pattern = re.compile(
        r"^\s*(import|from) (matplotlib|numpy|mplfonts)\b|files\(.mplfonts.\)", re.M
    )
    assert not [p for p in sources if pattern.search(p.read_text(encoding="utf-8"))]
    from baoshe_demo.fonts import font_path

    assert font_path().is_file()


def _environment_reads(path: Path) -> list[int]:
    """Lines of ``path`` that read the environment; copying it whole for a child is allowed."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    reads = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in {"environ", "getenv", "environb"}:
            if not (isinstance(node.value, ast.Name) and node.value.id == "os"):
                continue
            parent = parents.get(node)
            whole_copy = (
                isinstance(parent, ast.Dict) and None in parent.keys  # {**os.environ, …}
            ) or (
                isinstance(parent, ast.Call)
                and isinstance(parent.func, ast.Name)
                and parent.func.id == "dict"
                and node in parent.args  # dict(os.environ)
            )
            if not whole_copy:
                reads.append(node.lineno)
        elif (
            isinstance(node, ast.ImportFrom)
            and node.module == "os"
            and {alias.name for alias in node.names} & {"environ", "getenv"}
        ):
            reads.append(node.lineno)
    return reads


def test_the_environment_is_read_in_settings_environment_only():
    offenders = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in python_files()
        if path not in ENVIRONMENT_READERS
        for line in _environment_reads(path)
    ]
    assert not offenders, "read it in baoshe/settings/environment.py: " + ", ".join(offenders)


def test_the_environment_rule_can_fail(tmp_path):
    offender = tmp_path / "offender.py"
    offender.write_text(
        "import os\nfrom os import getenv\nA = os.environ.get('X')\nB = os.getenv('Y')\n"
        "C = os.environ['Z']\nD = {**os.environ, 'PORT': '1'}\nE = dict(os.environ)\n"
    )
    assert sorted(_environment_reads(offender)) == [2, 3, 4, 5]


def test_install_errors_are_shown():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "2>/dev/null ||" not in makefile
    assert "--require-hashes -r $(DEV_LOCK)" in makefile
