package dev.r2dbcpg.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A WebFlux and Spring Data R2DBC application over r2dbc-pg and its pool, configured by
 * {@code spring.r2dbc.*} properties alone (see {@code application.properties}).
 */
@SpringBootApplication
public class SpringExampleApplication {

    /**
     * Starts the application.
     *
     * @param args Spring Boot's command line arguments ({@code --spring.r2dbc.url=...})
     */
    public static void main(String[] args) {
        SpringApplication.run(SpringExampleApplication.class, args);
    }
}
