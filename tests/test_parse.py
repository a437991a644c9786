"""What users type -> amounts, counts, dates; and amounts back to text."""

import contextlib
import subprocess
import sys
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salelog.errors import SalelogError
from salelog.money import format_amount, format_count
from salelog.parse import (
    parse_amount,
    parse_count,
    parse_date,
    parse_datetime,
    parse_minutes,
)

NOW = datetime(2026, 11, 25, 18, 0)  # a Wednesday evening; the week began Mon 11-23
MONDAY = datetime(2026, 11, 23, 9, 0)
SUNDAY = datetime(2026, 11, 29, 20, 0)

YUAN = 100  # fen


# --------------------------------------------------------------------------
# parse_amount
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("3500", 3500 * YUAN),
        ("3500.5", 350050),
        ("3500.50", 350050),
        ("0.01", 1),
        ("  3500  ", 3500 * YUAN),
        ("12,000", 12000 * YUAN),
        ("1,234,567.89", 123456789),
    ],
)
def test_plain_numbers_read_as_yuan(text, fen):
    assert parse_amount(text) == fen


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("50万", 500_000 * YUAN),
        ("0.5万", 5_000 * YUAN),
        ("1.2w", 12_000 * YUAN),
        ("1.5W", 15_000 * YUAN),
        ("1.234w", 12_340 * YUAN),
        ("1.2345万", 12_345 * YUAN),
        ("50 万", 500_000 * YUAN),
    ],
)
def test_wan_suffix_reads_as_ten_thousand_yuan(text, fen):
    assert parse_amount(text) == fen


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("12k", 12_000 * YUAN),
        ("12K", 12_000 * YUAN),
        ("3千", 3_000 * YUAN),
        ("1.5亿", 150_000_000 * YUAN),
        ("3千万", 30_000_000 * YUAN),
        ("1kw", 10_000_000 * YUAN),
        ("2亿3000万", 230_000_000 * YUAN),
        ("1k5", 1_500 * YUAN),
    ],
)
def test_k_qian_and_yi_multiply_like_a_salesperson_means(text, fen):
    assert parse_amount(text) == fen


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("¥3,500.50", 350050),
        ("￥3500", 3500 * YUAN),
        ("¥ 3500", 3500 * YUAN),
        ("3500元", 3500 * YUAN),
        ("3500 元", 3500 * YUAN),
        ("3500块", 3500 * YUAN),
        ("3500块钱", 3500 * YUAN),
        ("RMB 3500", 3500 * YUAN),
        ("rmb3500", 3500 * YUAN),
        ("2.5万元", 25_000 * YUAN),
    ],
)
def test_currency_marks_around_the_number_are_ignored(text, fen):
    assert parse_amount(text) == fen


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("１２，０００", 12_000 * YUAN),
        ("12，000", 12_000 * YUAN),
        ("１．５Ｗ", 15_000 * YUAN),
        ("\u30003500\u3000", 3500 * YUAN),
    ],
)
def test_full_width_input_from_a_chinese_keyboard_is_folded(text, fen):
    assert parse_amount(text) == fen


@pytest.mark.parametrize(
    ("text", "yuan"),
    [
        ("五十万", 500_000),
        ("三千五百", 3_500),
        ("两千", 2_000),
        ("十", 10),
        ("十二万", 120_000),
        ("一百五十万元", 1_500_000),
        ("一万零五", 10_005),
        ("一千零五十", 1_050),
        ("一百零五万", 1_050_000),
        ("一亿二千万", 120_000_000),
        ("一万亿", 1_000_000_000_000),
        ("壹万贰仟", 12_000),
        ("一点五万", 15_000),
    ],
)
def test_chinese_numerals_read_as_written(text, yuan):
    assert parse_amount(text) == yuan * YUAN


@pytest.mark.parametrize(
    ("text", "yuan"),
    [
        ("一万二", 12_000),
        ("三千五", 3_500),
        ("两百五", 250),
        ("十二万三", 123_000),
        ("一亿五", 150_000_000),
        ("1万2", 12_000),
        ("1w5", 15_000),
    ],
)
def test_a_lone_digit_after_a_unit_is_the_next_unit_down(text, yuan):
    # 一万二 is 12000, not 10002 — that would be 一万零二
    assert parse_amount(text) == yuan * YUAN


