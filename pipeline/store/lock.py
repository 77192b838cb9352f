"""The lock file next to a database: one run writes to it at a time.

The single writer is what keeps every document whole (see writer.py); a second
run started meanwhile waits up to ``--wait`` seconds, then stops with a sentence
naming the process that holds the lock.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path
from typing import TextIO


class RunLocked(Exception):
    pass


def acquire_lock(path: Path, wait: float) -> TextIO:
    """Only one run writes to a database at a time; a second one waits up to ``wait`` seconds."""
    handle = open(str(path) + ".lock", "a+")
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() < deadline:
                time.sleep(0.2)
                continue
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise RunLocked(
                f"Another run ({holder}) is writing to {path}; wait for it to finish "
                "(or pass --wait SECONDS) and run again."
            ) from None
    handle.seek(0)
    handle.truncate()
    handle.write(f"pid {os.getpid()}")
    handle.flush()
    return handle
