"""Bad input: one line saying what is wrong and how to fix it, a non-zero exit,
no traceback, and nothing written."""

import pytest
from conftest import ok, run, snapshot


def refused(*args: str, **kwargs):
    result = run(*args, **kwargs)
    assert result.code == 1, (result.code, result.out, result.err)
    assert result.err.startswith("error: ")
    assert "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) <= 2  # the message and a hint
    return result


@pytest.fixture
def logbook(db):
    """A database with a target and an entry, and its contents before the test."""
    ok("goal", "set", "revenue", "50万")
    ok("visit", "add", "张总", "-a", "1万")
    return snapshot(db)


@pytest.mark.parametrize("amount", ["-5", "0", "", "abc", "1.2.3", "1e400", "nan", "inf", "2e12", "1.005"])
def test_bad_amount_is_refused_and_nothing_written(db, logbook, amount):
    result = refused("visit", "add", "李经理", "--amount", amount)
    assert "amount" in result.err
    assert snapshot(db) == logbook


@pytest.mark.parametrize("when", ["someday", "2026-02-30", "25:00", "13月1日"])
def test_bad_date_says_which_forms_work(db, logbook, when):
    result = refused("visit", "add", "李经理", "--at", when)
    assert "2026-11-20" in result.err  # the hint lists forms that work
    refused("visit", "add", "李经理", "--next-date", when)
    assert snapshot(db) == logbook


def test_unknown_metric_suggests_the_closest_and_lists_all(db, logbook):
    result = refused("goal", "set", "revnue", "5")
    assert 'unknown metric "revnue"; did you mean revenue?' in result.err
    assert "new-clients" in result.err and "--custom" in result.err
    assert snapshot(db) == logbook


@pytest.mark.new_file
def test_unknown_metric_on_a_new_machine_creates_no_database(db):
    refused("goal", "set", "revnue", "5")
    assert not db.exists()


@pytest.mark.new_file
def test_bad_amount_on_a_new_machine_creates_no_database(db):
    refused("visit", "add", "张总", "-a", "abc")
    assert not db.exists()


@pytest.mark.parametrize("week", ["2026-13-01", "someday", "2026-W60"])
def test_bad_week_is_refused(db, logbook, week):
    result = refused("goal", "set", "visits", "10", "--week", week)
    assert "week" in result.err
    refused("week", "--week", week)
    assert snapshot(db) == logbook


def test_unknown_kind_suggests_the_closest(db, logbook):
    result = refused("visit", "add", "张总", "--kind", "cal")
    assert "did you mean call?" in result.err
    assert snapshot(db) == logbook


@pytest.mark.parametrize("name", ["", "   ", "张\x1b总"])
def test_empty_or_control_customer_name_is_refused(db, logbook, name):
    refused("visit", "add", name)
    assert snapshot(db) == logbook


@pytest.mark.parametrize("target", ["0", "-3", "2.5", "lots"])
def test_count_target_must_be_a_positive_whole_number(db, logbook, target):
    refused("goal", "set", "visits", target)
    assert snapshot(db) == logbook


def test_custom_metric_cannot_shadow_a_built_in(db, logbook):
    refused("goal", "set", "拜访", "3", "--custom")
    assert snapshot(db) == logbook


def test_bad_frozen_clock_is_reported():
    result = refused("week", env={"SALELOG_NOW": "next tuesday"})
    assert "SALELOG_NOW" in result.err


def test_usage_errors_exit_2_with_typers_message():
    result = run("visit", "add", "张总", "--colour", "red")
    assert result.code == 2 and "No such option" in result.err


def test_empty_at_is_refused_not_taken_as_now(db, logbook):
    assert "--at is empty" in refused("visit", "add", "张总", "--at", "").err
    assert snapshot(db) == logbook


def test_an_unknown_output_language_is_refused():
    assert "use --lang en or --lang zh" in refused("--lang", "fr", "visit", "add", "张总").err
    assert "use --lang en or --lang zh" in refused("--lang", "fr", "customer", "list").err
