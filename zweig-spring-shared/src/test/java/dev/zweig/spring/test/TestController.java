package dev.zweig.spring.test;

import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** A controller without servlet or reactive types in its signatures: it serves both the MVC and the WebFlux tests. */
@Controller
public class TestController {
    @GetMapping("/hello")
    public String hello(@RequestParam(name = "name", defaultValue = "World") String name, Model model) {
        model.addAttribute("name", name);
        return "index";
    }

    @GetMapping(path = "/books/{id}", name = "book_show")
    public String book(@PathVariable("id") long id, Model model) {
        model.addAttribute("books", List.of("Book " + id));
        return "books/list";
    }

    @GetMapping("/helpers")
    public String helpers() {
        return "helpers";
    }

    @GetMapping("/view/{name}")
    public String view(@PathVariable("name") String name, Model model) {
        model.addAttribute("name", "<b>" + name + "</b>");
        return name;
    }

    @GetMapping("/broken")
    public String broken() {
        return "broken";
    }

    @GetMapping("/failing")
    public String failing() {
        return "failing";
    }

    @GetMapping("/redirect")
    public String redirect() {
        return "redirect:/hello?name=again";
    }

    @PostMapping("/form")
    public String form(@ModelAttribute("form") FormData form, BindingResult result) {
        if (form.getTitle() == null || form.getTitle().isBlank()) {
            result.rejectValue("title", "NotBlank.form.title", "title missing");
        }
        result.reject("global.error", "Something <is> off");
        return "form";
    }

    /** A form object bound from the request. */
    public static class FormData {
        private String title;
        private Integer year;

        public String getTitle() {
            return title;
        }

        public void setTitle(String title) {
            this.title = title;
        }

        public Integer getYear() {
            return year;
        }

        public void setYear(Integer year) {
            this.year = year;
        }
    }
}
