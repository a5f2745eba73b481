"""Helpers for the real-world corpus: one case = templates + data + config, in the shared corpus format."""

CASES = []


def case(cid, title, templates, data=None, config=None, main="index.twig", newer=None):
    """newer: (replacements, source) where Twig 3.29 accepts syntax 3.15 does not: the oracle renders the templates
    with each (old, new) replacement applied (new = what 3.29 makes of old), and the case records the source."""
    if isinstance(templates, str):
        templates = {"index.twig": templates}
    cfg = {"strict_variables": True, "autoescape": "html"}
    if config:
        cfg.update(config)
    CASES.append({
        "id": "realworld/" + cid,
        "group": "realworld/" + cid.split("/")[0],
        "title": title,
        "templates": templates,
        "main": main,
        "data": data if data is not None else {},
        "config": cfg,
    })
    if newer:
        replacements, source = newer
        CASES[-1]["_oracle_templates"] = {
            n: _replace_all(t, replacements) for n, t in templates.items()}
        CASES[-1]["_expect_source"] = source


def _replace_all(text, replacements):
    for old, new in replacements:
        text = text.replace(old, new)
    return text
