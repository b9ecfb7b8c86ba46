package dev.r2dbcpg.core.auth;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class Md5PasswordTest {

    /** Expected values from PostgreSQL: {@code select 'md5' || md5(convert_to(md5(pw || user), 'UTF8') || salt)}. */
    @Test
    void encodesAsPostgresMd5() {
        assertThat(new String(Md5Password.encode("alice", "secret".toCharArray(), new byte[] {1, 2, 3, 4}), US_ASCII))
                .isEqualTo("md598a0412b9c31436fc53776e863350083");
    }

    @Test
    void encodesNonAsciiPasswordAsUtf8() {
        byte[] salt = {(byte) 0xDE, (byte) 0xAD, (byte) 0xBE, (byte) 0xEF};

        assertThat(new String(Md5Password.encode("bob", "p\u00E4ssw\u00F6rd\u20AC".toCharArray(), salt), US_ASCII))
                .isEqualTo("md554354324779e10e4c1287dc46b03577c");
    }

    @Test
    void leavesCallersPasswordUntouched() {
        char[] password = "secret".toCharArray();
        Md5Password.encode("alice", password, new byte[4]);

        assertThat(password).containsExactly('s', 'e', 'c', 'r', 'e', 't');
    }

    @Test
    void rejectsSaltOfWrongLength() {
        assertThatIllegalArgumentException().isThrownBy(() -> Md5Password.encode("alice", "x".toCharArray(), new byte[3]));
    }
}
