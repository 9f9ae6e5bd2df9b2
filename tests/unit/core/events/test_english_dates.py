"""English days: weekdays, relative days and dates read with the English tables."""

from __future__ import annotations

from datetime import UTC, date, datetime

from streams.core.events.dates import incident_day

WEDNESDAY = datetime(2024, 5, 15, 9, tzinfo=UTC)


def when(text: str, published: datetime | None = WEDNESDAY):
    return incident_day(text, published, None, "", (), "en")


def test_a_weekday_is_the_most_recent_such_day_on_or_before_publication():
    assert when("Gunmen killed four guards on Monday.").day == date(2024, 5, 13)


def test_yesterday_is_the_day_before_publication():
    assert when("Yesterday a bus overturned, killing six.").day == date(2024, 5, 14)


def test_a_month_then_its_day_is_a_date():
    assert when("The fire on May 2 killed nine workers.").day == date(2024, 5, 2)


def test_a_day_then_its_month_and_year_is_a_date():
    assert when("On the 3rd of March 2023, floods swept the valley.").day == date(2023, 3, 3)


def test_a_possessive_weekday_names_the_incidents_day():
    text = "The toll from Tuesday's bombing rose to 20, the ministry said on Wednesday."
    assert when(text).day == date(2024, 5, 14)


def test_a_month_name_alone_is_no_day():
    assert when("Officials may revise the toll, which stood at 40.").day is None


def test_without_publication_a_weekday_stays_a_weekday():
    found = when("Shelling killed three on Friday.", published=None)
    assert (found.day, found.weekday) == (None, 4)
