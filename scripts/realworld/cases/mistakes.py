"""What real users get wrong, and the errors Twig gives them: undefined variables and attributes under strict
variables (and what renders without), typos in filter names, missing templates and blocks, macros not imported,
content outside blocks in a child template, bad arguments."""
from common import case

PAGE = {"layout.html.twig": "<main>{% block content %}{% endblock %}</main>"}

case("mistakes/undefined_variable_in_layout", "a layout reading a variable the controller did not pass",
     dict(PAGE, **{"index.twig": "{% extends 'layout.html.twig' %}\n{% block content %}\n<h1>{{ page.title }}</h1>\n"
                                 "<p>{{ user.name }}</p>\n{% endblock %}"}),
     {"page": {"title": "Home"}})
case("mistakes/undefined_variable_not_strict", "the same page with strict_variables off renders empty strings",
     dict(PAGE, **{"index.twig": "{% extends 'layout.html.twig' %}\n{% block content %}\n<h1>{{ page.title }}</h1>\n"
                                 "<p>{{ user.name }}|{{ page.subtitle }}|{{ page.title.foo }}|{{ missing|length }}|"
                                 "{{ missing is empty ? 'empty' }}|{{ page['x'] ?? 'dflt' }}</p>\n{% endblock %}"}),
     {"page": {"title": "Home"}}, {"strict_variables": False})
case("mistakes/missing_key_on_hash", "a key missing from a hash under strict variables",
     "{% for p in products %}\n{{ p.name }}: {{ p.price }}\n{% endfor %}",
     {"products": [{"name": "A", "price": 1}, {"name": "B"}]})
case("mistakes/attribute_on_null", "reading an attribute of null (an optional relation) under strict variables",
     "<p>\n{{ order.id }}\n{{ order.customer.email }}\n</p>", {"order": {"id": 7, "customer": None}})
case("mistakes/attribute_on_string", "reading an attribute of a string under strict variables",
     "{% set user = 'admin' %}\n{{ user.name }}")
case("mistakes/filter_typo", "a typo in a filter name, with Twig's suggestion",
     "<ul>\n{% for i in items %}\n<li>{{ i|lenght }}</li>\n{% endfor %}\n</ul>", {"items": ["a"]})
case("mistakes/unknown_function", "a framework function that is not registered (path)",
     "<a href=\"{{ path('homepage') }}\">Home</a>")
case("mistakes/unknown_test", "a misspelled test name",
     "{% if items is emtpy %}none{% endif %}", {"items": []})
case("mistakes/missing_include", "including a template that does not exist",
     "<div>\n{% include 'partials/_sidebar.html.twig' %}\n</div>")
case("mistakes/missing_parent_template", "extending a layout that does not exist",
     "{% extends 'base.html.twig' %}\n{% block body %}x{% endblock %}")
case("mistakes/content_outside_blocks", "text outside blocks in a child template",
     dict(PAGE, **{"index.twig": "{% extends 'layout.html.twig' %}\n<h1>Title</h1>\n"
                                 "{% block content %}x{% endblock %}"}))
case("mistakes/macro_not_imported", "calling a macro of another file without importing it",
     {"macros.twig": "{% macro hello(name) %}Hello {{ name }}{% endmacro %}",
      "index.twig": "{% import 'macros.twig' as m %}\n{{ m.hello('a') }}\n{{ m.goodbye('b') }}"})
case("mistakes/block_function_missing", "block() of a block that does not exist",
     "{% block a %}A{% endblock %}\n{{ block('b') }}")
case("mistakes/unclosed_tag", "an if without endif",
     "{% if user %}\n<p>Hi</p>\n{% for x in y %}{% endfor %}\n", {"user": True, "y": []})
case("mistakes/endblock_name_mismatch", "endblock with another block's name",
     "{% block content %}\nx\n{% endblock contents %}")
