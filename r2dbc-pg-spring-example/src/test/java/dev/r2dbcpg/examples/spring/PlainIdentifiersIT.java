package dev.r2dbcpg.examples.spring;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Spring Data R2DBC with quoting off (Spring Boot 3's default; forced here for Boot 4 too). */
class PlainIdentifiersIT extends IdentifierQuotingTestBase {

    @TestConfiguration(proxyBeanMethods = false)
    static class Quoting {
        @Bean
        static BeanPostProcessor plainIdentifiers() {
            return forceQuote(false);
        }
    }

    @Override
    boolean quoted() {
        return false;
    }
}
