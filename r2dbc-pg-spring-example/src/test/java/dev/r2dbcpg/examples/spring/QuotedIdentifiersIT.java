package dev.r2dbcpg.examples.spring;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Spring Data R2DBC with quoted identifiers (Spring Boot 4's default; forced here for Boot 3.5 too). */
class QuotedIdentifiersIT extends IdentifierQuotingTestBase {

    @TestConfiguration(proxyBeanMethods = false)
    static class Quoting {
        @Bean
        static BeanPostProcessor quoteIdentifiers() {
            return forceQuote(true);
        }
    }

    @Override
    boolean quoted() {
        return true;
    }
}
