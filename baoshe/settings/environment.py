"""Every environment variable baoshe reads, read in one place.

Settings modules import from here rather than calling ``os.environ`` themselves, so an operator
can see the whole configuration surface in one file (the README's configuration table mirrors it).
"""

import os
import secrets
from pathlib import Path

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
MEDIA_URL_ENV = os.environ.get("BAOSHE_MEDIA_URL", "")
S3_BUCKET = os.environ.get("BAOSHE_S3_BUCKET", "")


def secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once and kept in the data dir.

    A newsroom trying baoshe with ``make run`` should not have to invent a key, but the key
    must survive restarts (sessions and password-reset links depend on it), so it is stored.
    """
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    key_file = DATA_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key
