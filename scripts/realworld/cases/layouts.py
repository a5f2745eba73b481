"""Layout plumbing seen in real projects: variables set at the top of child templates, imports at the template
level used inside blocks, `use` with aliases, embed in embed, blocks in loops of the parent, block() with another
template, dynamic and conditional extends, source(), _self and _charset, with, sets captured and reused."""
from common import case

BASE = r"""<!DOCTYPE html>
<html>
<head><title>{% block title %}{{ page_title|default('Site') }}{% endblock %}</title>{% block meta %}{% endblock %}</head>
<body class="{{ body_class|default('') }}{{ sidebar_left ?? false ? ' with-left' }}">
{% block nav %}{% include 'nav.html.twig' %}{% endblock %}
{% block content %}{% endblock %}
{% block footer %}<footer>{{ footer_text ?? '(c)' }}</footer>{% endblock %}
</body>
</html>
"""
NAV = r"""<nav>{% for item in nav_items|default([]) %}<a href="{{ item.url }}"{{ item.url == current_url|default('') ? ' aria-current="page"' }}>{{ item.label }}</a>{% endfor %}</nav>"""

case("layouts/child_sets_variables_for_layout", "child template sets variables at top level that the layout reads",
     {"base.html.twig": BASE, "nav.html.twig": NAV,
      "index.twig": r"""{% extends 'base.html.twig' %}
{% set page_title = 'Products — ' ~ category|title %}
{% set body_class = 'page-products' %}
{% set sidebar_left = true %}
{% import _self as ui %}
{% macro badge(text, kind = 'info') %}<span class="badge badge-{{ kind }}">{{ text }}</span>{% endmacro %}

{% block meta %}<meta name="description" content="{{ page_title|e('html_attr') }}">{% endblock %}
{% block content %}
<h1>{{ page_title }}</h1>
{% for p in products %}{{ ui.badge(p, loop.first ? 'primary') }}{% endfor %}
{{ _self.badge('via _self', 'dark') }}
{% endblock %}
"""},
     {"category": "kitchen & bath", "products": ["Sink", "Tap <chrome>"],
      "nav_items": [{"url": "/", "label": "Home"}, {"url": "/products", "label": "Products"}],
      "current_url": "/products"})

case("layouts/use_with_alias", "horizontal reuse: use ... with block as alias, parent() into the trait",
     {"base.html.twig": BASE, "nav.html.twig": NAV,
      "blocks/sidebar.html.twig": r"""{% block sidebar %}<aside>{% block sidebar_inner %}default sidebar{% endblock %}</aside>{% endblock %}
{% block widgets %}<div class="widgets">{{ widgets|join(' · ') }}</div>{% endblock %}""",
      "index.twig": r"""{% extends 'base.html.twig' %}
{% use 'blocks/sidebar.html.twig' with sidebar as base_sidebar, widgets as base_widgets %}
{% block sidebar %}<div class="wrap">{{ block('base_sidebar') }}</div>{% endblock %}
{% block widgets %}[{{ block('base_widgets') }}]{% endblock %}
{% block content %}
<main>{{ block('sidebar') }}{{ block('widgets') }}{{ block('sidebar_inner') }}</main>
{% endblock %}
"""},
     {"widgets": ["clock", "weather <sun>"], "footer_text": "Footer & co"})

case("layouts/blocks_in_parent_loop", "the layout loops and the child overrides the block rendered per row",
     {"list.html.twig": r"""<table>
{% for row in rows %}
<tr class="{{ loop.index is odd ? 'odd' : 'even' }}">{% block row %}<td>{{ row.name }}</td>{% endblock %}</tr>
{% else %}
<tr>{% block empty %}<td>nothing</td>{% endblock %}</tr>
{% endfor %}
</table>
{% block summary %}{{ rows|length }} rows{% endblock %}""",
      "index.twig": r"""{% extends 'list.html.twig' %}
{% block row %}<td>{{ loop.index }}/{{ loop.length }}</td><td>{{ row.name|upper }}</td><td>{{ parent() }}</td>{% endblock %}
{% block summary %}Total: {{ parent() }}, last: {{ (rows|last).name }}{% endblock %}
"""},
     {"rows": [{"name": "a"}, {"name": "b"}, {"name": "c"}]})

case("layouts/embed_in_embed", "an embed inside an embed, each overriding blocks, with and only variables",
     {"panel.html.twig": r"""<section class="panel {{ variant|default('default') }}"><h2>{% block heading %}{{ heading }}{% endblock %}</h2><div>{% block body %}{% endblock %}</div></section>""",
      "modal.html.twig": r"""<div class="modal" id="{{ id }}">{% block content %}{% endblock %}<button>{% block close_label %}Close{% endblock %}</button></div>""",
      "index.twig": r"""{% embed 'modal.html.twig' with {id: 'confirm-' ~ item.id} %}
    {% block content %}
        {% embed 'panel.html.twig' with {heading: 'Delete ' ~ item.name ~ '?', variant: 'danger'} only %}
            {% block body %}This cannot be undone. {{ item is defined ? 'leaked' : 'isolated' }}{% endblock %}
        {% endembed %}
        {% embed 'panel.html.twig' with {heading: 'Details'} %}
            {% block heading %}{{ parent() }} of {{ item.name }}{% endblock %}
            {% block body %}#{{ item.id }} {{ id }}{% endblock %}
        {% endembed %}
    {% endblock %}
    {% block close_label %}Cancel ({{ item.name }}){% endblock %}
{% endembed %}"""},
     {"item": {"id": 9, "name": "Report <Q3>"}})

