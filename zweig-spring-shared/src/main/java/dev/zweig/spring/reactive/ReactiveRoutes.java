package dev.zweig.spring.reactive;

import dev.zweig.spring.web.RouteIndex;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ApplicationContext;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/** The request mappings of WebFlux's handler mappings, for {@link RouteIndex}. */
public final class ReactiveRoutes {
    private ReactiveRoutes() {
    }

    public static RouteIndex index(ApplicationContext context) {
        return new RouteIndex(() -> mappings(context));
    }

    static List<RouteIndex.Mapping> mappings(ApplicationContext context) {
        List<RouteIndex.Mapping> out = new ArrayList<>();
        for (RequestMappingInfoHandlerMapping hm : context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
                .values()) {
            hm.getHandlerMethods().forEach((info, method) -> {
                List<String> patterns = new ArrayList<>();
                for (PathPattern p : info.getPatternsCondition().getPatterns()) {
                    patterns.add(p.getPatternString());
                }
                out.add(new RouteIndex.Mapping(info.getName(), method.getBeanType(), method.getMethod(), patterns));
            });
        }
        return out;
    }
}
