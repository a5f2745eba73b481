"""Menus: KnpMenu's knp_menu.html.twig (blocks rendered recursively with block(), variables saved and restored),
recursive macros through _self, breadcrumbs, and a tree with loop.parent."""
from common import case

KNP_BASE = r"""{% block compressed_root %}
{% apply spaceless %}
{{ block('root') }}
{% endapply %}
{% endblock %}
"""

KNP_MENU = r"""{% extends 'knp_menu_base.html.twig' %}

{% macro attributes(attributes) %}
{% for name, value in attributes %}
    {%- if value is not none and value is not same as(false) -%}
        {{- ' %s="%s"'|format(name, value is same as(true) ? name|e : value|e)|raw -}}
    {%- endif -%}
{%- endfor -%}
{% endmacro %}

{% block root %}
{% set listAttributes = item.childrenAttributes %}
{{ block('list') -}}
{% endblock %}

{% block list %}
{% if item.children is not empty and options.depth is not same as(0) and item.displayChildren %}
    {% import _self as knp_menu %}
    <ul{{ knp_menu.attributes(listAttributes) }}>
        {{ block('children') }}
    </ul>
{% endif %}
{% endblock %}

{% block children %}
{# save current variables #}
{% set currentOptions = options %}
{% set currentItem = item %}
{# update the depth for children #}
{% if options.depth is not none %}
{% set options = options|merge({'depth': currentOptions.depth - 1}) %}
{% endif %}
{# update the matchingDepth for children #}
{% if options.matchingDepth is not none and options.matchingDepth > 0 %}
{% set options = options|merge({'matchingDepth': currentOptions.matchingDepth - 1}) %}
{% endif %}
{% for item in currentItem.children %}
    {{ block('item') }}
{% endfor %}
{# restore current variables #}
{% set item = currentItem %}
{% set options = currentOptions %}
{% endblock %}

{% block item %}
{% if item.displayed %}
{# building the class of the item #}
    {%- set classes = item.attributes.class is defined and item.attributes.class is not empty ? [item.attributes.class] : [] %}
    {%- if item.uri == currentUri %}
        {%- set classes = classes|merge([options.currentClass]) %}
    {%- elseif currentUri starts with item.uri ~ '/' %}
        {%- set classes = classes|merge([options.ancestorClass]) %}
    {%- endif %}
    {%- if loop.first %}
        {%- set classes = classes|merge([options.firstClass]) %}
    {%- endif %}
    {%- if loop.last %}
        {%- set classes = classes|merge([options.lastClass]) %}
    {%- endif %}

    {# Mark item as "leaf" (no children) or as "branch" (has children that are displayed) #}
    {% if item.children is not empty and options.depth is not same as(0) %}
        {% if options.branch_class is not empty and item.displayChildren %}
            {%- set classes = classes|merge([options.branch_class]) %}
        {% endif %}
    {% elseif options.leaf_class is not empty %}
        {%- set classes = classes|merge([options.leaf_class]) %}
    {%- endif %}

    {%- set attributes = item.attributes %}
    {%- if classes is not empty %}
        {%- set attributes = attributes|merge({'class': classes|join(' ')}) %}
    {%- endif %}
{# displaying the item #}
    {% import _self as knp_menu %}
    <li{{ knp_menu.attributes(attributes) }}>
        {%- if item.uri is not empty and (item.uri != currentUri or options.currentAsLink) %}
        {{ block('linkElement') }}
        {%- else %}
        {{ block('spanElement') }}
        {%- endif %}
{# render the list of children#}
        {%- set childrenClasses = item.childrenAttributes.class is defined ? [item.childrenAttributes.class] : [] %}
        {%- set childrenClasses = childrenClasses|merge(['menu_level_' ~ item.level]) %}
        {%- set listAttributes = item.childrenAttributes|merge({'class': childrenClasses|join(' ') }) %}
        {{ block('list') }}
    </li>
{% endif %}
{% endblock %}

{% block linkElement %}{% import _self as knp_menu %}<a href="{{ item.uri }}"{{ knp_menu.attributes(item.linkAttributes) }}>{{ block('label') }}</a>{% endblock %}

{% block spanElement %}{% import _self as knp_menu %}<span{{ knp_menu.attributes(item.labelAttributes) }}>{{ block('label') }}</span>{% endblock %}

{% block label %}{% if options.allow_safe_labels and item.extras.safe_label|default(false) %}{{ item.label|raw }}{% else %}{{ item.label }}{% endif %}{% endblock %}
"""


def item(label, uri, level, children=(), **kw):
    d = {"label": label, "uri": uri, "level": level, "displayed": True, "displayChildren": True,
         "attributes": {}, "childrenAttributes": {}, "linkAttributes": {}, "labelAttributes": {}, "extras": {},
         "children": list(children)}
    d.update(kw)
    return d


MAIN_MENU = item("root", None, 0, [
    item("Home", "/", 1, linkAttributes={"title": "Back \"home\""}),
    item("Blog", "/blog", 1, [
        item("Latest posts", "/blog/latest", 2),
        item("Archive <2023>", "/blog/archive", 2, [item("2023", "/blog/archive/2023", 3),
                                                     item("2022", "/blog/archive/2022", 3)]),
        item("Hidden draft", "/blog/drafts", 2, displayed=False),
    ], attributes={"class": "dropdown", "id": "nav-blog"}, childrenAttributes={"class": "dropdown-menu"}),
    item("<b>New</b> features", "/features", 1, extras={"safe_label": True}),
    item("About", None, 1, labelAttributes={"class": "muted", "data-disabled": True}),
], childrenAttributes={"class": "nav navbar-nav", "data-turbo": False})
OPTIONS = {"depth": None, "matchingDepth": None, "currentAsLink": True, "currentClass": "current",
           "ancestorClass": "current_ancestor", "firstClass": "first", "lastClass": "last", "branch_class": "",
           "leaf_class": "", "allow_safe_labels": True}