case("layouts/dynamic_and_conditional_extends", "extends from a variable, a ternary, and a list of candidates",
     {"layouts/full.html.twig": "FULL[{% block body %}{% endblock %}]",
      "layouts/ajax.html.twig": "{% block body %}{% endblock %}",
      "layouts/print.html.twig": "PRINT<{% block body %}{% endblock %}>",
      "a.twig": "{% extends request.xhr ? 'layouts/ajax.html.twig' : 'layouts/full.html.twig' %}{% block body %}a:{{ request.xhr ? 'xhr' : 'page' }}{% endblock %}",
      "b.twig": "{% extends ['layouts/' ~ theme ~ '.html.twig', 'layouts/full.html.twig'] %}{% block body %}b{% endblock %}",
      "c.twig": "{% extends layout %}{% block body %}c{% endblock %}",
      "index.twig": "{{ include('a.twig') }}|{{ include('a.twig', {request: {xhr: true}}) }}|{{ include('b.twig') }}|"
                    "{{ include('b.twig', {theme: 'print'}) }}|{{ include('c.twig', {layout: 'layouts/print.html.twig'}) }}"},
     {"request": {"xhr": False}, "theme": "dark", "layout": "layouts/full.html.twig"})

case("layouts/block_from_other_template", "block() with a template argument, and is defined on it",
     {"components.html.twig": r"""{% block alert %}<div class="alert alert-{{ type|default('info') }}">{{ message }}</div>{% endblock %}
{% block spinner %}<span class="spinner"></span>{% endblock %}""",
      "index.twig": r"""{% set message = 'Saved & done' %}
{{ block('alert', 'components.html.twig') }}
{% with {type: 'danger', message: 'Failed <again>'} %}{{ block('alert', 'components.html.twig') }}{% endwith %}
{{ block('spinner', 'components.html.twig') is defined ? 'has spinner' }} {{ block('toast', 'components.html.twig') is defined ? 'has toast' : 'no toast' }}
{{ block('spinner', 'components.html.twig')|length }} {{ block('spinner', 'components.html.twig')|upper }}
"""})

case("layouts/source_and_self", "source() for a 'show code' box, _self, _charset, ignore_missing",
     {"snippets/hello.html.twig": "<p>Hello {{ name }}!</p>\n",
      "index.twig": r"""<h3>{{ _self }} ({{ _charset }})</h3>
<pre><code>{{ source('snippets/hello.html.twig') }}</code></pre>
<pre>{{ source('snippets/missing.html.twig', ignore_missing = true) }}</pre>
<div>{{ include('snippets/hello.html.twig', {name: 'World & you'}) }}</div>
{{ source('snippets/hello.html.twig')|length }} {{ source('snippets/hello.html.twig') is empty ? 'empty' : 'not empty' }}
"""})

case("layouts/captures_and_markup", "set captures: Markup printed as is, but escaped after string filters or ~",
     r"""{% set badge %}<span class="badge">{{ count }}</span>{% endset %}
{% set link = '<a href="/inbox">Inbox</a>' %}
1 {{ badge }}
2 {{ badge|upper }}
3 {{ badge ~ '!' }}
4 {{ (badge ~ '!')|raw }}
5 {{ badge|raw ~ link }}
6 {{ link }} {{ link|raw }}
7 {{ badge|trim }} {{ badge|length }} {{ badge is empty ? 'empty' : 'full' }}
8 {{ show ? badge : 'none' }} {{ show ? link|raw : '<i>x</i>' }} {{ badge ?: 'none' }} {{ missing ?? badge }}
9 {% set empty_capture %}   {% endset %}[{{ empty_capture }}] {{ empty_capture|trim is empty ? 'blank' }}
""", {"count": "<3>", "show": True})

case("layouts/macro_scoping", "macros: own scope (no outer variables), _context-free defaults, varargs, return in set",
     r"""{% set site = 'ACME' %}
{% macro card(title, body = 'n/a') %}
<div class="card"><h4>{{ title }}</h4><p>{{ body }}</p><small>{{ site is defined ? site : 'no site' }} {{ varargs|length }} extra: {{ varargs|join(', ') }}</small></div>
{%- endmacro %}
{% macro list(items) %}{% for i in items %}{{ _self.item(i, loop.index) }}{% endfor %}{% endmacro %}
{% macro item(i, n) %}<li>{{ n }}. {{ i }}</li>{% endmacro %}
{{ _self.card('One') }}
{{ _self.card('Two', 'body <b>', 'x', 'y') }}
{{ _self.card(body = 'named first', title = 'Three') }}
{% set html = _self.list(['a', 'b<c>']) %}
<ul>{{ html }}</ul> {{ html|length > 10 ? 'long' }} {{ _self.item('z', 0)|striptags }}
""")
