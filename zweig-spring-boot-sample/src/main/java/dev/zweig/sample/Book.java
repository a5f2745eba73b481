package dev.zweig.sample;

/** A book of the catalogue. */
public record Book(long id, String title, String author, int year) {
}
