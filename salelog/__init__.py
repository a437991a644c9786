"""salelog: a personal sales logbook for the command line."""

import sys

if sys.version_info < (3, 12) and "datetime" not in sys.modules:
    # Python 3.11's `import datetime` runs the module's whole pure-Python twin (and
    # imports math) before the C module `_datetime` replaces every name in it: ~2.5 ms
    # of each start-up. `_datetime` is that same module (same classes, same names; 3.12
    # made the same split), so salelog's first import of datetime takes it directly.
    try:
        import _datetime
    except ImportError:  # an interpreter without the C module keeps the Python one
        pass
    else:
        sys.modules["datetime"] = _datetime

__version__ = "0.1.0"
