"""How many processors this process may run on: the default number of extraction workers."""

from __future__ import annotations

import os


def usable_cpus() -> int:
    """The CPUs the process is allowed (``taskset``, cgroups' cpusets), not the machine's count:
    pinned to one core, forking two workers would only make them take turns."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
