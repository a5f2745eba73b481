"""Symfony-style form themes: form_div_layout blocks, a bootstrap theme on top through `use`, rendered by a
stub form renderer written in core Twig (the block hierarchy is walked with `block(name) is defined`)."""
from common import case

FORM_DIV_LAYOUT = r"""{# Widgets #}

{%- block form_widget -%}
    {% if compound %}
        {{- block('form_widget_compound') -}}
    {% else %}
        {{- block('form_widget_simple') -}}
    {% endif %}
{%- endblock form_widget -%}

{%- block form_widget_simple -%}
    {%- set type = type|default('text') -%}
    {%- if type == 'range' or type == 'color' -%}
        {# Attribute "required" is not supported #}
        {%- set required = false -%}
    {%- endif -%}
    <input type="{{ type }}" {{ block('widget_attributes') }}{% if value is not empty %} value="{{ value }}" {% endif %}/>
{%- endblock form_widget_simple -%}

{%- block form_widget_compound -%}
    <div {{ block('widget_container_attributes') }}>
        {%- if form.parent is empty -%}
            {{ block('form_errors') }}
        {%- endif -%}
        {{- block('form_rows') -}}
    </div>
{%- endblock form_widget_compound -%}

{%- block textarea_widget -%}
    <textarea {{ block('widget_attributes') }}>{{ value }}</textarea>
{%- endblock textarea_widget -%}

{%- block choice_widget -%}
    {% if expanded %}
        {{- block('choice_widget_expanded') -}}
    {% else %}
        {{- block('choice_widget_collapsed') -}}
    {% endif %}
{%- endblock choice_widget -%}

{%- block choice_widget_expanded -%}
    <div {{ block('widget_container_attributes') }}>
    {%- for child in choices %}
        <label><input type="{{ multiple ? 'checkbox' : 'radio' }}" name="{{ full_name }}{{ multiple ? '[]' }}" value="{{ child.value }}"{% if child.value in value %} checked="checked"{% endif %}> {{ child.label }}</label>
    {%- endfor -%}
    </div>
{%- endblock choice_widget_expanded -%}

{%- block choice_widget_collapsed -%}
    {%- if required and placeholder is none and not placeholder_in_choices and not multiple and (attr.size is not defined or attr.size <= 1) -%}
        {% set required = false %}
    {%- endif -%}
    <select {{ block('widget_attributes') }}{% if multiple %} multiple="multiple"{% endif %}>
        {%- if placeholder is not none -%}
            <option value=""{% if placeholder_attr|default({}) %}{% with { attr: placeholder_attr } %}{{ block('attributes') }}{% endwith %}{% endif %}{% if required and value is empty %} selected="selected"{% endif %}>{{ placeholder != '' ? placeholder }}</option>
        {%- endif -%}
        {%- if preferred_choices|length > 0 -%}
            {% set options = preferred_choices %}
            {% set render_preferred_choices = true %}
            {{- block('choice_widget_options') -}}
            {%- if choices|length > 0 and separator is not none -%}
                <option disabled="disabled">{{ separator }}</option>
            {%- endif -%}
        {%- endif -%}
        {%- set options = choices -%}
        {%- set render_preferred_choices = false -%}
        {{- block('choice_widget_options') -}}
    </select>
{%- endblock choice_widget_collapsed -%}

{%- block choice_widget_options -%}
    {% for group_label, choice in options %}
        {%- if choice.choices is defined -%}
            <optgroup label="{{ group_label }}">
                {% set options = choice.choices %}
                {{- block('choice_widget_options') -}}
            </optgroup>
        {%- else -%}
            <option value="{{ choice.value }}"{% if choice.attr is defined and choice.attr %}{% with { attr: choice.attr } %}{{ block('attributes') }}{% endwith %}{% endif %}{% if not render_preferred_choices|default(false) and (multiple ? choice.value in value : choice.value == value) %} selected="selected"{% endif %}>{{ choice.label }}</option>
        {%- endif -%}
    {% endfor %}
{%- endblock choice_widget_options -%}

{%- block checkbox_widget -%}
    <input type="checkbox" {{ block('widget_attributes') }}{% if value is defined %} value="{{ value }}"{% endif %}{% if checked %} checked="checked"{% endif %} />
{%- endblock checkbox_widget -%}

{%- block money_widget -%}
    {{ money_pattern|replace({ '{{ widget }}': block('form_widget_simple') })|raw }}
{%- endblock money_widget -%}

{%- block hidden_widget -%}
    {%- set type = type|default('hidden') -%}
    {{ block('form_widget_simple') }}
{%- endblock hidden_widget -%}

{%- block button_widget -%}
    {%- if label is empty -%}
        {%- if label_format is not empty -%}
            {% set label = label_format|replace({
                '%name%': name,
                '%id%': id,
            }) %}
        {%- else -%}
            {% set label = name|replace({'_': ' '})|trim|lower|capitalize %}
        {%- endif -%}
    {%- endif -%}
    <button type="{{ type|default('button') }}" {{ block('button_attributes') }}>{{ label }}</button>
{%- endblock button_widget -%}

{%- block submit_widget -%}
    {%- set type = type|default('submit') -%}
    {{ block('button_widget') }}
{%- endblock submit_widget -%}

{# Labels #}

{%- block form_label -%}
    {% if label is not same as(false) -%}
        {% if not compound -%}
            {% set label_attr = label_attr|merge({'for': id}) %}
        {%- endif -%}
        {% if required -%}
            {% set label_attr = label_attr|merge({'class': (label_attr.class|default('') ~ ' required')|trim}) %}
        {%- endif -%}
        <{{ element|default('label') }}{% if label_attr %}{% with { attr: label_attr } %}{{ block('attributes') }}{% endwith %}{% endif %}>
            {{- block('form_label_content') -}}
        </{{ element|default('label') }}>
    {%- endif -%}
{%- endblock form_label -%}

{%- block form_label_content -%}
    {%- if label is empty -%}
        {%- if label_format is not empty -%}
            {% set label = label_format|replace({
                '%name%': name,
                '%id%': id,
            }) %}
        {%- else -%}
            {% set label = name|replace({'_': ' '})|trim|lower|capitalize %}
        {%- endif -%}
    {%- endif -%}
    {%- if label_html is same as(false) -%}
        {{- label -}}
    {%- else -%}
        {{- label|raw -}}
    {%- endif -%}
{%- endblock form_label_content -%}

{# Help #}

{% block form_help -%}
    {%- if help is not empty -%}
        {%- set help_attr = help_attr|merge({class: (help_attr.class|default('') ~ ' help-text')|trim}) -%}
        <p id="{{ id }}_help"{% with { attr: help_attr } %}{{ block('attributes') }}{% endwith %}>
            {%- if help_html is same as(false) -%}
                {{- help -}}
            {%- else -%}
                {{- help|raw -}}
            {%- endif -%}
        </p>
    {%- endif -%}
{%- endblock form_help %}

{# Rows #}

{%- block form_row -%}
    {%- set widget_attr = {} -%}
    {%- if help is not empty -%}
        {%- set widget_attr = {attr: {'aria-describedby': id ~"_help"}} -%}
    {%- endif -%}
    {%- set row_attr = row_attr|merge({class: (row_attr.class|default('') ~ ' row')|trim}) -%}
    <div{% with {attr: row_attr} %}{{ block('attributes') }}{% endwith %}>
        {{- block('form_label') -}}
        {{- block('form_errors') -}}
        {%- with widget_attr -%}{{- block(widget_block) -}}{%- endwith -%}
        {{- block('form_help') -}}
    </div>
{%- endblock form_row -%}

{%- block button_row -%}
    <div{% with {attr: row_attr} %}{{ block('attributes') }}{% endwith %}>
        {{- block(widget_block) -}}
    </div>
{%- endblock button_row -%}

{%- block hidden_row -%}
    {{ block(widget_block) }}
{%- endblock hidden_row -%}

{%- block form_rows -%}
    {% for child in form.children|filter(child => not child.rendered) %}
        {%- set child_widget = null -%}
        {%- for prefix in child.block_prefixes|reverse -%}
            {%- if child_widget is null and block(prefix ~ '_widget') is defined %}{% set child_widget = prefix ~ '_widget' %}{% endif -%}
        {%- endfor -%}
        {%- with child|merge({widget_block: child_widget}) only -%}
            {{- block('form_row') -}}
        {%- endwith -%}
    {% endfor %}
{%- endblock form_rows -%}

{# Misc #}

{%- block form_errors -%}
    {%- if errors|length > 0 -%}
    <ul>
        {%- for error in errors -%}
            <li>{{ error.message }}</li>
        {%- endfor -%}
    </ul>
    {%- endif -%}
{%- endblock form_errors -%}

{# Support #}

{%- block widget_attributes -%}
    id="{{ id }}" name="{{ full_name }}"
    {%- if disabled %} disabled="disabled"{% endif -%}
    {%- if required %} required="required"{% endif -%}
    {{ block('attributes') }}
{%- endblock widget_attributes -%}

{%- block widget_container_attributes -%}
    {%- if id is not empty %}id="{{ id }}"{% endif -%}
    {{ block('attributes') }}
{%- endblock widget_container_attributes -%}

{%- block button_attributes -%}
    id="{{ id }}" name="{{ full_name }}"{% if disabled %} disabled="disabled"{% endif -%}
    {{ block('attributes') }}
{%- endblock button_attributes -%}

{% block attributes -%}
    {%- for attrname, attrvalue in attr -%}
        {{- " " -}}
        {%- if attrname in ['placeholder', 'title'] -%}
            {{- attrname }}="{{ attrvalue }}"
        {%- elseif attrvalue is same as(true) -%}
            {{- attrname }}="{{ attrname }}"
        {%- elseif attrvalue is not same as(false) -%}
            {{- attrname }}="{{ attrvalue }}"
        {%- endif -%}
    {%- endfor -%}
{%- endblock attributes -%}
"""

