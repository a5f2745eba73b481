"""Paginators: KnpPaginator's sliding/bootstrap templates (pages computed in PHP, passed as data), a macro-based
pager computing its window in Twig, and Pagerfanta-like "page x of y" bars."""
from common import case

# KnpPaginator's twitter_bootstrap_v4_pagination.html.twig, path() stubbed by a macro building the query string
KNP_BOOTSTRAP = r"""{%- macro path(route, params) -%}
    {{- '/' ~ route ~ (params is empty ? '' : '?' ~ params|url_encode) -}}
{%- endmacro -%}
{% if pageCount > 1 %}
    <nav>
        {% set classAlign = (align is not defined) ? '' : align=='center' ? ' justify-content-center' : (align=='right' ? ' justify-content-end' : '') %}
        {% set classSize = (size is not defined) ? '' : size=='large' ? ' pagination-lg' : (size=='small' ? ' pagination-sm' : '') %}
        <ul class="pagination{{ classAlign }}{{ classSize }}">

            {% if previous is defined %}
                <li class="page-item">
                    <a class="page-link" rel="prev" href="{{ _self.path(route, query|merge({(pageParameterName): previous})) }}">&laquo;&nbsp;{{ labels.previous }}</a>
                </li>
            {% else %}
                <li class="page-item disabled">
                    <span class="page-link">&laquo;&nbsp;{{ labels.previous }}</span>
                </li>
            {% endif %}

            {% if startPage > 1 %}
                <li class="page-item">
                    <a class="page-link" href="{{ _self.path(route, query|merge({(pageParameterName): 1})) }}">1</a>
                </li>
                {% if startPage == 3 %}
                    <li class="page-item">
                        <a class="page-link" href="{{ _self.path(route, query|merge({(pageParameterName): 2})) }}">2</a>
                    </li>
                {% elseif startPage != 2 %}
                    <li class="page-item disabled">
                        <span class="page-link">&hellip;</span>
                    </li>
                {% endif %}
            {% endif %}

            {% for page in pagesInRange %}
                {% if page != current %}
                    <li class="page-item">
                        <a class="page-link" href="{{ _self.path(route, query|merge({(pageParameterName): page})) }}">{{ page }}</a>
                    </li>
                {% else %}
                    <li class="page-item active">
                        <span class="page-link">{{ page }}</span>
                    </li>
                {% endif %}

            {% endfor %}

            {% if pageCount > endPage %}
                {% if pageCount > (endPage + 1) %}
                    {% if pageCount > (endPage + 2) %}
                        <li class="page-item disabled">
                            <span class="page-link">&hellip;</span>
                        </li>
                    {% else %}
                        <li class="page-item">
                            <a class="page-link" href="{{ _self.path(route, query|merge({(pageParameterName): (pageCount - 1)})) }}">{{ pageCount -1 }}</a>
                        </li>
                    {% endif %}
                {% endif %}
                <li class="page-item">
                    <a class="page-link" href="{{ _self.path(route, query|merge({(pageParameterName): pageCount})) }}">{{ pageCount }}</a>
                </li>
            {% endif %}

            {% if next is defined %}
                <li class="page-item">
                    <a class="page-link" rel="next" href="{{ _self.path(route, query|merge({(pageParameterName): next})) }}">{{ labels.next }}&nbsp;&raquo;</a>
                </li>
            {% else %}
                <li  class="page-item disabled">
                    <span class="page-link">{{ labels.next }}&nbsp;&raquo;</span>
                </li>
            {% endif %}
        </ul>
    </nav>
{% endif %}
"""

LABELS = {"previous": "Previous", "next": "Next"}


def knp(current, page_count, start, end, **extra):
    d = {"pageCount": page_count, "current": current, "startPage": start, "endPage": end,
         "pagesInRange": list(range(start, end + 1)), "route": "blog_index",
         "query": {"tag": "symfony & twig", "sort": "p.publishedAt", "direction": "desc"},
         "pageParameterName": "page", "labels": LABELS}
    if current > 1:
        d["previous"] = current - 1
    if current < page_count:
        d["next"] = current + 1
    d.update(extra)
    return d


case("pagination/knp_bootstrap_middle", "KnpPaginator bootstrap v4: middle page, both ellipses, query merge",
     KNP_BOOTSTRAP, knp(7, 20, 5, 9, align="center"))
case("pagination/knp_bootstrap_first_page", "KnpPaginator bootstrap v4: first page, previous disabled, small size",
     KNP_BOOTSTRAP, knp(1, 12, 1, 5, size="small", query={}))
