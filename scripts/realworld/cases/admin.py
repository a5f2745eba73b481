"""Admin bundle pages (EasyAdmin-like): a layout with many blocks, a CRUD index whose cells are rendered by
per-field templates through include() with variables and with_context = false, a detail page with embed, flash
messages, actions with html_attr-escaped attributes, a dashboard with stat cards."""
from common import case

LAYOUT = r"""<!DOCTYPE html>
<html lang="{{ ea.i18n.htmlLocale }}" dir="{{ ea.i18n.textDirection }}">
<head>
    <meta charset="utf-8">
    <title>{% block page_title %}{{ block('content_title')|striptags|raw }}{% endblock %} | {{ ea.dashboardTitle|striptags }}</title>
    {% block head_stylesheets %}
    <link rel="stylesheet" href="/bundles/easyadmin/app.css">
    {% endblock %}
    {% for css in ea.assets.cssFiles ?? [] %}
    <link rel="stylesheet" href="{{ css }}">
    {% endfor %}
</head>
{% block body %}
<body id="{% block body_id %}{% endblock %}" class="ea {% block body_class %}{% endblock %}">
    {% block wrapper %}
    <header class="main-header">
        {% block header_navbar %}
        <a class="logo" title="{{ ea.dashboardTitle|striptags }}" href="/admin">{{ ea.dashboardTitle|raw }}</a>
        {% endblock header_navbar %}
    </header>
    <section class="content">
        {% block flash_messages %}
            {{ include('flash_messages.html.twig') }}
        {% endblock flash_messages %}
        {% block content_header_wrapper %}
        <section class="content-header">
            <h1 class="title">{% block content_title %}{% endblock %}</h1>
            <div class="page-actions">{% block page_actions %}{% endblock %}</div>
        </section>
        {% endblock content_header_wrapper %}
        <section id="main" class="content-body">
            {% block main %}{% endblock %}
        </section>
        {% block content_footer_wrapper %}
            {% set content_footer = block('content_footer') is defined ? block('content_footer') : '' %}
            {% if content_footer is not empty %}
                <section class="content-footer">{{ content_footer }}</section>
            {% endif %}
        {% endblock %}
    </section>
    {% endblock wrapper %}
</body>
{% endblock body %}
</html>
"""

FLASHES = r"""{% set flash_messages = ea.flashes ?? {} %}
{% if flash_messages|length > 0 %}
    <div id="flash-messages">
        {% for label, messages in flash_messages %}
            {% for message in messages %}
                <div class="alert alert-{{ label }} alert-dismissible fade show" role="alert">
                    {{ message|raw }}
                    <button type="button" class="btn-close" data-bs-dismiss="alert" aria-label="Close"></button>
                </div>
            {% endfor %}
        {% endfor %}
    </div>
{% endif %}
"""

ACTION = r"""{% apply spaceless %}
{% if 'a' == action.htmlElement %}
    <a class="{{ isIncludedInDropdown|default(false) ? 'dropdown-item' }} {{ action.cssClass }}"
       href="{{ action.linkUrl }}"
       {% for name, value in action.htmlAttributes %}{{ name }}="{{ value|e('html_attr') }}" {% endfor %}>
        {%- if action.icon %}<i class="action-icon {{ action.icon }}"></i> {% endif -%}
        {%- if action.label is not empty %}{{ action.label }}{% endif -%}
    </a>
{% elseif 'button' == action.htmlElement %}
    <button class="{{ action.cssClass }}" {% for name, value in action.htmlAttributes %}{{ name }}="{{ value|e('html_attr') }}" {% endfor %}>
        <span class="btn-label">
            {%- if action.icon %}<i class="action-icon {{ action.icon }}"></i> {% endif -%}
            {%- if action.label is not empty %}{{ action.label }}{% endif -%}
        </span>
    </button>
{% endif %}
{% endapply %}
"""

