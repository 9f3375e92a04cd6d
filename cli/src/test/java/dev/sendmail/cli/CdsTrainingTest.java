package dev.sendmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CdsTrainingTest {

    @Test
    void everyTrainingSendIsAcceptedByTheLoopbackResponder() throws Exception {
        assertEquals(4, CdsTraining.train(), "with and without a configuration file, -t, with and without a HELO name");
    }
}