# Symfony's bootstrap theme on top of the base layout: `use` + parent() into the used block, {##} line joiners
BOOTSTRAP = r"""{% use 'form_div_layout.html.twig' %}

{# Widgets #}

{% block form_widget_simple -%}
    {%- if type is not defined or type != 'hidden' -%}
        {%- set widget_class = ' form-control' -%}
        {%- if type|default('') == 'color' -%}
            {%- set widget_class = widget_class ~ ' form-control-color' -%}
        {%- elseif type|default('') == 'range' -%}
            {%- set widget_class = ' form-range' -%}
        {%- endif -%}
        {%- set attr = attr|merge({class: (attr.class|default('') ~ widget_class)|trim}) -%}
    {%- endif -%}
    {{- parent() -}}
{%- endblock form_widget_simple %}

{%- block textarea_widget -%}
    {%- set attr = attr|merge({class: (attr.class|default('') ~ ' form-control')|trim}) -%}
    {{- parent() -}}
{%- endblock textarea_widget %}

{%- block choice_widget_collapsed -%}
    {%- set attr = attr|merge({class: (attr.class|default('') ~ ' form-select')|trim}) -%}
    {{- parent() -}}
{%- endblock choice_widget_collapsed %}

{% block money_widget -%}
    {%- set prepend = not (money_pattern starts with '{{') -%}
    {%- set append = not (money_pattern ends with '}}') -%}
    {%- if prepend or append -%}
        <div class="input-group{{ group_class|default('') }}">
            {%- if prepend -%}
                <span class="input-group-text">{{ money_pattern|replace({'{{ widget }}': ''})|trim }}</span>
            {%- endif -%}
            {{- block('form_widget_simple') -}}
            {%- if append -%}
                <span class="input-group-text">{{ money_pattern|replace({'{{ widget }}': ''})|trim }}</span>
            {%- endif -%}
        </div>
    {%- else -%}
        {{- block('form_widget_simple') -}}
    {%- endif -%}
{%- endblock money_widget %}

{% block checkbox_row -%}
    {%- set row_attr = row_attr|merge({class: (row_attr.class|default('') ~ ' form-check')|trim}) -%}
    <div{% with {attr: row_attr} %}{{ block('attributes') }}{% endwith %}>
        {%- set attr = attr|merge({class: (attr.class|default('') ~ ' form-check-input')|trim}) -%}
        {{- block('checkbox_widget') -}}
        {%- set label_attr = label_attr|merge({class: (label_attr.class|default('') ~ ' form-check-label')|trim}) -%}
        {{- block('form_label') -}}
        {##}{{- block('form_help') -}}
    </div>
{%- endblock checkbox_row %}

{% block submit_widget -%}
    {%- set attr = attr|merge({class: (attr.class|default('btn-primary') ~ ' btn')|trim}) -%}
    {{- parent() -}}
{%- endblock submit_widget %}

{# Labels #}

{% block form_label -%}
    {%- if compound is defined and compound -%}
        {%- set element = 'legend' -%}
        {%- if '-form-label' not in label_attr.class|default('') -%}
            {%- set label_attr = label_attr|merge({class: (label_attr.class|default('') ~ ' col-form-label')|trim}) -%}
        {%- endif -%}
    {%- else -%}
        {%- set row_class = row_class|default(row_attr.class|default('')) -%}
        {%- set label_attr = label_attr|merge({class: (label_attr.class|default('') ~ ' form-label')|trim}) -%}
    {%- endif -%}
    {{- parent() -}}
{%- endblock form_label %}

{# Rows #}

{% block form_row -%}
    {%- if compound is defined and compound -%}
        {%- set element = 'fieldset' -%}
    {%- endif -%}
    {%- set widget_attr = {} -%}
    {%- if help is not empty -%}
        {%- set widget_attr = {attr: {'aria-describedby': id ~"_help"}} -%}
    {%- endif -%}
    {%- set row_class = row_class|default(row_attr.class|default('mb-3')|trim) -%}
    <{{ element|default('div') }}{% with {attr: row_attr|merge({class: row_class})} %}{{ block('attributes') }}{% endwith %}>
        {{- block('form_label') -}}
        {%- with widget_attr -%}{{- block(widget_block) -}}{%- endwith -%}
        {{- block('form_help') -}}
        {{- block('form_errors') -}}
    </{{ element|default('div') }}>
{%- endblock form_row %}

{# Errors #}

{% block form_errors -%}
    {%- if errors|length > 0 -%}
        {%- for error in errors -%}
            <div class="{% if form is not defined or form.parent is not empty %}invalid-feedback d-block{% else %}alert alert-danger d-block{% endif %}">
                {{- error.message -}}
            </div>
        {%- endfor -%}
    {%- endif %}
{%- endblock form_errors %}
"""

