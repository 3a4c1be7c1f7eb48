"""``python -m ipcast.cli``: the same as the ``ipcast`` command."""

from ipcast.cli.app import main

main()