def test_a_full_arabic_tail_after_wan_is_added():
    assert parse_amount("1万2500") == 12_500 * YUAN
    assert parse_amount("1万0500") == 10_500 * YUAN
    assert parse_amount("1万零500") == 10_500 * YUAN


@pytest.mark.parametrize("text", ["1万25", "1万05", "1k50"])
def test_a_short_arabic_tail_after_a_unit_is_refused_as_ambiguous(text):
    # 1万25: is it 1.25万 or 10,025? Better to ask than to store the wrong sum.
    with pytest.raises(SalelogError, match="cannot read amount"):
        parse_amount(text)


def test_the_same_value_written_five_ways_stores_the_same_fen():
    forms = ["50万", "500,000", "500k", "五十万", "500000元", "¥500,000.00", "50w"]
    assert {parse_amount(form) for form in forms} == {500_000 * YUAN}


def test_zero_is_refused_unless_allowed():
    with pytest.raises(SalelogError, match="more than 0"):
        parse_amount("0")
    assert parse_amount("0", allow_zero=True) == 0
    assert parse_amount("零", allow_zero=True) == 0


@pytest.mark.parametrize("text", ["-5", "−5", "－5", "-¥5", "¥-5", "负5", "-1.2w"])
def test_negative_amounts_are_refused_as_not_positive(text):
    with pytest.raises(SalelogError, match="must be positive") as caught:
        parse_amount(text)
    assert caught.value.hint


@pytest.mark.parametrize("text", ["1.005", "0.001", "1.2345678w", "3500.999"])
def test_more_than_two_decimals_of_yuan_is_refused(text):
    with pytest.raises(SalelogError, match="more than 2 decimals") as caught:
        parse_amount(text)
    assert "fen" in caught.value.hint


@pytest.mark.parametrize("text", ["10001亿", "2万亿", "1,000,000,000,001", "9999999999999999999999"])
def test_absurdly_large_amounts_are_refused(text):
    with pytest.raises(SalelogError, match="absurdly large"):
        parse_amount(text)


def test_exactly_one_wan_yi_is_the_largest_amount():
    assert parse_amount("1万亿") == 10**12 * YUAN


@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "1.2.3",
        "1e400",
        "1e3",
        "nan",
        "inf",
        "Infinity",
        "1,2,3",
        "1,0000",
        "12 000",
        ".5",
        "3500.",
        "万",
        "一二",
        "十十",
        "二百三千",
        "一千二万",
        "1万1.5",
        "3块5",
        "$3500",
        "3500\x00",
        "½",
        "٣٥",
    ],
)
def test_unreadable_amounts_say_which_forms_work(text):
    with pytest.raises(SalelogError, match="cannot read amount") as caught:
        parse_amount(text)
    assert "50万" in caught.value.hint


@pytest.mark.parametrize("text", ["", "   ", "\u3000"])
def test_blank_amount_says_none_was_given(text):
    with pytest.raises(SalelogError, match="no amount given"):
        parse_amount(text)


def test_m_for_million_is_refused_as_ambiguous():
    with pytest.raises(SalelogError, match="ambiguous") as caught:
        parse_amount("5m")
    assert "500万" in caught.value.hint


def test_long_junk_is_quoted_short_in_one_line():
    with pytest.raises(SalelogError) as caught:
        parse_amount("x" * 60 + "\n" + "y" * 1000)
    message = caught.value.message
    assert "\n" not in message
    assert len(message) < 100


# --------------------------------------------------------------------------
# parse_count
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("10", 10),
        ("15", 15),
        ("1k", 1_000),
        ("2w", 20_000),
        ("十", 10),
        ("二十", 20),
        ("1,234", 1_234),
        ("1.5k", 1_500),
    ],
)
def test_counts_use_the_same_number_grammar(text, count):
    assert parse_count(text) == count


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1.5", "not a whole number"),
        ("0", "must be positive"),
        ("-3", "must be positive"),
        ("11亿", "too large"),
        ("abc", "cannot read number"),
        ("¥10", "cannot read number"),
        ("", "no number given"),
    ],
)
def test_bad_counts_are_refused(text, message):
    with pytest.raises(SalelogError, match=message):
        parse_count(text)


