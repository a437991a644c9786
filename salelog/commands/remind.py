"""salelog remind: what needs attention now, for cron (silent when nothing does).
Declarations and help only; the body is in salelog/actions/remind.py."""

from typing import Annotated

import typer

from ..actions import remind as remind_actions


def remind(
    ctx: typer.Context,
    notify: Annotated[
        bool,
        typer.Option(
            "--notify",
            help="Also send a desktop notification (notify-send, osascript); one line on stderr when none can be"
            " sent. From cron it needs DISPLAY and DBUS_SESSION_BUS_ADDRESS of your desktop session.",
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array (empty when nothing is due).")] = False,
) -> None:
    """Print what needs attention now, and nothing at all when nothing does (cron
    mails any output): follow-ups and tasks due or overdue, no targets by Monday
    10:00, behind pace on Wednesday and Thursday from 12:00, nothing logged by
    18:00 on a working day, A customers not contacted for 14 days. Those times
    and days are the defaults of the config keys remind_targets_by,
    remind_pace_days, remind_pace_from, remind_log_by and neglect_days.A
    (salelog config --help). Five tasks at most, then one line for the rest.

    \b
    Examples:
      salelog remind
      salelog remind --notify
      crontab:  0 9,14,18 * * 1-5  salelog remind
      crontab, with a notification (one line; 1000: your uid, see: id -u):
        0 9,14,18 * * 1-5  DISPLAY=:0 DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/1000/bus salelog remind --notify
    """
    remind_actions.remind(ctx.obj, notify=notify, as_json=as_json)
