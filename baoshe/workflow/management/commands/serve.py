"""``baoshe serve``: the web server, the task worker and the publishing clock, together.

Wagtail's scheduled publishing needs someone to run ``publish_scheduled`` every minute and
sites forget the cron line. ``make run`` and ``make serve`` start this command instead, which
runs three child processes and watches them:

* ``gunicorn baoshe.wsgi --bind 127.0.0.1:$PORT --workers 2 --threads 4`` (the site and admin),
* ``baoshe db_worker`` (django-tasks' database worker: e-paper imports, scheduled publishing),
* ``baoshe scheduler`` (every 30 s enqueues ``run_due_task``: publish due revisions, expire
  ended ones).

SIGINT and SIGTERM are forwarded to the children; when they have stopped the command exits 0.
If a child dies on its own the others are stopped and the command exits 1, so a supervisor
(systemd, Docker) restarts the set rather than running a site that silently stopped publishing.
"""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "启动网站（gunicorn）、后台任务 worker 和定时发布调度；Ctrl-C 一并停止。"

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
        parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="no task worker: the scheduler publishes due items itself",
        )
        parser.add_argument("--no-scheduler", action="store_true", help="no publishing clock")
        parser.add_argument(
            "--scheduler-interval", type=float, default=30.0, help="seconds, at most 30"
        )
        parser.add_argument(
            "--stop-timeout", type=float, default=15.0, help="seconds before children are killed"
        )
        parser.add_argument("--no-access-log", action="store_true")

    def children(self, options):
        python = sys.executable
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": os.environ.get(
                "DJANGO_SETTINGS_MODULE", "baoshe.settings.local"
            ),
            "PORT": str(options["port"]),
            "PYTHONUNBUFFERED": "1",
        }
        web = [
            python,
            "-m",
            "gunicorn",
            "baoshe.wsgi",
            "--bind",
            f"{options['host']}:{options['port']}",
            "--workers",
            str(options["workers"]),
            "--threads",
            str(options["threads"]),
        ]
        if not options["no_access_log"]:
            web += ["--access-logfile", "-"]
        specs = [("web", web)]
        if not options["no_worker"]:
            specs.append(
                ("worker", [python, "-m", "baoshe", "db_worker", "--interval", "1", "--no-reload"])
            )
        if not options["no_scheduler"]:
            interval = min(float(options["scheduler_interval"]), 30.0)
            scheduler = [python, "-m", "baoshe", "scheduler", "--interval", f"{interval:g}"]
            name = "scheduler"
            if options["no_worker"]:
                scheduler.append("--inline")
                name = "scheduler（无 worker，直接执行到期工作）"
            specs.append((name, scheduler))
        return specs, env

    def handle(self, *args, **options):
        specs, env = self.children(options)
        stop = {"signal": None}

        def on_signal(signum, frame):
            stop["signal"] = signum

        signal.signal(signal.SIGINT, on_signal)
        signal.signal(signal.SIGTERM, on_signal)

        processes = {}
        for name, argv in specs:
            processes[name] = subprocess.Popen(argv, env=env, cwd=str(settings.BASE_DIR))
            self.stdout.write(f"[serve] 已启动 {name}（pid {processes[name].pid}）")
        self.stdout.write(
            f"[serve] 网站 http://{options['host']}:{options['port']}/  "
            f"后台 http://{options['host']}:{options['port']}/admin/  （Ctrl-C 停止）"
        )
        self.stdout.flush()

        failed = None
        while stop["signal"] is None and failed is None:
            for name, process in processes.items():
                if process.poll() is not None:
                    failed = (name, process.returncode)
                    break
            else:
                time.sleep(0.2)

        if failed:
            self.stderr.write(
                f"[serve] {failed[0]} 意外退出（返回码 {failed[1]}），正在停止其余进程"
            )
        else:
            self.stdout.write(f"[serve] 收到 {signal.Signals(stop['signal']).name}，正在停止……")
        self.stdout.flush()
        self.stop_all(processes, options["stop_timeout"])
        if failed:
            sys.exit(1)
        self.stdout.write("[serve] 已全部停止")

    def stop_all(self, processes, timeout):
        for process in processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for name, process in processes.items():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self.stderr.write(f"[serve] {name} 未在 {timeout:g} 秒内退出，强制结束")
                process.kill()
                process.wait()
