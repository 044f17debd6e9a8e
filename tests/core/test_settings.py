"""Configuration comes from environment variables, read in one place."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

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


@pytest.mark.parametrize(
    "module",
    [
        "baoshe.settings.local",
        "baoshe.settings.dev",
        "baoshe.settings.test",
        "baoshe.settings.base",
    ],
)
def test_importing_settings_writes_nothing(tmp_path, module):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    values = settings_under({"BAOSHE_DATA_DIR": str(data_dir)}, module)
    assert list(data_dir.iterdir()) == []
    assert not Path(values["media"]).exists(), "media and static dirs are made on first write"


def test_importing_production_settings_writes_nothing(tmp_path):
    settings_under(
        {"BAOSHE_DATA_DIR": str(tmp_path), "SECRET_KEY": "k" * 50}, "baoshe.settings.production"
    )
    assert list(tmp_path.iterdir()) == []


def run_baoshe(env: dict, *args: str) -> subprocess.CompletedProcess:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("BAOSHE", "SECRET", "DJANGO"))
    }
    return subprocess.run(
        [sys.executable, "-m", "baoshe.cli", *args],
        env={**clean, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_baoshe_command_keeps_one_generated_secret_key(tmp_path):
    env = {"BAOSHE_DATA_DIR": str(tmp_path / "data")}
    result = run_baoshe(env, "version")
    assert result.returncode == 0, result.stderr
    key_file = tmp_path / "data" / "secret_key"
    key = key_file.read_text()
    assert len(key) >= 50 and key_file.stat().st_mode & 0o077 == 0
    assert run_baoshe(env, "version").returncode == 0
    assert key_file.read_text() == key, "the key survives restarts"
    probe = "from django.conf import settings; print(settings.SECRET_KEY)"
    result = subprocess.run(
        [sys.executable, "-c", probe],
        env={
            **{k: v for k, v in os.environ.items() if k != "SECRET_KEY"},
            **env,
            "DJANGO_SETTINGS_MODULE": "baoshe.settings.local",
        },
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == key


def test_no_key_file_with_a_secret_key_or_production_settings(tmp_path):
    data_dir = tmp_path / "data"
    result = run_baoshe({"BAOSHE_DATA_DIR": str(data_dir), "SECRET_KEY": "s" * 50}, "version")
    assert result.returncode == 0, result.stderr
    assert not data_dir.exists()
    result = run_baoshe(
        {"BAOSHE_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "baoshe.settings.production"},
        "check",
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr
    assert not data_dir.exists()


def test_environment_variables_reach_the_settings_that_other_modules_read(tmp_path):
    script = (
        "import json, importlib; s = importlib.import_module('baoshe.settings.MODULE');"
        "print(json.dumps([s.BAOSHE_PORT, s.BAOSHE_PROOFREAD_WARM_UP, s.DATABASES['default']]))"
    )
    env = {
        "BAOSHE_DATA_DIR": str(tmp_path),
        "PORT": "8123",
        "BAOSHE_PROOFREAD_WARM_UP": "0",
        "BAOSHE_TEST_DATABASE_URL": "postgres://u@db.internal:5432/t",
    }
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("BAOSHE", "PORT"))}
    out = subprocess.run(
        [sys.executable, "-c", script.replace("MODULE", "test")],
        env={**clean, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    port, warm_up, database = json.loads(out)
    assert (port, warm_up) == ("8123", False)
    assert (database["HOST"], database["NAME"]) == ("db.internal", "t")


def test_the_default_site_follows_the_public_address(settings, home):
    from django.core.management import call_command
    from wagtail.models import Site

    from baoshe.core.address import check_site_address, public_url

    settings.BAOSHE_BASE_URL = "https://news.example.com"
    assert public_url("/about/") == "https://news.example.com/about/"
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    [warning] = check_site_address(databases=["default"])
    assert warning.id == "baoshe.W001" and "BAOSHE_BASE_URL" in warning.msg

    call_command("sync_site", stdout=io.StringIO())
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("news.example.com", 443)
    assert check_site_address(databases=["default"]) == []
    assert site.root_page.get_full_url() == "https://news.example.com/"
