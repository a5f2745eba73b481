"""String-heavy templates: titles and slugs, excerpts, name formatting, format() with padding, split/join
round trips, replace with maps, trim with sides, starts/ends with, matches, interpolation."""
from common import case

case("strings/product_titles_and_slugs", "titles, capitalize, lower/upper, slug with replace map and trim",
     r"""{% for p in products %}
<h2 title="{{ p.name|title }}">{{ p.name|capitalize }}</h2>
<a href="/p/{{ p.name|lower|replace({' ': '-', '&': 'and', "'": '', '"': ''})|trim('-') }}">{{ p.name|upper }}</a>
<small>{{ p.sku|trim|upper }} | {{ p.sku|trim(side='left') }}| {{ '  x  '|trim(' ', 'right') }}|{{ p.sku|trim('-x', 'both') }}</small>
{% endfor %}""",
     {"products": [{"name": "the lord OF the rings & co", "sku": "  -x-ab12-x-  "},
                   {"name": "o'neil's \"best\" mugs", "sku": "xx-99"},
                   {"name": "élan vital — ÉTÉ", "sku": "-é-"}]})

case("strings/excerpts", "excerpts: striptags, slice on multibyte, length, split with limit, ~ '…'",
     r"""{% for a in articles %}
{% set plain = a.body|striptags|replace({"\n": ' '})|trim %}
<p data-len="{{ plain|length }}">{{ plain|length > 40 ? plain|slice(0, 40)|trim ~ '…' : plain }}</p>
<p>First words: {{ plain|split(' ', 4)|slice(0, 3)|join(' ') }} | rest: {{ (plain|split(' ', 4)|last)|slice(0, 15) }}</p>
<p>Initials: {{ a.author|split(' ')|map(w => w|first|upper)|join('.') }}.</p>
{% endfor %}""",
     {"articles": [{"author": "ada lovelace king", "body": "<p>Über <b>die</b> Analytical Engine: Notizen, Übersetzungen &amp; mehr.</p>\n<p>Zweite Zeile</p>"},
                   {"author": "Émile Zola", "body": "Short one."}]})

case("strings/format_table", "format() with padding, precision, sign, %%, positional args, as a text table",
     r"""{{ '%-12s|%8s|%6s'|format('Item', 'Qty', 'Price') }}
{% for line in lines %}
{{ '%-12.12s|%8d|%6.2f'|format(line.name, line.qty, line.price) }}
{% endfor %}
{{ '%1$s has %2$d items, %1$s!'|format(customer, lines|length) }}
{{ '%05d|%5.1f|%-5s|%+d|%+d|%x|%X|%o|%b|%e|%c'|format(42, 3.14159, 'ab', 5, -5, 255, 255, 8, 5, 12345.678, 65) }}
{{ '%u%%'|format(99) }} {{ "%'*10s"|format('pad') }} {{ '%-8s]'|format('left') }}""",
     {"lines": [{"name": "Coffee beans (1kg)", "qty": 3, "price": 12.5},
                {"name": "Filter", "qty": 100, "price": 0.049}], "customer": "Zoë"}, )

case("strings/names_and_greetings", "greeting helpers: default, ??, ?:, interpolation, in/starts with/ends with",
     r"""{% for u in users %}
{% set name = u.nickname ?? u.first ~ ' ' ~ u.last %}
{%- set greeting = u.hour < 12 ? 'Good morning' : (u.hour < 18 ? 'Good afternoon' : 'Good evening') -%}
{{ greeting }}, {{ name|trim ?: 'stranger' }}! {{ "You have #{u.unread} new message#{u.unread == 1 ? '' : 's'}." }}
{%- if u.email ends with '@example.com' %} (staff){% endif %}
{%- if u.email starts with 'admin' %} (admin){% endif %}
{%- if 'vip' in u.tags %} ★{% endif %}
{%- if u.email matches '/^[^@]+@[^@]+\\.[a-z]{2,}$/' %} ✓{% else %} ✗{% endif %}
{% endfor %}""",
     {"users": [{"nickname": None, "first": "Ada", "last": "Lovelace", "hour": 9, "unread": 1,
                 "email": "admin@example.com", "tags": ["vip"]},
                {"nickname": "bobby", "first": "Bob", "last": "B", "hour": 15, "unread": 0,
                 "email": "bob@mail.org", "tags": []},
                {"nickname": "  ", "first": "", "last": "", "hour": 23, "unread": 12, "email": "broken@", "tags": ["v"]}]})

case("strings/split_join_keys", "CSV-ish input: split, trim each, filter empty, unique via keys, sort, join",
     r"""{% set raw = "  php, Twig ,,symfony , twig,  PHP,java " %}
{% set tags = raw|split(',')|map(t => t|trim|lower)|filter(t => t is not empty) %}
{% set unique = {} %}
{% for t in tags %}{% set unique = unique|merge({(t): true}) %}{% endfor %}
{{ tags|join('|') }}
{{ unique|keys|sort|join(', ') }} ({{ unique|length }})
{{ 'a-b-c-d'|split('-', 2)|join(' / ') }} # {{ 'a-b-c-d'|split('-', -2)|join(' / ') }} # {{ 'abcdef'|split('', 4)|join(',') }} # {{ 'été'|split('')|join('.') }}
{{ 'Hello'|reverse }} {{ 'hello world'|split(' ')|reverse|join(' ') }} {{ 'x'|first }}{{ 'xyz'|last }}
""")

case("strings/replace_and_placeholders", "translation-like placeholders with replace and format, nl2br on Markup",
     r"""{% set messages = {
    'cart.summary': 'You have %count% item(s) in your cart, total: %total%.',
    'welcome': 'Welcome back, <b>%name%</b>!',
    'legal': "Line 1\nLine 2 & more"
} %}
<p>{{ messages['cart.summary']|replace({'%count%': cart.count, '%total%': cart.total|number_format(2) ~ ' €'}) }}</p>
<p>{{ messages.welcome|replace({'%name%': user.name})|raw }}</p>
<p>{{ messages.welcome|replace({'%name%': user.name|e}) }}</p>
<footer>{{ messages.legal|nl2br }}</footer>
<footer>{{ messages.legal|e|nl2br }}</footer>
""", {"cart": {"count": 3, "total": 1234.5}, "user": {"name": "<script>Eve</script>"}})

case("strings/text_wrap_and_abbr", "abbreviating: slice with negative start, length on Markup, upper/lower of ß",
     r"""{% for f in files %}
{{ f|length > 20 ? f|slice(0, 8) ~ '...' ~ f|slice(-9) : f }} [{{ f|split('.')|last|upper }}]
{% endfor %}
{{ 'straße'|upper }} {{ 'ÀÉÎ'|lower }} {{ 'ǆemal'|capitalize }} {{ 'hello-world foo_bar'|title }}
""", {"files": ["annual-report-2024-final-v2.pdf", "a.txt", "photo_of_the_team_at_the_offsite.jpeg"]})
