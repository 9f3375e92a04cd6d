package dev.sendmail.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DsnTest {

    private static final Dsn ACCOUNT = new Dsn(Set.of(Dsn.Notify.FAILURE), Optional.of(Dsn.Ret.HDRS), Optional.empty(),
            false);

    @Test
    void eachValueGivenReplacesItsParameterAndTheOthersStay() {
        assertEquals(new Dsn(Set.of(Dsn.Notify.SUCCESS, Dsn.Notify.DELAY), Optional.of(Dsn.Ret.HDRS),
                Optional.of("id-1"), false), ACCOUNT.with(Optional.of("success, delay"), Optional.empty(),
                Optional.of(" id-1 ")));
        assertEquals(new Dsn(Set.of(Dsn.Notify.FAILURE), Optional.of(Dsn.Ret.FULL), Optional.empty(), false),
                ACCOUNT.with(Optional.empty(), Optional.of("FULL"), Optional.empty()));
        assertEquals(ACCOUNT, ACCOUNT.with(Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @Test
    void badValuesAreRefusedNamingTheParameter() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Dsn.NONE.with(Optional.of("sometimes"),
                Optional.empty(), Optional.empty())).getMessage().startsWith("unknown DSN NOTIFY value 'sometimes'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Dsn.NONE.with(Optional.of("never,success"),
                Optional.empty(), Optional.empty())).getMessage().contains("never cannot be combined"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Dsn.NONE.with(Optional.empty(),
                Optional.of("body"), Optional.empty())).getMessage().startsWith("unknown DSN RET value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Dsn.NONE.with(Optional.empty(),
                Optional.empty(), Optional.of("has space"))).getMessage().startsWith("DSN envelope id"));
    }
}
