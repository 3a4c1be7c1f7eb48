"""The ``ipcast`` command line."""

import os
import signal
import sys

# Ctrl-C while the command is still importing its libraries (seconds on a busy machine) ends it
# quietly with 130: nothing has been read or written yet. ``main()`` then turns Ctrl-C back into
# KeyboardInterrupt for the work itself. Only when run as the command, never on import elsewhere.
if sys.argv and (sys.argv[0] == "-m" or os.path.basename(sys.argv[0]) in ("ipcast", "ipcast.exe")):
    signal.signal(signal.SIGINT, lambda *_: os._exit(130))
