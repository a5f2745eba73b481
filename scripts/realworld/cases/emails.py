"""E-mail notifications: three levels of inheritance (base -> notification -> concrete mail), apply spaceless,
nl2br on user text, striptags for the preheader, html_attr for attributes, a plain-text version (.txt, autoescape
by name), inline-styled buttons built by macros."""
from common import case

BASE = r"""<!DOCTYPE html>
<html lang="{{ locale|default('en') }}">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={{ _charset }}">
<title>{% block subject %}{% endblock %}</title>
<style>{% block style %}body { font-family: {{ font|default('Helvetica, Arial, sans-serif') }}; }{% endblock %}</style>
</head>
<body>
<span class="preheader" style="display:none">{% block preheader %}{{ block('lead')|striptags|trim|slice(0, 90) }}{% endblock %}</span>
{% apply spaceless %}
<table class="wrapper" role="presentation" width="100%">
    <tr>
        <td class="header">{% block header %}<img src="{{ logo_url }}" alt="{{ brand|e('html_attr') }}" width="120">{% endblock %}</td>
    </tr>
    <tr>
        <td class="content">
            {% block content %}{% endblock %}
        </td>
    </tr>
</table>
{% endapply %}
{% block footer %}
<p class="footer">
    &copy; {{ year }} {{ brand }} · <a href="{{ unsubscribe_url }}">Unsubscribe</a>
</p>
{% endblock %}
</body>
</html>
"""

NOTIFICATION = r"""{% extends 'email/base.html.twig' %}
{% import 'email/macros.html.twig' as email %}

{% block subject %}[{{ brand }}] {{ block('title') }}{% endblock %}

{% block content %}
    <h1 class="{{ importance|default('low') }}">{% block title %}Notification{% endblock %}</h1>
    <p class="lead">{% block lead %}{% endblock %}</p>
    {% block body %}
        {% if content is defined %}<div class="text">{{ content|nl2br }}</div>{% endif %}
    {% endblock %}
    {% if action_url is defined and action_url %}
        {{ email.button(action_text|default('Open'), action_url) }}
    {% endif %}
    {% if exception is defined %}<pre class="exception">{{ exception|striptags }}</pre>{% endif %}
{% endblock %}

{% block footer %}
    {{ parent() }}
    <p class="small">You receive this e-mail because you are a member of {{ brand }}.</p>
{% endblock %}
"""

MACROS = r"""{% macro button(label, url, color = '#0d6efd') %}
{%- set style = {background: color, color: '#ffffff', padding: '10px 16px', 'text-decoration': 'none', 'border-radius': '4px'} -%}
<a href="{{ url }}" class="button" style="{% for prop, value in style %}{{ prop }}: {{ value }};{% if not loop.last %} {% endif %}{% endfor %}">{{ label }}</a>
{%- endmacro %}

{% macro money(cents, currency = 'EUR') -%}
    {%- set amount = cents / 100 -%}
    {{- currency == 'USD' ? '$' ~ amount|number_format(2) : amount|number_format(2, ',', '.') ~ ' ' ~ currency -}}
{%- endmacro %}

{% macro address(a) -%}
    {{ a.name }}<br>
    {%- if a.company|default %}{{ a.company }}<br>{% endif -%}
    {{ a.street|nl2br }}<br>
    {{ a.zip }} {{ a.city|upper }}{% if a.country != 'FR' %}, {{ a.country }}{% endif %}
{%- endmacro %}
"""

ORDER_SHIPPED = r"""{% extends 'email/notification.html.twig' %}
{% from 'email/macros.html.twig' import money, address %}

{% block title %}Your order #{{ order.number }} has shipped{% endblock %}
{% block lead %}Good news, {{ order.customer.firstName|capitalize }}! Your <strong>{{ order.items|length }} item{{ order.items|length > 1 ? 's' }}</strong> are on the way.{% endblock %}

{% block body %}
    <table class="items">
    {% for item in order.items %}
        <tr class="{{ cycle(['even', 'odd'], loop.index) }}">
            <td>{{ item.quantity }} × {{ item.name }}{% if item.options is not empty %} <em>({{ item.options|join(', ') }})</em>{% endif %}</td>
            <td class="price">{{ money(item.unitPrice * item.quantity, order.currency) }}</td>
        </tr>
    {% endfor %}
        <tr class="total"><td>Total</td><td class="price">{{ money(order.items|reduce((sum, i) => sum + i.unitPrice * i.quantity, 0), order.currency) }}</td></tr>
    </table>
    <h2>Shipping to</h2>
    <address>{{ address(order.shippingAddress) }}</address>
    {% if order.note %}
    <blockquote>{{ order.note|nl2br }}</blockquote>
    {% endif %}
    {{ parent() }}
{% endblock %}
"""

EMAIL_TEMPLATES = {"email/base.html.twig": BASE, "email/notification.html.twig": NOTIFICATION,
                   "email/macros.html.twig": MACROS, "email/order_shipped.html.twig": ORDER_SHIPPED}