case("mistakes/wrong_macro_args", "calling a macro with a named argument it does not declare",
     "{% macro input(name, value = '', type = 'text') %}<input type=\"{{ type }}\" name=\"{{ name }}\" "
     "value=\"{{ value }}\">{% endmacro %}\n{{ _self.input('q', typ='search') }}")
case("mistakes/named_args_any_case", "named arguments: snake_case and camelCase forms of a filter argument",
     "{{ 1234.5|number_format(decimal=2, decimalPoint=',', thousand_sep='.') }}|"
     "{{ 'a,b'|split(delimiter=',')|join('-') }}|{{ [3, 1]|sort|join }}")
case("mistakes/division_by_zero", "an average over an empty list",
     "{% set total = items|reduce((s, i) => s + i, 0) %}\nAverage: {{ total / items|length }}", {"items": []})
case("mistakes/array_to_string_join", "joining a list of hashes through map before printing",
     "{{ users|map(u => u.name)|join(', ') }} / {{ users|column('name')|join(', ') }} / "
     "{{ users|map(u => \"#{u.name} <#{u.email}>\")|join('; ') }}",
     {"users": [{"name": "A", "email": "a@x"}, {"name": "B", "email": "b@x"}]})
case("mistakes/spaceless_filter_on_unsafe", "apply spaceless on autoescaped output, and the spaceless filter",
     "{% apply spaceless %}\n<div>\n    <b>{{ name }}</b>\n</div>\n{% endapply %}\n"
     "{{ '<p>  <i>x</i>  </p>'|spaceless }}\n{{ bio|spaceless }}", {"name": "<i>a</i>", "bio": "<i>a</i>  <b>b</b>"},
     newer=([("{{ bio|spaceless }}", "{{ bio|e|spaceless }}")],
            "Twig 3.26 (CVE-2026-46628): the spaceless filter pre-escapes its input for html (pre_escape), so a "
            "variable is escaped before the spaces between tags go; the oracle rendered bio|e|spaceless in its place"))
case("mistakes/for_over_null_and_string", "looping over null, a string, and a number renders the else branch",
     "{% for x in nothing %}{{ x }}{% else %}null{% endfor %}|{% for c in 'abc' %}{{ c }}{% else %}string{% endfor %}"
     "|{% for n in 42 %}{{ n }}{% else %}number{% endfor %}|{% for k, v in {a: 1} %}{{ k }}={{ v }}{% endfor %}",
     {"nothing": None})
case("mistakes/set_in_loop_scope", "set inside a loop: new variables vanish, existing ones keep the last value",
     "{% set total = 0 %}{% for i in [1, 2, 3] %}{% set total = total + i %}{% set last = i %}{% endfor %}"
     "{{ total }}|{{ last is defined ? last : 'undefined' }}|"
     "{% for i in [1, 2] %}{% set seen = (seen ?? 0) + i %}{{ seen }},{% endfor %}|{{ seen ?? 'gone' }}")
case("mistakes/include_scope", "include sees the context but its sets do not leak back; with only hides globals?",
     {"partial.twig": "{% set leaked = 'yes' %}[{{ title ?? 'no title' }}/{{ global ?? 'no global' }}/{{ extra ?? '-' }}]",
      "index.twig": "{% set title = 'T' %}{% include 'partial.twig' %}{{ leaked ?? 'not leaked' }}"
                    "{% include 'partial.twig' with {extra: 'E'} only %}{{ include('partial.twig', {title: 'X'}) }}"
                    "{{ include('partial.twig', with_context = false) }}"})
case("mistakes/coalesce_after_filter", "?? after a filter: Twig's defined test refuses it at compile time",
     "<ul>\n{% for p in products %}\n<li>{{ p.name }}: {{ p.tags|first ?? 'untagged' }}</li>\n{% endfor %}\n</ul>",
     {"products": [{"name": "A", "tags": []}]})

case("mistakes/forgotten_endfor", "a for loop never closed in a list partial",
     "<ul>\n{% for item in items %}\n  <li>{{ item }}</li>\n</ul>\n", {"items": ["a"]})
