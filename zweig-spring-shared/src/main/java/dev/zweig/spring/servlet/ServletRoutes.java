package dev.zweig.spring.servlet;

import dev.zweig.spring.web.RouteIndex;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/** The request mappings of Spring MVC's handler mappings, for {@link RouteIndex}. */
public final class ServletRoutes {
    private ServletRoutes() {
    }

    public static RouteIndex index(ApplicationContext context) {
        return new RouteIndex(() -> mappings(context));
    }

    static List<RouteIndex.Mapping> mappings(ApplicationContext context) {
        List<RouteIndex.Mapping> out = new ArrayList<>();
        for (RequestMappingInfoHandlerMapping hm : context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
                .values()) {
            hm.getHandlerMethods().forEach((info, method) -> out.add(new RouteIndex.Mapping(info.getName(),
                    method.getBeanType(), method.getMethod(), info.getPatternValues())));
        }
        return out;
    }
}
