package dev.r2dbcpg.examples.spring;

import java.math.BigDecimal;
import java.util.Collection;
import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Products through Spring Data: CRUD, derived queries and {@code @Query} with named parameters. */
public interface ProductRepository extends ReactiveCrudRepository<Product, Long> {

    /** Derived: the products of a category, cheapest first. */
    Flux<Product> findByCategoryOrderByPriceAsc(Category category);

    /** Derived: the products priced within the bounds (inclusive), by name. */
    Flux<Product> findByPriceBetweenOrderByName(BigDecimal from, BigDecimal to);

    /** Derived: the product of that name, if any. */
    Mono<Product> findByName(String name);

    /** Derived: how many products a category has. */
    Mono<Long> countByCategory(Category category);

    /** Named parameters, one of them a list expanded into {@code IN (...)}. */
    @Query("SELECT * FROM product WHERE category IN (:categories) AND price <= :maxPrice ORDER BY name")
    Flux<Product> findInCategoriesUpTo(@Param("categories") Collection<Category> categories,
            @Param("maxPrice") BigDecimal maxPrice);

    /** A named parameter compared with the elements of the {@code text[]} column. */
    @Query("SELECT * FROM product WHERE :tag = ANY(tags) ORDER BY name")
    Flux<Product> findTagged(@Param("tag") String tag);
}
