"""A demo blog (Symfony demo-like): base layout with short blocks, post list with for-else and an include per
post, a post page with comments (cycle, batch, sort, slice), tag cloud (column, reduce, filter, arrow functions,
join with a final ' and '), an archive grouped by month, an RSS feed, and the admin post table."""
from common import case

BASE = r"""<!DOCTYPE html>
<html lang="{{ app.request.locale }}">
    <head>
        <meta charset="UTF-8" />
        <title>{% block title %}Symfony Demo application{% endblock %}</title>
        <link rel="alternate" type="application/rss+xml" title="{{ messages['rss.title'] }}" href="{{ paths.rss }}">
    </head>
    <body id="{% block body_id %}{% endblock %}">
        {% block header %}
            <header>
                <nav>
                    <a class="navbar-brand" href="{{ paths.homepage }}">Symfony Demo</a>
                    <ul>
                    {% block header_navigation_links %}
                        <li><a href="{{ paths.blog_index }}"><i class="fa fa-home" aria-hidden="true"></i> {{ messages['menu.homepage'] }}</a></li>
                        {% if app.user is not null and 'ROLE_ADMIN' in app.user.roles %}
                            <li><a href="{{ paths.admin_index }}"><i class="fa fa-lock" aria-hidden="true"></i> {{ messages['menu.admin'] }}</a></li>
                        {% endif %}
                    {% endblock %}
                    {% if app.user %}
                        <li class="dropdown"><span class="sr-only">{{ app.user.username }}</span></li>
                    {% endif %}
                    </ul>
                </nav>
            </header>
        {% endblock %}

        <div class="container body-container">
            {% block body %}
                <div class="row">
                    <div id="main" class="col-sm-9">
                        {% block main %}{% endblock %}
                    </div>

                    <div id="sidebar" class="col-sm-3">
                        {% block sidebar %}
                            {{ include('default/_sidebar.html.twig') }}
                        {% endblock %}
                    </div>
                </div>
            {% endblock %}
        </div>

        {% block footer %}
            <footer>
                <p>&copy; {{ 'now'|date('Y') >= 2024 ? 2024 : 'old' }} - The Symfony Project</p>
                <p>{{ messages['mit_license'] }}</p>
            </footer>
        {% endblock %}
    </body>
</html>
"""
SIDEBAR = r"""<div class="section about">
    <div class="well well-lg">
        <p>{{ messages['help.app_description']|raw }}</p>
        <p>{{ messages['help.more_information']|format(paths.docs)|raw }}</p>
    </div>
</div>
"""
POST_TAGS = r"""{% if not post.tags.empty|default(false) %}
    <p class="post-tags">
        {% for tag in post.tags %}
            <a href="{{ paths.blog_index }}?tag={{ tag.name|url_encode }}"
               class="label label-{{ tag.name == (app.request.query.tag ?? '') ? 'success' : 'default' }}"
            >
                <i class="fa fa-tag"></i> {{ tag.name }}
            </a>
        {% endfor %}
    </p>
{% endif %}
"""
INDEX = r"""{% extends 'base.html.twig' %}

{% block body_id 'blog_index' %}

{% block main %}
    {% for post in paginator.results %}
        <article class="post">
            <h2>
                <a href="{{ paths.blog_post|replace({'{slug}': post.slug}) }}">
                    {{ post.title }}
                </a>
            </h2>

            <p class="post-metadata">
                <span class="metadata"><i class="fa fa-calendar"></i> {{ post.publishedAt|date('M j, Y, g:i A') }}</span>
                <span class="metadata"><i class="fa fa-user"></i> {{ post.author.fullName }}</span>
            </p>

            <p>{{ post.summary }}</p>

            {{ include('blog/_post_tags.html.twig') }}
        </article>
    {% else %}
        <div class="well">{{ messages['post.no_posts_found'] }}</div>
    {% endfor %}

    {% if paginator.hasToPaginate %}
        <div class="navigation text-center">
            <ul class="pagination">
                {% if paginator.hasPreviousPage %}
                    <li class="prev"><a href="{{ paths.blog_index_paginated|replace({'{page}': paginator.previousPage}) }}" rel="previous"><i class="fa fw fa-long-arrow-left"></i> {{ messages['paginator.previous'] }}</a></li>
                {% else %}
                    <li class="prev disabled"><span><i class="fa fw fa-arrow-left"></i> {{ messages['paginator.previous'] }}</span></li>
                {% endif %}

                {% for i in 1..paginator.lastPage %}
                    {% if i == paginator.currentPage %}
                        <li class="active"><span>{{ i }} <span class="sr-only">{{ messages['paginator.current'] }}</span></span></li>
                    {% else %}
                        <li><a href="{{ paths.blog_index_paginated|replace({'{page}': i}) }}">{{ i }}</a></li>
                    {% endif %}
                {% endfor %}

                {% if paginator.hasNextPage %}
                    <li class="next"><a href="{{ paths.blog_index_paginated|replace({'{page}': paginator.nextPage}) }}" rel="next">{{ messages['paginator.next'] }} <i class="fa fw fa-arrow-right"></i></a></li>
                {% else %}
                    <li class="next disabled"><span>{{ messages['paginator.next'] }} <i class="fa fw fa-arrow-right"></i></span></li>
                {% endif %}
            </ul>
        </div>
    {% endif %}
{% endblock %}

{% block sidebar %}
    {{ parent() }}
    {{ include('blog/_rss.html.twig', {feed: paths.rss}) }}
{% endblock %}
"""
RSS_BOX = r"""<div class="section rss">
    <a class="btn btn-block btn-orange" href="{{ feed }}">
        <i class="fa fa-rss" aria-hidden="true"></i> {{ messages['menu.rss'] }}
    </a>
</div>
"""
MESSAGES = {"rss.title": "Symfony Demo blog", "menu.homepage": "Homepage", "menu.admin": "Backend",
            "menu.rss": "Subscribe to RSS", "mit_license": "MIT License",
            "help.app_description": "This is a <strong>demo application</strong> built in the Symfony Framework.",
            "help.more_information": "Read the <a href=\"%s\">docs</a> for more information.",
            "post.no_posts_found": "No posts found.", "paginator.previous": "Previous",
            "paginator.next": "Next", "paginator.current": "(current)"}