FIELD_TEXT = r"""{% if ea.crud.currentAction == 'detail' %}
    <span title="{{ field.value|striptags }}">{{ field.formattedValue|nl2br }}</span>
{% else %}
    {% set text = field.formattedValue|striptags %}
    <span title="{{ text }}">{{ text|length > field.customOptions.maxLength ? text|slice(0, field.customOptions.maxLength) ~ '…' : text }}</span>
{% endif %}
"""
FIELD_BOOLEAN = r"""{% set badge = field.value ? 'badge-boolean-true' : 'badge-boolean-false' %}
<span class="badge {{ badge }}">{{ field.value ? 'Yes' : 'No' }}</span>
"""
FIELD_DATETIME = r"""{% if field.value is null %}<span class="badge badge-secondary">Null</span>{% else %}<time datetime="{{ field.value|date('c') }}" title="{{ field.value|date('r') }}">{{ field.value|date(field.customOptions.format) }}</time>{% endif %}
"""
FIELD_MONEY = r"""{%- set amount = field.customOptions.storedAsCents ? field.value / 100 : field.value -%}
{{ field.customOptions.currency == 'EUR' ? amount|number_format(2, ',', '.') ~ ' €' : field.customOptions.currency ~ ' ' ~ amount|number_format(2) }}
"""
FIELD_ASSOCIATION = r"""{% if field.value is iterable %}
    <span class="badge badge-secondary">{{ field.value|length }}</span>
{% elseif field.value is not null %}
    <a href="/admin/{{ field.customOptions.crudController|lower }}/{{ field.value.id }}">{{ field.value.name ?? ('#' ~ field.value.id) }}</a>
{% else %}
    <span class="badge badge-secondary">None</span>
{% endif %}
"""
FIELD_EMAIL = r"""<a href="mailto:{{ field.value|url_encode }}">{{ field.value }}</a>"""
FIELD_ARRAY = r"""{% if ea.crud.currentAction == 'detail' %}<ul>{% for item in field.value %}<li>{{ item }}</li>{% endfor %}</ul>{% else %}{{ field.value|join(', ') }}{% endif %}"""

CRUD_INDEX = r"""{% extends 'layout.html.twig' %}
{% set ea_entity_count = entities|length %}

{% block body_id entities is empty ? 'ea-index-empty' : 'ea-index-' ~ ea.crud.entityName %}
{% block body_class 'ea-index ea-index-' ~ ea.crud.entityName|lower %}

{% block content_title %}{{ ea.crud.pluralLabel }} <small>({{ ea_entity_count }})</small>{% endblock %}

{% block page_actions %}
    {% for action in global_actions %}
        {{ include('action.html.twig', {action: action}, with_context = false) }}
    {% endfor %}
{% endblock page_actions %}

{% block main %}
    {% set sort_field_name = ea.search.sort|keys|first %}
    {% set sort_order = ea.search.sort|first %}
    <table class="table datagrid {{ entities is empty ? 'datagrid-empty' }}">
        <thead>
        <tr>
            <th><input type="checkbox" class="form-batch-checkbox-all"></th>
            {% for field in fields %}
                {% set is_sorting_field = sort_field_name == field.property %}
                {% set next_sort_direction = is_sorting_field ? (sort_order|upper == 'DESC' ? 'ASC' : 'DESC') : 'DESC' %}
                {% set column_icon = is_sorting_field ? (next_sort_direction == 'DESC' ? 'fa-arrow-up' : 'fa-arrow-down') : 'fa-sort' %}
                <th data-column="{{ field.property }}" class="{{ is_sorting_field ? 'sorted' }} {{ field.textAlign ?? 'left' == 'right' ? 'text-right' }}" dir="{{ ea.i18n.textDirection }}">
                    {% if field.sortable %}
                        <a href="?{{ ea.search.query|merge({sort: {(field.property): next_sort_direction}})|url_encode }}">
                            {{ field.label|raw }} <i class="fa fa-fw {{ column_icon }}"></i>
                        </a>
                    {% else %}
                        <span>{{ field.label|raw }}</span>
                    {% endif %}
                </th>
            {% endfor %}
            <th><span class="sr-only">Actions</span></th>
        </tr>
        </thead>
        <tbody>
        {% for entity in entities %}
            <tr data-id="{{ entity.id }}">
                <td><input type="checkbox" class="form-batch-checkbox" value="{{ entity.id }}"></td>
                {% for field in fields %}
                    {% set cell = field|merge({value: attribute(entity, field.property), formattedValue: attribute(entity, field.property)}) %}
                    <td data-label="{{ field.label|striptags|e('html_attr') }}" class="{{ field.property == sort_field_name ? 'sorted' }} field-{{ field.type }}">
                        {{ include('field/' ~ field.type ~ '.html.twig', {field: cell, entity: entity, ea: ea}, with_context = false) }}
                    </td>
                {% endfor %}
                <td class="actions">
                    {% for action in entity_actions %}
                        {{ include('action.html.twig', {action: action|merge({linkUrl: action.linkUrl|replace({'{id}': entity.id})}), isIncludedInDropdown: true}, with_context = false) }}
                    {% endfor %}
                </td>
            </tr>
        {% else %}
            <tr>
                <td class="no-results" colspan="{{ fields|length + 2 }}">No results found.</td>
            </tr>
        {% endfor %}
        </tbody>
    </table>
{% endblock main %}

{% block content_footer %}
    {% if entities is not empty %}{{ ea_entity_count }} result{{ ea_entity_count > 1 ? 's' }}{% endif %}
{% endblock %}
"""

