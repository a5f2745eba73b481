"""Pages like those of issue 10: an order page (layout, macros, a 25-row loop, title on flags, a money macro
dividing by 100, join with ' and '), a report page using some forty core filters, functions and operators, a
page chaining ten string filters, and an expressions page."""
from common import case

LAYOUT = r"""<!DOCTYPE html>
<html><head><title>{% block title %}Shop{% endblock %}</title></head>
<body>
<header>{% block header %}<h1>{{ block('title') }}</h1>{% endblock %}</header>
<main>{% block main %}{% endblock %}</main>
<footer>{% block footer %}Generated {{ generated_at|date('Y-m-d H:i') }}{% endblock %}</footer>
</body></html>
"""
MACROS = r"""{% macro money(cents, currency = 'EUR') -%}
{{ (cents / 100)|number_format(2, '.', ',') }} {{ currency }}
{%- endmacro %}
{% macro flag(name, on) -%}
<span class="flag flag-{{ name|replace({'_': '-'}) }}{{ on ? ' on' }}">{{ name|replace({'_': ' '})|title }}</span>
{%- endmacro %}
"""
ORDER_PAGE = r"""{% extends 'layout.html.twig' %}
{% import 'macros.html.twig' as ui %}
{% block title %}Order #{{ order.number }}{% endblock %}
{% block main %}
<p>Customer: {{ order.customer.name|title }} &lt;{{ order.customer.email|lower }}&gt;</p>
<p>Flags: {% for name, on in order.flags %}{{ ui.flag(name, on) }}{% endfor %}</p>
<table>
{% for line in order.lines %}
<tr class="{{ cycle(['odd', 'even'], loop.index0) }}{{ loop.last ? ' last' }}">
<td>{{ loop.index }}</td><td>{{ line.sku|upper }}</td><td>{{ line.name|title }}</td>
<td>{{ line.qty }}</td><td>{{ ui.money(line.price) }}</td><td>{{ ui.money(line.price * line.qty) }}</td>
</tr>
{% endfor %}
</table>
{% set subtotal = order.lines|reduce((s, l) => s + l.price * l.qty, 0) %}
<p>Subtotal: {{ ui.money(subtotal) }} — {{ order.lines|length }} lines, {{ order.lines|reduce((n, l) => n + l.qty, 0) }} items</p>
<p>Tax {{ order.tax_rate }}%: {{ ui.money((subtotal * order.tax_rate / 100)|round) }}</p>
<p>Total: {{ ui.money(subtotal + (subtotal * order.tax_rate / 100)|round) }}</p>
<p>Ships with {{ order.carriers|join(', ', ' and ') }}; gift wrap for {{ order.lines|filter(l => l.gift)|map(l => l.name)|join(', ', ' and ')|default('nothing') }}.</p>
{% endblock %}
"""


def order_lines(n):
    names = ["blue mug", "red mug", "t-shirt", "sticker pack", "poster a2", "notebook", "pen set", "tote bag"]
    return [{"sku": "sku-%03d" % (i + 1), "name": names[i % len(names)], "qty": (i % 4) + 1,
             "price": 199 + 137 * i, "gift": i % 7 == 3} for i in range(n)]


case("pages/order_page", "order page: layout, macros, a 25-row loop, title on flags, money macro / 100, join ' and '",
     {"layout.html.twig": LAYOUT, "macros.html.twig": MACROS, "index.twig": ORDER_PAGE},
     {"generated_at": "2024-05-06 07:08:09",
      "order": {"number": "2024-000123", "tax_rate": 20,
                "customer": {"name": "jean-luc o'brien", "email": "Jean-Luc@Example.COM"},
                "flags": {"express_shipping": True, "gift_message": False, "fragile_items": True},
                "carriers": ["DHL", "UPS", "La Poste"], "lines": order_lines(25)}})

