"""A shop: catalog with prices as floats (PHP rounding of halves in number_format/round), cart totals, discounts,
comparisons of numeric strings from forms, status maps with integer keys, stock badges with ?: on "0"."""
from common import case

case("shop/price_rounding", "prices: number_format and round on halves (1.005, 2.675, 1.255 ...) as PHP rounds them",
     r"""{% for p in prices %}
{{ p }} -> {{ p|number_format(2) }} | {{ p|round(2) }} | {{ p|round(1) }} | {{ (p * 100)|round / 100 }} | {{ '%.2f'|format(p) }}
{% endfor %}
{{ 1.45|round(1) }} {{ 5.055|round(2) }} {{ -1.005|round(2) }} {{ 1234.5|round(-2) }} {{ 1250|round(-2) }} {{ 0.285|number_format(2) }} {{ 1.955|number_format(2) }}
""", {"prices": [1.005, 2.675, 1.255, 0.285, 10.235, 19.995, 0.045, 1234.565, 99.99, 0.1]})

case("shop/cart_totals", "cart: float arithmetic printed as PHP prints floats, discounts, free-shipping threshold",
     r"""{% set subtotal = cart.items|reduce((sum, i) => sum + i.price * i.qty, 0) %}
{% set discount = cart.coupon is not null ? (cart.coupon.type == 'percent' ? subtotal * cart.coupon.value / 100 : cart.coupon.value) : 0 %}
{% set shipping = subtotal - discount >= 50 ? 0 : 4.9 %}
{% for i in cart.items %}
{{ i.qty }}x {{ i.name }} @ {{ i.price }} = {{ i.price * i.qty }}
{% endfor %}
subtotal={{ subtotal }} discount={{ discount }} shipping={{ shipping ?: 'free' }} total={{ subtotal - discount + shipping }}
avg={{ subtotal / cart.items|length }} items={{ cart.items|reduce((n, i) => n + i.qty, 0) }}
{{ 0.1 + 0.7 }} {{ (0.1 + 0.7) * 10 }} {{ ((0.1 + 0.7) * 10)|round(0, 'floor') }} {{ 1 / 7 }} {{ 2 / 3 * 3 }} {{ 1000000000000000 + 0.3 }} {{ 0.00001 }} {{ -0.0 }} {{ 3.0 }} {{ 100000000000000000000 }} {{ 9223372036854775807 + 1 }}
json: {{ {subtotal: subtotal, tax: subtotal * 0.2, third: 1 / 3, whole: 3.0, small: 0.00001}|json_encode|raw }}
""", {"cart": {"coupon": {"type": "percent", "value": 15},
               "items": [{"name": "Tea", "price": 4.35, "qty": 3}, {"name": "Cup", "price": 12.1, "qty": 2},
                         {"name": "Spoon", "price": 0.7, "qty": 7}]}})

case("shop/form_values_as_strings", "comparisons of form values (numeric strings) with numbers, in, ==, <, sort",
     r"""{% set qty = request.qty %}
{{ qty == 3 ? 'three' : 'other' }} {{ qty == '03' ? 'loose' }} {{ qty is same as(3) ? 'same' : 'not same' }} {{ qty > 10 ? 'big' : 'small' }} {{ qty ~ 1 }} {{ qty + 1 }}
{{ request.price * 2 }} {{ request.price < 10 ? 'cheap' }} {{ '10' < '9' ? 'text' : 'numeric' }} {{ 'abc' == 0 ? 'php7' : 'php8' }} {{ '1e1' == '10' ? 'equal' }} {{ null == false ? 'nf' }} {{ [] == false ? 'af' }} {{ '' == null ? 'en' }} {{ '0' == false ? 'zf' }}
{{ 3 in request.ids ? 'has 3' }} {{ '4' in [4, 5] ? 'has 4' }} {{ 'x' in 'fox' ? 'in string' }} {{ 1 in ['1a'] ? 'loose' : 'strict-ish' }}
{{ request.versions|sort|join(' < ') }} | {{ ['b', 'B', 'a', 'A', '_', '1']|sort|join }} | {{ [10, 9, '8', '1e1', 2.5]|sort|join(',') }}
{{ max(request.versions) }} {{ min('10', '9') }} {{ max('apple', 'Zoo') }}
""", {"request": {"qty": "3", "price": "4.5", "ids": ["1", "3", "5"], "versions": ["1.10", "1.9", "1.2", "10", "9"]}})