# The stub renderer: Symfony's FormRenderer walks block_prefixes from the most specific and renders the first
# block that exists; here the same walk in core Twig, then the row block with the field's vars as context.
RENDERER = r"""{% use 'form_div_layout.html.twig' %}
<form name="{{ form.name }}" method="{{ form.method|default('post')|upper }}"{% if form.action is not empty %} action="{{ form.action }}"{% endif %}{% if form.multipart|default(false) %} enctype="multipart/form-data"{% endif %}>
{%- for child in form.children %}
    {%- with child|merge({form: child}) %}
        {%- set widget_block = null %}
        {%- set row_block = null %}
        {%- for prefix in block_prefixes|reverse %}
            {%- if widget_block is null and block(prefix ~ '_widget') is defined %}{% set widget_block = prefix ~ '_widget' %}{% endif %}
            {%- if row_block is null and block(prefix ~ '_row') is defined %}{% set row_block = prefix ~ '_row' %}{% endif %}
        {%- endfor %}
    {{ block(row_block ?? 'form_row') }}
    {%- endwith %}
{%- endfor %}
</form>
"""

BOOTSTRAP_RENDERER = RENDERER.replace("{% use 'form_div_layout.html.twig' %}",
                                      "{% use 'bootstrap_5_layout.html.twig' %}")

