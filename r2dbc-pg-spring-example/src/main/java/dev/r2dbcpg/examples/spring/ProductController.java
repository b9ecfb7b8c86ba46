package dev.r2dbcpg.examples.spring;

import java.math.BigDecimal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The HTTP API: products under {@code /products}, generated rows under {@code /numbers}. */
@RestController
@RequestMapping
public class ProductController {

    private final ProductRepository products;
    private final ProductService service;

    ProductController(ProductRepository products, ProductService service) {
        this.products = products;
        this.service = service;
    }

    /** A product and its audit note, created together or not at all. */
    public record AuditedProduct(Product product, String note) {
    }

    @PostMapping("/products")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Product> create(@RequestBody Product product) {
        product.setId(null);
        product.setVersion(null);
        return products.save(product);
    }

    @PostMapping("/products/audited")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Product> createAudited(@RequestBody AuditedProduct request) {
        request.product().setId(null);
        request.product().setVersion(null);
        return service.createAudited(request.product(), request.note());
    }

    @GetMapping("/products/{id}")
    Mono<Product> get(@PathVariable long id) {
        return products.findById(id).switchIfEmpty(notFound(id));
    }

    @GetMapping("/products/{id}/audit-count")
    Mono<Long> auditCount(@PathVariable long id) {
        return service.auditCount(id);
    }

    /** Replaces a product; the body's {@code version} must be the stored one, or the answer is 409. */
    @PutMapping("/products/{id}")
    Mono<Product> update(@PathVariable long id, @RequestBody Product product) {
        if (product.getVersion() == null) {
            return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST, "version is required"));
        }
        product.setId(id);
        return products.existsById(id)
                .flatMap(exists -> exists ? products.save(product) : notFound(id));
    }

    @DeleteMapping("/products/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable long id) {
        return products.deleteById(id);
    }

    @GetMapping("/products")
    Flux<Product> byCategory(@RequestParam Category category) {
        return products.findByCategoryOrderByPriceAsc(category);
    }

    @GetMapping("/products/priced")
    Flux<Product> priced(@RequestParam BigDecimal from, @RequestParam BigDecimal to) {
        return products.findByPriceBetweenOrderByName(from, to);
    }

    @GetMapping("/products/named/{name}")
    Mono<Product> named(@PathVariable String name) {
        return products.findByName(name).switchIfEmpty(Mono.error(
                new ResponseStatusException(HttpStatus.NOT_FOUND, "no product named " + name)));
    }

    @GetMapping("/products/count")
    Mono<Long> count(@RequestParam Category category) {
        return products.countByCategory(category);
    }

    @GetMapping("/products/search")
    Flux<Product> search(@RequestParam List<Category> categories, @RequestParam BigDecimal maxPrice) {
        return products.findInCategoriesUpTo(categories, maxPrice);
    }

    @GetMapping("/products/tagged/{tag}")
    Flux<Product> tagged(@PathVariable String tag) {
        return products.findTagged(tag);
    }

    @GetMapping("/products/cheap")
    Flux<Product> cheap(@RequestParam Category category, @RequestParam BigDecimal maxPrice) {
        return service.cheap(category, maxPrice);
    }

    @PatchMapping("/products/discount")
    Mono<Long> discount(@RequestParam Category category, @RequestParam int percent) {
        if (percent < 0 || percent > 100) {
            return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST, "percent must be 0..100"));
        }
        return service.discount(category, percent);
    }

    /** Streams {@code count} rows as newline-delimited JSON, as fast as the client reads them. */
    @GetMapping(path = "/numbers", produces = MediaType.APPLICATION_NDJSON_VALUE)
    Flux<NumberRow> numbers(@RequestParam int count) {
        if (count < 0) {
            return Flux.error(new ResponseStatusException(HttpStatus.BAD_REQUEST, "count must be >= 0"));
        }
        return service.numbers(count);
    }

    private static <T> Mono<T> notFound(long id) {
        return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "no product " + id));
    }
}