EA = {"dashboardTitle": "<b>ACME</b> Admin", "i18n": {"htmlLocale": "en", "textDirection": "ltr"},
      "assets": {"cssFiles": ["/css/admin.css?v=2&x=1"]},
      "flashes": {"success": ["Product <strong>\"Chair\"</strong> saved."], "warning": ["Stock is low", "Check VAT"]},
      "crud": {"currentAction": "index", "entityName": "Product", "pluralLabel": "Products"},
      "search": {"sort": {"price": "desc"}, "query": {"crudAction": "index", "page": 1, "query": "chair & table"}}}
FIELDS = [
    {"property": "name", "label": "Name", "type": "text", "sortable": True, "customOptions": {"maxLength": 16}},
    {"property": "price", "label": "Price <small>(net)</small>", "type": "money", "sortable": True,
     "textAlign": "right", "customOptions": {"currency": "EUR", "storedAsCents": True}},
    {"property": "enabled", "label": "Enabled", "type": "boolean", "sortable": False, "customOptions": {}},
    {"property": "createdAt", "label": "Created", "type": "datetime", "sortable": True,
     "customOptions": {"format": "M j, Y H:i"}},
    {"property": "category", "label": "Category", "type": "association", "sortable": False,
     "customOptions": {"crudController": "Category"}},
    {"property": "tags", "label": "Tags", "type": "array", "sortable": False, "customOptions": {}},
]
ENTITIES = [
    {"id": 17, "name": "Ergonomic office chair with armrests", "price": 1234567, "enabled": True,
     "createdAt": "2024-02-29 13:05:09", "category": {"id": 3, "name": "Furniture & Decor"}, "tags": ["office", "<new>"]},
    {"id": 18, "name": "Table", "price": 9999, "enabled": False, "createdAt": 1700000000,
     "category": None, "tags": []},
    {"id": 21, "name": "Lamp \"Lumière\"", "price": 5, "enabled": True, "createdAt": None,
     "category": [{"id": 1}, {"id": 2}], "tags": ["light"]},
]
ACTIONS_GLOBAL = [{"htmlElement": "a", "cssClass": "btn btn-primary action-new", "linkUrl": "/admin?crudAction=new&entity=Product",
                   "htmlAttributes": {"data-action-name": "new"}, "icon": "fa fa-plus", "label": "Add Product"}]
ACTIONS_ENTITY = [
    {"htmlElement": "a", "cssClass": "action-edit", "linkUrl": "/admin/product/{id}/edit", "htmlAttributes": {},
     "icon": None, "label": "Edit"},
    {"htmlElement": "a", "cssClass": "action-delete text-danger", "linkUrl": "/admin/product/{id}/delete",
     "htmlAttributes": {"formaction": "/admin/product/{id}/delete", "data-bs-toggle": "modal",
                        "data-confirm": "Delete \"this\" item? It can't be undone."},
     "icon": "fa fa-trash-o", "label": "Delete"},
]
ADMIN_TEMPLATES = {"layout.html.twig": LAYOUT, "flash_messages.html.twig": FLASHES, "action.html.twig": ACTION,
                   "field/text.html.twig": FIELD_TEXT, "field/boolean.html.twig": FIELD_BOOLEAN,
                   "field/datetime.html.twig": FIELD_DATETIME, "field/money.html.twig": FIELD_MONEY,
                   "field/association.html.twig": FIELD_ASSOCIATION, "field/email.html.twig": FIELD_EMAIL,
                   "field/array.html.twig": FIELD_ARRAY}

