"""``python -m ipcast.cli``: the same as the ``ipcast`` command."""

from .app import main

main()
