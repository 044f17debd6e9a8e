"""Configuration comes from environment variables, read in one place."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETTINGS_PROBE = """
import json, importlib
s = importlib.import_module("MODULE")
print(json.dumps({
    "db": s.DATABASES["default"], "cache": s.CACHES["default"]["BACKEND"], "debug": s.DEBUG,
    "hosts": s.ALLOWED_HOSTS, "media": str(s.MEDIA_ROOT), "lang": s.LANGUAGE_CODE,
    "tz": s.TIME_ZONE, "storage": s.STORAGES["default"]["BACKEND"],
}, default=str))
"""


def settings_under(env: dict, module: str = "baoshe.settings.local") -> dict:
    """Import a settings module in a fresh interpreter with ``env`` and report key values."""
    script = SETTINGS_PROBE.replace("MODULE", module)
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DATABASE", "REDIS", "BAOSHE", "DEBUG", "ALLOWED", "SECRET"))
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={**clean, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_defaults_are_embedded_sqlite_under_the_data_dir(tmp_path):
    values = settings_under({"BAOSHE_DATA_DIR": str(tmp_path)})
    assert values["db"]["ENGINE"] == "django.db.backends.sqlite3"
    assert values["db"]["NAME"] == str(tmp_path / "baoshe.sqlite3")
    assert values["media"] == str(tmp_path / "media")
    assert values["cache"].endswith("LocMemCache")
    assert values["debug"] is False
    assert values["lang"] == "zh-hans" and values["tz"] == "Asia/Shanghai"
    assert (tmp_path / "secret_key").exists(), "a secret key is generated and kept"


def test_postgres_redis_and_hosts_from_the_environment(tmp_path):
    values = settings_under(
        {
            "BAOSHE_DATA_DIR": str(tmp_path),
            "DATABASE_URL": "postgres://news:pw@db.internal:5432/paper",
            "REDIS_URL": "redis://127.0.0.1:6379/3",
            "ALLOWED_HOSTS": "news.example.com, www.example.com",
            "DEBUG": "true",
            "SECRET_KEY": "x" * 60,
        }
    )
    assert values["db"]["ENGINE"] == "django.db.backends.postgresql"
    assert (values["db"]["HOST"], values["db"]["NAME"]) == ("db.internal", "paper")
    assert values["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert values["hosts"] == ["news.example.com", "www.example.com"]
    assert values["debug"] is True


def test_s3_media_storage_when_a_bucket_is_configured(tmp_path):
    values = settings_under({"BAOSHE_DATA_DIR": str(tmp_path), "BAOSHE_S3_BUCKET": "paper-media"})
    assert values["storage"] == "storages.backends.s3.S3Storage"


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    script = "import baoshe.settings.production"
    clean = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={**clean, "BAOSHE_DATA_DIR": str(tmp_path)},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_settings_pass_check_deploy(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env={
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            "DJANGO_SETTINGS_MODULE": "baoshe.settings.production",
            "SECRET_KEY": "k" * 20 + "-Zq8!v2#Lm9@pX4$wR7&nB1^tY6*uE3%",
            "ALLOWED_HOSTS": "news.example.com",
            "BAOSHE_DATA_DIR": str(tmp_path),
        },
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
