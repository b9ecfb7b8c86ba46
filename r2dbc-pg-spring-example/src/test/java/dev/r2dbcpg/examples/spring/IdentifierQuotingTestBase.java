package dev.r2dbcpg.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.data.r2dbc.core.R2dbcEntityTemplate;
import org.springframework.data.r2dbc.mapping.R2dbcMappingContext;
import org.springframework.http.HttpStatus;

/**
 * The writes whose SQL Spring Data renders with or without quoted identifiers: inserts that read back the
 * generated key ({@code Statement.returnGeneratedValues("\"id\"")} or {@code ("id")}), versioned updates,
 * derived queries and the template. Each subclass runs them with quoting forced one way.
 */
abstract class IdentifierQuotingTestBase extends ApplicationTestBase {

    @Autowired
    R2dbcMappingContext mappingContext;

    @Autowired
    R2dbcEntityTemplate template;

    /** Whether this class runs with quoted identifiers. */
    abstract boolean quoted();

    /** Sets the mapping context's quoting before Spring Data reads any entity. */
    static BeanPostProcessor forceQuote(boolean quote) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof R2dbcMappingContext context) {
                    context.setForceQuote(quote);
                }
                return bean;
            }
        };
    }

    @Test
    void quotingIsAsConfigured() {
        assertThat(mappingContext.isForceQuote()).isEqualTo(quoted());
    }

    @Test
    void repositoryInsertReadsTheGeneratedKeyAndUpdatesByVersion() {
        Product created = create("Dune", Category.BOOK, "12.50", "sci-fi");
        assertThat(created.getId()).isEqualTo(1L);
        assertThat(created.getVersion()).isZero();

        created.setPrice(new BigDecimal("9.00"));
        client.put().uri("/products/{id}", created.getId()).bodyValue(created).exchange().expectStatus().isOk();
        client.put().uri("/products/{id}", created.getId()).bodyValue(created)
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT);
        assertThat(names(list("/products?category=BOOK"))).containsExactly("Dune");
    }

    @Test
    void templateInsertReadsTheGeneratedKey() {
        Product saved = template.insert(new Product("Go", Category.GAME, BigDecimal.ONE, List.of("board")))
                .block(TIMEOUT);
        assertThat(saved).isNotNull();
        assertThat(saved.getId()).isEqualTo(1L);
        assertThat(names(list("/products/cheap?category=GAME&maxPrice=1"))).containsExactly("Go");
    }

    @Test
    void databaseClientReturnsGeneratedValuesAsTheCallerNamesThem() {
        String column = quoted() ? "\"id\"" : "id";
        Long id = db.sql("INSERT INTO product (name, category, price, version) VALUES (:name, :category, 1, 0)")
                .bind("name", "Saw")
                .bind("category", "TOOL")
                .filter(statement -> statement.returnGeneratedValues(column))
                .map(row -> row.get("id", Long.class))
                .one()
                .block(TIMEOUT);
        assertThat(id).isEqualTo(1L);
    }
}
