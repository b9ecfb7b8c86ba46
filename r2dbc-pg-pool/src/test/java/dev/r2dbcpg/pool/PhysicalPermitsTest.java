package dev.r2dbcpg.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

class PhysicalPermitsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void waiterIsGrantedOnlyWhenAConnectionCloses() {
        PhysicalPermits permits = new PhysicalPermits(1);
        PhysicalPermits.Permit first = permits.permit();
        StepVerifier.create(first.acquire()).expectComplete().verify(WAIT);
        first.transfer();
        PhysicalPermits.Permit second = permits.permit();
        boolean[] granted = {false};
        second.acquire().subscribe(null, null, () -> granted[0] = true);
        assertThat(granted[0]).isFalse();
        first.abandon();              // already owned by its connection: nothing happens
        assertThat(granted[0]).isFalse();
        first.close();
        assertThat(granted[0]).isTrue();
        assertThat(permits.held()).isEqualTo(1);
    }

    @Test
    void cancelledWaiterAndFailedConnectGiveTheirPermitBack() {
        PhysicalPermits permits = new PhysicalPermits(1);
        PhysicalPermits.Permit holder = permits.permit();
        holder.acquire().subscribe();
        PhysicalPermits.Permit cancelled = permits.permit();
        Disposable waiting = cancelled.acquire().subscribe();
        waiting.dispose();
        holder.abandon();             // the connect failed before a connection existed
        assertThat(permits.held()).isZero();
        PhysicalPermits.Permit next = permits.permit();
        StepVerifier.create(next.acquire()).expectComplete().verify(WAIT);
        next.abandon();
        next.abandon();
        assertThat(permits.held()).isZero();
    }
}