# --------------------------------------------------------------------------
# format_amount / format_count
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fen", "text"),
    [
        (0, "0"),
        (1, "0.01"),
        (3500 * YUAN, "3,500"),
        (350050, "3,500.50"),
        (350005, "3,500.05"),
        (10_000 * YUAN, "1万"),
        (125_000 * YUAN, "12.5万"),
        (500_000 * YUAN, "50万"),
        (123_456 * YUAN, "12.3456万"),
        (1_234_567 * YUAN, "123.4567万"),
        (1_000_050, "10,000.50"),
        (150_000_000 * YUAN, "1.5亿"),
        (123_450_000 * YUAN, "1.2345亿"),
        (123_456_789 * YUAN, "12345.6789万"),
        (10**12 * YUAN, "10000亿"),
        (-350050, "-3,500.50"),
        (-500_000 * YUAN, "-50万"),
    ],
)
def test_exact_amounts_are_written_the_way_a_salesperson_writes_them(fen, text):
    assert format_amount(fen) == text


@pytest.mark.parametrize(
    ("fen", "text"),
    [
        (0, "0"),
        (350050, "3,501"),
        (350049, "3,500"),
        (208_333 * YUAN, "20.83万"),
        (500_000 * YUAN, "50万"),
        (125_050 * YUAN, "12.51万"),
        (999_960, "1万"),
        (99_999_999 * YUAN, "1亿"),
        (123_456_789 * YUAN, "1.23亿"),
        (-208_333 * YUAN, "-20.83万"),
        (-1, "0"),
    ],
)
def test_approximate_amounts_round_half_up_for_tables(fen, text):
    assert format_amount(fen, approx=True) == text


@pytest.mark.parametrize(
    "fen",
    [
        1,
        99,
        100,
        350050,
        999_999,
        1_000_000,
        1_000_001,
        1_000_100,
        123_456_789,
        12_345_678_900,
        10**10,
        10**14,
        7 * 10**13 + 100,
    ],
)
def test_exact_format_round_trips_through_parse(fen):
    assert parse_amount(format_amount(fen)) == fen


def test_counts_are_written_with_thousands_commas():
    assert format_count(1234) == "1,234"
    assert format_count(5) == "5"


# --------------------------------------------------------------------------
# parse_date / parse_datetime
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["2026-11-20", "2026/11/20", "2026.11.20", "20261120", "2026年11月20日", "2026年11月20号", " 2026-11-20 "],
)
def test_full_dates_read_exactly(text):
    assert parse_date(text, NOW) == date(2026, 11, 20)


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("2026-11-20 15:30", datetime(2026, 11, 20, 15, 30)),
        ("2026-11-20T15:30", datetime(2026, 11, 20, 15, 30)),
        ("2026-11-20 15:30:05", datetime(2026, 11, 20, 15, 30, 5)),
        ("2026-11-2015:30", datetime(2026, 11, 20, 15, 30)),
    ],
)
def test_iso_dates_with_a_time(text, when):
    assert parse_datetime(text, NOW) == when


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("today", 25),
        ("TODAY", 25),
        ("yesterday", 24),
        ("tomorrow", 26),
        ("今天", 25),
        ("今日", 25),
        ("昨天", 24),
        ("昨日", 24),
        ("前天", 23),
        ("大前天", 22),
        ("明天", 26),
        ("明日", 26),
        ("后天", 27),
        ("大后天", 28),
    ],
)
def test_relative_day_words(text, day):
    assert parse_date(text, NOW) == date(2026, 11, day)


@pytest.mark.parametrize("text", ["now", "现在", "刚才", "刚刚", "today", "今天"])
def test_now_and_today_without_a_time_mean_this_moment(text):
    assert parse_datetime(text, NOW) == NOW


def test_another_day_without_a_time_means_noon():
    assert parse_datetime("yesterday", NOW) == datetime(2026, 11, 24, 12, 0)


