package dev.zweig.sample;

import jakarta.validation.Valid;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The pages of the sample: plain view names, the model as the template's variables. */
@Controller
public class BookController {
    private final BookCatalog catalog;
    private final MessageSource messages;

    public BookController(BookCatalog catalog, MessageSource messages) {
        this.catalog = catalog;
        this.messages = messages;
    }

    @GetMapping(path = "/", name = "home")
    public String home(Model model) {
        model.addAttribute("latest", catalog.page(catalog.totalPages()).books());
        return "index";
    }

    @GetMapping(path = "/books", name = "book_list")
    public String list(@RequestParam(defaultValue = "1") int page, Model model) {
        model.addAttribute("page", catalog.page(page));
        return "books/list";
    }

    @GetMapping(path = "/books/{id}", name = "book_show")
    public String show(@PathVariable long id, Model model) {
        model.addAttribute("book", catalog.find(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No book " + id)));
        return "books/show";
    }

    @GetMapping(path = "/books/new", name = "book_new")
    public String newBook(Model model) {
        model.addAttribute("bookForm", new BookForm());
        return "books/form";
    }

    @PostMapping(path = "/books", name = "book_create")
    public String create(@Valid @ModelAttribute("bookForm") BookForm form, BindingResult result,
            RedirectAttributes redirect, Locale locale) {
        if (result.hasErrors()) {
            return "books/form";
        }
        Book book = catalog.add(form.getTitle().strip(), form.getAuthor().strip(), form.getYear());
        redirect.addFlashAttribute("notice", messages.getMessage("book.added", new Object[] {book.title()}, locale));
        return "redirect:/books?page=" + catalog.totalPages();
    }
}
