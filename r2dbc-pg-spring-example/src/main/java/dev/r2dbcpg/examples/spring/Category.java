package dev.r2dbcpg.examples.spring;

/** A product's category, stored in the PostgreSQL enum type {@code product_category} by its name. */
public enum Category {
    BOOK,
    GAME,
    TOOL
}