REPORT = r"""{% set rows = data.rows %}
{% set amounts = rows|column('amount') %}
{% set total = amounts|reduce((a, b) => a + b, 0) %}
<h1>{{ data.title|title }} ({{ data.period.from|date('M j') }}–{{ data.period.to|date('M j, Y') }})</h1>
<p>{{ rows|length }} rows, total {{ total|number_format(2) }}, avg {{ (total / rows|length)|round(2) }}, max {{ max(amounts) }}, min {{ min(amounts) }}, abs diff {{ (rows|first.amount - rows|last.amount)|abs }}</p>
<p>Regions: {{ rows|map(r => r.region)|reduce((u, r) => r in u ? u : u|merge([r]), [])|sort|join(', ') }}</p>
<p>Top 3: {% for r in rows|sort((a, b) => b.amount <=> a.amount)|slice(0, 3) %}{{ r.name|capitalize }} ({{ r.amount|number_format(0, '', ' ') }}){{ not loop.last ? ', ' }}{% endfor %}</p>
<p>Keys: {{ rows|first|keys|join('|') }} · first name: {{ (rows|first).name|upper }} · last: {{ rows|last.name|lower }}</p>
<p>Reversed ids: {{ rows|column('id')|reverse|join(' ') }} · batch: {% for pair in rows|column('id')|batch(4, 0) %}[{{ pair|join(',') }}]{% endfor %}</p>
<p>Tags: {{ rows|map(r => r.tags|split(';'))|reduce((a, t) => a|merge(t), [])|filter(t => t|trim is not empty)|map(t => t|trim)|join(', ') }}</p>
<p>Notes: {{ rows|map(r => r.note|default('—')|striptags|nl2br)|join(' / ') }}</p>
<p>Sorted names: {{ rows|map(r => r.name)|sort|join(', ') }} · found: {{ (rows|find(r => r.amount > 1000)).name ?? 'none' }}</p>
<p>JSON: {{ rows|slice(0, 2)|map(r => {id: r.id, amount: r.amount})|json_encode }}</p>
<p>URL: /report?{{ {region: 'north', ids: rows|column('id')|slice(0, 3), q: data.title}|url_encode }}</p>
<p>{{ 'Report "%s" has %d rows (%.1f%% over budget)'|format(data.title, rows|length, (total / data.budget - 1) * 100) }}</p>
<p>{{ range(1, 5)|map(i => i * i)|join('+') }} = {{ range(1, 5)|reduce((s, i) => s + i * i, 0) }}; {{ 2 ** 10 }}, {{ 17 // 5 }}, {{ 17 % 5 }}, {{ -17 // 5 }}, {{ 7 / 2 }}</p>
<p>{{ rows|filter(r => r.amount is divisible by(5))|length }} divisible by 5, {{ rows|filter(r => r.id is odd)|length }} odd ids, {{ rows is iterable ? 'iterable' }}, {{ data.missing is defined ? 'defined' : 'not defined' }}, {{ data.empty is empty ? 'empty' }}</p>
<p>{{ data.title starts with 'q' ? 'quarterly' }} {{ data.title ends with 'report' ? 'report' }} {{ data.title matches '/^q\\d/' ? 'numbered' : 'plain' }} {{ 'north' in rows|column('region') ? 'has north' }} {{ 'west' not in rows|column('region') ? 'no west' }}</p>
<p>{{ data.title|length }} {{ data.title|reverse }} {{ data.title|slice(0, 2)|upper }}{{ data.title|slice(2) }} {{ data.title|split(' ')|first|capitalize }} {{ data.title|replace({' ': '_'}) }} {{ (data.title ~ '   ')|trim(side='right')|length }}</p>
<p>{{ random([1])|default(1) }} {{ cycle(['x', 'y'], 3) }} {{ date(data.period.to) > date(data.period.from) ? 'ordered' }} {{ data.period.from|date_modify('+1 month')|date('Y-m') }} {{ attribute(rows|first, 'name') }} {{ constant('DATE_ATOM') }}</p>
"""
case("pages/report_forty_filters", "report page using some forty core filters, functions, tests and operators",
     REPORT,
     {"data": {"title": "q3 sales report", "budget": 5000, "empty": "", "period": {"from": "2024-07-01", "to": "2024-09-30"},
               "rows": [{"id": 1, "name": "alpha", "region": "north", "amount": 1250, "tags": "a; b", "note": "<b>ok</b>\nchecked"},
                        {"id": 2, "name": "beta", "region": "south", "amount": 830, "tags": "b;", "note": None},
                        {"id": 3, "name": "gamma", "region": "north", "amount": 2015, "tags": "c", "note": "late"},
                        {"id": 4, "name": "delta", "region": "east", "amount": 99.5, "tags": " ; d", "note": ""},
                        {"id": 5, "name": "epsilon", "region": "south", "amount": 1000, "tags": "", "note": "x & y"}]}})

