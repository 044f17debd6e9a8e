"""Pages kept as files: ``<root>/<host>/<path>`` (``index.html`` for a path ending in ``/``).

Files are the store because every process on the machine shares them at no cost, nginx serves
them directly (``try_files``), and a purge is an unlink that everyone sees at once. Each page is
kept with ``.gz`` and ``.br`` siblings for servers that send precompressed bytes (compressed
once, hard, rather than on every response).

Races between a render and a purge are settled by a generation number and one lock file:

- a render notes the generation before it reads the database;
- a purge, under the lock, raises the generation and then unlinks the files;
- a render's file is moved into place, under the lock, only if the generation is still the one
  it noted; otherwise the render was (or may have been) of the state before the purge, and it
  is thrown away.

So once ``purge`` has returned, no file of the purged pages from before the purge exists, and
none can appear from a render that began before it.
"""

import fcntl
import gzip
import hashlib
import json
import os
import shutil
import tempfile
import uuid
from contextlib import contextmanager
from pathlib import Path

import brotli

from .headers import content_type_for

MAX_PATH = 1024
SIBLINGS = (".gz", ".br")
GENERATION = ".generation"
LOCK = ".lock"
TMP = ".tmp"
TRASH = ".trash-"
EXPIRING = ".expiring"
LOCKS = ".locks"


def valid_host(host: str) -> bool:
    """A host name as a directory: letters, digits, dots and hyphens, no leading dot."""
    return (
        0 < len(host) <= 253
        and host[0] not in ".-"
        and all(ch.isascii() and (ch.isalnum() or ch in ".-") for ch in host)
        and ".." not in host
    )


def relative_file(path: str) -> str | None:
    """The file (relative to the host directory) that keeps URL path ``path``, or None when the
    path is not one a cached page may have (no dot segments, ends in ``/`` or a known file
    name, never a sibling's or the index file's own name)."""
    if not path.startswith("/") or len(path) > MAX_PATH or "\x00" in path or "\\" in path:
        return None
    segments = path[1:].split("/")
    if any(segment in (".", "..") or segment.startswith(".") for segment in segments[:-1]):
        return None
    if any(segment == "" for segment in segments[:-1]):
        return None  # "//" in the middle
    last = segments[-1]
    if last == "":
        return "/".join([*segments[:-1], "index.html"])
    if last == "index.html" or last.startswith(".") or content_type_for(last) is None:
        return None
    return "/".join(segments)


