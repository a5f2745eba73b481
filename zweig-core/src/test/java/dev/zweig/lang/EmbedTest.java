package dev.zweig.lang;

import static dev.zweig.lang.Twig.renderAll;
import static dev.zweig.lang.Twig.templates;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EmbedTest {
    private static final String CARD = "<div>{% block head %}H{% endblock %}|{% block body %}B{% endblock %}|{{ extra ?? '' }}</div>";

    @Test
    void embedOverridesBlocksOfTheEmbeddedTemplate() {
        assertEquals("<div>H|mine|</div>", renderAll(templates("card.twig", CARD,
                "index.twig", "{% embed 'card.twig' %}{% block body %}mine{% endblock %}{% endembed %}")));
    }

    @Test
    void embedWithVariablesAndParent() {
        assertEquals("<div>H+|B|X</div>", renderAll(templates("card.twig", CARD,
                "index.twig", "{% embed 'card.twig' with {extra: 'X'} %}{% block head %}{{ parent() }}+{% endblock %}{% endembed %}")));
    }

    @Test
    void multipleEmbedsInOneTemplate() {
        assertEquals("<div>1|B|</div><div>2|B|</div>", renderAll(templates("card.twig", CARD,
                "index.twig", "{% embed 'card.twig' %}{% block head %}1{% endblock %}{% endembed %}"
                        + "{% embed 'card.twig' %}{% block head %}2{% endblock %}{% endembed %}")));
    }

    @Test
    void embedSeesTheOuterContext() {
        assertEquals("<div>H|v|</div>", renderAll(templates("card.twig", CARD,
                "index.twig", "{% embed 'card.twig' %}{% block body %}{{ outer }}{% endblock %}{% endembed %}"), "outer", "v"));
    }
}
