"""Where salelog keeps its files when not told: the platform's user data and
config folders; and making folders for them that only their owner can read.

On Linux these are the XDG rules, computed here directly because importing
platformdirs costs ~15 ms, 1.5x Python's own start-up, on every command that is
not given --db; elsewhere platformdirs decides. tests/test_store.py checks that
both agree on Linux.
"""

import os
import sys

APP = "salelog"


def user_data_dir() -> str:
    if sys.platform.startswith("linux"):
        return os.path.join(_xdg("XDG_DATA_HOME", ".local/share"), APP)
    import platformdirs

    return platformdirs.user_data_dir(APP, appauthor=False)


def user_config_dir() -> str:
    if sys.platform.startswith("linux"):
        return os.path.join(_xdg("XDG_CONFIG_HOME", ".config"), APP)
    import platformdirs

    return platformdirs.user_config_dir(APP, appauthor=False)


def _xdg(variable: str, fallback: str) -> str:
    # Like platformdirs: an unset or blank variable means the default under HOME.
    value = os.environ.get(variable, "").strip()
    return value if value else os.path.join(os.path.expanduser("~"), fallback)


def make_private_folders(folder: str) -> None:
    """mkdir -p where every folder made is 0700 whatever the umask (os.makedirs
    applies its mode to the last folder only): the database's and the config's."""
    if os.path.isdir(folder):
        return
    make_private_folders(os.path.dirname(os.path.abspath(folder)))
    try:
        os.mkdir(folder, 0o700)
    except FileExistsError:
        return  # another process made it meanwhile
    os.chmod(folder, 0o700)  # mkdir's mode is masked by the umask: exactly 0700 whatever it is
