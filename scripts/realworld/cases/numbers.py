"""Numbers and dates: invoices (number_format, round, division), statistics (min/max, averages, percentages),
dates in several formats and time zones, date_modify, relative labels, calendars with range."""
from common import case

case("numbers/invoice", "invoice: quantities × float prices, VAT, number_format variants, round modes",
     r"""{% set subtotal = 0 %}
<table>
{% for line in invoice.lines %}
    {% set amount = line.qty * line.unit_price %}
    {% set subtotal = subtotal + amount %}
    <tr><td>{{ line.label }}</td><td>{{ line.qty }}</td><td>{{ line.unit_price|number_format(2, ',', '.') }}</td><td>{{ amount|number_format(2, ',', '.') }}</td></tr>
{% endfor %}
</table>
{% set vat = subtotal * invoice.vat_rate / 100 %}
Subtotal: {{ subtotal|number_format(2) }}
VAT {{ invoice.vat_rate }}%: {{ vat|number_format(2) }} ({{ vat|round(2) }}, {{ vat|round(1, 'floor') }}, {{ vat|round(0, 'ceil') }}, {{ vat|round }})
Total: {{ (subtotal + vat)|number_format(2, '.', ' ') }} {{ invoice.currency }}
Raw: {{ subtotal }} / {{ subtotal + vat }} / {{ 0.1 + 0.2 }} / {{ 1 / 3 }} / {{ 10 / 4 }} / {{ 10 / 5 }} / {{ 2 ** 10 }} / {{ 2 ** -1 }} / {{ 7 // 2 }} / {{ -7 // 2 }} / {{ 7 % 3 }} / {{ -7 % 3 }}
""", {"invoice": {"currency": "EUR", "vat_rate": 19.6,
                  "lines": [{"label": "Consulting", "qty": 7.5, "unit_price": 120},
                            {"label": "Licence", "qty": 3, "unit_price": 19.99},
                            {"label": "Discount", "qty": 1, "unit_price": -50.005}]}})

case("numbers/statistics", "stats: min/max on lists and maps, average, percentages, abs, number_format(0)",
     r"""{% set values = samples|column('ms') %}
{% set total = values|reduce((a, b) => a + b, 0) %}
{% set avg = total / values|length %}
min {{ min(values) }} max {{ max(values) }} avg {{ avg|round(2) }} total {{ total|number_format }}
spread {{ (max(values) - min(values))|abs }} first-vs-last {{ (values|first - values|last)|abs }}
{% for s in samples %}
{{ s.name }}: {{ (s.ms / total * 100)|number_format(1) }}% {{ s.ms > avg ? '▲' : '▼' }} {{ '%6.2f'|format(s.ms / 1000) }}s
{% endfor %}
{{ max({a: 3, b: 9, c: 1}) }} {{ min(4, 2, 8) }} {{ max([1, '10', 9]) }} {{ max('apple', 'banana') }} {{ 1e3 }} {{ 1_000_000|number_format }}
{{ 1234567.891|number_format }} {{ 1234567.891|number_format(2) }} {{ 0.5|number_format }} {{ 1.5|number_format }} {{ 2.5|number_format }} {{ -0.4|number_format }} {{ -1234.567|number_format(2, ',', '.') }}
""", {"samples": [{"name": "db", "ms": 1523}, {"name": "render", "ms": 87}, {"name": "http", "ms": 640},
                  {"name": "cache", "ms": 3}]},
     newer=([("{{ 1e3 }}", "{{ 1000.0 }}"), ("{{ 1_000_000|number_format }}", "{{ 1000000|number_format }}")],
            "Twig 3.17 changelog: number literals with `_` separators and exponents without a sign (1_000_000, 1e3 "
            "as 0 + '1e3', the float 1000); the oracle rendered 1000.0 and 1000000 in their place"))

