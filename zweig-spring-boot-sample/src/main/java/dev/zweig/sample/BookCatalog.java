package dev.zweig.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The books, in memory: a few classics to page through, and the ones added with the form. */
@Component
public class BookCatalog {
    public static final int PAGE_SIZE = 5;

    private final List<Book> books = new ArrayList<>();

    public BookCatalog() {
        String[][] seed = {
            {"Faust", "Johann Wolfgang von Goethe", "1808"}, {"Effi Briest", "Theodor Fontane", "1896"},
            {"Buddenbrooks", "Thomas Mann", "1901"}, {"Der Process", "Franz Kafka", "1925"},
            {"Steppenwolf", "Hermann Hesse", "1927"}, {"Berlin Alexanderplatz", "Alfred Döblin", "1929"},
            {"Die Schachnovelle", "Stefan Zweig", "1942"}, {"Pride & Prejudice", "Jane Austen", "1813"},
            {"Moby-Dick", "Herman Melville", "1851"}, {"Middlemarch", "George Eliot", "1871"},
            {"Dubliners", "James Joyce", "1914"}, {"Mrs Dalloway", "Virginia Woolf", "1925"},
        };
        for (String[] b : seed) {
            add(b[0], b[1], Integer.parseInt(b[2]));
        }
    }

    public synchronized Book add(String title, String author, int year) {
        Book b = new Book(books.size() + 1L, title, author, year);
        books.add(b);
        return b;
    }

    public synchronized Optional<Book> find(long id) {
        return books.stream().filter(b -> b.id() == id).findFirst();
    }

    public synchronized int totalPages() {
        return Math.max(1, (books.size() + PAGE_SIZE - 1) / PAGE_SIZE);
    }

    /** Page number (from 1), clamped to the pages there are. */
    public synchronized BookPage page(int number) {
        int total = totalPages();
        int n = Math.min(Math.max(1, number), total);
        int from = (n - 1) * PAGE_SIZE;
        return new BookPage(List.copyOf(books.subList(from, Math.min(books.size(), from + PAGE_SIZE))), n, total,
                books.size());
    }
}