COMMON = {"brand": "Shop & Co", "year": 2024, "logo_url": "https://cdn.example.com/logo.png?size=2x&v=3",
          "unsubscribe_url": "https://example.com/unsubscribe?u=42&t=abc"}
ORDER = {"number": "A-1042", "currency": "EUR",
         "customer": {"firstName": "éloïse"},
         "items": [{"name": "Mug \"Twig\"", "quantity": 2, "unitPrice": 1250, "options": ["blue", "XL <gift>"]},
                   {"name": "Sticker", "quantity": 10, "unitPrice": 99, "options": []}],
         "shippingAddress": {"name": "Éloïse Martin", "company": "", "street": "12 rue des Lilas\nBâtiment B",
                             "zip": "75011", "city": "Paris", "country": "FR"},
         "note": "Please leave it at the door.\n<b>No</b> signature needed."}

case("emails/order_shipped_three_levels", "order-shipped mail: 3 inheritance levels, parent() chain, spaceless, "
     "nl2br, striptags preheader, macros from two imports",
     dict(EMAIL_TEMPLATES, **{"index.twig": "{% extends 'email/order_shipped.html.twig' %}"}),
     dict(COMMON, order=ORDER, action_url="https://example.com/orders/A-1042?utm_source=mail&utm_medium=email",
          action_text="Track my \"order\""))
case("emails/order_shipped_usd_no_note", "order-shipped mail in USD to a US address, no note, no action",
     dict(EMAIL_TEMPLATES, **{"index.twig": "{% extends 'email/order_shipped.html.twig' %}"}),
     dict(COMMON, locale="en-US", font="Georgia, serif",
          order=dict(ORDER, currency="USD", note="", customer={"firstName": "JOHN"},
                     items=ORDER["items"][:1],
                     shippingAddress={"name": "John O'Neil", "company": "ACME <Corp>", "street": "1 Main St",
                                      "zip": "10001", "city": "New York", "country": "US"})))
case("emails/error_notification", "error notification: content with nl2br, exception text stripped, importance",
     dict(EMAIL_TEMPLATES, **{"index.twig": r"""{% extends 'email/notification.html.twig' %}
{% block title %}{{ subject|default('Something went wrong') }}{% endblock %}
{% block lead %}An error occurred on <code>{{ host }}</code> at {{ occurred_at|date('Y-m-d H:i:s T') }}.{% endblock %}
"""}),
     dict(COMMON, importance="urgent", host="web-1.example.com", occurred_at=1718454600,
          content="Request: GET /checkout?step=2\nUser: #42 <admin@example.com>\n\nSee the log for details.",
          exception="<b>RuntimeException</b>: Payment gateway timeout (after 30s) in <i>/src/Payment.php</i> line 81"))

# the plain-text variant, autoescape chosen by the file name (.txt -> off)
TEXT_BASE = r"""{% block content %}{% endblock %}
--
{{ brand }} · {{ unsubscribe_url }}
"""
TEXT_MAIL = r"""{% extends 'email/base.txt.twig' %}
{% block content %}
Hello {{ order.customer.firstName|title }},

Your order #{{ order.number }} has shipped:
{% for item in order.items %}
  - {{ '%-20s'|format(item.name) }} {{ '%3d'|format(item.quantity) }} x {{ (item.unitPrice / 100)|number_format(2) }}
{% endfor %}

Note: {{ order.note|default('(none)')|striptags|replace({"\n": ' / '}) }}
{% endblock %}
"""
case("emails/text_version_autoescape_name", "plain-text mail: autoescape 'name' turns escaping off for .txt",
     {"email/base.txt.twig": TEXT_BASE, "email/order_shipped.txt.twig": TEXT_MAIL},
     dict(COMMON, order=ORDER), {"autoescape": "name"}, main="email/order_shipped.txt.twig")

# a password-reset mail whose link and expiry come from data; spaceless around inline HTML; escaping in attrs
case("emails/password_reset", "password reset: html_attr escaping, date_modify for the expiry, with block",
     dict(EMAIL_TEMPLATES, **{"index.twig": r"""{% extends 'email/notification.html.twig' %}
{% block title %}Reset your password{% endblock %}
{% block lead %}Hi {{ user.displayName ?? user.email }}, someone asked to reset your password.{% endblock %}
{% block body %}
    {% with {expires: requested_at|date_modify('+' ~ ttl_minutes ~ ' minutes')} %}
    <p data-expires="{{ expires|date('U') }}" title="{{ ('Expires ' ~ expires|date('D, d M Y H:i'))|e('html_attr') }}">
        This link expires in {{ ttl_minutes // 60 }}h{{ '%02d'|format(ttl_minutes % 60) }}, at {{ expires|date('H:i') }} UTC.
    </p>
    {% endwith %}
    {% apply spaceless %}
    <p>
        If you did not ask for this, ignore this e-mail.
    </p>
    {% endapply %}
{% endblock %}
"""}),
     dict(COMMON, user={"email": "jane@example.com", "displayName": None},
          requested_at="2024-12-31 23:10:00", ttl_minutes=90,
          action_url="https://example.com/reset/7f3a?email=jane%40example.com", action_text="Choose a new password"))
