"""Serve the database with Datasette, read-only and local by default, live while a run writes.

Datasette opens the file ``mode=ro``, never ``immutable=1``: immutable promises
SQLite the file never changes, so it skips locking and the write-ahead log, and
a run writing meanwhile left pages it had not yet folded into the file unseen
("database disk image is malformed"). Read-only, each query sees the last
committed state: a run's documents show on the next page load. Datasette counts
a mutable database's rows and reads its schema version on every request, so no
count or table list goes stale.

A database rebuilt from scratch (removed, then written again) is a new file at
the same path. A connection to the old one must not stay: SQLite looks up the
write-ahead log by the file's name, and would lay the new file's log over the
old file's pages. So each query checks which file the path names, and on a new
one reopens, once the new file has its views (a run makes them as soon as it
opens a database): a rebuild then shows its documents as they are written, as
any run does. Every SQL thread opens its connection when the server starts, so
none is left to open a file that has just been removed.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import threading
import time
from pathlib import Path

import yaml
from datasette.database import Database

HERE = Path(__file__).resolve().parent / "datasette"
METADATA = HERE / "metadata.yml"
PLUGINS = HERE / "plugins"
TEMPLATES = HERE / "templates"
VIEWS_WAIT = 3.0  # seconds a query waits for a new file's views before reading it anyway


def metadata_for(db_path: str) -> dict:
    """The metadata file, keyed by this database's name (Datasette names a database after its file)."""
    metadata = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    name = Path(db_path).stem
    metadata["databases"] = {name: metadata["databases"]["timeline"]}
    metadata["description_html"] = metadata["description_html"].replace('href="/timeline/', f'href="/{name}/')
    return metadata


def _file_id(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


class _Connection(sqlite3.Connection):
    """A read-only connection that remembers which file it opened."""

    file_id: tuple[int, int] | None = None


def _has_views(path: str) -> bool:
    try:
        probe = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
    except sqlite3.Error:
        return False
    try:
        return probe.execute("select 1 from sqlite_master where name = 'timeline'").fetchone() is not None
    except sqlite3.Error:
        return False
    finally:
        probe.close()


def _wait_for_views(path: str, seconds: float = VIEWS_WAIT) -> None:
    """A run makes the views as soon as it opens a database; a new file shows them within moments."""
    deadline = time.monotonic() + seconds
    while not _has_views(path) and time.monotonic() < deadline:
        time.sleep(0.02)


class ReadOnlyFile(Database):
    """Datasette's Database, opened mode=ro and reopened when the path names another file."""

    def __init__(self, ds, path: str):
        super().__init__(ds, path=path, is_mutable=True)
        self._local = threading.local()

    @property
    def size(self) -> int:
        """The file's size; while a rebuild has removed it, the size last seen."""
        try:
            self._size = os.stat(self.path).st_size
        except OSError:
            pass
        return getattr(self, "_size", 0)

    @property
    def mtime_ns(self) -> int | None:
        try:
            return os.stat(self.path).st_mtime_ns
        except OSError:
            return None

    def connect(self, write=False):
        if write:
            raise sqlite3.OperationalError(f"{self.path} is served read-only")
        conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False, factory=_Connection)
        conn.file_id = _file_id(self.path)
        self._all_file_connections.append(conn)
        return conn

    def _current(self) -> sqlite3.Connection:
        """This thread's connection, reopened as soon as the path names another file."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            now = _file_id(self.path)
            if now is None or now == conn.file_id:
                return conn
            _wait_for_views(self.path)
            conn.close()
            self._all_file_connections.remove(conn)
        conn = self.connect()
        self.ds._prepare_connection(conn, self.name)
        self._local.conn = conn
        return conn

    def open_in_every_thread(self) -> None:
        """Each of Datasette's SQL threads opens its connection now: a thread started later, while a
        rebuild has removed the file, would find none to open."""
        if self.ds.executor is None:
            return
        threads = self.ds.setting("num_sql_threads")
        everyone = threading.Barrier(threads, timeout=10)  # all tasks at once: one on each thread

        def open_here():
            self._current()
            everyone.wait()

        for task in [self.ds.executor.submit(open_here) for _ in range(threads)]:
            task.result()

    async def execute_fn(self, fn):
        if self.ds.executor is None:
            return fn(self._current())
        return await asyncio.get_event_loop().run_in_executor(self.ds.executor, lambda: fn(self._current()))


def make_datasette(db_path: str):
    """A Datasette instance on the database, opened read-only (mode=ro) and live: see the module's docstring."""
    from datasette.app import Datasette

    datasette = Datasette(
        files=[db_path],
        metadata=metadata_for(db_path),
        plugins_dir=str(PLUGINS),
        template_dir=str(TEMPLATES),
        settings={"sql_time_limit_ms": 5000, "default_page_size": 100},
    )
    name = next(name for name, db in datasette.databases.items() if db.path == db_path)
    datasette.remove_database(name)
    database = datasette.add_database(ReadOnlyFile(datasette, db_path), name=name)
    database.open_in_every_thread()
    return datasette


def serve(db_path: str, host: str = "127.0.0.1", port: int = 8001) -> None:
    import uvicorn

    datasette = make_datasette(db_path)
    print(f"Serving {db_path} read-only at http://{host}:{port}/  (Ctrl-C to stop)")
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning")
