"""The web UI: server-rendered pages (Jinja2, autoescaped) that work without JavaScript.

``pages`` holds the routes, ``highlight`` splits article text into escaped, marked pieces and
``timeline`` lays out the statements-per-day chart as SVG geometry. See docs/api.md.
"""