@pytest.mark.parametrize(
    ("text", "past", "future"),
    [
        ("mon", date(2026, 11, 23), date(2026, 11, 30)),
        ("monday", date(2026, 11, 23), date(2026, 11, 30)),
        ("wed", date(2026, 11, 25), date(2026, 11, 25)),
        ("thurs", date(2026, 11, 19), date(2026, 11, 26)),
        ("Fri", date(2026, 11, 20), date(2026, 11, 27)),
        ("sun", date(2026, 11, 22), date(2026, 11, 29)),
        ("周一", date(2026, 11, 23), date(2026, 11, 30)),
        ("周三", date(2026, 11, 25), date(2026, 11, 25)),
        ("周五", date(2026, 11, 20), date(2026, 11, 27)),
        ("周日", date(2026, 11, 22), date(2026, 11, 29)),
        ("周天", date(2026, 11, 22), date(2026, 11, 29)),
        ("星期五", date(2026, 11, 20), date(2026, 11, 27)),
        ("星期天", date(2026, 11, 22), date(2026, 11, 29)),
        ("礼拜五", date(2026, 11, 20), date(2026, 11, 27)),
        ("礼拜天", date(2026, 11, 22), date(2026, 11, 29)),
    ],
)
def test_a_bare_weekday_is_the_nearest_one_in_the_preferred_direction_today_included(text, past, future):
    assert parse_date(text, NOW, prefer="past") == past
    assert parse_date(text, NOW, prefer="future") == future


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("last fri", date(2026, 11, 20)),
        ("last wed", date(2026, 11, 18)),  # strictly before today
        ("next fri", date(2026, 11, 27)),
        ("next wed", date(2026, 12, 2)),  # strictly after today
        ("this mon", date(2026, 11, 23)),
        ("this fri", date(2026, 11, 27)),
        ("last friday", date(2026, 11, 20)),
    ],
)
def test_english_last_next_this_weekday(text, expected):
    assert parse_date(text, NOW, prefer="past") == expected
    assert parse_date(text, NOW, prefer="future") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("上周五", date(2026, 11, 20)),
        ("上星期五", date(2026, 11, 20)),
        ("上个星期五", date(2026, 11, 20)),
        ("上礼拜一", date(2026, 11, 16)),
        ("上周日", date(2026, 11, 22)),
        ("下周一", date(2026, 11, 30)),
        ("下星期一", date(2026, 11, 30)),
        ("下周日", date(2026, 12, 6)),
        ("本周一", date(2026, 11, 23)),
        ("这周三", date(2026, 11, 25)),
        ("这个周五", date(2026, 11, 27)),
    ],
)
def test_chinese_qualified_weekdays_use_monday_start_calendar_weeks(text, expected):
    assert parse_date(text, NOW) == expected


def test_on_a_monday_last_week_and_last_weekday_agree():
    assert parse_date("上周一", MONDAY) == date(2026, 11, 16)
    assert parse_date("last mon", MONDAY) == date(2026, 11, 16)
    assert parse_date("周一", MONDAY) == date(2026, 11, 23)
    assert parse_date("mon", MONDAY, prefer="future") == date(2026, 11, 23)


def test_on_a_sunday_the_week_is_still_the_one_that_began_on_monday():
    assert parse_date("本周一", SUNDAY) == date(2026, 11, 23)
    assert parse_date("上周日", SUNDAY) == date(2026, 11, 22)
    assert parse_date("下周一", SUNDAY) == date(2026, 11, 30)
    assert parse_date("next sun", SUNDAY) == date(2026, 12, 6)
    assert parse_date("sun", SUNDAY) == date(2026, 11, 29)


@pytest.mark.parametrize(
    "text", ["11-20", "11/20", "11.20", "11月20日", "11月20号", "十一月二十日", "Nov 20", "nov 20th"]
)
def test_month_day_without_a_year_is_the_nearest_in_the_preferred_direction(text):
    assert parse_date(text, NOW, prefer="past") == date(2026, 11, 20)
    # five days ago, not a year on: within a week the other side's is the one meant
    assert parse_date(text, NOW, prefer="future") == date(2026, 11, 20)
    assert parse_date(text, NOW - timedelta(days=20), prefer="future") == date(2026, 11, 20)
    assert parse_date(text, NOW + timedelta(days=20), prefer="future") == date(2027, 11, 20)


