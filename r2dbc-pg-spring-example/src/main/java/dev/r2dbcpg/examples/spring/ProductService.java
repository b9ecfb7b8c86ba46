package dev.r2dbcpg.examples.spring;

import static org.springframework.data.relational.core.query.Criteria.where;
import static org.springframework.data.relational.core.query.Query.query;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.springframework.data.domain.Sort;
import org.springframework.data.r2dbc.core.R2dbcEntityTemplate;
import org.springframework.data.relational.core.query.Update;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the controller needs beyond plain repository calls: a transaction spanning the repository and
 * {@link DatabaseClient}, {@link R2dbcEntityTemplate} with {@code Criteria}, and a streamed query.
 */
@Service
public class ProductService {

    private final ProductRepository products;
    private final DatabaseClient db;
    private final R2dbcEntityTemplate template;

    ProductService(ProductRepository products, DatabaseClient db, R2dbcEntityTemplate template) {
        this.products = products;
        this.db = db;
        this.template = template;
    }

    /**
     * Saves a product and its audit note in one transaction: when the note is refused (the
     * {@code audit_note_not_blank} check), the product is rolled back too.
     *
     * @param product a new product
     * @param note the audit note, not blank
     * @return the saved product
     */
    @Transactional
    public Mono<Product> createAudited(Product product, String note) {
        return products.save(product)
                .flatMap(saved -> db.sql("INSERT INTO audit (product_id, note) VALUES (:id, :note)")
                        .bind("id", saved.getId())
                        .bind("note", note)
                        .fetch()
                        .rowsUpdated()
                        .thenReturn(saved));
    }

    /** The number of audit rows for a product, through {@link DatabaseClient}. */
    public Mono<Long> auditCount(long productId) {
        return db.sql("SELECT count(*) AS c FROM audit WHERE product_id = :id")
                .bind("id", productId)
                .map(row -> row.get("c", Long.class))
                .one();
    }

    /** Products of a category up to a price, cheapest first, through the template and {@code Criteria}. */
    public Flux<Product> cheap(Category category, BigDecimal maxPrice) {
        return template.select(Product.class)
                .matching(query(where("category").is(category).and("price").lessThanOrEquals(maxPrice))
                        .sort(Sort.by("price", "name")))
                .all();
    }

    /**
     * Lowers the price of every product of a category by a percentage, through the template.
     *
     * @return the number of products changed
     */
    public Mono<Long> discount(Category category, int percent) {
        return template.select(Product.class)
                .matching(query(where("category").is(category)))
                .all()
                .concatMap(p -> template.update(Product.class)
                        .matching(query(where("id").is(p.getId())))
                        .apply(Update.update("price", p.getPrice()
                                .multiply(BigDecimal.valueOf(100 - percent))
                                .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP))))
                .reduce(0L, Long::sum);
    }

    /**
     * Rows made by the server, read as the subscriber asks for them.
     *
     * @param count how many rows, from 1
     */
    public Flux<NumberRow> numbers(int count) {
        return db.sql("SELECT n, md5(n::text) AS hash FROM generate_series(1, :count) AS n")
                .bind("count", count)
                .map(row -> new NumberRow(row.get("n", Integer.class), row.get("hash", String.class)))
                .all();
    }
}
