package dev.zweig.spring;

import dev.zweig.spring.boot.ZweigAutoConfiguration;
import dev.zweig.spring.test.BootLine;
import dev.zweig.spring.test.TestController;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** A Spring MVC application with Boot's MVC auto-configuration, the starter and the test controller. */
final class MvcTestSupport {
    private MvcTestSupport() {
    }

    static WebApplicationContextRunner runner() {
        return new WebApplicationContextRunner()
                .withConfiguration(BootLine.autoConfigurations(BootLine.PLACEHOLDERS, BootLine.MESSAGES,
                        BootLine.DISPATCHER, BootLine.WEB_MVC, BootLine.ERROR_MVC))
                .withConfiguration(AutoConfigurations.of(ZweigAutoConfiguration.class))
                .withUserConfiguration(TestController.class);
    }

    static MockMvc mvc(WebApplicationContext context) {
        return MockMvcBuilders.webAppContextSetup(context).build();
    }
}
