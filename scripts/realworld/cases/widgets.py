"""Field and widget templates as admin and CMS bundles write them: a value printed through ternaries, ?:, ??,
nl2br, raw and default in one expression (the escaping shapes of issue 8), icons from macros printed inside
attributes, markdown-ish text helpers, and user-supplied HTML that must stay escaped."""
from common import case

FIELD_TEXTAREA = r"""{# a textarea field in list and detail views #}
<td class="{{ field.cssClass ?? '' }}">{{ field.value ? field.value|nl2br : '<em>empty</em>' }}</td>
<td>{{ field.value|nl2br ?: 'none' }}</td>
<td>{{ field.missing ?? field.value|nl2br }}</td>
<td>{{ detail ? field.value|raw : field.value|nl2br }}</td>
<td>{{ field.value|default('<i>n/a</i>')|nl2br }}</td>
<td>{{ (field.value ~ '\n(edited)')|nl2br }}</td>
<td>{{ field.help|default('')|raw ?: field.label }}</td>
<td title="{{ field.value|striptags|replace({"\n": ' '}) }}">{{ field.value|length > 10 ? field.value|slice(0, 10) ~ '…' : field.value }}</td>
<td>{{ [field.value|nl2br, field.label]|join(' | ') }}</td>
<td>{{ {a: field.value|nl2br}.a }}</td>
<td>{{ field.values|map(v => v|nl2br)|join(', ') }}</td>
<td>{{ "Label: #{field.label|upper} / #{field.value|nl2br}" }}</td>
"""
case("widgets/textarea_escaping_shapes", "a textarea value printed through ?:, ??, ternaries, default, join, map",
     FIELD_TEXTAREA,
     {"detail": False,
      "field": {"value": "<p>Hi</p>\nsecond & \"third\"", "label": "Bio <admin>", "cssClass": "x",
                "help": "", "values": ["a<b>", "c\nd"]}})
case("widgets/textarea_escaping_shapes_js", "the same shapes under autoescape 'js' (a .js.twig template)",
     {"field.js.twig": FIELD_TEXTAREA},
     {"detail": True,
      "field": {"value": "<p>Hi</p>\nsecond", "label": "Bio", "help": "<b>help</b>", "values": ["x"]}},
     {"autoescape": "name"}, main="field.js.twig")
case("widgets/textarea_empty_value", "the same shapes with an empty value and a missing css class",
     FIELD_TEXTAREA, {"detail": False, "field": {"value": "", "label": "Notes", "help": None, "values": []}})

ICONS = r"""{% macro icon(name, label = null) -%}
<svg class="icon icon-{{ name }}" aria-hidden="{{ label is null ? 'true' : 'false' }}"><use href="#{{ name }}"/></svg>{% if label %}<span class="sr-only">{{ label }}</span>{% endif %}
{%- endmacro %}
{% macro button(label, icon = null, attrs = {}) -%}
{%- import _self as ui -%}
<button{% for k, v in {type: 'button'}|merge(attrs) %} {{ k }}="{{ v }}"{% endfor %}>{{ icon ? ui.icon(icon) }}{{ label }}</button>
{%- endmacro %}
"""
case("widgets/macro_icons_in_attributes", "macro output (markup) printed in text, attributes, filters and ~",
     {"ui.html.twig": ICONS,
      "index.twig": r"""{% import 'ui.html.twig' as ui %}
{{ ui.icon('home') }}
{{ ui.icon('trash', 'Delete <item>') }}
<a title="{{ ui.icon('x') }}">t</a>
{{ ui.icon('up')|upper }}
{{ ui.icon('up') ~ '!' }}
{{ ui.icon('up')|striptags|trim }}|{{ ui.icon('x', 'L')|length }}
{{ ui.button('Save & close', 'check', {class: 'btn btn-primary', 'data-confirm': 'Sure? "yes"'}) }}
{{ ui.button('<Plain>') }}
{% set rendered = ui.button('Stored') %}{{ rendered }} {{ rendered is empty ? 'empty' : 'filled' }}
"""})

case("widgets/user_html_stays_escaped", "user-supplied HTML: escaped by default, raw only where trusted",
     r"""{% for c in comments %}
<div class="comment{{ c.flagged ? ' flagged' }}" data-author="{{ c.author|e('html_attr') }}">
  <b>{{ c.author }}</b>: {{ c.trusted ? c.body|raw : c.body }}
  <a href="/u/{{ c.author|url_encode }}" onclick="return confirm('{{ ('Report ' ~ c.author ~ '?')|e('js') }}')">report</a>
  <span style="color: {{ c.color|e('css') }}">{{ c.color }}</span>
</div>
{% endfor %}""",
     {"comments": [{"author": "<script>alert('x')</script>", "body": "<img src=x onerror=alert(1)>", "trusted": False,
                    "flagged": True, "color": "red;}</style><script>"},
                   {"author": "O'Brien & Sons", "body": "<strong>Official</strong> answer", "trusted": True,
                    "flagged": False, "color": "#00ff00"}]})

case("widgets/alert_component_include", "alert component included with a type map, dismissible flag and raw body",
     {"components/alert.html.twig": r"""{%- set types = {success: 'check', danger: 'x', warning: 'alert'} -%}
{%- set type = type is defined and type in types|keys ? type : 'info' -%}
<div class="alert alert-{{ type }}{{ dismissible|default(false) ? ' alert-dismissible' }}" role="alert">
    {%- if types[type] is defined %}<i class="icon-{{ types[type] }}"></i> {% endif -%}
    {%- if title is defined and title %}<strong>{{ title }}</strong> {% endif -%}
    {{ body_html is defined ? body_html|raw : body }}
    {%- if dismissible|default(false) %}<button class="close">&times;</button>{% endif -%}
</div>""",
      "index.twig": r"""{{ include('components/alert.html.twig', {type: 'success', title: 'Saved!', body: 'Your <changes> were saved.'}) }}
{{ include('components/alert.html.twig', {type: 'bogus', body: 'Unknown type', dismissible: true}) }}
{{ include('components/alert.html.twig', {type: 'danger', body_html: 'Failed: <code>E42</code>'}, with_context = false) }}
{% include 'components/alert.html.twig' with {body: 'plain include'} only %}"""})

case("widgets/table_sorting_headers", "sortable table headers: query merge, url_encode of nested arrays, aria-sort",
     r"""{% set current = app.query %}
<tr>
{% for col in columns %}
    {% set dir = current.sort == col.key and current.dir == 'asc' ? 'desc' : 'asc' %}
    <th{% if current.sort == col.key %} aria-sort="{{ current.dir == 'asc' ? 'ascending' : 'descending' }}"{% endif %}>
        <a href="?{{ current|merge({sort: col.key, dir: dir, page: 1})|url_encode }}">{{ col.label }}{{ current.sort == col.key ? (current.dir == 'asc' ? ' ▲' : ' ▼') }}</a>
    </th>
{% endfor %}
</tr>
""", {"app": {"query": {"q": "red shoes", "filter": {"size": ["40", "41"], "brand": "A&B"}, "sort": "price",
                        "dir": "asc", "page": 4}},
      "columns": [{"key": "name", "label": "Name"}, {"key": "price", "label": "Price"},
                  {"key": "stock", "label": "Stock"}]})