def test_a_month_day_a_day_ahead_is_not_a_year_back():
    assert parse_date("12-11", datetime(2026, 12, 10, 11, 0), prefer="past") == date(2026, 12, 11)
    assert parse_date("12月12日", datetime(2026, 12, 10, 11, 0), prefer="past") == date(2026, 12, 12)
    assert parse_date("12-18", datetime(2026, 12, 10, 11, 0), prefer="past") == date(2025, 12, 18)  # over a week


def test_month_day_of_today_is_today_either_way():
    assert parse_date("11-25", NOW, prefer="past") == date(2026, 11, 25)
    assert parse_date("11-25", NOW, prefer="future") == date(2026, 11, 25)


def test_a_december_date_in_november_is_last_year_in_the_past():
    assert parse_date("12-25", NOW, prefer="past") == date(2025, 12, 25)
    assert parse_date("12月25日", NOW, prefer="future") == date(2026, 12, 25)


def test_february_29_finds_the_nearest_leap_year():
    assert parse_date("2-29", NOW, prefer="past") == date(2024, 2, 29)
    assert parse_date("2月29日", NOW, prefer="future") == date(2028, 2, 29)


def test_a_day_number_alone_is_that_day_of_the_nearest_month():
    assert parse_date("20号", NOW, prefer="past") == date(2026, 11, 20)
    assert parse_date("20号", NOW, prefer="future") == date(2026, 12, 20)
    assert parse_date("31号", NOW, prefer="past") == date(2026, 10, 31)


def test_free_form_english_dates_with_a_year():
    assert parse_date("20 November 2026", NOW, prefer="future") == date(2026, 11, 20)
    assert parse_date("November 20, 2025", NOW) == date(2025, 11, 20)


@pytest.mark.parametrize(
    ("text", "hour", "minute"),
    [
        ("15:30", 15, 30),
        ("9:05", 9, 5),
        ("下午3点", 15, 0),
        ("下午三点", 15, 0),
        ("上午10点", 10, 0),
        ("早上8点", 8, 0),
        ("晚上8点", 20, 0),
        ("中午12点", 12, 0),
        ("中午1点", 13, 0),
        ("凌晨2点", 2, 0),
        ("3点半", 15, 30),  # a bare 1-6点 is in the afternoon
        ("凌晨3点半", 3, 30),
        ("下午3点半", 15, 30),
        ("15点30分", 15, 30),
        ("15点", 15, 0),
        ("三点一刻", 15, 15),
        ("两点", 14, 0),
        ("下午3:30", 15, 30),
        ("3pm", 15, 0),
        ("3 pm", 15, 0),
        ("3:30pm", 15, 30),
        ("10am", 10, 0),
        ("12am", 0, 0),
        ("12pm", 12, 0),
        ("１５：３０", 15, 30),
    ],
)
def test_a_time_alone_means_today_at_that_time(text, hour, minute):
    assert parse_datetime(text, NOW) == datetime(2026, 11, 25, hour, minute)


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("昨天下午3点", datetime(2026, 11, 24, 15, 0)),
        ("昨天 下午3点", datetime(2026, 11, 24, 15, 0)),
        ("周五 15:30", datetime(2026, 11, 20, 15, 30)),
        ("周五15:30", datetime(2026, 11, 20, 15, 30)),
        ("fri 15:30", datetime(2026, 11, 20, 15, 30)),
        ("last fri 3pm", datetime(2026, 11, 20, 15, 0)),
        ("yesterday 15:30", datetime(2026, 11, 24, 15, 30)),
        ("11月20日下午3点", datetime(2026, 11, 20, 15, 0)),
        ("明天上午10点", datetime(2026, 11, 26, 10, 0)),
        ("今晚8点", datetime(2026, 11, 25, 20, 0)),
        ("昨晚9点半", datetime(2026, 11, 24, 21, 30)),
        ("周二十点", datetime(2026, 11, 24, 10, 0)),  # Tuesday at ten, not 周 + 20:00
        ("Nov 20 3pm", datetime(2026, 11, 20, 15, 0)),
    ],
)
def test_a_date_followed_by_a_time(text, when):
    assert parse_datetime(text, NOW) == when


