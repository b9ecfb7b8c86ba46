package dev.r2dbcpg.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.table;

import dev.r2dbcpg.testing.PostgresFixture;
import dev.r2dbcpg.testing.PostgresServer;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record3;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jooq.tools.jdbc.JDBCUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * jOOQ's reactive API over r2dbc-pg, used as jOOQ users use it: {@code DSL.using(connectionFactory)} with
 * the factory from an {@code r2dbc:postgresql://} URL, and reactive-streams publishers of jOOQ queries.
 */
final class JooqIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final Table<Record> CUSTOMER = table(name("jooq_customer"));
    private static final Field<Integer> CUSTOMER_ID = field(name("jooq_customer", "id"), SQLDataType.INTEGER);
    private static final Field<String> CUSTOMER_NAME = field(name("jooq_customer", "name"), SQLDataType.VARCHAR);

    private static final Table<Record> ORDERS = table(name("jooq_order"));
    private static final Field<Long> ID = field(name("jooq_order", "id"), SQLDataType.BIGINT);
    private static final Field<Integer> ORDER_CUSTOMER = field(name("jooq_order", "customer_id"), SQLDataType.INTEGER);
    private static final Field<LocalDate> DUE = field(name("jooq_order", "due"), SQLDataType.LOCALDATE);
    private static final Field<BigDecimal> AMOUNT = field(name("jooq_order", "amount"), SQLDataType.NUMERIC(12, 2));
    private static final Field<UUID> REF = field(name("jooq_order", "ref"), SQLDataType.UUID);
    private static final Field<OffsetDateTime> PLACED = field(name("jooq_order", "placed"), SQLDataType.OFFSETDATETIME);
    private static final Field<String> NOTE = field(name("jooq_order", "note"), SQLDataType.VARCHAR);

    private static ConnectionFactory connectionFactory;
    private static DSLContext ctx;

    @BeforeAll
    static void connect() {
        PostgresServer server = PostgresFixture.shared();
        connectionFactory = ConnectionFactories.get(server.r2dbcUrl());
        ctx = DSL.using(connectionFactory);
    }

    @BeforeEach
    void createTables() {
        block(Flux.from(ctx.query("DROP TABLE IF EXISTS jooq_order, jooq_customer")));
        block(Flux.from(ctx.query("CREATE TABLE jooq_customer (id int PRIMARY KEY, name varchar NOT NULL)")));
        block(Flux.from(ctx.query("CREATE TABLE jooq_order (id bigserial PRIMARY KEY,"
                + " customer_id int NOT NULL REFERENCES jooq_customer (id), due date, amount numeric(12, 2),"
                + " ref uuid, placed timestamptz, note varchar CHECK (note <> ''))")));
        block(Flux.from(ctx.insertInto(CUSTOMER, CUSTOMER_ID, CUSTOMER_NAME)
                .values(1, "Ada").values(2, "Grace").values(3, "Edsger")));
    }

    @Test
    void dialectComesFromTheMetadata() {
        assertThat(connectionFactory.getMetadata().getName()).isEqualTo("PostgreSQL");
        assertThat(JDBCUtils.dialect(connectionFactory)).isEqualTo(SQLDialect.POSTGRES);
        assertThat(ctx.dialect()).isEqualTo(SQLDialect.POSTGRES);
        SQLDialect fromConnection = Mono.usingWhen(connectionFactory.create(),
                        (Connection c) -> Mono.just(JDBCUtils.dialect(c)), Connection::close)
                .block(TIMEOUT);
        assertThat(fromConnection).isEqualTo(SQLDialect.POSTGRES);
    }

    @Test
    void insertReturningOneRowAndMany() {
        Record one = Mono.from(ctx.insertInto(ORDERS, ORDER_CUSTOMER, NOTE)
                        .values(1, "first")
                        .returning(ID, NOTE))
                .block(TIMEOUT);
        assertThat(one.get(ID)).isEqualTo(1L);
        assertThat(one.get(NOTE)).isEqualTo("first");

        List<Long> many = Flux.from(ctx.insertInto(ORDERS, ORDER_CUSTOMER, NOTE)
                        .values(1, "a").values(2, "b").values(3, "c")
                        .returning(ID))
                .map(r -> r.get(ID))
                .collectList()
                .block(TIMEOUT);
        assertThat(many).containsExactly(2L, 3L, 4L);
    }

    @Test
    void typedBindsRoundTrip() {
        LocalDate due = LocalDate.of(2024, 2, 29);
        BigDecimal amount = new BigDecimal("1234567890.12");
        UUID ref = UUID.fromString("0b9e8f5e-2f7d-4a8e-9c3b-7b2d5f1e6a90");
        OffsetDateTime placed = OffsetDateTime.of(2024, 2, 29, 23, 30, 15, 123456000, ZoneOffset.ofHours(-5));

        Long id = Mono.from(ctx.insertInto(ORDERS, ORDER_CUSTOMER, DUE, AMOUNT, REF, PLACED, NOTE)
                        .values(1, due, amount, ref, placed, null)
                        .returning(ID))
                .map(r -> r.get(ID))
                .block(TIMEOUT);

        Record row = Mono.from(ctx.select(DUE, AMOUNT, REF, PLACED, NOTE)
                        .from(ORDERS)
                        .where(ID.eq(id).and(DUE.eq(due)).and(REF.eq(ref)).and(AMOUNT.eq(amount))
                                .and(PLACED.eq(placed)).and(NOTE.isNull())))
                .block(TIMEOUT);
        assertThat(row).as("the row, found by binds of each type").isNotNull();
        assertThat(row.get(DUE)).isEqualTo(due);
        assertThat(row.get(AMOUNT)).isEqualByComparingTo(amount);
        assertThat(row.get(REF)).isEqualTo(ref);
        assertThat(row.get(PLACED).toInstant()).isEqualTo(placed.toInstant());
        assertThat(row.get(NOTE)).isNull();

        // A NULL of each type, bound as a typed NULL.
        Long nulls = Mono.from(ctx.insertInto(ORDERS, ORDER_CUSTOMER, DUE, AMOUNT, REF, PLACED)
                        .values(2, (LocalDate) null, (BigDecimal) null, (UUID) null, (OffsetDateTime) null)
                        .returning(ID))
                .map(r -> r.get(ID))
                .block(TIMEOUT);
        Record empty = Mono.from(ctx.select(DUE, AMOUNT, REF, PLACED).from(ORDERS).where(ID.eq(nulls))).block(TIMEOUT);
        assertThat(empty.intoArray()).containsOnlyNulls();
    }

    @Test
    void updateAndDeleteCounts() {
        block(Flux.from(ctx.insertInto(ORDERS, ORDER_CUSTOMER, AMOUNT)
                .values(1, BigDecimal.ONE).values(1, BigDecimal.TEN).values(2, BigDecimal.ONE)));

        Integer updated = Mono.from(ctx.update(ORDERS).set(AMOUNT, AMOUNT.plus(1)).where(ORDER_CUSTOMER.eq(1)))
                .block(TIMEOUT);
        assertThat(updated).isEqualTo(2);
        Integer none = Mono.from(ctx.update(ORDERS).set(AMOUNT, BigDecimal.ZERO).where(ORDER_CUSTOMER.eq(3)))
                .block(TIMEOUT);
        assertThat(none).isZero();
        Integer deleted = Mono.from(ctx.deleteFrom(ORDERS).where(AMOUNT.gt(new BigDecimal("1.50")))).block(TIMEOUT);
        assertThat(deleted).isEqualTo(2);
        assertThat(Mono.from(ctx.selectCount().from(ORDERS)).map(r -> r.value1()).block(TIMEOUT)).isEqualTo(1);
    }

    @Test
    void transactionPublisherCommits() {
        Flux.from(ctx.transactionPublisher(tx -> Flux
                        .from(tx.dsl().insertInto(ORDERS, ORDER_CUSTOMER, NOTE).values(1, "in tx"))
                        .thenMany(tx.dsl().insertInto(ORDERS, ORDER_CUSTOMER, NOTE).values(2, "also"))))
                .collectList()
                .block(TIMEOUT);
        assertThat(orderNotes()).containsExactlyInAnyOrder("in tx", "also");
    }

    @Test
    void transactionPublisherRollsBackOnError() {
        Mono<List<Integer>> failing = Flux.from(ctx.transactionPublisher(tx -> Flux
                        .from(tx.dsl().insertInto(ORDERS, ORDER_CUSTOMER, NOTE).values(1, "rolled back"))
                        .thenMany(tx.dsl().insertInto(ORDERS, ORDER_CUSTOMER, NOTE).values(1, ""))))
                .collectList();
        assertThatThrownBy(() -> failing.block(TIMEOUT))
                .isInstanceOf(DataAccessException.class)
                .satisfies(e -> assertThat(((DataAccessException) e).sqlState()).isEqualTo("23514"));
        assertThat(orderNotes()).isEmpty();
    }

    @Test
    void batchWithBindValues() {
        List<Integer> counts = Flux.from(ctx.batch(ctx.insertInto(ORDERS, ORDER_CUSTOMER, AMOUNT, NOTE)
                                .values((Integer) null, (BigDecimal) null, (String) null))
                        .bind(1, new BigDecimal("1.00"), "x")
                        .bind(2, new BigDecimal("2.00"), "y")
                        .bind(3, new BigDecimal("3.00"), null))
                .collectList()
                .block(TIMEOUT);
        assertThat(counts).containsExactly(1, 1, 1);
        assertThat(Mono.from(ctx.select(sum(AMOUNT)).from(ORDERS)).map(r -> r.value1()).block(TIMEOUT))
                .isEqualByComparingTo("6.00");
    }

    @Test
    void joinWithGroupByAndAggregates() {
        block(Flux.from(ctx.insertInto(ORDERS, ORDER_CUSTOMER, AMOUNT)
                .values(1, new BigDecimal("10.00")).values(1, new BigDecimal("5.50")).values(2, new BigDecimal("7.25"))));

        List<Record3<String, Integer, BigDecimal>> rows = Flux.from(ctx
                        .select(CUSTOMER_NAME, count(), sum(AMOUNT))
                        .from(CUSTOMER)
                        .leftJoin(ORDERS).on(ORDER_CUSTOMER.eq(CUSTOMER_ID))
                        .groupBy(CUSTOMER_NAME)
                        .orderBy(CUSTOMER_NAME))
                .collectList()
                .block(TIMEOUT);
        // count(*) is bigint in PostgreSQL; jOOQ's count() is a Field<Integer> and reads it as Integer.
        assertThat(rows).extracting(Record3::value1).containsExactly("Ada", "Edsger", "Grace");
        assertThat(rows).extracting(Record3::value2).containsExactly(2, 1, 1);
        assertThat(rows.get(0).value3()).isEqualByComparingTo("15.50");
        assertThat(rows.get(1).value3()).isNull();
        assertThat(rows.get(2).value3()).isEqualByComparingTo("7.25");
    }

    @Test
    void streamingPlainSqlWithAnEarlyTake() {
        List<Integer> first = Flux.from(ctx.resultQuery("SELECT n FROM generate_series(1, 1000000) AS n"))
                .take(5)
                .map(r -> r.get(0, Integer.class))
                .collectList()
                .block(TIMEOUT);
        assertThat(first).containsExactly(1, 2, 3, 4, 5);
        // The cancelled query left the factory usable.
        assertThat(Mono.from(ctx.resultQuery("SELECT {0}::int", 42)).map(r -> r.get(0, Integer.class)).block(TIMEOUT))
                .isEqualTo(42);
    }

    @Test
    void sqlStateSeenByJooq() {
        Mono<Integer> duplicate = Mono.from(ctx.insertInto(CUSTOMER, CUSTOMER_ID, CUSTOMER_NAME).values(1, "again"));
        assertThatThrownBy(() -> duplicate.block(TIMEOUT))
                .isInstanceOf(DataAccessException.class)
                .satisfies(e -> assertThat(((DataAccessException) e).sqlState()).isEqualTo("23505"));

        Mono<Record> undefined = Mono.from(ctx.resultQuery("SELECT no_such_column FROM jooq_customer"));
        assertThatThrownBy(() -> undefined.block(TIMEOUT))
                .isInstanceOf(DataAccessException.class)
                .satisfies(e -> assertThat(((DataAccessException) e).sqlState()).isEqualTo("42703"));
    }

    private static List<String> orderNotes() {
        return Flux.from(ctx.select(NOTE).from(ORDERS)).map(r -> r.value1()).collectList().block(TIMEOUT);
    }

    private static void block(Flux<?> publisher) {
        publisher.then().block(TIMEOUT);
    }
}
