"""Text exports where every newline counts: CSV, a YAML config, a Markdown changelog, an nginx snippet, a
sitemap in XML, an .ics calendar entry; whitespace control with -, ~ and the newline after tags."""
from common import case

case("exports/csv_report", "CSV export in an autoescape false block (.csv is html by name), quotes doubled with replace",
     {"report.csv.twig": r"""{% autoescape false %}
id,name,email,total,created
{% for r in rows -%}
{{ r.id }},"{{ r.name|replace({'"': '""'}) }}",{{ r.email }},{{ r.total|number_format(2, '.', '') }},{{ r.created|date('Y-m-d') }}
{% endfor -%}
{% endautoescape %}
"""}, {"rows": [{"id": 1, "name": "Smith, \"Jo\"", "email": "jo@x.com", "total": 1234.5, "created": "2024-01-02"},
                {"id": 2, "name": "Ünal <Ltd>", "email": "u@x.de", "total": 0, "created": 1704067200}]},
     {"autoescape": "name"}, main="report.csv.twig")

case("exports/yaml_config", "generated YAML config in a .txt template (no escaping by name): ~ and - whitespace control",
     {"config.txt.twig": r"""# generated for {{ env }}
parameters:
{% for key, value in parameters %}
    {{ key }}: {{ value is iterable ? '' : (value is same as(true) ? 'true' : (value is same as(false) ? 'false' : (value is null ? '~' : value|json_encode))) }}
{%- if value is iterable %}
{% for item in value %}
        - {{ item|json_encode }}
{% endfor %}
{%- endif %}

{% endfor %}
services:
    {%~ for name, class in services ~%}
    {{ name }}:
        class: {{ class }}
    {%~ endfor %}
"""}, {"env": "prod", "parameters": {"locale": "en", "debug": False, "cache": True, "dsn": None, "max_items": 50,
                                     "hosts": ["a.example.com", "b.example.com"], "ratio": 0.75},
       "services": {"mailer": "App\\Mailer", "cache": "App\\Cache"}},
     {"autoescape": "name"}, main="config.txt.twig")

case("exports/markdown_changelog", "Markdown changelog (.md is html by name) inside autoescape false, filter on a map, blank lines",
     {"CHANGELOG.md.twig": r"""{%- autoescape false -%}
# Changelog

{% for release in releases -%}
## [{{ release.version }}] - {{ release.date|date('Y-m-d') }}
{% for type, changes in release.changes|filter(c => c is not empty) %}

### {{ type|capitalize }}
{% for change in changes %}
- {{ change.text }}{% if change.issue is defined %} (#{{ change.issue }}){% endif %}

{% endfor %}
{%- endfor %}

{% endfor -%}
{%- endautoescape -%}
"""}, {"releases": [{"version": "1.2.0", "date": "2024-05-01",
                     "changes": {"added": [{"text": "Support for `<details>` tags", "issue": 42},
                                           {"text": "A & B"}], "fixed": [], "removed": [{"text": "PHP 7 support"}]}},
                    {"version": "1.1.0", "date": "2024-01-15", "changes": {"fixed": [{"text": "Crash on *empty* input", "issue": 7}]}}]},
     {"autoescape": "name"}, main="CHANGELOG.md.twig")

case("exports/sitemap_xml", "sitemap.xml: loop with dates in W3C format, priorities formatted, escaping of &",
     {"sitemap.xml.twig": r"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{% for url in urls %}
    <url>
        <loc>{{ base }}{{ url.path }}</loc>
        {% if url.modified is defined %}<lastmod>{{ url.modified|date('Y-m-d\\TH:i:sP') }}</lastmod>{% endif %}
        <changefreq>{{ url.freq|default('weekly') }}</changefreq>
        <priority>{{ '%.1f'|format(url.priority ?? 0.5) }}</priority>
    </url>
{% endfor %}
</urlset>
"""}, {"base": "https://example.com", "urls": [{"path": "/", "priority": 1, "freq": "daily", "modified": "2024-06-01 10:00:00"},
                                                {"path": "/search?q=a&b", "modified": 1717236000},
                                                {"path": "/about", "priority": 0.25}]},
     {"autoescape": "name"}, main="sitemap.xml.twig")

case("exports/ics_event", "iCalendar export: dates in UTC basic format, line folding with slice, escaping commas",
     {"event.ics.twig": r"""{%- autoescape false -%}
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Example//Events//EN
{% for e in events -%}
BEGIN:VEVENT
UID:{{ e.id }}@example.com
DTSTAMP:{{ stamp|date('Ymd\\THis\\Z') }}
DTSTART:{{ e.start|date('Ymd\\THis\\Z') }}
DTEND:{{ e.start|date_modify('+' ~ e.minutes ~ ' minutes')|date('Ymd\\THis\\Z') }}
SUMMARY:{{ e.title|replace({',': '\\,', ';': '\\;'}) }}
{% set desc = 'DESCRIPTION:' ~ e.description|replace({"\n": '\\n'}) -%}
{% for chunk in range(0, desc|length - 1, 40) -%}
{{ loop.first ? '' : ' ' }}{{ desc|slice(chunk, 40) }}
{% endfor -%}
END:VEVENT
{% endfor -%}
END:VCALENDAR
{%- endautoescape -%}
"""}, {"stamp": "2024-06-01 08:00:00",
       "events": [{"id": "ev-1", "start": "2024-06-10 09:30:00", "minutes": 90, "title": "Planning; Q3, Q4",
                   "description": "Agenda:\n1. Budget\n2. Hiring, onboarding and the new office in Zürich (tbd)"}]},
     {"autoescape": "name"}, main="event.ics.twig")

case("exports/plain_text_whitespace", "plain text receipt: -, ~ and the newline after tags and comments",
     {"receipt.txt.twig": """RECEIPT #{{ number }}
{# a comment line #}
{% set width = 30 %}
{%- for item in items %}
{{ '%-20s'|format(item.name|slice(0, 18)) }}{{ '%10s'|format(item.price|number_format(2)) }}
{%- endfor %}
{{ range(1, width)|map(i => '=')|join }}
{{ 'TOTAL'|upper }}{{ '%25s'|format(items|reduce((s, i) => s + i.price, 0)|number_format(2)) }}
    {%~ if paid %}
PAID {{ '~' }}
    {%~ else ~%}
    DUE
    {%- endif %}
{# the end #}
Thank you!
"""}, {"number": 7, "paid": True, "items": [{"name": "Espresso macchiato doppio", "price": 3.2},
                                            {"name": "Croissant", "price": 1.85}]},
     {"autoescape": "name"}, main="receipt.txt.twig")
