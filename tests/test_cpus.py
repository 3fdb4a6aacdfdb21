import os
import subprocess
import sys

import pytest

from kg.cpus import usable_cpus


def test_usable_cpus_are_those_of_the_affinity_mask():
    assert usable_cpus() == len(os.sched_getaffinity(0))


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="no CPU affinity on this system")
def test_a_process_pinned_to_one_cpu_defaults_to_one_worker():
    pin = "import os; os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})"
    code = f"{pin}; import kg.cli; print(kg.cli.DEFAULT_JOBS)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "1"
