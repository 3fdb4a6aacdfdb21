"""``python -m kg``: the same commands as ``kg``."""

from kg.cli import main

main()