def test_parse_date_keeps_only_the_date_of_a_date_and_time():
    assert parse_date("昨天下午3点", NOW) == date(2026, 11, 24)
    assert parse_date("2026-11-20 15:30", NOW) == date(2026, 11, 20)


def test_future_preference_picks_the_next_weekday_for_a_next_step():
    assert parse_datetime("周五 10:00", NOW, prefer="future") == datetime(2026, 11, 27, 10, 0)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-02-30", "no such date"),
        ("13月1日", "no such date"),
        ("2-30", "no such date"),
        ("0000-01-01", "no such date"),
        ("25:00", "no such time"),
        ("24:00", "no such time"),
        ("12:60", "no such time"),
        ("15pm", "no such time"),
        ("上午15点", "no such time"),
        ("晚上12点", "ambiguous"),
        ("5", "cannot read date"),
        ("2026", "cannot read date"),
        ("1 2 3", "cannot read date"),
        ("abc 2026", "cannot read date"),
        ("nov", "cannot read date"),
        ("someday", "cannot read date"),
        ("凌晨", "cannot read date"),  # the one part of the day with no default hour
        ("", "no date given"),
        ("   ", "no date given"),
    ],
)
def test_unreadable_or_impossible_dates_are_refused_with_a_hint(text, message):
    with pytest.raises(SalelogError, match=message) as caught:
        parse_datetime(text, NOW)
    assert caught.value.hint


def test_the_date_hint_lists_the_forms_that_work():
    with pytest.raises(SalelogError) as caught:
        parse_date("whenever", NOW)
    assert caught.value.message == 'cannot read date "whenever"'
    for form in ("2026-11-20", "yesterday", "last fri", "周五", "上周五", "11月20日", "15:30"):
        assert form in caught.value.hint


def test_dates_near_the_end_of_time_fail_cleanly():
    with pytest.raises(SalelogError):
        parse_date("tomorrow", datetime(9999, 12, 31, 12, 0))


# --------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_either_reads_as_an_amount_that_round_trips_or_raises_salelog_error(text):
    try:
        fen = parse_amount(text, allow_zero=True)
    except SalelogError:
        return
    assert parse_amount(format_amount(fen), allow_zero=True) == fen


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=10**14))
def test_every_storable_amount_round_trips_through_its_text(fen):
    assert parse_amount(format_amount(fen)) == fen
    parse_amount(format_amount(fen, approx=True), allow_zero=True)  # approx is readable too


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_as_a_count_raises_only_salelog_error(text):
    with contextlib.suppress(SalelogError):
        assert parse_count(text) > 0


@settings(max_examples=300, deadline=None)
@given(st.text(), st.sampled_from(["past", "future"]))
def test_any_text_as_a_date_raises_only_salelog_error(text, prefer):
    for parse in (parse_date, parse_datetime):
        with contextlib.suppress(SalelogError):
            parse(text, NOW, prefer=prefer)


# --------------------------------------------------------------------------
# Start-up cost
# --------------------------------------------------------------------------


def test_importing_parse_does_not_pull_in_slow_modules():
    probe = "import sys, salelog.parse; print(sorted({'dateutil', 'decimal', 'fractions'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("30", 30), ("45min", 45), ("90分钟", 90), ("1h", 60), ("1.5h", 90), ("1小时", 60), ("半小时", 30)],
)
def test_durations_read_as_whole_minutes(text, minutes):
    assert parse_minutes(text) == minutes


@pytest.mark.parametrize("text", ["0", "abc", "-5", "1.01h", "25h", ""])
def test_bad_durations_are_refused(text):
    with pytest.raises(SalelogError, match="duration"):
        parse_minutes(text)


@pytest.mark.parametrize("text", ["0", "0h", "0分钟"])
def test_a_zero_duration_is_said_to_be_no_time(text):
    with pytest.raises(SalelogError, match="is no time"):
        parse_minutes(text)
