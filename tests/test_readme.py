"""The README's walk-through ("A week with salelog") runs as written: every line
of its first shell block, in order, in a fresh database, exits 0. A README that
fails on its own sequence is the first thing a new user meets."""

import re
import shlex
from pathlib import Path

from conftest import run

README = Path(__file__).resolve().parent.parent / "README.md"


def walkthrough() -> list[list[str]]:
    """The commands of the block under "## A week with salelog", comments and
    line continuations resolved as the shell would."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## A week with salelog", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)[1]
    commands = []
    for line in block.replace("\\\n", " ").splitlines():
        words = shlex.split(line, comments=True)
        if words:
            assert words[0] == "salelog", line
            commands.append(words[1:])
    return commands


def test_the_readme_walkthrough_runs_line_by_line_in_a_fresh_database(db):
    commands = walkthrough()
    assert len(commands) >= 15 and ["undo"] in commands
    for args in commands:
        result = run(*args)
        assert result.code == 0, (args, result.err)
    assert db.exists()
    assert "华东电子" in run("customer", "show", "张总", "--json").out  # the card filled in after visit add
    assert run("customer", "show", "王总").code == 1  # the last line, undo, took the last write back