PATHS = {"homepage": "/", "blog_index": "/en/blog/", "blog_post": "/en/blog/posts/{slug}",
         "blog_index_paginated": "/en/blog/page/{page}", "admin_index": "/en/admin/post/", "rss": "/en/blog/rss.xml",
         "docs": "https://symfony.com/doc?x=1&y=2"}
POSTS = [
    {"title": "Lorem ipsum dolor sit amet consectetur adipiscing elit", "slug": "lorem-ipsum",
     "summary": "Sed <b>ut</b> perspiciatis unde omnis iste natus error sit voluptatem.",
     "publishedAt": "2024-03-05 14:07:00", "author": {"fullName": "Jane Admin"},
     "tags": [{"name": "lorem"}, {"name": "ipsum & co"}]},
    {"title": "Pellentesque vitae velit ex", "slug": "pellentesque", "summary": "Ut enim ad minima veniam.",
     "publishedAt": "2024-02-28 09:00:00", "author": {"fullName": "Tom Doe"}, "tags": []},
]
BLOG = {"base.html.twig": BASE, "default/_sidebar.html.twig": SIDEBAR, "blog/_post_tags.html.twig": POST_TAGS,
        "blog/_rss.html.twig": RSS_BOX}
APP = {"request": {"locale": "en", "query": {"tag": "lorem"}},
       "user": {"username": "jane_admin", "roles": ["ROLE_USER", "ROLE_ADMIN"]}}

case("blog/index_with_posts", "Symfony demo blog index: short blocks, for-else, include with context, pager",
     dict(BLOG, **{"index.twig": INDEX}),
     {"app": APP, "messages": MESSAGES, "paths": PATHS,
      "paginator": {"results": POSTS, "hasToPaginate": True, "hasPreviousPage": True, "previousPage": 1,
                    "currentPage": 2, "lastPage": 3, "hasNextPage": True, "nextPage": 3}})
