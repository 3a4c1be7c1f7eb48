"""The ``ipcast`` command: parses options, calls the library and renders what it returns."""
