"""JSON and JavaScript: json_encode into script tags and data attributes, escape('js') into string literals,
templates whose strategy comes from their name (.json.twig, .js.twig, .css.twig), autoescape blocks, verbatim
client-side templates."""
from common import case

case("scripts/json_in_script_tag", "config for a JS app: json_encode|raw in <script>, json_encode in data-* (escaped)",
     r"""<div id="app" data-props="{{ props|json_encode }}" data-user="{{ user|json_encode|e('html_attr') }}"></div>
<script>
    window.APP_CONFIG = {{ config|json_encode|raw }};
    window.APP_USER = {{ user|json_encode(constant('JSON_PRETTY_PRINT'))|raw }};
    const locale = '{{ config.locale|e('js') }}';
    const title = "{{ page_title|escape('js') }}";
    const count = {{ items|length }};
    const flags = {{ {debug: debug, features: features|keys}|json_encode|raw }};
</script>
""", {"props": {"title": "Hello \"world\" <3", "count": 3, "tags": ["a&b", "c'd"]},
      "user": {"id": 42, "name": "Zoë O'Hara", "roles": ["ROLE_USER"], "meta": {}},
      "config": {"locale": "fr_FR", "apiBase": "https://api.example.com/v1/", "maxUpload": 10485760,
                 "ratio": 1.5, "empty": [], "nothing": None, "enabled": True},
      "page_title": "Tom's \"quotes\" </script><script>alert(1)</script> & ünicode",
      "items": [1, 2, 3], "debug": False, "features": {"search": True, "chat": False}})

case("scripts/json_template_autoescape_name", "a .json.twig API response: js strategy by name, raw json_encode",
     {"api/products.json.twig": r"""{
    "total": {{ products|length }},
    "generated": {{ generated_at|date('U') }},
    "items": [
    {%- for p in products %}
        {
            "id": {{ p.id }},
            "name": {{ p.name|json_encode|raw }},
            "escaped": "{{ p.name }}",
            "price": {{ p.price|number_format(2, '.', '') }},
            "tags": {{ p.tags|json_encode|raw }}
        }{{ not loop.last ? ',' }}
    {%- endfor %}
    ]
}
"""}, {"generated_at": "2024-05-01 12:00:00",
       "products": [{"id": 1, "name": "Chair \"Eames\"", "price": 499, "tags": ["furniture", "design/classic"]},
                    {"id": 2, "name": "Café <crème> & co", "price": 3.5, "tags": []}]},
     {"autoescape": "name"}, main="api/products.json.twig")

case("scripts/js_and_css_templates_by_name", "a .js.twig and a .css.twig rendered through include, strategies by name",
     {"index.html.twig": r"""<script>{{ include('widget.js.twig') }}</script>
<style>{{ include('theme.css.twig') }}</style>
<p>{{ include('note.txt.twig') }}</p>""",
      "widget.js.twig": r"""var widget = {
    label: "{{ label }}",
    html: '{{ html }}',
    url: "{{ url|e('url') }}",
    raw: {{ data|json_encode|raw }}
};""",
      "theme.css.twig": r""".brand { color: {{ color }}; font-family: "{{ font }}"; }
.brand::after { content: "{{ label }}"; }""",
      "note.txt.twig": "Note: {{ label }} <{{ html }}>"},
     {"label": "Say \"hi\" & <bye>", "html": "<b>it's</b>\n", "url": "https://x.test/a b?c=d&e=f",
      "data": {"a": [1, 2], "b": "c/d"}, "color": "#ff0000; background: url(evil)", "font": "Open Sans"},
     {"autoescape": "name"}, main="index.html.twig")

case("scripts/autoescape_blocks", "autoescape 'js' / false / 'html_attr' blocks inside an html template",
     r"""<button onclick="{% autoescape 'js' %}track('{{ event }}', '{{ label }}'){% endautoescape %}">{{ label }}</button>
{% autoescape false %}
<div>{{ trusted_html }} vs {{ untrusted|e }}</div>
{% endautoescape %}
{% autoescape 'html_attr' %}<input value={{ label }}>{% endautoescape %}
{% autoescape %}{{ label }}{% endautoescape %}
""", {"event": "click:buy", "label": "Buy \"now\" & save 10%", "trusted_html": "<em>ok</em>",
      "untrusted": "<script>x</script>"})

case("scripts/verbatim_client_templates", "verbatim blocks holding Handlebars/Vue templates next to Twig output",
     r"""<script type="text/x-handlebars-template" id="tpl-item">
{% verbatim %}
    <li class="{{#if active}}active{{/if}}">{{ name }} — {% raw %}</li>
{% endverbatim %}
</script>
<div id="vue-app" data-initial="{{ items|json_encode }}">
    {%- verbatim %}<span v-for="item in items">{{ item.label }}</span>{% endverbatim -%}
</div>
<p>{{ items|length }} items</p>
""", {"items": [{"label": "A & B"}, {"label": "<C>"}]})

case("scripts/js_escaping_edge_cases", "escape('js') of unicode, line separators, control chars; url_encode forms",
     r"""<script>
var s1 = "{{ text|e('js') }}";
var s2 = "{{ emoji|e('js') }}";
var s3 = "{{ ctrl|e('js') }}";
</script>
<a href="/search?{{ params|url_encode }}">search</a>
<a href="/tag/{{ tag|url_encode }}">tag</a>
<a href="{{ 'https://example.com/?q=' ~ query|url_encode }}">q</a>
""", {"text": "line1\nline2\ttab \u2028 sep \"dq\" 'sq' \\back", "emoji": "café ☕ 😀",
      "ctrl": "a\u0001b\u007fc", "params": {"q": "twig & java", "page": 2, "filters": {"lang": ["en", "fr"]},
                                            "empty": "", "none": None, "yes": True},
      "tag": "C++/C#", "query": "a b+c"})