case("blog/index_empty_anonymous", "blog index: no posts, anonymous user, no pagination",
     dict(BLOG, **{"index.twig": INDEX}),
     {"app": {"request": {"locale": "fr", "query": {}}, "user": None}, "messages": MESSAGES, "paths": PATHS,
      "paginator": {"results": [], "hasToPaginate": False}})

POST_SHOW = r"""{% extends 'base.html.twig' %}

{% block body_id 'blog_post_show' %}
{% block title %}{{ post.title }} | {{ parent() }}{% endblock %}

{% block main %}
    <h1>{{ post.title }}</h1>

    <p class="post-metadata">
        <span class="metadata"><i class="fa fa-calendar"></i> {{ post.publishedAt|date('l, F jS, Y') }}</span>
        <span class="metadata"><i class="fa fa-user"></i> {{ post.author.fullName }}</span>
        <span class="metadata">{{ (post.content|split(' ')|length / 200)|round(0, 'ceil') }} min read</span>
    </p>

    {{ post.content|nl2br }}

    {{ include('blog/_post_tags.html.twig') }}

    <div id="post-add-comment" class="well">
        {% if app.user %}
            <p>Logged in as <b>{{ app.user.username }}</b></p>
        {% else %}
            <a class="btn btn-success" href="/login?_target_path={{ ('/en/blog/posts/' ~ post.slug ~ '#comment_form')|url_encode }}">
                <i class="fa fa-sign-in" aria-hidden="true"></i> Sign in to publish a comment
            </a>
        {% endif %}
    </div>

    <h3>
        <i class="fa fa-comments" aria-hidden="true"></i> {{ post.comments|length }} {{ post.comments|length == 1 ? 'comment' : 'comments' }}
    </h3>

    {% for comment in post.comments|sort((a, b) => a.publishedAt <=> b.publishedAt) %}
        <div class="row post-comment {{ cycle(['odd', 'even'], loop.index0) }}">
            <a name="comment_{{ comment.id }}"></a>
            <h4 class="col-sm-3">
                <strong>{{ comment.author.fullName }}</strong> commented on
                <strong>{{ comment.publishedAt|date('M j, Y \\a\\t H:i') }}</strong>
            </h4>
            <div class="col-sm-9">
                {{ comment.content|striptags('<em><strong>')|raw }}
            </div>
        </div>
    {% else %}
        <div class="post-comment">
            <p>Be the first to comment this post.</p>
        </div>
    {% endfor %}
{% endblock %}

{% block sidebar %}
    {% if app.user is not null and post.author.username == app.user.username %}
        <div class="section">
            <a class="btn btn-lg btn-block btn-success" href="/en/admin/post/{{ post.id }}/edit">
                <i class="fa fa-edit" aria-hidden="true"></i> Edit post
            </a>
        </div>
    {% endif %}

    {{ parent() }}

    <h4>Related</h4>
    <ul>
    {% for other in related|filter(p => p.slug != post.slug)|slice(0, 2) %}
        <li><a href="/en/blog/posts/{{ other.slug }}">{{ other.title|length > 20 ? other.title|slice(0, 20)|trim ~ '...' : other.title }}</a></li>
    {% endfor %}
    </ul>
{% endblock %}
"""
POST = {"id": 7, "title": "Twig 3 — what's new?", "slug": "twig-3-whats-new",
        "publishedAt": "2024-01-02 10:30:00", "author": {"fullName": "Jane Admin", "username": "jane_admin"},
        "content": "Twig 3 removes deprecated features.\nIt is <faster> & cleaner.\n\nUpgrade today!",
        "tags": [{"name": "twig"}, {"name": "php"}],
        "comments": [
            {"id": 3, "author": {"fullName": "Wouter"}, "publishedAt": "2024-01-03 08:00:00",
             "content": "<p>Great <strong>post</strong>! <script>alert(1)</script><em>Thanks</em></p>"},
            {"id": 1, "author": {"fullName": "Ryan"}, "publishedAt": "2024-01-02 21:45:00",
             "content": "First! <a href=\"http://spam\">win</a>"},
            {"id": 2, "author": {"fullName": "Nicolas"}, "publishedAt": "2024-01-02 22:00:00", "content": "+1"}]}
