"""Strings beyond ASCII as real sites have them: emoji and accents in names, truncation by code points,
case mapping of German, Turkish, Greek and Dutch text, reversed strings, lengths of multibyte text, slugs,
right-to-left labels, and JSON/URL encoding of all that."""
from common import case

case("i18n/emoji_names_truncation", "user names and posts with emoji: length, slice, first/last, reverse, split('')",
     r"""{% for u in users %}
{{ u.name }} ({{ u.name|length }}): {{ u.name|slice(0, 5) }}… | {{ u.name|first }} | {{ u.name|last }} | {{ u.name|reverse }} | {{ u.name|split('')|join('·') }} | {{ u.name|upper }} | {{ u.name|capitalize }} | {{ u.name|title }}
{% endfor %}
{{ tweet|length }} {{ tweet|length > 20 ? tweet|slice(0, 19) ~ '…' : tweet }} {{ tweet|slice(-3) }} {{ tweet|slice(2, -2)|length }}
{{ tweet|split(' ', 3)|last }} {{ tweet|split('', 6)|first }} {{ '👍🏽'|length }} {{ '👍🏽'|reverse|length }} {{ 'e\u0301'|length }}
""", {"users": [{"name": "Zoë 🎉 Smith"}, {"name": "😀😃😄😁😆 party"}, {"name": "ángel ñandú"}],
      "tweet": "Launch day 🚀🚀 — thanks everyone! 🙏 #twig"})

case("i18n/case_mapping", "upper/lower/title/capitalize of German, Turkish, Greek, Dutch, ligatures",
     r"""{% for w in words %}
{{ w }} | {{ w|upper }} | {{ w|lower }} | {{ w|title }} | {{ w|capitalize }}
{% endfor %}
""", {"words": ["straße groß", "İstanbul ırmak", "ΣΟΦΟΣ σοφός", "ijsselmeer IJmuiden", "ﬁne ﬂow", "ǆungla ǅ", "mc'donald-o'neil x_y 3rd", "ÉCOLE élève"]})

case("i18n/slugs_and_urls", "slugs from accented titles, url_encode of unicode, json_encode with and without escaping",
     r"""{% for t in titles %}
{% set slug = t|lower|replace({'é': 'e', 'è': 'e', 'à': 'a', 'ü': 'u', 'ö': 'o', 'ß': 'ss', ' ': '-', "'": '', '?': '', '!': ''}) %}
/{{ slug }} /{{ t|url_encode }} {{ t|json_encode|raw }} {{ t|json_encode(constant('JSON_UNESCAPED_UNICODE'))|raw }} {{ t|e('url') }}
{% endfor %}
""", {"titles": ["Crème brûlée à la mode", "Über die Straße!", "Qu'est-ce que c'est?", "日本語 テキスト", "emoji 🎉 ok"]})

case("i18n/rtl_and_mixed_html_attr", "Arabic and Hebrew labels in attributes, html_attr and js escaping of them",
     r"""{% for l in labels %}
<option value="{{ l.code }}" dir="{{ l.rtl ? 'rtl' : 'ltr' }}" title="{{ l.name|e('html_attr') }}" data-js="{{ l.name|e('js') }}">{{ l.name }} ({{ l.name|length }})</option>
{% endfor %}
""", {"labels": [{"code": "ar", "name": "العربية", "rtl": True}, {"code": "he", "name": "עברית", "rtl": True},
                 {"code": "zh", "name": "中文 (简体)", "rtl": False}, {"code": "hi", "name": "हिन्दी", "rtl": False}]})

case("i18n/sorting_unicode", "sorting names with accents and case (byte order, as PHP compares strings)",
     r"""{{ names|sort|join(', ') }}
{{ names|sort((a, b) => a|lower <=> b|lower)|join(', ') }}
{{ names|sort|reverse|first }} / {{ max(names) }} / {{ min(names) }}
{{ names|filter(n => n starts with 'É' or n starts with 'e')|join(', ') }}
""", {"names": ["émile", "Zoë", "Éric", "zack", "adam", "Ådne", "eve", "Ünal", "ubuntu", "Adam"]})