KNP = {"knp_menu_base.html.twig": KNP_BASE, "knp_menu.html.twig": KNP_MENU,
       "index.twig": "{% set item = menu %}{% set loop = {first: false, last: false} %}"
                     "{{ block('compressed_root', 'knp_menu.html.twig') }}"}

case("menus/knp_menu_full", "KnpMenu knp_menu.html.twig: recursive block('item'), saved/restored variables",
     dict(KNP, **{"index.twig": "{% extends 'knp_menu.html.twig' %}"}),
     {"item": MAIN_MENU, "options": OPTIONS, "currentUri": "/blog/archive/2023"})
case("menus/knp_menu_depth_1", "KnpMenu: depth 1, leaf/branch classes, currentAsLink false",
     dict(KNP, **{"index.twig": "{% extends 'knp_menu.html.twig' %}"}),
     {"item": MAIN_MENU, "options": dict(OPTIONS, depth=1, currentAsLink=False, branch_class="has-children",
                                         leaf_class="leaf", allow_safe_labels=False), "currentUri": "/"})
case("menus/knp_menu_uncompressed_root", "KnpMenu: block('root') of the menu template without spaceless",
     dict(KNP, **{"index.twig": "{% extends 'knp_menu.html.twig' %}{% block compressed_root %}"
                                "{{ block('root') }}{% endblock %}"}),
     {"item": item("root", None, 0, [item("Docs", "/docs", 1, [item("Setup", "/docs/setup", 2)])]),
      "options": dict(OPTIONS, matchingDepth=2), "currentUri": "/docs/setup"})

# a recursive macro menu with _self and loop.parent-free nesting, plus an active-trail test
TREE_MACRO = r"""{% macro menu_links(links, current, depth = 0) %}
    {%- import _self as m -%}
    <ul class="level-{{ depth }}">
    {%- for link in links %}
        {%- set active = link.url == current or (link.children is defined and current in link.children|column('url')) %}
        <li{% if active %} class="active"{% endif %}>
            <a href="{{ link.url }}"{% if link.external ?? false %} rel="noopener" target="_blank"{% endif %}>{{ link.title|title }}</a>
            {%- if link.children is defined and link.children is not empty %}
                {{- m.menu_links(link.children, current, depth + 1) }}
            {%- endif %}
        </li>
    {%- endfor %}
    </ul>
{%- endmacro %}
"""
LINKS = [{"title": "home", "url": "/"},
         {"title": "the products", "url": "/products",
          "children": [{"title": "twig for java", "url": "/products/zweig"},
                       {"title": "o'reilly books", "url": "/products/books"}]},
         {"title": "github", "url": "https://github.com/x?a=1&b=2", "external": True}]
case("menus/recursive_macro", "recursive macro menu through an imported _self, `in` on column(), title filter",
     {"menu.html.twig": TREE_MACRO,
      "index.twig": "{% from 'menu.html.twig' import menu_links %}<nav>{{ menu_links(links, current) }}</nav>"},
     {"links": LINKS, "current": "/products/books"})
case("menus/self_macro_same_file", "macro defined and called with _self in the same template, default arguments",
     TREE_MACRO + "<nav>{{ _self.menu_links(links, '/') }}</nav>", {"links": LINKS})

# a category tree with loop.parent, nested loops and loop variables of the outer loop
case("menus/nested_loops_loop_parent", "nested for loops: loop.parent.loop.index, revindex, length, last",
     r"""{% for section in sections %}
<h2>{{ loop.index }}. {{ section.name }}</h2>
<ul>
{% for page in section.pages %}
  <li data-pos="{{ loop.parent.loop.index }}.{{ loop.index }}" data-left="{{ loop.revindex0 }}/{{ loop.length }}">{{ page }}{{ loop.last and loop.parent.loop.last ? ' (end)' }}</li>
{% else %}
  <li>(empty section {{ loop.index }})</li>
{% endfor %}
</ul>
{% endfor %}""",
     {"sections": [{"name": "Getting started", "pages": ["Install", "Configure"]},
                   {"name": "Empty", "pages": []},
                   {"name": "Reference", "pages": ["Filters", "Functions", "Tests"]}]})

# breadcrumbs: slice, last, join with a separator, `not loop.last`
case("menus/breadcrumbs", "breadcrumbs: for with loop.last, slice(0, -1), |last, |join",
     r"""<ol class="breadcrumb">
{%- for crumb in crumbs %}
    {%- if not loop.last %}
    <li class="breadcrumb-item"><a href="{{ crumb.url }}">{{ crumb.label }}</a></li>
    {%- else %}
    <li class="breadcrumb-item active" aria-current="page">{{ crumb.label }}</li>
    {%- endif %}
{%- endfor %}
</ol>
<title>{{ crumbs|reverse|map(c => c.label)|join(' ‹ ') }}</title>
<p>Up: {{ (crumbs|slice(0, -1)|last).label }} — {{ crumbs|slice(1)|map(c => c.label|upper)|join(' / ') }}</p>
""", {"crumbs": [{"label": "Home", "url": "/"}, {"label": "Docs & Guides", "url": "/docs"},
                 {"label": "Templates", "url": "/docs/templates"}, {"label": "The \"for\" tag", "url": None}]})