STRING_CHAIN = r"""{% for s in strings %}
{{ s|trim|lower|replace({'  ': ' '})|title|split(' ')|slice(0, 3)|join('-')|reverse|upper|slice(1, 12)|capitalize|length }}: {{ s|trim|lower|replace({'  ': ' '})|title|split(' ')|slice(0, 3)|join('-')|reverse|upper|slice(1, 12)|capitalize }}
{{ s|striptags|trim|nl2br|upper }} | {{ s|e('html_attr')|length }} | {{ s|url_encode|lower }} | {{ s|json_encode|raw }} | {{ s|spaceless|raw }}
{% endfor %}
"""
case("pages/string_filter_chains", "ten string filters chained, plus striptags|nl2br, html_attr, url_encode, json",
     STRING_CHAIN,
     {"strings": ["  Hello   WORLD of <b>twig</b> templates  ", "élan\nvital  de  l'été", "<p> a </p>  <p>b</p>", ""]},
     newer=([("{{ s|spaceless|raw }}", "{{ s|e|spaceless|raw }}")],
            "Twig 3.26 (CVE-2026-46628): the spaceless filter pre-escapes its input for html, also before raw; the "
            "oracle rendered s|e|spaceless|raw in its place"))

EXPRESSIONS = r"""{% set a = 7 %}{% set b = 2 %}{% set f = 2.5 %}{% set s = 'abc' %}{% set l = [1, 2, 3] %}{% set m = {x: 1, y: 2} %}
{{ a + b }} {{ a - b }} {{ a * b }} {{ a / b }} {{ a // b }} {{ a % b }} {{ a ** b }} {{ -a }} {{ a + f }} {{ f * 2 }} {{ a / f }}
{{ a == 7 }} {{ a != b }} {{ a < b }} {{ a >= 7 }} {{ a <=> b }} {{ b <=> a }} {{ a is same as(7) }} {{ a is odd }} {{ b is even }}
{{ a > 1 and b > 1 }} {{ a > 10 or b > 1 }} {{ not (a > 1) }} {{ a > 1 xor b > 1 }} {{ a b-and b }} {{ a b-or b }} {{ a b-xor b }}
{{ s ~ a ~ f }} {{ "#{s}-#{a + b}" }} {{ s ~ (a > b ? '>' : '<') }} {{ a > b ? 'yes' }} {{ 0 ?: 'elvis' }} {{ missing ?? 'coalesce' }} {{ m.z ?? m.y }}
{{ 2 in l }} {{ 5 not in l }} {{ 'b' in s }} {{ 'x' in m|keys }} {{ s starts with 'a' }} {{ s ends with 'c' }} {{ s matches '/^[a-c]+$/' }}
{{ 1..3|join }} {{ l|length }} {{ l[0] + l[-1] ?? 0 }} {{ m['x'] + m.y }} {{ l|first }}{{ l|last }} {{ [a, b]|max ?? max([a, b]) }}
{{ (a + b) * (a - b) }} {{ a + b * a - b }} {{ (a + b) / (a - b) }} {{ 10 - 2 - 3 }} {{ 2 ** 3 ** 2 }} {{ -2 ** 2 }} {{ (0.1 + 0.2) * 10 }}
"""
case("pages/expressions_page", "expressions page: arithmetic, comparison, logic, bitwise, string, containment, precedence",
     EXPRESSIONS.replace("{{ [a, b]|max ?? max([a, b]) }}", "{{ max([a, b]) }}").replace("{{ l[0] + l[-1] ?? 0 }}", "{{ l[0] + l[2] }}"))
