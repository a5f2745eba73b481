"""Templates written for newer Twig (3.17-3.29 syntax: ?., ===, = in expressions, destructuring, number
literals with _), rendered by the oracle through their 3.15 equivalents; plus 3.x features users adopted:
spread, has some/every, find, types, guard, deprecated."""
from common import case

case("modern/null_safe_and_strict", "user?.address?.city, === and !== (3.23/3.24) in a profile card",
     r"""{% for u in users %}
<p>{{ u.name }} — {{ u?.address?.city ?? 'unknown city' }} — {{ u.role === 'admin' ? 'admin' : 'user' }}{{ u.verified !== true ? ' (unverified)' }}</p>
{% endfor %}
""", {"users": [{"name": "Ann", "address": {"city": "Paris"}, "role": "admin", "verified": True},
                {"name": "Bob", "address": None, "role": "editor", "verified": 1},
                {"name": "Cy", "address": {"city": None}, "role": "admin", "verified": False}]},
     newer=([("u?.address?.city ?? 'unknown city'", "(u.address is null ? 'unknown city' : u.address.city ?? 'unknown city')"),
             ("u.role === 'admin'", "u.role is same as('admin')"),
             ("u.verified !== true", "u.verified is not same as(true)")],
            "Twig 3.23/3.24: === / !== (same as `same as` / `not same as`) and the null-safe ?. (short-circuits the "
            "chain); the oracle rendered the 3.15 equivalents (u.address is null ? null : u.address.city, same as)"))

case("modern/spread_and_has", "option merging with spread, has some / has every, find, arrow keys",
     r"""{% set defaults = {size: 'md', color: 'primary', outline: false} %}
{% set options = {...defaults, ...custom, color: custom.color ?? 'secondary'} %}
<button class="btn btn-{{ options.outline ? 'outline-' }}{{ options.color }} btn-{{ options.size }}">{{ label }}</button>
{{ [...tags, 'new', ...extra]|join(', ') }}
{{ scores has some s => s > 90 ? 'has an A' : 'no A' }} / {{ scores has every s => s >= 50 ? 'all passed' : 'some failed' }} / {{ [] has every s => s > 1000 ? 'vacuous' }}
{{ (users|find(u => u.role == 'admin')).name ?? 'no admin' }} / {{ users|find(u => u.role == 'root')|default('no root') }}
{{ users|map((u, i) => i ~ ':' ~ u.name)|join(' ') }} / {{ users|filter((u, i) => i is odd)|map(u => u.name)|join }}
""", {"custom": {"size": "lg", "color": None}, "label": "Go <now>", "tags": ["a", "b"], "extra": ["z"],
      "scores": [72, 95, 50], "users": [{"name": "Al", "role": "user"}, {"name": "Bea", "role": "admin"},
                                        {"name": "Cid", "role": "user"}]})

case("modern/types_guard_deprecated", "types tag (3.13), guard for optional functions/filters (3.15), deprecated tag",
     r"""{% types {title: 'string', items: 'array<string>', subtitle?: 'string|null'} %}
{% deprecated 'The "legacy.html.twig" template is deprecated, use "card.html.twig".' %}
<h1>{{ title }}</h1>
{% guard function asset %}<link href="{{ asset('app.css') }}">{% else %}<link href="/build/app.css">{% endguard %}
{% guard filter markdown_to_html %}{{ body|markdown_to_html }}{% else %}<p>{{ body }}</p>{% endguard %}
{% guard test iterable %}{{ items is iterable ? items|length ~ ' items' }}{% endguard %}
{% guard filter upper %}{{ title|upper }}{% else %}never{% endguard %}
""", {"title": "Guarded <page>", "items": ["a", "b"], "body": "**bold** text"})

case("modern/assignments_and_destructuring", "{% do %} assignments, = in expressions and destructuring (3.23/3.24)",
     r"""{% do total = 0 %}
{% for line in lines %}{% do total = total + line.qty * line.price %}{% endfor %}
Total: {{ total }}
{% do [first, , third] = steps %}{{ first }} → {{ third }}
{% do {name, email} = user %}{{ name }} <{{ email }}>
{% do {name: author, city: town} = user %}{{ author }} from {{ town }}
{{ (count = lines|length) > 1 ? count ~ ' lines' : 'one line' }} / {{ count }}
Budget: {{ 1_000_000|number_format }} (+{{ 2_500 }})
""", {"lines": [{"qty": 2, "price": 5}, {"qty": 1, "price": 7}], "steps": ["plan", "build", "ship"],
      "user": {"name": "Ada", "email": "ada@example.com", "city": "London"}},
     newer=([("{% do total = 0 %}", "{% set total = 0 %}"),
             ("{% do total = total + line.qty * line.price %}", "{% set total = total + line.qty * line.price %}"),
             ("{% do [first, , third] = steps %}", "{% set first = steps[0] %}{% set third = steps[2] %}"),
             ("{% do {name, email} = user %}", "{% set name = user.name %}{% set email = user.email %}"),
             ("{% do {name: author, city: town} = user %}", "{% set author = user.name %}{% set town = user.city %}"),
             ("{{ (count = lines|length) > 1 ? count ~ ' lines' : 'one line' }} / {{ count }}",
              "{% set count = lines|length %}{{ count > 1 ? count ~ ' lines' : 'one line' }} / {{ count }}"),
             ("{{ 1_000_000|number_format }} (+{{ 2_500 }})", "{{ 1000000|number_format }} (+{{ 2500 }})")],
            "Twig 3.23/3.24: the = operator in expressions and sequence/mapping destructuring (with renaming), "
            "Twig 3.17: 1_000 literals; the oracle rendered the equivalent set tags and plain literals"))
