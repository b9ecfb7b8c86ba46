package dev.r2dbcpg.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.data.r2dbc.mapping.R2dbcMappingContext;
import org.springframework.http.HttpStatus;

/**
 * The application's API on Spring Boot's defaults (on Boot 4, quoted identifiers): CRUD, derived queries,
 * {@code @Query} with named parameters and {@code IN (:list)}, array and enum columns, optimistic locking,
 * a transaction across a repository and {@code DatabaseClient}, and {@code R2dbcEntityTemplate} with
 * {@code Criteria}.
 */
class ProductApiIT extends ApplicationTestBase {

    @Autowired
    R2dbcMappingContext mappingContext;

    @Test
    void bootsDefaultQuotingIsInForce() {
        // Spring Data R2DBC 4 (Boot 4) quotes identifiers by default, 3.x does not.
        boolean boot4 = SpringBootVersion.getVersion().startsWith("4.");
        assertThat(mappingContext.isForceQuote()).isEqualTo(boot4);
    }

    @Test
    void createReadUpdateDelete() {
        Product created = create("Dune", Category.BOOK, "12.50", "sci-fi", "classic");
        assertThat(created.getVersion()).isZero();

        Product read = client.get().uri("/products/{id}", created.getId())
                .exchange()
                .expectStatus().isOk()
                .expectBody(Product.class).returnResult().getResponseBody();
        assertThat(read).isNotNull();
        assertThat(read.getName()).isEqualTo("Dune");
        assertThat(read.getCategory()).isEqualTo(Category.BOOK);
        assertThat(read.getPrice()).isEqualByComparingTo("12.50");
        assertThat(read.getTags()).containsExactly("sci-fi", "classic");

        read.setPrice(new BigDecimal("9.99"));
        read.setTags(List.of("sale"));
        Product updated = client.put().uri("/products/{id}", created.getId())
                .bodyValue(read)
                .exchange()
                .expectStatus().isOk()
                .expectBody(Product.class).returnResult().getResponseBody();
        assertThat(updated).isNotNull();
        assertThat(updated.getVersion()).isEqualTo(1L);
        assertThat(list("/products/priced?from=9&to=10")).singleElement()
                .satisfies(p -> assertThat(p.getTags()).containsExactly("sale"));

        client.delete().uri("/products/{id}", created.getId()).exchange().expectStatus().isNoContent();
        client.get().uri("/products/{id}", created.getId()).exchange().expectStatus().isNotFound();
    }

    @Test
    void generatedKeysAreDistinctAndIncreasing() {
        long first = create("a", Category.TOOL, "1").getId();
        long second = create("b", Category.TOOL, "1").getId();
        assertThat(second).isGreaterThan(first);
    }

    @Test
    void derivedQueries() {
        create("Chess", Category.GAME, "30.00");
        create("Go", Category.GAME, "25.00");
        create("Hammer", Category.TOOL, "15.00");

        assertThat(names(list("/products?category=GAME"))).containsExactly("Go", "Chess");
        assertThat(names(list("/products/priced?from=15&to=25"))).containsExactly("Go", "Hammer");
        assertThat(client.get().uri("/products/named/Hammer").exchange()
                .expectStatus().isOk()
                .expectBody(Product.class).returnResult().getResponseBody().getCategory())
                .isEqualTo(Category.TOOL);
        client.get().uri("/products/named/Saw").exchange().expectStatus().isNotFound();
        client.get().uri("/products/count?category=GAME").exchange()
                .expectStatus().isOk()
                .expectBody(Long.class).isEqualTo(2L);
    }

    @Test
    void queryWithNamedParametersAndInList() {
        create("Dune", Category.BOOK, "12.50");
        create("Emma", Category.BOOK, "30.00");
        create("Go", Category.GAME, "20.00");
        create("Saw", Category.TOOL, "5.00");

        assertThat(names(list("/products/search?categories=BOOK,GAME&maxPrice=20"))).containsExactly("Dune", "Go");
        assertThat(names(list("/products/search?categories=TOOL&maxPrice=100"))).containsExactly("Saw");
        assertThat(list("/products/search?categories=GAME&maxPrice=19.99")).isEmpty();
    }