THEMES = {"form_div_layout.html.twig": FORM_DIV_LAYOUT, "bootstrap_5_layout.html.twig": BOOTSTRAP}


def field(name, prefixes, **vars_):
    """The vars Symfony's FormView carries for a field (defaults as in FormType::buildView)."""
    v = {
        "name": name,
        "id": "registration_" + name,
        "full_name": "registration[" + name + "]",
        "block_prefixes": ["form"] + prefixes + ["_registration_" + name],
        "value": "",
        "attr": {},
        "label": None,
        "label_attr": {},
        "label_format": None,
        "label_html": False,
        "help": None,
        "help_attr": {},
        "help_html": False,
        "row_attr": {},
        "errors": [],
        "required": True,
        "disabled": False,
        "compound": False,
        "rendered": False,
        "parent": "registration",
    }
    v.update(vars_)
    return v


def registration_form(children):
    return {"form": {"name": "registration", "method": "post", "action": "/register", "children": children}}


TEXT = field("username", ["text"], attr={"placeholder": "Your \"handle\"", "autofocus": True, "maxlength": 30},
             value="jdoe", help="Between 3 & 30 characters.")
EMAIL = field("email", ["text", "email"], type="email", value="not-an-email",
              errors=[{"message": "This value is not a valid email address."},
                      {"message": "The domain <example> does not exist."}])