RELATED = [{"slug": "twig-3-whats-new", "title": "Twig 3 — what's new?"},
           {"slug": "symfony-7", "title": "Symfony 7.0 released with many improvements"},
           {"slug": "php-8-3", "title": "PHP 8.3"},
           {"slug": "composer", "title": "Composer tips"}]
case("blog/post_show", "post page: sort by date with <=>, cycle, striptags with allowed tags, filter+slice",
     dict(BLOG, **{"index.twig": POST_SHOW}),
     {"app": APP, "messages": MESSAGES, "paths": PATHS, "post": POST, "related": RELATED})
case("blog/post_show_no_comments_anonymous", "post page without comments for an anonymous visitor",
     dict(BLOG, **{"index.twig": POST_SHOW}),
     {"app": {"request": {"locale": "en", "query": {}}, "user": None}, "messages": MESSAGES, "paths": PATHS,
      "post": dict(POST, comments=[], tags=[]), "related": RELATED[:1]})

TAG_CLOUD = r"""{% set all_tags = posts|map(p => p.tags)|reduce((acc, tags) => acc|merge(tags), []) %}
{% set counts = {} %}
{% for tag in all_tags %}
    {% set counts = counts|merge({(tag): (counts[tag] ?? 0) + 1}) %}
{% endfor %}
{% set max_count = max(counts) %}
<div class="tag-cloud">
{%- for tag, n in counts|sort((a, b) => b <=> a) %}
    <a class="size-{{ (n / max_count * 4)|round }}" href="/tags/{{ tag|lower|replace({' ': '-'}) }}">{{ tag }}</a> <sup>{{ n }}</sup>
{%- endfor %}
</div>
{% set authors = posts|column('author')|reduce((u, a) => a in u ? u : u|merge([a]), []) %}
<p>Written by {{ authors|join(', ', ' and ') }}.</p>
<p>Popular: {{ counts|filter(n => n > 1)|keys|join(', ') }}.</p>
<p>Titles: {{ posts|column('title', 'slug')|map((title, slug) => slug ~ '=' ~ title|length)|join('; ') }}</p>
<p>Unused: {{ ['php', 'rust', 'twig', 'go']|filter(t => t not in all_tags)|join(', ', ' or ')|default('none') }}.</p>
"""
TAG_POSTS = [{"title": "Hello", "slug": "hello", "author": "Ann", "tags": ["PHP", "Twig"]},
             {"title": "Twig tips", "slug": "twig-tips", "author": "Bob", "tags": ["Twig", "Web Dev"]},
             {"title": "Ten PHP tricks", "slug": "php-tricks", "author": "Ann", "tags": ["PHP", "Twig", "Symfony"]},
             {"title": "Go", "slug": "go", "author": "Cy", "tags": ["Go"]}]
case("blog/tag_cloud", "tag cloud: map/reduce/merge, counts with dynamic keys, sort values, column with index",
     TAG_CLOUD, {"posts": TAG_POSTS})

ARCHIVE = r"""{% set by_month = {} %}
{% for post in posts|sort((a, b) => b.date <=> a.date) %}
    {% set month = post.date|date('Y-m') %}
    {% set by_month = by_month|merge({(month): (by_month[month] ?? [])|merge([post])}) %}
{% endfor %}
{% for month, month_posts in by_month %}
<h3>{{ (month ~ '-01')|date('F Y') }} <small>({{ month_posts|length }})</small></h3>
<ul>
    {% for post in month_posts %}
    <li>{{ post.date|date('D j') }} — {{ post.title }}{% if post.draft ?? false %} <em>(draft)</em>{% endif %}</li>
    {% endfor %}
</ul>
{% endfor %}
{% for row in posts|map(p => p.title)|batch(3, '&nbsp;') %}
<tr>{% for cell in row %}<td>{{ cell }}</td>{% endfor %}</tr>
{% endfor %}
"""
case("blog/archive_by_month", "archive grouped by month: sort by date, merge into a map, batch with fill",
     ARCHIVE,
     {"posts": [{"title": "New year", "date": "2024-01-01 00:00:01"},
                {"title": "Spring <sale>", "date": "2024-03-21 12:00:00"},
                {"title": "Late January", "date": "2024-01-31 23:59:59", "draft": True},
                {"title": "March again", "date": "2024-03-01 06:30:00"},
                {"title": "Leap", "date": "2024-02-29 10:00:00"}]})

