"""The Typer application: the root callback with the global options, and the
sub-apps from salelog/commands/. Imported only when the fast path declines."""

from contextlib import contextmanager
from functools import cache
from typing import Annotated

import typer
from typer.core import TyperGroup

from .cli import report_error
from .errors import SalelogError

HELP = """A personal sales logbook: set the week's targets, log every call and visit
the minute it ends, and see where you stand.

\b
Examples:
  salelog demo                      a sample week in a throwaway database
  salelog goal set revenue 50万      this week's revenue target
  salelog visit add 张总 -k call -a 1.2w -o 报价已发 --next-date fri
  salelog week                      target against actual, this week

\b
The database is --db PATH, else $SALELOG_DB, else your user data folder.
$SALELOG_NOW (e.g. 2026-11-25T18:00) replaces the clock, for back-filling
and tests.
"""


class SalelogGroup(TyperGroup):
    """Turns our errors into one line and exit 1 for every command beneath it,
    and makes Click's usage errors safe to print: they quote what was typed."""

    def make_context(self, *args, **kwargs):
        with _escaped_usage_errors():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx):
        try:
            with _escaped_usage_errors():
                return super().invoke(ctx)
        except SalelogError as e:
            raise typer.Exit(report_error(e)) from None


@contextmanager
def _escaped_usage_errors():
    """A usage error (exit 2) with a control or bidi character of the command
    line in its message gets it escaped, as every other message does."""
    from .text import visible

    UsageError = typer.BadParameter.__mro__[1]  # Click's, whether Typer bundles its own copy or not

    try:
        yield
    except UsageError as e:
        if type(e).__name__ == "NoArgsIsHelpError":
            raise  # a group typed alone: its message is the group's help, ours, lines and all
        e.message = visible(e.message, one_line=True)
        if _in_chinese():
            from .helpfmt import show_usage_error_in_chinese

            show_usage_error_in_chinese(e)
        raise


def _in_chinese() -> bool:
    from .i18n import chinese

    try:
        return chinese()
    except SalelogError:  # a config it cannot read: config set repairs it, any other command says so
        return False


def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option("--db", metavar="PATH", help="Database file (default: $SALELOG_DB, else the user data folder)."),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="LANG",
            help="en or zh: the language of tables, messages and reports (default: config lang, else the locale).",
        ),
    ] = None,
) -> None:
    # cli.main took --db and --lang off the line wherever they stood and put them
    # on the run's Context (ctx.obj); they are declared here for --help.
    from .cli import check_language
    from .context import current

    check_language(lang)
    run = ctx.obj = ctx.obj or current()
    run.db = db or run.db
    run.lang = lang or run.lang


SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def completion_for_shell(argv: list[str]) -> bool:
    """`--show-completion SHELL` / `--install-completion SHELL` for the shell named
    (Typer's own options detect the shell and would take "zsh" for a stray word,
    printing bash's script) -> True when done."""
    if len(argv) != 2 or argv[0] not in ("--show-completion", "--install-completion") or argv[1] not in SHELLS:
        return False
    from typer import completion

    if argv[0] == "--show-completion":
        print(completion.get_completion_script(prog_name="salelog", complete_var="_SALELOG_COMPLETE", shell=argv[1]))
    else:
        shell, path = completion.install(shell=argv[1], prog_name="salelog", complete_var="_SALELOG_COMPLETE")
        print(f"{shell} completion installed in {path}\nCompletion will take effect once you restart the terminal")
    return True


def build_command():
    """What runs the command line: the click command Typer makes of the app, with
    help wrapped by display width, in Chinese where the output is (salelog/helpfmt.py)."""
    in_chinese = _in_chinese()
    from typer.main import get_command

    from .helpfmt import chinese_help, english_help

    return (chinese_help if in_chinese else english_help)(get_command(build_app()))


@cache
def build_app() -> typer.Typer:
    from .commands import (
        activity,
        config,
        contract,
        customer,
        day,
        deal,
        demo,
        doctor,
        exchange,
        followup,
        goal,
        payment,
        plan,
        progress,
        remind,
        report,
        review,
        shell,
        task,
        team,
        undo,
        visit,
    )

    app = typer.Typer(
        name="salelog",
        help=HELP,
        cls=SalelogGroup,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        no_args_is_help=True,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(root)
    app.add_typer(goal.app, name="goal")
    app.add_typer(visit.app, name="visit")
    app.add_typer(customer.app, name="customer")
    app.add_typer(deal.app, name="deal")
    app.add_typer(contract.app, name="contract")
    app.command("pipeline")(deal.pipeline)
    app.command("followups")(followup.followups)
    app.add_typer(followup.app, name="followup")
    app.add_typer(task.app, name="task")
    app.command("plan")(plan.plan)
    app.add_typer(review.app, name="review")
    app.command("trend")(review.trend)
    app.command("remind")(remind.remind)
    app.command("aliases")(shell.aliases)
    app.add_typer(config.app, name="config")
    app.command("export")(exchange.export)
    app.command("import")(exchange.import_table)
    app.command("backup")(doctor.backup)
    app.command("doctor")(doctor.doctor)
    app.command("undo")(undo.undo)
    app.command("week")(progress.week)
    app.command("today")(progress.today)
    app.command("demo")(demo.demo)
    app.command("report")(report.report)
    app.add_typer(team.app, name="team")
    app.add_typer(day.app, name="day")
    app.add_typer(activity.app, name="activity")
    app.add_typer(payment.app, name="payment")
    app.command("receivables")(payment.receivables)
    return app
