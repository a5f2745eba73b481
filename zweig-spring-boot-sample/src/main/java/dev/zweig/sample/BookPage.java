package dev.zweig.sample;

import java.util.List;

/** One page of the catalogue: its books, its number (from 1) and how many pages there are. */
public record BookPage(List<Book> books, int number, int totalPages, int totalBooks) {
    public boolean hasPrevious() {
        return number > 1;
    }

    public boolean hasNext() {
        return number < totalPages;
    }
}