RSS = r"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0">
    <channel>
        <title>{{ title }}</title>
        <description>{{ description }}</description>
        <pubDate>{{ 'now'|date('r', timezone='GMT') is not empty ? posts|first.publishedAt|date('r', timezone='GMT') }}</pubDate>
        <lastBuildDate>{{ (posts|last).publishedAt|date('r', 'GMT') }}</lastBuildDate>
        <link>{{ base_url }}</link>
        <language>{{ locale }}</language>

        {% for post in posts %}
            <item>
                <title>{{ post.title }}</title>
                <description>{{ post.summary }}</description>
                <link>{{ base_url }}posts/{{ post.slug }}</link>
                <guid>{{ base_url }}posts/{{ post.slug }}</guid>
                <pubDate>{{ post.publishedAt|date(format='r', timezone='GMT') }}</pubDate>
                <author>{{ post.author.email }}</author>
                {% for tag in post.tags %}
                    <category>{{ tag.name }}</category>
                {% endfor %}
            </item>
        {% endfor %}
    </channel>
</rss>
"""
case("blog/rss_feed_xml", "RSS feed (index.xml.twig, autoescape by name = html): date with named timezone args",
     {"index.xml.twig": RSS},
     {"title": "Symfony Demo blog", "description": "Most recent posts & news", "base_url": "https://example.com/en/blog/",
      "locale": "en", "posts": [dict(p, author={"email": "anna_admin@symfony.com"}) for p in POSTS]},
     {"autoescape": "name"}, main="index.xml.twig")

ADMIN_POSTS = r"""{% extends 'base.html.twig' %}
{% block body_id 'admin_post_index' %}
{% block header_navigation_links %}
    <li><a href="{{ paths.admin_index }}">Post List</a></li>
    {{ parent() }}
{% endblock %}
{% block main %}
    <h1>Post List</h1>
    <table class="table table-striped table-middle-aligned">
        <thead>
            <tr>
                <th scope="col">Title</th>
                <th scope="col"><i class="fa fa-calendar" aria-hidden="true"></i> Published</th>
                <th scope="col" class="text-center"><i class="fa fa-cogs" aria-hidden="true"></i> Actions</th>
            </tr>
        </thead>
        <tbody>
        {% for post in posts %}
            <tr>
                <td>{{ post.title }}</td>
                <td>{{ post.publishedAt|date('Y-m-d H:i') }}</td>
                <td class="text-right">
                    <div class="item-actions">
                        <a href="/en/admin/post/{{ post.id }}" class="btn btn-sm btn-default">Show</a>
                        <a href="/en/admin/post/{{ post.id }}/edit" class="btn btn-sm btn-primary">
                            <i class="fa fa-edit" aria-hidden="true"></i> Edit
                        </a>
                    </div>
                </td>
            </tr>
        {% else %}
            <tr>
                <td colspan="3" align="center">No posts found</td>
            </tr>
        {% endfor %}
        </tbody>
    </table>
{% endblock %}
{% block sidebar %}
    <div class="section actions">
        <a href="/en/admin/post/new" class="btn btn-lg btn-block btn-success">
            <i class="fa fa-plus" aria-hidden="true"></i> Create a new post
        </a>
    </div>
    {{ parent() }}
{% endblock %}
"""
case("blog/admin_post_index", "admin post list: parent() in a nested block (header_navigation_links), sidebar",
     dict(BLOG, **{"index.twig": ADMIN_POSTS}),
     {"app": APP, "messages": MESSAGES, "paths": PATHS,
      "posts": [{"id": 1, "title": "Hello <world>", "publishedAt": 1704067200},
                {"id": 2, "title": "Second", "publishedAt": "2024-01-15T10:00:00Z"}]})