    @Test
    void arrayAndEnumColumns() {
        // Elements that need quoting inside an array literal, and an empty array.
        create("Odd", Category.BOOK, "1", "a,b", "say \"hi\"", "back\\slash", " spaced ", "NULL");
        create("None", Category.GAME, "1");

        assertThat(list("/products/tagged/{tag}", "a,b")).singleElement()
                .satisfies(p -> assertThat(p.getTags())
                        .containsExactly("a,b", "say \"hi\"", "back\\slash", " spaced ", "NULL"));
        assertThat(names(list("/products/tagged/{tag}", "NULL"))).containsExactly("Odd");
        assertThat(list("/products/tagged/{tag}", "nothing")).isEmpty();
        assertThat(list("/products?category=GAME")).singleElement()
                .satisfies(p -> assertThat(p.getTags()).isEmpty());

        String stored = db.sql("SELECT category::text || ':' || pg_typeof(category)::text AS c FROM product WHERE name = 'Odd'")
                .map(row -> row.get("c", String.class)).one().block(TIMEOUT);
        assertThat(stored).isEqualTo("BOOK:product_category");
    }

    @Test
    void staleVersionIsAConflict() {
        Product created = create("Dune", Category.BOOK, "12.50");
        Product first = copyWithPrice(created, "11.00");
        client.put().uri("/products/{id}", created.getId()).bodyValue(first).exchange().expectStatus().isOk();

        Product stale = copyWithPrice(created, "10.00"); // still version 0
        client.put().uri("/products/{id}", created.getId()).bodyValue(stale)
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT);

        Product now = client.get().uri("/products/{id}", created.getId()).exchange()
                .expectBody(Product.class).returnResult().getResponseBody();
        assertThat(now.getPrice()).isEqualByComparingTo("11.00");
        assertThat(now.getVersion()).isEqualTo(1L);
    }

    @Test
    void duplicateNameIsAConflict() {
        create("Dune", Category.BOOK, "12.50");
        client.post().uri("/products")
                .bodyValue(new Product("Dune", Category.GAME, BigDecimal.ONE, List.of()))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT);
        client.get().uri("/products/count?category=GAME").exchange().expectBody(Long.class).isEqualTo(0L);
    }

    @Test
    void transactionCommitsRepositoryAndDatabaseClientTogether() {
        Product saved = client.post().uri("/products/audited")
                .bodyValue(new ProductController.AuditedProduct(
                        new Product("Dune", Category.BOOK, BigDecimal.TEN, List.of()), "first edition"))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CREATED)
                .expectBody(Product.class).returnResult().getResponseBody();
        // The audit row references the product by a foreign key: it could only be inserted on the
        // transaction's own connection, which sees the uncommitted product.
        client.get().uri("/products/{id}/audit-count", saved.getId()).exchange()
                .expectStatus().isOk()
                .expectBody(Long.class).isEqualTo(1L);
    }

    @Test
    void transactionRollsBackTheRepositorySaveWhenDatabaseClientFails() {
        create("Other", Category.BOOK, "1");
        client.post().uri("/products/audited")
                .bodyValue(new ProductController.AuditedProduct(
                        new Product("Dune", Category.BOOK, BigDecimal.TEN, List.of()), "   "))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.BAD_REQUEST);

        client.get().uri("/products/named/Dune").exchange().expectStatus().isNotFound();
        client.get().uri("/products/count?category=BOOK").exchange().expectBody(Long.class).isEqualTo(1L);
        Long audits = db.sql("SELECT count(*) AS c FROM audit").map(row -> row.get("c", Long.class)).one().block(TIMEOUT);
        assertThat(audits).isZero();
        // The pool's connection came back usable: the next transaction commits.
        transactionCommitsRepositoryAndDatabaseClientTogether();
    }

    @Test
    void entityTemplateWithCriteria() {
        create("Cheap book", Category.BOOK, "10.00");
        create("Dear book", Category.BOOK, "30.00");
        create("Mid book", Category.BOOK, "20.00");
        create("Cheap game", Category.GAME, "5.00");

        assertThat(names(list("/products/cheap?category=BOOK&maxPrice=20"))).containsExactly("Cheap book", "Mid book");

        client.patch().uri("/products/discount?category=BOOK&percent=10").exchange()
                .expectStatus().isOk()
                .expectBody(Long.class).isEqualTo(3L);
        assertThat(list("/products?category=BOOK")).extracting(Product::getPrice)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("9.00"), new BigDecimal("18.00"), new BigDecimal("27.00"));
        assertThat(list("/products?category=GAME")).extracting(Product::getPrice)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("5.00"));
    }

    private static Product copyWithPrice(Product p, String price) {
        Product copy = new Product(p.getName(), p.getCategory(), new BigDecimal(price), p.getTags());
        copy.setVersion(p.getVersion());
        return copy;
    }
}