case("shop/order_status_int_keys", "status labels in a hash with integer keys, looked up with strings from data",
     r"""{% set labels = {0: 'pending', 1: 'paid', 2: 'shipped', 10: 'refunded', '-1': 'cancelled'} %}
{% set colors = {pending: 'grey', paid: 'blue', shipped: 'green'} %}
{% for o in orders %}
#{{ o.id }}: {{ labels[o.status] ?? 'unknown' }} ({{ colors[labels[o.status] ?? 'x'] ?? 'black' }})
{% endfor %}
keys: {{ labels|keys|join(',') }} | merged: {{ labels|merge({11: 'disputed'})|keys|join(',') }} | {{ {a: 1}|merge({a: 2, b: 3})|json_encode }} | {{ [1, 2]|merge([3])|json_encode }} | {{ {1: 'x'}|merge({1: 'y'})|json_encode }}
{% for code, label in labels|filter(l => l != 'paid') %}{{ code }}={{ label }}{{ not loop.last ? ', ' }}{% endfor %}
{{ labels|slice(1, 2)|json_encode }} {{ labels|slice(1, 2, true)|json_encode }} {{ labels|reverse|json_encode }} {{ labels|reverse(true)|keys|join }}
""", {"orders": [{"id": 1, "status": "1"}, {"id": 2, "status": 2}, {"id": 3, "status": "10"},
                 {"id": 4, "status": "-1"}, {"id": 5, "status": "7"}, {"id": 6, "status": 0}]})

case("shop/stock_badges", "stock badges: ?: on '0', default on 0 and '', empty tests, ternaries without else",
     r"""{% for p in products %}
<li>{{ p.name }}: {{ p.stock ?: 'sold out' }} | {{ p.stock|default('n/a') }} | {{ p.stock is empty ? 'empty' : 'set' }} | {{ p.stock ? 'in stock' }} | {{ p.note ?? 'no note' }} | {{ p.note|default('-') }}{% if p.stock is not same as(null) and p.stock < 5 %} (low){% endif %}</li>
{% endfor %}
""", {"products": [{"name": "A", "stock": 0, "note": ""}, {"name": "B", "stock": "0", "note": None},
                   {"name": "C", "stock": 3, "note": "ok"}, {"name": "D", "stock": "", "note": "0"},
                   {"name": "E", "stock": None, "note": " "}, {"name": "F", "stock": "0.0", "note": False}]})

case("shop/catalog_grid", "catalog grid: batch with keys, cycle, loop.index in columns, slice pages, sorted by name",
     r"""{% set sorted = products|sort((a, b) => a.name|lower <=> b.name|lower) %}
{% for row in sorted|batch(3) %}
<div class="row" data-row="{{ loop.index }}">
{% for key, p in row %}  <div class="col {{ cycle(['l', 'm', 'r'], loop.index0) }}" data-key="{{ key }}">{{ p.name }}{% if p.new ?? false %} <span class="new">NEW</span>{% endif %}</div>
{% endfor %}</div>
{% endfor %}
{{ sorted|map(p => p.name)|slice(2, 3)|join(', ') }} / {{ sorted|first.name }} / {{ (sorted|last).name }} / {{ sorted|column('name')|reverse|first }}
{{ products|filter(p => p.new ?? false)|length }} new, {{ products|find(p => p.name starts with 'b').name ?? 'none' }}, all priced: {{ products is iterable and (products|filter(p => p.price is null)|length == 0) ? 'yes' : 'no' }}
""", {"products": [{"name": "banana", "price": 1}, {"name": "Apple", "price": 2, "new": True},
                   {"name": "cherry", "price": 3}, {"name": "Date", "price": None}, {"name": "elderberry", "price": 5},
                   {"name": "Fig", "price": 6, "new": True}, {"name": "apricot", "price": 7}]})