BIO = field("bio", ["text", "textarea"], value="I like <b>Twig</b> & \"PHP\".\nSecond line.", required=False,
            attr={"rows": 4, "data-counter": False}, help="<em>Markdown</em> allowed", help_html=True)
COUNTRY = field("country", ["choice"], expanded=False, multiple=False, placeholder="Choose a country",
                placeholder_in_choices=False, preferred_choices=[{"value": "FR", "label": "France"}],
                separator="-------------------", value="DE",
                choices={"Europe": {"choices": [{"value": "DE", "label": "Germany"},
                                                 {"value": "FR", "label": "France"}]},
                         "Americas": {"choices": [{"value": "BR", "label": "Brazil",
                                                   "attr": {"data-dial": "+55"}},
                                                  {"value": "US", "label": "United States"}]}})
TOPICS = field("topics", ["choice"], expanded=True, multiple=True, value=["twig", "php"], attr={"class": "inline"},
               choices=[{"value": "twig", "label": "Twig"}, {"value": "php", "label": "PHP"},
                        {"value": "java", "label": "Java & JVM"}])
AGREE = field("agree_terms", ["checkbox"], value="1", checked=False, label="I accept the <a href=\"/terms\">terms</a>",
              label_html=True)
NEWSLETTER = field("newsletter", ["checkbox"], value="1", checked=True, required=False, label=False)
PRICE = field("price", ["text", "money"], type="text", value="1,234.50", money_pattern="{{ widget }} €",
              row_attr={"class": "col-md-4"})
BUDGET = field("budget", ["text", "money"], type="text", value="", money_pattern="$ {{ widget }}")
TOKEN = field("_token", ["hidden"], value="a1b2c3<>", required=False, label=False)
SUBMIT = field("save", ["button", "submit"], label=None, label_format=None, required=False,
               attr={"class": "btn-success"})
RESET = field("reset_password", ["button"], label=None, label_format="form.%name%.label", required=False,
              type="reset")
COLOR = field("favorite_color", ["text", "color"], type="color", value="#ff0000")
AGE = field("age", ["text", "integer"], type="number", value=0, disabled=True, attr={"min": 18, "step": None})

case("forms/div_layout_text_row", "form_div_layout: text row with placeholder, boolean attr and help",
     dict(THEMES, **{"index.twig": RENDERER}), registration_form([TEXT]))
