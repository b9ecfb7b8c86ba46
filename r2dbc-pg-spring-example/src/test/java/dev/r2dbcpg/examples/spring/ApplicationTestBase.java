package dev.r2dbcpg.examples.spring;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The application on a random port over the embedded server, driven through {@link WebTestClient}; the
 * tables are emptied before each test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ApplicationTestBase {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Value("${local.server.port}")
    int port;

    @Autowired
    DatabaseClient db;

    WebTestClient client;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EmbeddedServerProperties.register(registry);
    }

    @BeforeEach
    void emptyTablesAndConnect() {
        db.sql("TRUNCATE audit, product RESTART IDENTITY").then().block(TIMEOUT);
        client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(TIMEOUT).build();
    }

    /** Creates a product through the API and returns it as the server answered. */
    Product create(String name, Category category, String price, String... tags) {
        Product created = client.post().uri("/products")
                .bodyValue(new Product(name, category, new BigDecimal(price), List.of(tags)))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CREATED)
                .expectBody(Product.class)
                .returnResult()
                .getResponseBody();
        if (created == null || created.getId() == null) {
            throw new AssertionError("POST /products answered no id: " + created);
        }
        return created;
    }

    /** The names of products, in order. */
    static List<String> names(List<Product> products) {
        return products.stream().map(Product::getName).toList();
    }

    /** GETs a list of products. */
    List<Product> list(String uri, Object... variables) {
        return client.get().uri(uri, variables)
                .exchange()
                .expectStatus().isOk()
                .expectBodyList(Product.class)
                .returnResult()
                .getResponseBody();
    }
}