case("admin/crud_index", "EasyAdmin-like CRUD index: layout blocks, include() per field with_context = false",
     dict(ADMIN_TEMPLATES, **{"index.twig": CRUD_INDEX}),
     {"ea": EA, "fields": FIELDS, "entities": ENTITIES, "global_actions": ACTIONS_GLOBAL,
      "entity_actions": ACTIONS_ENTITY})
case("admin/crud_index_empty", "CRUD index without results: for-else colspan, empty flashes, block shortcuts",
     dict(ADMIN_TEMPLATES, **{"index.twig": CRUD_INDEX}),
     {"ea": dict(EA, flashes={}, assets={}, search={"sort": {"name": "asc"}, "query": {}}), "fields": FIELDS[:3],
      "entities": [], "global_actions": [], "entity_actions": ACTIONS_ENTITY})

CARD = r"""<div class="card {{ class|default('') }}">
    <div class="card-header">{% block card_header %}<h3>{{ title }}</h3>{% endblock %}</div>
    <div class="card-body">{% block card_body %}{% endblock %}</div>
    {% block card_footer %}{% endblock %}
</div>
"""
CRUD_DETAIL = r"""{% extends 'layout.html.twig' %}
{% set entity_label = entity.name ~ ' (#' ~ entity.id ~ ')' %}
{% block body_class 'ea-detail' %}
{% block content_title %}{{ entity_label }}{% endblock %}
{% block page_title %}Detail: {{ parent() }}{% endblock %}
{% block main %}
    {% for tab_name, tab_fields in fields|reduce((tabs, f) => tabs|merge({(f.tab ?? 'General'): (tabs[f.tab ?? 'General'] ?? [])|merge([f])}), {}) %}
        {% embed 'card.html.twig' with {title: tab_name, class: loop.first ? 'active'} %}
            {% block card_body %}
                <dl class="datalist">
                {% for field in tab_fields %}
                    <div class="data-row {{ field.cssClass ?? '' }}">
                        <dt>{{ field.label|raw }}</dt>
                        <dd>{{ include('field/' ~ field.type ~ '.html.twig', {field: field|merge({value: attribute(entity, field.property), formattedValue: attribute(entity, field.property)})}) }}</dd>
                    </div>
                {% endfor %}
                </dl>
            {% endblock %}
            {% block card_footer %}{% if loop.last %}<div class="card-footer">{{ tab_fields|length }} field(s) · last tab</div>{% endif %}{% endblock %}
        {% endembed %}
    {% endfor %}
{% endblock %}
"""
DETAIL_FIELDS = [
    {"property": "name", "label": "Name", "type": "text", "customOptions": {"maxLength": 10}},
    {"property": "description", "label": "Description", "type": "text", "customOptions": {"maxLength": 10}},
    {"property": "email", "label": "Contact", "type": "email", "tab": "Contact", "customOptions": {}},
    {"property": "tags", "label": "Tags", "type": "array", "customOptions": {}},
    {"property": "updatedAt", "label": "Updated", "type": "datetime", "tab": "Contact", "cssClass": "muted",
     "customOptions": {"format": "l jS \\o\\f F Y h:i:s A"}},
]
case("admin/crud_detail_embed", "detail page: tabs grouped with reduce/merge, embed with block overrides and loop",
     dict(ADMIN_TEMPLATES, **{"card.html.twig": CARD, "index.twig": CRUD_DETAIL}),
     {"ea": dict(EA, crud=dict(EA["crud"], currentAction="detail"), flashes={}),
      "fields": DETAIL_FIELDS,
      "entity": {"id": 5, "name": "Café <Central>", "description": "Line one\nLine <two> & \"three\"",
                 "email": "owner+cafe@example.com", "tags": ["coffee", "wifi & power"],
                 "updatedAt": "2023-11-05T08:15:30+01:00"}})

