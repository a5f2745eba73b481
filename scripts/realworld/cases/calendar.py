"""Scheduling and calendars: date_modify with the relative formats real templates use, week numbers, first/last
day of month, business-day arithmetic, time zones around daylight-saving changes, date() comparisons."""
from common import case

case("calendar/relative_modifiers", "date_modify with relative formats on fixed dates",
     r"""{% set base = '2024-01-31 10:15:00' %}
{% for m in modifiers %}
{{ '%-28s'|format(m) }} {{ base|date_modify(m)|date('D Y-m-d H:i') }}
{% endfor %}
""", {"modifiers": ["+1 day", "-1 day", "+1 week", "+1 month", "-1 month", "+1 year", "+2 weeks 3 days",
                    "+90 minutes", "-30 seconds", "+1 hour", "midnight", "noon", "tomorrow", "yesterday",
                    "first day of next month", "last day of this month", "last day of next month",
                    "first day of this month", "next monday", "last friday", "monday this week", "sunday last week",
                    "+3 weekdays", "first monday of next month", "last day of february", "+1 month -1 day"]})

case("calendar/week_view", "a week view: monday of the ISO week, days via date_modify in a loop, today marker",
     r"""{% set monday = day|date_modify('monday this week') %}
<h3>Week {{ day|date('W') }} of {{ day|date('o') }}</h3>
<ul>
{% for i in 0..6 %}
    {% set d = monday|date_modify('+' ~ i ~ ' days') %}
    <li class="{{ d|date('Y-m-d') == day|date('Y-m-d') ? 'today' }}{{ d|date('N') >= 6 ? ' weekend' }}">{{ d|date('D j M') }}{% for e in events|filter(e => e.date|date('Y-m-d') == d|date('Y-m-d')) %} — {{ e.title }} at {{ e.date|date('H:i') }}{% endfor %}</li>
{% endfor %}
</ul>
""", {"day": "2024-12-31 15:00:00",
      "events": [{"title": "Standup", "date": "2024-12-30 09:00:00"}, {"title": "NYE <party>", "date": "2024-12-31 22:00:00"},
                 {"title": "Brunch", "date": "2025-01-05 11:30:00"}]})

case("calendar/timezones_dst", "meeting times shown in several time zones across daylight-saving switches",
     r"""{% for m in meetings %}
{{ m.title }}: {% for tz in zones %}{{ m.at|date('D H:i T', tz) }}{{ not loop.last ? ' | ' }}{% endfor %}

{% endfor %}
{{ '2024-03-31 00:30:00'|date('c', 'Europe/Berlin') }} {{ '2024-03-31 01:30:00'|date('c', 'Europe/Berlin') }} {{ '2024-10-27 00:30:00'|date('c I', 'Europe/Berlin') }} {{ '2024-10-27 01:30:00'|date('c I', 'Europe/Berlin') }}
{{ '2024-06-01T12:00:00+02:00'|date('c') }} {{ '2024-06-01T12:00:00+02:00'|date('c', false) }} {{ '2024-06-01 12:00:00'|date('U') - '2024-06-01T12:00:00+02:00'|date('U') }}
""", {"zones": ["UTC", "Europe/London", "America/New_York", "Asia/Tokyo", "Australia/Sydney"],
      "meetings": [{"title": "Winter sync", "at": "2024-01-15 15:00:00"},
                   {"title": "Spring sync", "at": "2024-03-20 15:00:00"},
                   {"title": "Summer sync", "at": "2024-07-15 15:00:00"}]})

case("calendar/age_and_countdown", "ages and countdowns from birthdays and deadlines with date('U') and //",
     r"""{% set today = '2024-06-15' %}
{% for p in people %}
{% set age = today|date('Y') - p.born|date('Y') - (today|date('md') < p.born|date('md') ? 1 : 0) %}
{{ p.name }}: {{ age }} years, born on a {{ p.born|date('l') }}{{ p.born|date('L') ? ' (leap year)' }}
{% endfor %}
{% set secs = deadline|date('U') - today|date('U') %}
{{ secs // 86400 }} days, {{ (secs % 86400) // 3600 }} hours left ({{ deadline|date('jS F') }})
{{ '2024-02-29'|date_modify('+1 year')|date('Y-m-d') }} {{ '2023-02-28'|date_modify('+1 year')|date('L') }} {{ date('2024-06-15') > date('2024-06-14') ? 'later' }} {{ '2024-06-15'|date('U') > '2024-06-15 00:00:01'|date('U') ? 'x' : 'earlier' }}
""", {"people": [{"name": "Ada", "born": "1990-06-16"}, {"name": "Bo", "born": "2000-02-29"},
                 {"name": "Cy", "born": "1985-01-01"}], "deadline": "2024-07-04 17:30:00"})