def host_of(host_header: str) -> str:
    """The request's host without port, lowercased (``[::1]:8000`` -> ``[::1]`` is refused)."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return ""
    return host.rsplit(":", 1)[0] if ":" in host else host


def _due(entry_name: str, now: float) -> bool:
    stamp = entry_name.split("-", 1)[0]
    return stamp.isdigit() and int(stamp) <= now


class PageStore:
    def __init__(self, root: Path):
        self.root = Path(root)

    # -- reading -------------------------------------------------------------------------

    def file_for(self, host: str, path: str) -> Path | None:
        relative = relative_file(path)
        if relative is None or not valid_host(host):
            return None
        return self.root / host / relative

    def generation(self) -> int:
        try:
            return int((self.root / GENERATION).read_text() or 0)
        except (OSError, ValueError):
            return 0

    # -- writing -------------------------------------------------------------------------

    @contextmanager
    def _locked(self):
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / LOCK, "a+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _bump(self):
        target = self.root / GENERATION
        fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".gen-")
        with os.fdopen(fd, "w") as handle:
            handle.write(str(self.generation() + 1))
        os.replace(tmp, target)

    def write(self, host: str, path: str, body: bytes, generation: int) -> Path | None:
        """Keep ``body`` as the page at ``host``/``path`` if nothing was purged since
        ``generation`` was read; the file's path, or None when it was not kept."""
        target = self.file_for(host, path)
        if target is None:
            return None
        tmp_dir = self.root / TMP
        tmp_dir.mkdir(parents=True, exist_ok=True)
        stem = tmp_dir / uuid.uuid4().hex
        variants = {
            "": body,
            ".gz": gzip.compress(body, compresslevel=9, mtime=0),
            ".br": brotli.compress(body, quality=9),
        }
        written = []
        try:
            for suffix, data in variants.items():
                tmp = stem.with_name(stem.name + suffix)
                tmp.write_bytes(data)
                written.append((tmp, suffix))
            target.parent.mkdir(parents=True, exist_ok=True)
            with self._locked():
                if self.generation() != generation:
                    return None
                # Siblings first: the plain file is what a server looks for.
                for tmp, suffix in sorted(written, key=lambda item: item[1] == ""):
                    os.replace(tmp, target.with_name(target.name + suffix))
                written = []
            return target
        except (NotADirectoryError, IsADirectoryError, FileExistsError):
            return None  # a page path collides with another's directory: leave it uncached
        finally:
            for tmp, _suffix in written:
                tmp.unlink(missing_ok=True)

    def render_lock(self, target: Path):
        """An open lock file shared by the renders of ``target`` (one of 4,096, by hash):
        ``CachedPages`` holds it while one request renders the page for the others."""
        folder = self.root / LOCKS
        folder.mkdir(parents=True, exist_ok=True)
        bucket = hashlib.blake2b(str(target).encode(), digest_size=2).hexdigest()[:3]
        return open(folder / bucket, "a+b")

    # -- purging -------------------------------------------------------------------------

    def hosts(self) -> list[str]:
        try:
            return [p.name for p in self.root.iterdir() if p.is_dir() and valid_host(p.name)]
        except FileNotFoundError:
            return []

    def purge(self, paths, hosts=None) -> int:
        """Forget the pages at ``paths`` (URL paths) on every host (or ``hosts``); returns how
        many files were removed."""
        removed = 0
        trash = []
        with self._locked():
            self._bump()
            for host in hosts if hosts is not None else self.hosts():
                for path in paths:
                    if path.endswith("/*"):
                        trash += self._move_away(host, path[:-1])
                        continue
                    target = self.file_for(host, path)
                    if target is None:
                        continue
                    for suffix in ("", *SIBLINGS):
                        try:
                            target.with_name(target.name + suffix).unlink()
                            removed += suffix == ""
                        except FileNotFoundError:
                            pass
        for moved in trash:
            shutil.rmtree(moved, ignore_errors=True)
        return removed

    def _move_away(self, host: str, prefix: str) -> list[Path]:
        """Under the lock: rename the directory of pages under URL ``prefix`` out of sight."""
        index = self.file_for(host, prefix)
        if index is None:
            return []
        moved = self.root / f"{TRASH}{uuid.uuid4().hex}"
        try:
            os.replace(index.parent, moved)
        except FileNotFoundError:
            return []
        return [moved]

    def purge_all(self) -> None:
        """Forget every page: each host directory is renamed away at once, then deleted."""
        trash = []
        with self._locked():
            self._bump()
            for host in self.hosts():
                moved = self.root / f"{TRASH}{uuid.uuid4().hex}"
                os.replace(self.root / host, moved)
                trash.append(moved)
        for moved in trash:
            shutil.rmtree(moved, ignore_errors=True)

    # -- pages that change by the clock ----------------------------------------------------

    def expire_at(self, host: str, path: str, when: float) -> None:
        """Note that the page at ``host``/``path`` must be forgotten at ``when`` (epoch)."""
        folder = self.root / EXPIRING
        folder.mkdir(parents=True, exist_ok=True)
        entry = folder / f"{int(when):012d}-{uuid.uuid4().hex}"
        entry.write_text(json.dumps([host, path]))

    def purge_expired(self, now: float) -> int:
        """Forget the pages whose time has come; returns how many entries were due."""
        folder = self.root / EXPIRING
        try:
            names = sorted(os.listdir(folder))
        except FileNotFoundError:
            return 0
        due = [name for name in names if _due(name, now)]
        by_host: dict[str, set[str]] = {}
        for name in due:
            try:
                host, path = json.loads((folder / name).read_text())
            except (OSError, ValueError):
                continue
            by_host.setdefault(host, set()).add(path)
        for host, paths in by_host.items():
            self.purge(sorted(paths), hosts=[host])
        for name in due:
            (folder / name).unlink(missing_ok=True)
        return len(due)

    def count(self) -> int:
        return sum(
            1
            for host in self.hosts()
            for p in (self.root / host).rglob("*")
            if p.is_file() and p.suffix not in SIBLINGS
        )