case("forms/div_layout_errors", "form_div_layout: email row with two errors (escaped)",
     dict(THEMES, **{"index.twig": RENDERER}), registration_form([EMAIL]))
case("forms/div_layout_textarea_help_html", "form_div_layout: textarea with escaped value and raw help",
     dict(THEMES, **{"index.twig": RENDERER}), registration_form([BIO]))
case("forms/div_layout_select_optgroups", "form_div_layout: select with preferred choices, separator, optgroups",
     dict(THEMES, **{"index.twig": RENDERER}), registration_form([COUNTRY]))
case("forms/div_layout_expanded_choices", "form_div_layout: expanded multiple choice as checkboxes",
     dict(THEMES, **{"index.twig": RENDERER}), registration_form([TOPICS]))
case("forms/div_layout_buttons_hidden", "form_div_layout: hidden row, submit with humanized label, label_format",
     dict(THEMES, **{"index.twig": RENDERER}), registration_form([TOKEN, SUBMIT, RESET]))
case("forms/div_layout_money_color_number", "form_div_layout: money pattern, color drops required, number 0",
     dict(THEMES, **{"index.twig": RENDERER}), registration_form([PRICE, COLOR, AGE]))
case("forms/bootstrap_full_registration", "bootstrap_5 theme through use + parent(): a whole registration form",
     dict(THEMES, **{"index.twig": BOOTSTRAP_RENDERER}),
     dict(registration_form([TEXT, EMAIL, BIO, COUNTRY, AGREE, NEWSLETTER, PRICE, BUDGET, TOKEN, SUBMIT]),
          ))
case("forms/bootstrap_checkbox_money", "bootstrap_5 theme: checkbox rows (label false, raw label) and money groups",
     dict(THEMES, **{"index.twig": BOOTSTRAP_RENDERER}), registration_form([AGREE, NEWSLETTER, PRICE, BUDGET, COLOR]))

# a compound sub-form (address) rendered through form_widget_compound / form_rows
ADDRESS = field("address", ["form"], compound=True, label="Postal address", block_prefixes=["form", "_registration_address"],
                children=[field("street", ["text"], id="registration_address_street",
                                full_name="registration[address][street]", value="1 Main St."),
                          field("city", ["text"], id="registration_address_city",
                                full_name="registration[address][city]", value="Zürich", rendered=True),
                          field("zip", ["text"], id="registration_address_zip",
                                full_name="registration[address][zip]", value="8001",
                                errors=[{"message": "Unknown ZIP code \"8001\"."}])])
ADDRESS["form"] = {"parent": "registration", "children": ADDRESS["children"]}
case("forms/compound_subform", "form_div_layout: compound child rendered with form_rows and `with child only`",
     dict(THEMES, **{"index.twig": RENDERER}),
     {"form": {"name": "registration", "method": "put", "action": "", "multipart": True,
               "children": [dict(ADDRESS, form=None)]}})

# a theme that overrides a single field's row by its unique block prefix (_registration_email_row)
CUSTOM_ROW = """{% extends 'base.html.twig' %}
{% use 'form_div_layout.html.twig' %}
{% block title %}Sign up{% endblock %}
{% block body %}
""" + RENDERER.split("\n", 1)[1] + r"""{% endblock %}

{%- block _registration_email_row -%}
    {%- set attr = attr|merge({'data-controller': 'email-check', autocomplete: 'email'}) -%}
    <div class="email-row{{ errors is not empty ? ' has-error' }}">
        {{- block('form_label') -}}
        {{- block('email_widget') ?? block('form_widget_simple') -}}
        {%- if errors is not empty %}<span class="error">{{ errors|map(e => e.message)|join(' ') }}</span>{% endif -%}
    </div>
{%- endblock -%}
"""
BASE = """<!DOCTYPE html>
<html>
<head><title>{% block title %}Welcome!{% endblock %}</title></head>
<body>
{% block body %}{% endblock %}
</body>
</html>
"""
case("forms/per_field_block_override", "a theme block for one field (_registration_email_row) in the template itself",
     dict(THEMES, **{"index.twig": CUSTOM_ROW, "base.html.twig": BASE}), registration_form([TEXT, EMAIL]))

