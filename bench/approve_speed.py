"""How long does a reviewer's approval take on the server?

Migrates a throw-away SQLite database (``baoshe.settings.local``, so mail, search and the task
backend are the site's own), creates the six roles' users, lets a 记者 submit a clean piece,
then times each approve POST (一审, 二审, 三审) through Django's test client: the request as the
审核 page's button sends it, without a browser or network. ``--profile`` prints the top of a
cProfile of the slowest approval.

    .venv/bin/python bench/approve_speed.py [--runs 3] [--profile]
"""

import argparse
import cProfile
import os
import pstats
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "demo"))


from django.core.mail.backends.locmem import EmailBackend as _LocMem  # noqa: E402


class SlowMailBackend(_LocMem):
    """Django's in-memory mail backend that takes ``delay`` seconds per message."""

    delay = 0.0
    sent = 0

    def send_messages(self, messages):
        for _message in messages:
            time.sleep(SlowMailBackend.delay)
        SlowMailBackend.sent += len(messages)
        return super().send_messages(messages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--review-screen",
        action="store_true",
        help="post as the 审核 page's buttons do (then its message, then the 待审 list)",
    )
    parser.add_argument(
        "--group-size", type=int, default=1, help="members of each review group (mailed)"
    )
    parser.add_argument(
        "--smtp-delay",
        type=float,
        default=0.0,
        help="seconds a stand-in mail server takes per message (a remote SMTP round trip)",
    )
    args = parser.parse_args()
    os.environ.update(
        BAOSHE_DATA_DIR=tempfile.mkdtemp(prefix="baoshe-approve-"),
        DJANGO_SETTINGS_MODULE="baoshe.settings.local",
        SECRET_KEY="bench-only-not-secret",
    )
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.test import Client

    from baoshe.newsroom.models import Article
    from baoshe.workflow.roles import ensure_workflow
    from baoshe_demo.newsroom.loader import ensure_home
    from tests.factories import article_form, make_column

    settings.ALLOWED_HOSTS = ["*"]
    settings.EMAIL_BACKEND = "__main__.SlowMailBackend"
    SlowMailBackend.delay = args.smtp_delay
    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    ensure_workflow()
    column = make_column(ensure_home(), "本地", "bendi")
    users = {}
    for name, role in (
        ("reporter", "记者"),
        ("editor1", "编辑"),
        ("director", "部门主任/值班主任"),
        ("chief", "总编辑"),
    ):
        users[name] = User.objects.create_user(name, f"{name}@example.com", "x", first_name=name)
        users[name].groups.add(Group.objects.get(name=role))

    for role in ("编辑", "部门主任/值班主任", "总编辑"):
        for n in range(args.group_size - 1):
            extra = User.objects.create_user(f"{role}-{n}", f"m{n}-{len(role)}@example.com", "x")
            extra.groups.add(Group.objects.get(name=role))
    client = Client()
    timings = {1: [], 2: [], 3: []}
    follow_timings = {}
    mails = {}
    worst = None
    for run in range(args.runs):
        client.force_login(users["reporter"])
        title = f"审核速度测量稿件{run}"
        start = time.perf_counter()
        client.post(
            "/admin/snippets/newsroom/article/add/",
            {
                **article_form(column, ["社区工作人员上门安装烟雾报警器。"], title=title),
                "action-submit": "submit",
            },
        )
        print(f"submission (runs 机审): {(time.perf_counter() - start) * 1000:.0f} ms")
        article = Article.objects.get(title=title)
        for level, name in ((1, "editor1"), (2, "director"), (3, "chief")):
            client.force_login(users[name])
            state = article.current_workflow_task_state
            url = (
                f"/admin/snippets/newsroom/article/workflow/action/{article.pk}/approve/{state.pk}/"
            )
            if args.review_screen:
                url += f"?next=/admin/workflow/article/{article.pk}/decided/{state.pk}/"
            profiler = cProfile.Profile() if args.profile else None
            start = time.perf_counter()
            if profiler:
                profiler.enable()
            sent = SlowMailBackend.sent
            response = client.post(url, {"comment": ""})
            if profiler:
                profiler.disable()
            elapsed = time.perf_counter() - start
            assert response.status_code == 302, response.status_code
            timings[level].append(elapsed)
            mails.setdefault(level, []).append(SlowMailBackend.sent - sent)
            start = time.perf_counter()
            location, path = response["Location"], []
            while True:
                follow = client.get(location)
                path.append(location.split("?")[0])
                if follow.status_code != 302:
                    break
                location = follow["Location"]
            key = re.sub(r"\d+", "<n>", " → ".join(path))
            follow_timings.setdefault(key, []).append(time.perf_counter() - start)
            assert follow.status_code == 200, follow.status_code
            if worst is None or elapsed > worst[0]:
                worst = (elapsed, profiler, level)
            article.refresh_from_db()
        assert article.live, "not live after 三审"
    for level, values in timings.items():
        print(
            f"{level}审 approve: "
            + ", ".join(f"{v * 1000:.0f} ms" for v in values)
            + f" (best {min(values) * 1000:.0f} ms, worst {max(values) * 1000:.0f} ms);"
            + f" mails sent in the request: {mails[level]}"
        )
    for name, values in follow_timings.items():
        print(f"then GET {name}: " + ", ".join(f"{v * 1000:.0f} ms" for v in values))
    try:
        from django_tasks_db.models import DBTaskResult

        queued = DBTaskResult.objects.filter(task_path__endswith="send_workflow_notification")
        print(f"notification mails queued for the worker: {queued.count()} tasks")
    except ImportError:
        pass
    if args.profile and worst:
        print(f"\nprofile of the slowest ({worst[2]}审, {worst[0] * 1000:.0f} ms):")
        pstats.Stats(worst[1]).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
