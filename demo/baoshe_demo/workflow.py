"""The 三审三校 workflow's demo, loaded by ``baoshe load-demo`` after the newsroom's demo.

One user per role, with random passwords kept in ``var/demo-logins.txt`` (like the admin's in
``var/admin-login.txt``) and printed on every run, and the 三审三校 workflow in place.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from baoshe.workflow.roles import (
    ADMIN,
    CHIEF,
    DIRECTOR,
    EDITOR,
    LAYOUT_EDITOR,
    PROOFREADER,
    REPORTER,
    ensure_workflow,
)

#: As before, the workflow and its users come after the paper's columns and articles.
AFTER = ("newsroom",)

#: (username, display name, role)
DEMO_USERS = [
    ("reporter", "王记者", REPORTER),
    ("editor1", "李编辑", EDITOR),
    ("director", "赵主任", DIRECTOR),
    ("chief", "陈总编", CHIEF),
    ("proofreader", "孙校对", PROOFREADER),
    ("manager", "周管理员", ADMIN),
    ("layout", "吴版面", LAYOUT_EDITOR),
]
ROLE_STEP = {
    REPORTER: "写稿、提交审核",
    EDITOR: "一审",
    DIRECTOR: "二审、机审放行",
    CHIEF: "三审、签发",
    PROOFREADER: "三校",
    ADMIN: "管理",
    LAYOUT_EDITOR: "数字报导入、复核、发布",
}


def _read_logins(path) -> dict[str, str]:
    if not path.exists():
        return {}
    logins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if ":" in line:
            name, password = line.split(":", 1)
            logins[name.strip()] = password.strip()
    return logins


def ensure_users(data_dir=None) -> list[tuple[str, str, str, str]]:
    """The demo role users; returns (username, display name, role, password or "")."""
    data_dir = data_dir or settings.DATA_DIR
    ensure_workflow()
    groups = {g.name: g for g in Group.objects.all()}
    User = get_user_model()
    path = data_dir / "demo-logins.txt"
    logins = _read_logins(path)
    rows = []
    changed = False
    for username, display, role in DEMO_USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            password = secrets.token_urlsafe(9)
            user = User.objects.create_user(
                username, f"{username}@example.com", password, first_name=display
            )
            logins[username] = password
            changed = True
        user.groups.add(groups[role])
        rows.append((username, display, role, logins.get(username, "")))
    if changed:
        data_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(
            "".join(f"{name}:{password}\n" for name, password in logins.items()), encoding="utf-8"
        )
        path.chmod(0o600)
    return rows


def put_pieces_in_review() -> list[tuple[str, str]]:
    """The demo articles marked ``review = "一审"`` (or 二审, 三审) are submitted by the 记者 and
    approved up to that step, so each reviewer finds work waiting. Pieces already in (or past)
    a workflow are left alone: idempotent. Returns (title, step) for every piece waiting."""
    from baoshe.newsroom.models import Article
    from baoshe_demo.newsroom import content

    users = {u.username: u for u in get_user_model().objects.filter(username__in=REVIEWERS)}
    waiting = []
    for spec in content.ARTICLES:
        step = spec.get("review")
        article = Article.objects.filter(title=spec["title"]).first() if step else None
        if article is None:
            continue
        if article.current_workflow_state is None and not article.workflow_states.exists():
            revision = article.latest_revision
            revision.user = users["reporter"]
            revision.save(update_fields=["user"])
            article.get_default_workflow().start(article, users["reporter"])
            article.refresh_from_db()
        for reviewer in REVIEWERS[1:]:
            state = article.current_workflow_task_state
            if state is None or state.task.name not in STEPS:
                break  # held by 机审, or finished
            if STEPS.index(state.task.name) >= STEPS.index(step):
                break
            state.approve(user=users[reviewer])
            article.refresh_from_db()
        state = article.current_workflow_task_state
        if state is not None:
            waiting.append((article.title, state.task.name))
    return waiting


#: Who acts at each step, in order: the 记者 submits, then 一审, 二审 approve.
REVIEWERS = ("reporter", "editor1", "director")
STEPS = ("一审", "二审", "三审")


def load(stdout, style=None) -> None:
    rows = ensure_users()
    stdout.write("三审三校演示账号（密码保存在 var/demo-logins.txt）：")
    for username, display, role, password in rows:
        shown = password or "（密码已修改）"
        stdout.write(
            f"  {role:<10} {display:<5} 用户名 {username:<12} 密码 {shown}  [{ROLE_STEP[role]}]"
        )
    waiting = put_pieces_in_review()
    if waiting:
        stdout.write("待审稿件（用相应角色登录后台，在“等待我处理”中打开）：")
        for title, step in waiting:
            stdout.write(f"  {step}  {title}")