# collection prototype: the row rendered into a data attribute, escaped with html_attr
PROTO = r"""{% use 'form_div_layout.html.twig' %}
{%- set prototype = form.prototype -%}
{%- set prototype_html -%}
{%- with prototype|merge({widget_block: 'form_widget_simple'}) only -%}{{ block('form_row') }}{%- endwith -%}
{%- endset -%}
<ul class="tags" data-index="{{ form.children|length }}" data-prototype="{{ prototype_html|e('html_attr') }}">
{%- for tag in form.children %}
    <li>{% with tag|merge({widget_block: 'form_widget_simple'}) only %}{{ block('form_row') }}{% endwith %}</li>
{%- endfor %}
</ul>
<script>const proto = "{{ prototype_html|e('js') }}";</script>
"""
case("forms/collection_prototype", "collection: prototype row captured, printed through e('html_attr') and e('js')",
     dict(THEMES, **{"index.twig": PROTO}),
     {"form": {"prototype": field("__name__", ["text"], id="post_tags___name__", full_name="post[tags][__name__]",
                                  label="__name__label__", required=False),
               "children": [field("0", ["text"], id="post_tags_0", full_name="post[tags][0]", value="twig",
                                  label=False),
                            field("1", ["text"], id="post_tags_1", full_name="post[tags][1]", value="o'reilly",
                                  label=False)]}})

# form_start / form_end stubs as macros with attr merging and the method override
FORM_START = r"""{%- macro form_start(form, options = {}) -%}
    {%- set method = (options.method ?? form.method)|upper -%}
    {%- set attr = form.attr|default({})|merge(options.attr|default({})) -%}
    {%- if method in ["GET", "POST"] -%}
        {%- set form_method = method -%}
    {%- else -%}
        {%- set form_method = "POST" -%}
    {%- endif -%}
    <form{% if form.name != '' %} name="{{ form.name }}"{% endif %} method="{{ form_method|lower }}"{% if (options.action ?? form.action) != '' %} action="{{ options.action ?? form.action }}"{% endif -%}
    {%- for attrname, attrvalue in attr -%}
        {{- " " -}}{{- attrname }}="{{ attrvalue }}"
    {%- endfor -%}
    {%- if form.multipart %} enctype="multipart/form-data"{% endif %}>
    {%- if form_method != method -%}
        <input type="hidden" name="_method" value="{{ method }}" />
    {%- endif -%}
{%- endmacro -%}

{%- macro form_end(form, render_rest = true) -%}
    {%- if render_rest -%}
        {%- for child in form.children|filter(c => not c.rendered) -%}
            <input type="hidden" name="{{ child.full_name }}" value="{{ child.value }}" />
        {%- endfor -%}
    {%- endif -%}
    </form>
{%- endmacro -%}
"""
case("forms/form_start_end_macros", "form_start/form_end as imported macros: method override, attr merge, rest",
     {"macros/form.html.twig": FORM_START,
      "index.twig": r"""{% import 'macros/form.html.twig' as f %}
{{ f.form_start(form, {method: 'delete', attr: {class: 'inline', 'data-confirm': 'Delete "' ~ post.title ~ '"?'}}) }}
    <button type="submit">Delete</button>
{{ f.form_end(form) }}
{{ f.form_start(form|merge({name: ''}), {action: '/search?q=a&b=c', method: 'get'}) }}{{ f.form_end(form, false) }}
"""},
     {"post": {"title": "Fish & <Chips>"},
      "form": {"name": "delete_post", "method": "post", "action": "/post/42/delete", "multipart": False,
               "attr": {"novalidate": "novalidate"},
               "children": [{"full_name": "_token", "value": "t&k", "rendered": False},
                            {"full_name": "id", "value": 42, "rendered": True}]}})