case("pagination/knp_bootstrap_near_end", "KnpPaginator bootstrap v4: near the end, startPage 3 shows page 2",
     KNP_BOOTSTRAP, knp(5, 7, 3, 7, align="right", size="large"))
case("pagination/knp_single_page", "KnpPaginator: a single page renders nothing",
     KNP_BOOTSTRAP, knp(1, 1, 1, 1))

# the sliding window computed in Twig: a widely copied pagination macro
PAGER_MACRO = r"""{% macro pagination(total, current, url, nearbyPagesLimit = 4) %}
    {% apply spaceless %}
    {% if total > 1 %}
        <ul class="pagination">
            {% if current > 1 %}
                <li><a href="{{ (url ~ (current - 1))|e }}">&laquo;</a></li>
            {% endif %}
            {% for i in 1..total %}
                {% if 0 == (current - nearbyPagesLimit) - loop.index %}
                    <li><a href="{{ (url ~ 1)|e }}">1</a></li>
                    {% if 1 != loop.index %}
                        <li><span>...</span></li>
                    {% endif %}
                {% elseif 0 == (current + nearbyPagesLimit) - loop.index  and (current + nearbyPagesLimit) < total %}
                    <li><span>...</span></li>
                {% elseif 0 < (current - nearbyPagesLimit) - loop.index %}
                {% elseif 0 > (current + nearbyPagesLimit) - loop.index %}
                {% else %}
                    <li {{ current == loop.index ? 'class="active"' }}>
                        {% if current == loop.index %}
                            <span>{{ loop.index }}</span>
                        {% else %}
                            <a href="{{ url ~ loop.index }}">{{ loop.index }}</a>
                        {% endif %}
                    </li>
                {% endif %}
            {% endfor %}
            {% if current != total  and (current + nearbyPagesLimit) < total %}
                <li><a href="{{ (url ~ total)|e }}">{{ total }}</a></li>
            {% endif %}
            {% if current < total %}
                <li><a href="{{ (url ~ (current + 1))|e }}">&raquo;</a></li>
            {% endif %}
        </ul>
    {% endif %}
    {% endapply %}
{% endmacro %}
"""
case("pagination/window_macro", "pagination macro: window computed in Twig, `'class=\"active\"'` auto-escaped",
     {"macros.html.twig": PAGER_MACRO,
      "index.twig": "{% import 'macros.html.twig' as macros %}\n"
                    "{{ macros.pagination(lastPage, currentPage, '/articles?q=' ~ q|url_encode ~ '&page=') }}\n"
                    "{{ macros.pagination(3, 1, '/p/', 1) }}\n{{ macros.pagination(1, 1, '/x/') }}"},
     {"lastPage": 15, "currentPage": 9, "q": "café & crème"})

# "Showing 21-30 of 95" with computed page counts, a per-page selector and a `for ... else`
case("pagination/summary_and_per_page", "results summary: //, min/max, ceil via round, per-page select",
     r"""{%- set pages = (total / perPage)|round(0, 'ceil') -%}
{%- set first = (page - 1) * perPage + 1 -%}
{%- set last = min(page * perPage, total) -%}
<p class="summary">
{%- if total == 0 -%}
    No results for “{{ query }}”.
{%- else -%}
    Showing {{ first }}–{{ last }} of {{ total|number_format(0, '.', ',') }} result{{ total == 1 ? '' : 's' }} (page {{ page }} of {{ pages }}, {{ total // perPage }} full pages)
{%- endif -%}
</p>
<select name="limit">
{%- for n in [10, 25, 50, 100] %}
    <option value="{{ n }}"{{ n == perPage ? ' selected' }}>{{ n }} per page</option>
{%- endfor %}
</select>
<ol start="{{ first }}">
{%- for row in rows %}
    <li class="{{ cycle(['odd', 'even'], loop.index0) }}">{{ row }}</li>
{%- else %}
    <li class="empty">Nothing here.</li>
{%- endfor %}
</ol>
""", {"total": 1095, "perPage": 25, "page": 3, "query": "twig", "rows": ["alpha", "beta", "gamma"]})
case("pagination/summary_empty", "results summary with no results and an empty row list",
     r"""{%- set pages = max(1, (total / perPage)|round(0, 'ceil')) -%}
{%- if total == 0 -%}No results for “{{ query }}”. Page {{ page }}/{{ pages }}{%- endif %}
{% for row in rows %}{{ row }}{% else %}<em>Nothing here.</em>{% endfor %}""",
     {"total": 0, "perPage": 25, "page": 1, "query": "<script>", "rows": []})