case("numbers/dates_formats", "dates: many format characters, timestamps, ISO strings with offsets, timezones",
     r"""{% for d in dates %}
{{ d|date('Y-m-d H:i:s') }} | {{ d|date('D, d M Y') }} | {{ d|date('N jS F y, G\\h') }} | {{ d|date('U') }} | {{ d|date('c') }} | {{ d|date('W o L t z') }} | {{ d|date('g:i a A h') }}
{% endfor %}
{{ dates[0]|date('Y-m-d H:i T', 'Europe/Paris') }} / {{ dates[0]|date('Y-m-d H:i T P', 'America/New_York') }} / {{ dates[0]|date('H:i e', 'Asia/Kolkata') }} / {{ dates[1]|date('H:i T', false) }}
{{ date(dates[2])|date('Y') }} {{ date('2024-02-29')|date_modify('+1 year')|date('Y-m-d') }} {{ '2024-01-31'|date_modify('+1 month')|date('Y-m-d') }} {{ '2024-03-31 02:30'|date_modify('-1 day')|date('Y-m-d H:i') }}
""", {"dates": ["2024-07-04 09:05:03", 1700000000, "2021-01-03T23:59:59+05:30", "1999-12-31 23:59:59",
                "2024-12-30"]})

case("numbers/relative_dates", "relative labels: differences of timestamps with //, date('U'), conditions",
     r"""{% set now_ts = now|date('U') %}
{% for e in events %}
{% set diff = now_ts - e.at|date('U') %}
{% set label = diff < 60 ? 'just now' : (diff < 3600 ? (diff // 60) ~ ' min ago' : (diff < 86400 ? (diff // 3600) ~ ' h ago' : (diff < 172800 ? 'yesterday' : e.at|date('M j')))) %}
<li title="{{ e.at|date('c') }}">{{ e.name }} — {{ label }}</li>
{% endfor %}
""", {"now": "2024-06-10 12:00:00",
      "events": [{"name": "Login", "at": "2024-06-10 11:59:30"}, {"name": "Upload", "at": "2024-06-10 11:15:00"},
                 {"name": "Comment", "at": "2024-06-10 02:00:00"}, {"name": "Signup", "at": "2024-06-09 08:00:00"},
                 {"name": "Order", "at": "2024-05-01 08:00:00"}]})

case("numbers/calendar_month", "month calendar: range, batch(7), date('N'), days in month with 't', padding",
     r"""{% set first = (year ~ '-' ~ '%02d'|format(month) ~ '-01') %}
{% set offset = first|date('N') - 1 %}
{% set days = first|date('t') %}
<h2>{{ first|date('F Y') }}</h2>
<table>
<tr>{% for d in ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] %}<th>{{ d }}</th>{% endfor %}</tr>
{% set cells = (offset > 0 ? range(1, offset)|map(i => '') : [])|merge(range(1, days)) %}
{% for week in cells|batch(7, '') %}
<tr>{% for day in week %}<td{{ day == today ? ' class="today"' }}>{{ day }}</td>{% endfor %}</tr>
{% endfor %}
</table>
{{ range(0, 10, 3)|join(',') }} {{ range(5, 1)|join(',') }} {{ range('a', 'e')|join('') }} {{ (1..3)|join }} {{ range(0, 1, 0.25)|join(' ') }}
""", {"year": 2024, "month": 2, "today": 14})

case("numbers/duration_and_sizes", "file sizes and durations: loops over units, log-free unit picking, // and %",
     r"""{% macro filesize(bytes) %}
{%- set units = ['B', 'KB', 'MB', 'GB', 'TB'] -%}
{%- set size = bytes -%}
{%- set unit = 0 -%}
{%- for i in 1..4 -%}
    {%- if size >= 1024 -%}{%- set size = size / 1024 -%}{%- set unit = unit + 1 -%}{%- endif -%}
{%- endfor -%}
{{ size|number_format(unit == 0 ? 0 : 1) }} {{ units[unit] }}
{%- endmacro %}
{% macro duration(s) %}{{ '%d:%02d:%02d'|format(s // 3600, (s % 3600) // 60, s % 60) }}{% endmacro %}
{% for f in files %}
{{ f.name }}: {{ _self.filesize(f.size) }}, {{ _self.duration(f.length) }}
{% endfor %}
""", {"files": [{"name": "a.mp4", "size": 1536, "length": 59}, {"name": "b.mkv", "size": 7340032000, "length": 7322},
                {"name": "c.txt", "size": 12, "length": 0}, {"name": "d.iso", "size": 1099511627776 * 3, "length": 3600}]})
