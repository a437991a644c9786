"""salelog: a personal sales logbook for the command line."""

__version__ = "0.1.0"
