"""Every environment variable baoshe reads, read in one place.

Settings modules import from here rather than calling ``os.environ`` themselves, so an operator
can see the whole configuration surface in one file (the README's configuration table mirrors it).
Code outside the settings reads the matching Django setting, never the environment
(``tests/core/test_packaging.py`` holds to that). Importing this module writes nothing: the one
file baoshe generates for itself, the local secret key, is written by the ``baoshe`` command
(:func:`ensure_secret_key_file`) before Django starts.
"""

import os
import secrets
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

PROJECT_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DATA_DIR = Path(os.environ.get("BAOSHE_DATA_DIR") or PROJECT_DIR / "var").resolve()
DEBUG = env_bool("DEBUG", False)
PORT = os.environ.get("PORT", "8000")
BASE_URL = os.environ.get("BAOSHE_BASE_URL", f"http://127.0.0.1:{PORT}").rstrip("/")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
DATABASE_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = os.environ.get("REDIS_URL", "")
# Trusted reverse proxies in front of the app (nginx: 1; a CDN and nginx: 2): the client's
# address is then the X-Forwarded-For hop the outermost one added.
PROXY_COUNT = int(os.environ.get("BAOSHE_PROXY_COUNT", "0") or 0)
# The page cache (baoshe/pagecache): off with 0, e.g. to measure cold renders.
PAGE_CACHE = env_bool("BAOSHE_PAGE_CACHE", True)
MEDIA_URL_ENV = os.environ.get("BAOSHE_MEDIA_URL", "")
S3_BUCKET = os.environ.get("BAOSHE_S3_BUCKET", "")
# Where browsers fetch S3 media from (for the Content Security Policy): django-storages'
# AWS_S3_CUSTOM_DOMAIN, else its AWS_S3_ENDPOINT_URL, else the bucket's AWS address.
S3_PUBLIC_URL = (
    (
        f"https://{os.environ['AWS_S3_CUSTOM_DOMAIN']}"
        if os.environ.get("AWS_S3_CUSTOM_DOMAIN")
        else ""
    )
    or os.environ.get("AWS_S3_ENDPOINT_URL", "")
    or (f"https://{S3_BUCKET}.s3.amazonaws.com" if S3_BUCKET else "")
)
EMAIL_URL = os.environ.get("EMAIL_URL", "")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
SECRET_KEY_FILE = DATA_DIR / "secret_key"
# The test settings' database (SQLite in memory when unset).
TEST_DATABASE_URL = os.environ.get("BAOSHE_TEST_DATABASE_URL", "")
# Web servers and task workers load the 机审 lexicon at start-up unless this says 0/false/no/off.
PROOFREAD_WARM_UP = os.environ.get("BAOSHE_PROOFREAD_WARM_UP", "").strip().lower() not in {
    "0",
    "false",
    "no",
    "off",
}


def email_settings(url: str, data_dir: Path) -> dict:
    """Django's EMAIL_* settings for ``url``; without one, mail is written to files.

    Until an operator names a mail server, workflow notifications land as ``.log`` files under
    ``<data dir>/mail`` instead of failing to reach ``localhost:25`` (which logged a traceback on
    every 三审三校 step). Accepted forms::

        smtp://user:password@host:25          plain SMTP (STARTTLS with ?tls=1)
        smtp+tls://user:password@host:587     STARTTLS
        smtps://user:password@host:465        SMTP over TLS
        console://                            print mail to the server's output
        file:///srv/paper/mail                write mail into that folder
    """
    if not url:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(data_dir / "mail"),
        }
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if scheme == "file":
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": unquote(parts.path) or str(data_dir / "mail"),
        }
    if scheme not in {"smtp", "smtp+tls", "smtps", "smtp+ssl"}:
        raise ValueError(f"EMAIL_URL: unsupported scheme {parts.scheme!r}")
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    use_ssl = scheme in {"smtps", "smtp+ssl"} or query.get("ssl", "") in {"1", "true"}
    use_tls = not use_ssl and (scheme == "smtp+tls" or query.get("tls", "") in {"1", "true"})
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname or "localhost",
        "EMAIL_PORT": parts.port or (465 if use_ssl else 587 if use_tls else 25),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": use_tls,
        "EMAIL_USE_SSL": use_ssl,
        "EMAIL_TIMEOUT": 10,
    }


def secret_key() -> str:
    """SECRET_KEY from the environment, else the key kept in the data dir, else "" (no key yet).

    Reads only. A newsroom trying baoshe with ``make run`` should not have to invent a key, so
    the ``baoshe`` command stores one on its first run (:func:`ensure_secret_key_file`); the
    production settings refuse to start without SECRET_KEY in the environment.
    """
    if SECRET_KEY:
        return SECRET_KEY
    try:
        return SECRET_KEY_FILE.read_text().strip()
    except FileNotFoundError:
        return ""


def ensure_secret_key_file() -> Path | None:
    """Generate the local secret key once and keep it in the data dir; return its file.

    The key must survive restarts (sessions and password-reset links depend on it), so it is
    stored rather than made up per process. Nothing is written when SECRET_KEY is set.
    """
    if SECRET_KEY:
        return None
    if not SECRET_KEY_FILE.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        SECRET_KEY_FILE.touch(mode=0o600)
        SECRET_KEY_FILE.write_text(secrets.token_urlsafe(50))
    return SECRET_KEY_FILE
