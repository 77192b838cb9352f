"""Memory of a measurement: getrusage peaks inside it, and the peak of its whole process tree sampled from /proc."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable


def peak_rss_mb() -> tuple[float, float]:
    """getrusage peaks: this process (RUSAGE_SELF) and its largest reaped child (RUSAGE_CHILDREN)."""
    import resource

    scale = 1 / 1024 if sys.platform != "darwin" else 1 / 1024 / 1024  # Linux reports KiB, macOS bytes
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale
    return own, children


class TreeRssSampler(threading.Thread):
    """Peaks of the summed RSS and summed PSS of a process and all its descendants, sampled from /proc.

    getrusage gives one process's peak, not the peak of a worker pool as a whole.
    Summing RSS counts every page a worker shares with the process it was forked
    from once per process, so that sum is an upper bound; a worker forked late
    from a writer holding 170 MB starts at 170 MB of RSS while owning little of
    it. PSS (proportional set size) charges a shared page to its sharers in
    parts, so the PSS sum is the memory the job as a whole holds.
    """

    # The sampler shares the machine it measures: on two cores it takes its CPU from the workers. Listing
    # /proc and reading smaps_rollup (which walks page tables) every 0.1 s cost 7 ms a sample, 7 % of a core;
    # now the tree comes from /proc/<pid>/task/*/children and PSS is read every PSS_EVERY-th sample.
    PSS_EVERY = 5

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_mb: float | None = 0.0 if os.path.isdir("/proc/self") else None
        self.peak_pss_mb: float | None = 0.0 if os.path.exists("/proc/self/smaps_rollup") else None
        self.stop = threading.Event()

    def run(self) -> None:
        if self.peak_mb is None:
            return
        page = os.sysconf("SC_PAGE_SIZE")
        samples = 0
        while not self.stop.wait(self.interval):
            pids = _process_tree(self.pid)
            self.peak_mb = max(self.peak_mb, sum(_rss_pages(pid) for pid in pids) * page / 2**20)
            samples += 1
            if self.peak_pss_mb is not None and samples % self.PSS_EVERY == 1:
                self.peak_pss_mb = max(self.peak_pss_mb, sum(_pss_kb(pid) for pid in pids) / 1024)


def _rss_pages(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, IndexError, ValueError):
        pass
    return 0


def _process_tree(root: int) -> list[int]:
    """``root`` and all its descendants, from /proc (each process's children file where the kernel has one)."""
    children_of = _children_from_file if os.path.exists(f"/proc/{root}/task/{root}/children") else _children_by_scan()
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children_of(pid))
    return found


def _children_from_file(pid: int) -> list[int]:
    children: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", "rb") as handle:
                children.extend(int(child) for child in handle.read().split())
    except (OSError, ValueError):
        pass  # the process ended between two reads
    return children


def _children_by_scan() -> Callable[[int], list[int]]:
    """Children by parent, from every process's stat file (kernels without children files)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as handle:
                    ppid = int(handle.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    return lambda pid: children.get(pid, [])