DASHBOARD = r"""{% extends 'layout.html.twig' %}
{% block content_title 'Dashboard' %}
{% block main %}
<div class="row">
{% for stat in stats %}
    {% set change = stat.previous == 0 ? null : (stat.current - stat.previous) / stat.previous * 100 %}
    {% embed 'card.html.twig' with {title: stat.label, class: 'stat stat-' ~ loop.index} only %}
        {% block card_body %}
            <p class="value">{{ stat.current|number_format(stat.decimals ?? 0, ',', ' ') }}{{ stat.unit ?? '' }}</p>
            {% if change is not null %}
            <p class="change {{ change >= 0 ? 'up' : 'down' }}">{{ '%+.1f%%'|format(change) }} vs. last month</p>
            {% else %}
            <p class="change">n/a</p>
            {% endif %}
        {% endblock %}
    {% endembed %}
{% endfor %}
</div>
<table class="top">
{% for product in top_products|sort((a, b) => b.sold <=> a.sold)|slice(0, 3) %}
    <tr><td>{{ loop.index }}.</td><td>{{ product.name|title }}</td><td>{{ product.sold }}</td><td>{{ (product.sold / top_products|reduce((s, p) => s + p.sold, 0) * 100)|round(1) }}%</td></tr>
{% endfor %}
</table>
{% endblock %}
"""
case("admin/dashboard_stats", "dashboard: embed ... only inside a loop, sort with <=>, reduce, format('%+.1f%%')",
     dict(ADMIN_TEMPLATES, **{"card.html.twig": CARD, "index.twig": DASHBOARD.replace(
         "with {title: stat.label, class: 'stat stat-' ~ loop.index} only",
         "with {title: stat.label, class: 'stat stat-' ~ loop.index, stat: stat, change: change} only")}),
     {"ea": dict(EA, flashes={}),
      "stats": [{"label": "Revenue", "current": 1234567.891, "previous": 1100000, "decimals": 2, "unit": " €"},
                {"label": "Orders", "current": 3120, "previous": 3300},
                {"label": "New users", "current": 87, "previous": 0}],
      "top_products": [{"name": "blue mug", "sold": 120}, {"name": "red mug", "sold": 340},
                       {"name": "t-shirt (xl)", "sold": 75}, {"name": "sticker pack", "sold": 340}]})

# filters sidebar: include with `only`, `ignore missing`, a template list
FILTERS = r"""<form class="filters" method="get">
{% for filter in filters %}
    <div class="filter filter-{{ filter.type }}">
        <label for="filter_{{ filter.property }}">{{ filter.label }}</label>
        {% include ['filter/' ~ filter.type ~ '.html.twig', 'filter/default.html.twig'] with {filter: filter, value: applied[filter.property] ?? null} only %}
    </div>
{% endfor %}
{% include 'filter/help.html.twig' ignore missing %}
{% include 'filter/footer.html.twig' ignore missing with {count: applied|length} %}
</form>
"""
case("admin/filters_include_variants", "include with a template list, `only`, `ignore missing` with and without hit",
     {"index.twig": FILTERS,
      "filter/choice.html.twig": r"""<select id="filter_{{ filter.property }}" name="filters[{{ filter.property }}]">
{% for value_, label in filter.choices %}<option value="{{ value_ }}"{{ value_ == value ? ' selected' }}>{{ label }}</option>{% endfor %}
</select>{{ filter.global_hint ?? '' }}""",
      "filter/default.html.twig": r"""<input id="filter_{{ filter.property }}" name="filters[{{ filter.property }}]" value="{{ value }}"{% if global is defined %} data-global="{{ global }}"{% endif %}>""",
      "filter/footer.html.twig": "<p>{{ count }} active filter{{ count != 1 ? 's' }}</p>"},
     {"filters": [{"property": "status", "type": "choice", "label": "Status",
                   "choices": {"draft": "Draft", "published": "Published", "archived": "Archived <old>"}},
                  {"property": "name", "type": "text", "label": "Name"},
                  {"property": "price", "type": "numeric", "label": "Price"}],
      "applied": {"status": "published", "name": "O'Brien"}})
